// The plain-text reader, one construct at a time: title and meta lines, headings, lists, inlines, encodings.
#include <doctest/doctest.h>

#include <string>

#include "formats/formats.hpp"
#include "text/outline.hpp"

using minutes::formats::read_text;
using minutes::test::text_outline;
namespace ir = minutes::ir;

namespace {
ir::Meeting read(std::string_view s, const char* name = "draft.txt") {
  return minutes::recognise(read_text(s, {name}));
}

// How deep lists nest in blocks.
int list_depth(const ir::Blocks& blocks) {
  int best = 0;
  for (const auto& b : blocks)
    for (const auto& item : b.items)
      best = std::max(best, (b.kind == ir::BlockKind::list ? 1 : 0) + list_depth(item.blocks));
  return best;
}
}  // namespace

TEST_CASE("title line: series and date as in Markdown") {
  auto m = read("SCS Tech Weekly 2023-05-04\n\n- item\n");
  CHECK(m.title == "SCS Tech Weekly 2023-05-04");
  CHECK(m.series == "SCS Tech Weekly");
  REQUIRE(m.date);
  CHECK(ir::iso(*m.date) == "2023-05-04");
  CHECK(read("# Team IaaS - 04.05.2023\n").series == "Team IaaS");
  CHECK(read("Minutes of SIG Monitoring, 4 May 2023\n").series == "SIG Monitoring");
  auto u = read("SCS Community Call 2023-05-04\n============================\nText\n");
  CHECK(u.title == "SCS Community Call 2023-05-04");
  CHECK(u.sections.empty());  // the title is not a section
  CHECK(text_outline("Title 2023-05-04\n==========\nText\n") == "[p] Text\n");
}

TEST_CASE("Date:, Scribe:, Minutes:, Participants:, Attendees: lines") {
  auto m = read("Weekly call\nDate: 14 March 2024\nScribe: Kurt\nParticipants: @anja, Bob; Carla\n\nText\n");
  REQUIRE(m.date);
  CHECK(ir::iso(*m.date) == "2024-03-14");
  CHECK(m.series.empty());  // no date in the title, as in Markdown
  CHECK(m.scribes == std::vector<std::string>{"Kurt"});
  CHECK(m.participants == std::vector<std::string>{"anja", "Bob", "Carla"});
  auto a = read("Call 2024-03-14\nMinutes: @fkr\nAttendees: Anna, Ben\n");
  CHECK(a.scribes == std::vector<std::string>{"fkr"});
  CHECK(a.participants == std::vector<std::string>{"Anna", "Ben"});
  // The title's date wins over a differing Date: line, with a warning on that line.
  auto d = read("Call 2024-03-14\n\nDate: 2024-03-15\n");
  CHECK(ir::iso(*d.date) == "2024-03-14");
  REQUIRE(d.diagnostics.size() == 1);
  CHECK(d.diagnostics[0].line == 3);
  // A date from the file name when the draft has none.
  auto f = read("Notes\n- a\n", "notes/20240314.txt");
  REQUIRE(f.date);
  CHECK(ir::iso(*f.date) == "2024-03-14");
  // An e-mail's own date when nothing else dates the meeting, with a note.
  auto mail = read("From: a@b.org\nSubject: Team Ops notes\nDate: Thu, 11 Apr 2024 17:02:11 +0200\n\n- a\n");
  CHECK(mail.title == "Team Ops notes");
  REQUIRE(mail.date);
  CHECK(ir::iso(*mail.date) == "2024-04-11");
  REQUIRE(mail.diagnostics.size() == 1);
  CHECK(mail.diagnostics[0].severity == ir::Severity::note);
  // "Date: soon" is no date line: it stays an ordinary line.
  CHECK_FALSE(read("Notes\nDate: soon\n").date);
}

