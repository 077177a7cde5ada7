// The documented ceiling: any input up to 20 MiB builds to every format (ODT, DOCX, HTML, JSON, iCalendar, RSS)
// within 1 GiB, keeping its last word, and in time linear in its size (5 MiB and 20 MiB compared).
#include "converters/core/recognise.hpp"
#include "hostile/run.hpp"

using namespace hostile;

namespace {

// An input of `bytes` bytes: a title line, then `unit` repeated, then a last word the outputs must hold.
std::string filled(const std::string& head, const std::string& unit, size_t bytes) {
  const std::string last = "\n\nzzlastword\n";
  std::string text = head;
  text.reserve(bytes);
  while (text.size() + unit.size() + last.size() <= bytes) text += unit;
  return text + last;
}

// What one build of the input did, with every per-meeting format, into dir/out (made afresh).
Ended build(const std::string& name, const std::string& text, const fs::path& dir) {
  fs::remove_all(dir);
  fs::create_directories(dir / "src");
  spit(dir / "src" / name, text);
  return run({"build", (dir / "src").string(), "-o", (dir / "out").string(), "-j", "1", "-q", "--formats",
              "odt,docx,html,json"},
             {.memory = rlim_t{2} << 30, .deadline_seconds = 600});
}

struct Case {
  const char* what;
  const char* name;  // the source's file name
  std::string head, unit;
};

}  // namespace

TEST_CASE("every kind of 20 MiB input builds to every format within 1 GiB, in linear time, to its last word") {
  const std::string title = "# Team Weekly 2024-03-07\n\n";
  const std::vector<Case> cases = {
      {"handles", "handles.md", title, "@a "},
      {"emphasis", "emphasis.md", title, "*a* "},
      {"headings", "headings.md", title, "## a\n\n"},
      {"links", "links.md", title, "[a](b) "},
      {"table cells", "cells.md", title, "|a|b|c|d|\n|-|-|-|-|\n|1|2|3|4|\n\n"},
      {"list items", "items.md", title, "- a\n"},
      // Not "events.md": its page would be the site's events.html, which a source's page does not replace.
      {"events", "hackathons.md", title + "## Events\n\n", "- Hackathon in Berlin, 2024-05-14\n"},
      {"draft lines", "draft.txt", "Team Weekly 2024-03-07\n\n", "a: b @c <d>\n"},
  };
  // Under sanitizers, some five times slower, a quarter of the size (the ceiling is the plain build's).
  const size_t size = instrumented() ? minutes::max_input_bytes / 4 : minutes::max_input_bytes;
  for (const auto& c : cases) {
    CAPTURE(c.what);
    fs::path dir = scratch("bounds");
    Ended small = build(c.name, filled(c.head, c.unit, size / 4), dir);
    Ended full = build(c.name, filled(c.head, c.unit, size), dir);
    REQUIRE_FALSE(full.blocked);
    CHECK(full.signal == 0);
    CHECK(full.status == 0);
    CHECK(small.status == 0);
    if (!instrumented()) CHECK(full.max_rss_kb <= 1L << 20);  // KiB: 1 GiB
    // Linear: four times the input takes about four times the work, far from the 16 of a quadratic step.
    CHECK(full.cpu_seconds <= 7 * std::max(small.cpu_seconds, 0.05));
    std::string stem = std::string(c.name).substr(0, std::string(c.name).find('.'));
    fs::path out = dir / "out";
    CHECK(has(slurp(out / (stem + ".json")), "zzlastword"));
    CHECK(has(slurp(out / (stem + ".html")), "zzlastword"));
    for (const char* other : {".odt", ".docx"}) CHECK(fs::file_size(out / (stem + other)) > 0);
    CHECK(has(slurp(out / "calendar.ics"), "BEGIN:VCALENDAR"));
    CHECK(has(slurp(out / "feed.xml"), "<rss"));
  }
}

TEST_CASE("past the budget the rest of a file is plain paragraphs, with a warning at the line where that starts") {
  fs::path dir = scratch("bounds-budget");
  std::string text = filled("# Team Weekly 2024-03-07\n\n", "- @a *b*\n", minutes::max_input_bytes / 4);
  spit(dir / "m.md", text);
  Ended r = run({"convert", (dir / "m.md").string(), "-t", "json"});
  CHECK(r.status == 0);
  CHECK(has(r.err, "m.md:"));
  CHECK(has(r.err, "from here on the text is kept as plain paragraphs"));
  CHECK(has(r.out, "zzlastword"));
}

TEST_CASE("at most 100,000 @handles become mentions; the rest stay text, with a warning at the line") {
  fs::path dir = scratch("bounds-mentions");
  std::string text = "# Team Weekly 2024-03-07\n\n";
  for (int i = 0; i < 1000; ++i) text += "@a @b\n";  // 2,000 mentions, line 3 to 1002
  text += "\n";
  for (int i = 0; i < 120'000; ++i) text += "@c ";  // one line, 1004: 98,000 more as mentions, then text
  text += "\n";
  spit(dir / "m.md", text);
  Ended r = run({"convert", (dir / "m.md").string(), "-t", "json"});
  CHECK(r.status == 0);
  CHECK(has(r.err, "m.md:1004:1: warning: more than 100000 @handles in one meeting"));
  size_t mentions = 0;
  for (size_t at = r.out.find("\"mention\""); at != std::string::npos; at = r.out.find("\"mention\"", at + 1)) ++mentions;
  CHECK(mentions == minutes::max_mentions);
  CHECK(has(r.out, "@c @c"));  // the rest kept as text
}
