// The Markdown reader feature by feature: front matter, raw HTML, slides, tables, mentions, titles, lists, repairs.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <thread>
#include <utility>
#include <vector>

#include "helpers.hpp"

using namespace md_test;
using minutes::ir::BlockKind;
using minutes::ir::InlineKind;
using minutes::ir::plain_text;

TEST_CASE("YAML front matter becomes metadata, never text; title, date and language come from it") {
  auto m = read(
      "---\ntitle: Team IaaS\ndate: 2023-05-03\nlang: de\ntags: [a, b]\nslideOptions:\n  theme: white\n---\n\nHello\n",
      "notes.md");
  CHECK(m.metadata["title"] == "Team IaaS");
  CHECK(m.metadata["tags"] == "a, b");
  CHECK(m.metadata["slideOptions.theme"] == "white");
  CHECK(m.title == "Team IaaS");
  REQUIRE(m.date);
  CHECK(minutes::ir::iso(*m.date) == "2023-05-03");
  CHECK(m.language == "de");
  REQUIRE(m.blocks.size() == 1);  // only "Hello": nothing of the YAML shows
  CHECK(plain_text(m.blocks[0]) == "Hello");
  CHECK(m.blocks[0].line == 10);  // lines still count from the top of the file
}

TEST_CASE("bad YAML front matter is a warning, not a crash; its text is read as Markdown so no word is lost") {
  auto m = read("---\ntitle: [unclosed\n  - : :\n---\n# 2023-01-02\ntext\n");
  CHECK(has_message(m, "front matter"));
  for (const auto& d : m.diagnostics) CHECK(d.severity != minutes::ir::Severity::error);
  CHECK(m.metadata.empty());
  CHECK(m.title == "2023-01-02");
  std::string all;
  for (const auto& b : m.blocks) all += plain_text(b) + "\n";
  CHECK(all.find("unclosed") != std::string::npos);
  auto deep = read("---\nx: " + std::string(100000, '[') + "\n---\nok\n");
  CHECK(has_message(deep, "front matter"));
  // Blank lines before the opening fence are tolerated.
  auto late = read("\n---\n\ntitle: SCS Community Call\ntype: slide\n---\n\nHello\n---\n\nWorld\n");
  CHECK(late.metadata["type"] == "slide");
  CHECK(late.title == "SCS Community Call");
  REQUIRE(late.blocks.size() == 2);
  CHECK(plain_text(late.blocks[0]) == "Hello");
  // Two rules around plain text are not front matter.
  auto rules = read("---\n\nJust text\n\n---\n\nMore\n");
  CHECK(rules.metadata.empty());
  REQUIRE(rules.blocks.size() == 2);
  CHECK(plain_text(rules.blocks[0]) == "Just text");
}

TEST_CASE("raw HTML: visible text kept, style/script/comments dropped, <br> a line break, <a> a link") {
  auto m = read(
      "<style>\n.slides h1 { color: red; }\n</style>\n\n"
      "<!-- .slide: data-background=\"x.jpg\" -->\n"
      "# <font color=\"#50c3a5\">Sovereign</font> <font color=\"#0f5fe1\">Cloud Stack</font>\n\n"
      "<center>\nBig <b>news</b> &amp; more<br>second line\n</center>\n\n"
      "<script>alert('no')</script>\n\n"
      "See <a href=\"https://scs.community\">the site</a> now<br/>and <!-- hidden --> then.\n");
  CHECK(m.title == "Sovereign Cloud Stack");
  REQUIRE(m.blocks.size() == 2);
  const auto& html = m.blocks[0];
  CHECK(html.kind == BlockKind::html);
  CHECK(html.raw.find("<center>") != std::string::npos);
  CHECK(plain_text(html) == "Big news & more\nsecond line");
  const auto& p = m.blocks[1].inlines;
  CHECK(plain_text(m.blocks[1]) == "See the site now\nand  then.");
  auto link = std::find_if(p.begin(), p.end(), [](const auto& in) { return in.kind == InlineKind::link; });
  REQUIRE(link != p.end());
  CHECK(link->url == "https://scs.community");
  CHECK(plain_text(link->children) == "the site");
  for (const auto& b : m.blocks) CHECK(plain_text(b).find("color") == std::string::npos);
}