TEST_CASE("Minutes: under a team heading is its minutes link or status, under Meta the scribe") {
  auto m = read(
      "Weekly 2024-01-01\n\nMeta\n\tMinutes: Jonas\n\nTeam IaaS\n\tMinutes: <https://example.org/iaas.md>\n\t* a\n"
      "\nTeam Ops\n\tMinutes: Not merged yet\n\t* b\n\nSIG Monitoring\n\tMinutes: None\n\t* c\n");
  CHECK(m.scribes == std::vector<std::string>{"Jonas"});
  REQUIRE(m.sections.size() == 4);
  REQUIRE(m.sections[1].minutes);
  CHECK(m.sections[1].minutes->url == "https://example.org/iaas.md");
  CHECK(m.sections[1].minutes->status.empty());
  CHECK(m.sections[2].minutes->status == "Not merged yet");
  CHECK(m.sections[3].minutes->status == "None");
  CHECK(m.sections[1].blocks.size() == 1);  // the Minutes line is read, not repeated as content
  CHECK(m.sections[1].blocks[0].kind == ir::BlockKind::list);
}

TEST_CASE("headings: underlines, #, capitals, 'Topic:', a short line over an indented block") {
  CHECK(text_outline("T\n\nNews\n====\n\nSummit\n------\ntext\n") == "# News\n  ## Summit\n    [p] text\n");
  CHECK(text_outline("T\n\n## Team IaaS\n- a\n### Sub ###\n- b\n") == "## Team IaaS\n  - a\n  ### Sub\n    - b\n");
  CHECK(text_outline("T\n\nNEWS\n\nSCS Summit:\n- few places left\n") ==
        "## NEWS\n  ### SCS Summit\n    - few places left\n");
  CHECK(text_outline("T\n\nTeam Ops:\n\tZuul\n\tStatuspage\n") == "## Team Ops\n  - Zuul\n  - Statuspage\n");
  CHECK(text_outline("T\n\nTeam Ops\n    Zuul\n") == "## Team Ops\n  - Zuul\n");
  // Not headings: a long sentence ending in ':', a sentence with a period, a line in mid-paragraph.
  CHECK(text_outline("T\n\nWe discussed several points at length and agreed on the following things:\n- a\n") ==
        "[p] We discussed several points at length and agreed on the following things:\n- a\n");
  CHECK(text_outline("T\n\nA sentence.\n    indented\n") == "[p] A sentence. indented\n");
  CHECK(text_outline("T\n\nfirst line of a paragraph\nOps:\n- a\n") == "[p] first line of a paragraph Ops:\n- a\n");
  CHECK(text_outline("T\n\nMinutes:\n- https://example.org/a\n") == "[p] Minutes:\n- https://example.org/a\n");
  CHECK(text_outline("T\n\nSure, here:\n  * Zuul\n") == "[p] Sure, here:\n- Zuul\n");
  // With '#' headings the draft is Markdown-like: "Topic:" lines and capitals stay paragraphs.
  CHECK(text_outline("T\n# One\nTwo key questions:\n- a\n# Two\nNOTE\ntext\n") ==
        "# One\n  [p] Two key questions:\n  - a\n# Two\n  [p] NOTE text\n");
}

TEST_CASE("numbered headings when they head content; numbered lists otherwise") {
  CHECK(text_outline("T\n\n1. Meta\nText\n2. Teams\n2.1 IaaS\n- a\n2.2 Ops\n- b\n3. AOB\n") ==
        "## Meta\n  [p] Text\n## Teams\n  ### IaaS\n    - a\n  ### Ops\n    - b\n## AOB\n");
  CHECK(text_outline("T\n\n1) Events\n\n- Summit\n") == "## Events\n  - Summit\n");
  CHECK(text_outline("T\n\n1. first\n2. second\n3. third\n") == "1. first\n1. second\n1. third\n");
  CHECK(text_outline("T\n\n1. do this\n   - detail\n2. do that\n") == "1. do this\n  - detail\n1. do that\n");
  // The last item of a numbered list before a heading or a paragraph is no heading.
  CHECK(text_outline("T\n\n1. Identity\n2. MFA\n\n## Approaches\n- a\n") ==
        "1. Identity\n1. MFA\n## Approaches\n  - a\n");
  CHECK(text_outline("T\n\n6. Add-ons\n7. Advanced config\n\nWhat is missing?\n") ==
        "1. Add-ons\n1. Advanced config\n[p] What is missing?\n");
}