TEST_CASE("slide separators are not content and do not make setext headings") {
  auto m = read(
      "---\ntype: slide\n---\n\n# SCS Community Call 2024-02-08\n\nWelcome\n---\n\n# Roles\n\nText\n\n----\n\nMore\n");
  CHECK(m.title == "SCS Community Call 2024-02-08");
  REQUIRE(m.blocks.size() == 1);
  CHECK(plain_text(m.blocks[0]) == "Welcome");  // not a setext heading "Welcome"
  REQUIRE(m.sections.size() == 1);
  CHECK(m.sections[0].title == "Roles");
  REQUIRE(m.sections[0].blocks.size() == 2);
  for (const auto& b : m.sections[0].blocks) CHECK(b.kind == BlockKind::paragraph);
  // Outside slide decks a thematic break between blocks is dropped too (a separator, not content).
  auto plain = read("# T\n\nA\n\n---\n\nB\n");
  REQUIRE(plain.blocks.size() == 2);
  CHECK(plain.blocks[1].line == 7);
}

TEST_CASE("GFM tables, strikethrough, autolinks and task lists") {
  auto m = read(
      "| Who | What |\n|:----|----:|\n| @anna | ~~old~~ new |\n| bob | https://scs.community |\n\n- [x] done\n- [ ] open\n");
  REQUIRE(m.blocks.size() == 2);
  const auto& t = m.blocks[0];
  REQUIRE(t.kind == BlockKind::table);
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0].header);
  CHECK_FALSE(t.rows[1].header);
  CHECK(t.alignments == std::vector<minutes::ir::Align>{minutes::ir::Align::left, minutes::ir::Align::right});
  CHECK(plain_text(t.rows[0].cells[1].inlines) == "What");
  CHECK(t.rows[1].cells[0].inlines[0].kind == InlineKind::mention);
  CHECK(t.rows[1].cells[1].inlines[0].kind == InlineKind::strikethrough);
  CHECK(t.rows[2].cells[1].inlines[0].kind == InlineKind::link);
  CHECK(t.rows[2].line == 4);
  const auto& tasks = m.blocks[1];
  REQUIRE(tasks.items.size() == 2);
  CHECK(tasks.items[0].checked == true);
  CHECK(tasks.items[1].checked == false);
  CHECK(minutes::ir::item_text(tasks.items[1]) == "open");
}

// cmark-gfm's inline phase switches a process-wide table of special characters per parse, so the reader runs that
// phase under a lock and the block phase (tables, task lists) without one: parses on several threads at once
// (minutes build -j) must miss no construct of either phase.
TEST_CASE("parses on several threads at once read tables, task lists, strikethrough and autolinks as one alone") {
  std::string text;
  for (int i = 0; i < 150; ++i)
    text += "~~old~~ new, see www.scs.community and https://docs.scs.community ~~x~~\n\n"
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\n";
  auto count = [](const minutes::ir::Meeting& m) {
    size_t strikes = 0, links = 0, tables = 0, tasks = 0;
    for (const auto& b : m.blocks) {
      tables += b.kind == BlockKind::table && b.rows.size() == 2;
      for (const auto& item : b.items) tasks += item.checked.has_value();
      for (const auto& in : b.inlines) {
        strikes += in.kind == InlineKind::strikethrough;
        links += in.kind == InlineKind::link;
      }
    }
    return std::array<size_t, 4>{strikes, links, tables, tasks};
  };
  const auto alone = count(read(text));
  REQUIRE(alone == std::array<size_t, 4>{300, 300, 150, 300});
  std::vector<std::array<size_t, 4>> seen(4 * 25);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (size_t k = 0; k < 25; ++k) seen[t * 25 + k] = count(read(text));
    });
  for (auto& th : threads) th.join();
  CHECK(std::count(seen.begin(), seen.end(), alone) == static_cast<std::ptrdiff_t>(seen.size()));
}

TEST_CASE("mentions: @handle in text, not in code, URLs or e-mail addresses") {
  auto m = read("Thanks @jschoone and @o-otte, mail a@b.de, see https://x.org/@foo and `@code` or @scs.community.\n");
  REQUIRE(m.blocks.size() == 1);
  std::vector<std::string> handles;
  for (const auto& in : m.blocks[0].inlines)
    if (in.kind == InlineKind::mention) handles.push_back(in.text);
  CHECK(handles == std::vector<std::string>{"jschoone", "o-otte"});
  CHECK(plain_text(m.blocks[0]) ==
        "Thanks @jschoone and @o-otte, mail a@b.de, see https://x.org/@foo and @code or @scs.community.");
}

TEST_CASE("inlines keep their kinds and source lines") {
  auto m = read("# 2023-01-02\n\nA *em* **strong** `code` [link](https://a.b \"T\") ![alt](i.png)  \nnext\nsoft\n");
  REQUIRE(m.blocks.size() == 1);
  const auto& in = m.blocks[0].inlines;
  std::vector<InlineKind> kinds;
  for (const auto& i : in) kinds.push_back(i.kind);
  CHECK(kinds == std::vector<InlineKind>{InlineKind::text, InlineKind::emphasis, InlineKind::text, InlineKind::strong,
                                         InlineKind::text, InlineKind::code, InlineKind::text, InlineKind::link,
                                         InlineKind::text, InlineKind::image, InlineKind::line_break, InlineKind::text,
                                         InlineKind::soft_break, InlineKind::text});
  CHECK(in[7].url == "https://a.b");
  CHECK(in[7].title == "T");
  CHECK(in[9].text == "alt");
  CHECK(in[11].line == 4);
  CHECK(in[13].line == 5);
  CHECK(m.blocks[0].line == 3);
  auto img = read("![only](pic.png)\n");
  CHECK(img.blocks.at(0).kind == BlockKind::image);
}

TEST_CASE("lists: ordered with start, loose, nested inside items; code and quotes") {
  auto m = read("3. three\n4. four\n\n- a\n\n- b\n  1. inner\n\n> quoted\n> > deeper\n\n```yaml\nkey: v\n```\n");
  REQUIRE(m.blocks.size() == 4);
  CHECK(m.blocks[0].ordered);
  CHECK(m.blocks[0].start == 3);
  CHECK_FALSE(m.blocks[1].tight);
  REQUIRE(m.blocks[1].items[1].blocks.size() == 2);
  CHECK(m.blocks[1].items[1].blocks[1].kind == BlockKind::list);
  CHECK(m.blocks[1].items[1].blocks[1].ordered);
  CHECK(m.blocks[2].kind == BlockKind::quote);
  REQUIRE(m.blocks[2].children.size() == 2);
  CHECK(m.blocks[2].children[1].kind == BlockKind::quote);
  CHECK(m.blocks[3].kind == BlockKind::code);
  CHECK(m.blocks[3].info == "yaml");
  CHECK(m.blocks[3].text == "key: v\n");
}

TEST_CASE("title forms give series and date") {
  struct Case {
    const char* title;
    const char* series;
    const char* date;
  };
  for (const auto& c : {Case{"SCS Tech Weekly 2023-05-04", "SCS Tech Weekly", "2023-05-04"},
                        Case{"Community Call 2024-01-11", "Community Call", "2024-01-11"},
                        Case{"SCS Tech Weekly (2023-05-04)", "SCS Tech Weekly", "2023-05-04"},
                        Case{"Team IaaS - 2023-05-03", "Team IaaS", "2023-05-03"},
                        Case{"2023-07-10 - Overflow Session", "Overflow Session", "2023-07-10"},
                        Case{"SIG Documentation on 2023-10-16", "SIG Documentation", "2023-10-16"},
                        Case{"Minutes SCS Product Board 2022-10-17", "SCS Product Board", "2022-10-17"},
                        Case{"2023-05-22", "", "2023-05-22"}}) {
    auto m = read(std::string("# ") + c.title + "\n\ntext\n", "x.md");
    CHECK(m.title == c.title);
    CHECK(m.series == c.series);
    REQUIRE_MESSAGE(m.date, c.title);
    CHECK(minutes::ir::iso(*m.date) == c.date);
  }
}