TEST_CASE("list markers: bullets, numbers, letters, roman numerals, tasks") {
  CHECK(text_outline("T\n- a\n* b\n+ c\n\xE2\x80\xA2 d\n\xE2\x97\xA6 e\n\xE2\x80\xA3 f\no g\n\xC2\xB7 h\n") ==
        "- a\n- b\n- c\n- d\n- e\n- f\n- g\n- h\n");
  CHECK(text_outline("T\n1. a\n2) b\n") == "1. a\n1. b\n");
  CHECK(text_outline("T\n  a) x\n  b. y\n  i. z\n  ii) w\n") == "1. x\n1. y\n1. z\n1. w\n");
  CHECK(text_outline("T\n- [ ] open\n- [x] done\n") == "- [ ] open\n- [x] done\n");
  auto m = read("T\n3. third\n4. fourth\n");
  REQUIRE(m.blocks.size() == 1);
  CHECK(m.blocks[0].ordered);
  CHECK(m.blocks[0].start == 3);
  // Not markers: a date, a number in prose, a hyphenated word, an e-mail signature separator.
  CHECK(text_outline("T\n04.05. we met\n") == "[p] 04.05. we met\n");
  CHECK(text_outline("T\n12 people came\n") == "[p] 12 people came\n");
  CHECK(text_outline("T\n-- \nAnja\n") == "[p] -- Anja\n");
}

TEST_CASE("nesting by indentation: spaces, tabs, mixed, etherpad style without markers") {
  CHECK(text_outline("T\n- a\n  - b\n    - c\n  - d\n- e\n") == "- a\n  - b\n    - c\n  - d\n- e\n");
  CHECK(text_outline("T\n\t* a\n\t\t* b\n\t\t\t* c\n\t* d\n") == "- a\n  - b\n    - c\n- d\n");
  CHECK(text_outline("T\n- a\n\t- b\n    - c\n") == "- a\n  - b\n  - c\n");  // a tab is four columns
  CHECK(text_outline("T\nTeam IaaS\n\tStarted a sprint\n\tCeph\n\t\tpostponed\n\t\t\tto CW20\n") ==
        "## Team IaaS\n  - Started a sprint\n  - Ceph\n    - postponed\n      - to CW20\n");
  CHECK(text_outline("T\n- a\n      deeper text without marker\n") == "- a\n  - deeper text without marker\n");
}

TEST_CASE("wrapped continuation lines join their item or paragraph") {
  CHECK(text_outline("T\n- a long item that\n  wraps here\n- next\n") == "- a long item that wraps here\n- next\n");
  CHECK(text_outline("T\nA paragraph that\ngoes on\n\nAnother\n") == "[p] A paragraph that goes on\n[p] Another\n");
  // A hard-wrapped line (60+ columns) continues on a lower-case line even without indentation.
  CHECK(text_outline("T\n- this item was wrapped by a mail client at a fixed column of seventy\nchars, not by us\n") ==
        "- this item was wrapped by a mail client at a fixed column of seventy chars, not by us\n");
  // A second paragraph of an item after a blank line.
  CHECK(text_outline("T\n- item\n\n  more about it\n- next\n") == "- item|more about it\n- next\n");
  auto m = read("T\n- a long item that\n  wraps here\n");
  REQUIRE(m.blocks.size() == 1);
  const auto& p = m.blocks[0].items[0].blocks[0];
  REQUIRE(p.inlines.size() == 3);
  CHECK(p.inlines[1].kind == ir::InlineKind::soft_break);
  CHECK(p.inlines[2].line == 3);
  CHECK(p.inlines[2].column == 3);
}