TEST_CASE("date from the file name; when the title disagrees, the file name wins with a warning") {
  auto m = read("# Weekly\n\ntext\n", "notes/2023-05-04.md");
  REQUIRE(m.date);
  CHECK(minutes::ir::iso(*m.date) == "2023-05-04");
  CHECK(m.series.empty());
  auto n = read("# Weekly\n", "20230504.md");
  REQUIRE(n.date);
  CHECK(minutes::ir::iso(*n.date) == "2023-05-04");
  auto d = read("# SCS Tech Weekly 2023-05-11\n", "community-call/20230504.md");
  CHECK(minutes::ir::iso(*d.date) == "2023-05-04");  // a title copied from another week's minutes
  CHECK(d.series == "SCS Tech Weekly");
  CHECK(has_message(d, "the minutes say 2023-05-11 but the file name says 2023-05-04"));
  CHECK(d.diagnostics.at(0).line == 1);
  CHECK_FALSE(read("# Nothing\n", "notes.md").date.has_value());
}

TEST_CASE("participants from a Participants section or a Participants: line; scribes from Meta") {
  auto m = read(
      "# 2023-07-10\n\n## Participants (preferably github handles)\n- @mbuechse\n- @garloff (joined later)\n- Anna Smith\n\n"
      "## Meta\n\n- Minutes: Jonas\n\n## Team X\n\nMinutes: <https://x.org/m.md> (waiting to be merged)\n\n- item\n");
  CHECK(m.participants == std::vector<std::string>{"mbuechse", "garloff", "Anna Smith"});
  CHECK(m.scribes == std::vector<std::string>{"Jonas"});
  auto* x = find_section(m.sections, "Team X");
  REQUIRE(x);
  REQUIRE(x->minutes);
  CHECK(x->minutes->url == "https://x.org/m.md");
  CHECK(x->minutes->status == "waiting to be merged");
  REQUIRE(x->blocks.size() == 1);
  auto p = read("Attendees: @a, Bob, @c\n\nMinutes: @d\n\nMinutes: <https://x.org/m.md>\n");
  CHECK(p.participants == std::vector<std::string>{"a", "Bob", "c"});
  CHECK(p.scribes == std::vector<std::string>{"d"});
  REQUIRE(p.blocks.size() == 1);  // the fields left the content; a minutes link outside a section stays
  CHECK(plain_text(p.blocks[0]) == "Minutes: https://x.org/m.md");
  // The Meta item became the scribe: it is not printed again beside "Scribe: Jonas".
  auto* meta = find_section(m.sections, "Meta");
  REQUIRE(meta);
  CHECK(meta->blocks.empty());
}

TEST_CASE("invalid UTF-8 is repaired with U+FFFD and a warning naming the line") {
  auto m = read("# 2023-01-02\n\nok\nbad \xFF here\n", "x.md");
  REQUIRE(m.blocks.size() == 1);
  CHECK(plain_text(m.blocks[0]) == "ok bad \xEF\xBF\xBD here");
  bool found = false;
  for (const auto& d : m.diagnostics)
    if (d.message.find("UTF-8") != std::string::npos) {
      found = true;
      CHECK(d.line == 4);
      CHECK(d.file == "x.md");
      CHECK(d.severity == minutes::ir::Severity::warning);
    }
  CHECK(found);
}

TEST_CASE("a binary file gives an error and nothing else") {
  auto m = read(std::string("PK\x03\x04\0\0\0binary", 13), "x.md");
  REQUIRE(m.diagnostics.size() == 1);
  CHECK(m.diagnostics[0].severity == minutes::ir::Severity::error);
  CHECK(m.sections.empty());
  CHECK(m.blocks.empty());
  CHECK(m.title.empty());
}