TEST_CASE("URLs bare or in <...> are links; @handles are mentions, e-mail addresses are not") {
  auto m = read(
      "T\nsee https://scs.community/summit, <https://example.org/a b> and <https://x.org/y> www.osba.de. Ping @fkr, mail a@b.org\n");
  REQUIRE(m.blocks.size() == 1);
  std::vector<std::string> urls, mentions;
  for (const auto& in : m.blocks[0].inlines) {
    if (in.kind == ir::InlineKind::link) urls.push_back(in.url);
    if (in.kind == ir::InlineKind::mention) mentions.push_back(in.text);
  }
  CHECK(urls == std::vector<std::string>{"https://scs.community/summit", "https://example.org/a", "https://x.org/y",
                                         "https://www.osba.de"});
  CHECK(mentions == std::vector<std::string>{"fkr"});
  CHECK(
      ir::plain_text(m.blocks[0].inlines) ==
      "see https://scs.community/summit, <https://example.org/a b> and https://x.org/y www.osba.de. Ping @fkr, mail a@b.org");
  auto link = m.blocks[0].inlines[1];
  CHECK(link.line == 2);
  CHECK(link.column == 5);
}

TEST_CASE("encodings and line ends") {
  auto crlf = read("Call 2024-01-01\r\n\r\nTeam\r\n\t- a\r\n");
  CHECK(text_outline("Call\r\rTeam\r\t- a\r") == "## Team\n  - a\n");
  REQUIRE(crlf.sections.size() == 1);
  CHECK(crlf.sections[0].line == 3);
  auto bom = read("\xEF\xBB\xBFWeekly 2024-01-01\n- a\n");
  CHECK(bom.title == "Weekly 2024-01-01");
  std::string utf16("\xFF\xFE", 2);
  for (char c : std::string("Weekly 2024-01-01\n- \xE4\n")) {  // Latin-1 bytes as UTF-16LE code units
    utf16 += c;
    utf16 += '\0';
  }
  auto u = read(utf16);
  CHECK(u.title == "Weekly 2024-01-01");
  CHECK(text_outline(std::string("T\n- Gr\xF6\xDF"
                                 "e\n")) ==
        "- Gr\xC3\xB6\xC3\x9F"
        "e\n");
  auto latin = read("T\n- \x80 50\n");
  CHECK(latin.metadata["encoding"] == "Windows-1252");
  CHECK(ir::plain_text(latin.blocks[0]) == "\xE2\x82\xAC 50");
  auto bin = read(std::string("PK\x03\x04\0\0", 6));
  REQUIRE(!bin.diagnostics.empty());
  CHECK(bin.diagnostics[0].severity == ir::Severity::error);
}

TEST_CASE("code fences, quotes and rules; nothing is lost") {
  CHECK(text_outline("T\n```sh\n- not a list\n```\n> quoted\n> text\n\n---\nafter\n") ==
        "[code sh] - not a list\n\n[quote]\n  [p] quoted text\n[rule]\n[p] after\n");
  // Whatever cannot be classified stays as a paragraph with all its words.
  std::string odd = "T\n:::: ??? ::::\n)))\n  ]] text [[\n";
  std::string out = text_outline(odd);
  for (const char* word : {":::: ??? ::::", ")))", "]] text [["}) CHECK(out.find(word) != std::string::npos);
}

TEST_CASE("deep indentation and huge input are read without a crash, with bounded depth") {
  // Speed is scripts/bench's business; a quadratic reader would show here as CTest's timeout.
  std::string deep = "T\n";
  for (int i = 0; i < 20000; ++i) deep += std::string(static_cast<size_t>(i % 5000), ' ') + "- x\n";
  auto m = read(deep);
  int depth = list_depth(m.blocks);
  CHECK(depth >= 30);  // deep enough to keep the structure
  CHECK(depth <= 40);
  std::string big;
  for (int i = 0; i < 200000; ++i)
    big += "- item with @someone and https://example.org/" + std::to_string(i) + "\n\tnested line\n";
  auto huge = read(big);  // about 12 MB
  CHECK(!huge.blocks.empty());
  std::string one_line(5'000'000, '<');
  one_line += std::string(5'000'000, '@');
  auto line = read(one_line);
  CHECK(line.blocks.size() <= 1);
}
