// Pathological Markdown (deep nesting, a 20 MB file): the reader and the JSON writer finish without a crash.
// The CTest TIMEOUT on this suite stands in for "quickly"; there is no timing assertion.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "formats/markdown/internal.hpp"
#include "helpers.hpp"

using namespace md_test;

namespace {

// Reads and writes JSON; the JSON must parse back.
minutes::ir::Meeting round_trip(const std::string& text) {
  auto m = read(text);
  minutes::ir::Meeting one[1] = {m};
  auto out = minutes::formats::write_json(one, {});
  CHECK(nlohmann::json::accept(out.bytes));
  return m;
}

// The text of every block of the sections, depth first.
void append_text(const std::vector<minutes::ir::Section>& sections, std::string& all) {
  for (const auto& s : sections) {
    for (const auto& b : s.blocks) all += minutes::ir::plain_text(b);
    append_text(s.sections, all);
  }
}

// The text of every block of the meeting: a large file is read in segments, so one list or paragraph may end up in
// several.
std::string all_text(const minutes::ir::Meeting& m) {
  std::string all;
  for (const auto& b : m.blocks) all += minutes::ir::plain_text(b);
  append_text(m.sections, all);
  return all;
}

// How deep lists nest in the IR, following the last item's nested list.
int list_depth(const minutes::ir::Blocks& blocks) {
  int depth = 0;
  const minutes::ir::Blocks* level = &blocks;
  for (;;) {
    const minutes::ir::Block* list = nullptr;
    for (const auto& b : *level)
      if (b.kind == minutes::ir::BlockKind::list) list = &b;
    if (!list || list->items.empty()) return depth;
    ++depth;
    level = &list->items.back().blocks;
  }
}

}  // namespace

TEST_CASE("10,000 nested list levels: flattened beyond the cap with a warning, every word kept") {
  std::string one_line;  // "- - - - ... w": 10,000 lists, each the first block of the item before
  for (int i = 0; i < 10000; ++i) one_line += "- ";
  auto m = round_trip(one_line + "w\n");
  CHECK(has_message(m, "flattened"));
  CHECK(list_depth(m.blocks) >= 10);
  CHECK(list_depth(m.blocks) <= 100);
  CHECK(minutes::ir::plain_text(m.blocks.at(0)).find("w") != std::string::npos);

  std::string indented;  // one item per line, each indented under the one before (1,000 levels: ~1 MB of spaces)
  for (int i = 0; i < 1000; ++i)
    indented += std::string(static_cast<size_t>(i) * 2, ' ') + "- w" + std::to_string(i) + "\n";
  auto n = round_trip(indented);
  CHECK(has_message(n, "flattened"));
  CHECK(list_depth(n.blocks) <= 100);
  auto all = all_text(n);
  CHECK(all.find("w0") != std::string::npos);
  CHECK(all.find("w999") != std::string::npos);
}

TEST_CASE("10,000 nested block quotes and 10,000 nested emphasis and links") {
  auto quotes = round_trip(std::string(10000, '>') + " deep\n");
  CHECK(has_message(quotes, "flattened"));
  CHECK(minutes::ir::plain_text(quotes.blocks.at(0)).find("deep") != std::string::npos);
  std::string inl;
  for (int i = 0; i < 10000; ++i) inl += "*a **b [c ";
  round_trip(inl + "\n");
  round_trip(std::string(10000, '[') + "x" + std::string(10000, ']') + "\n");
  round_trip(std::string(5000, '<') + "a href=x>" + "\n");
}

TEST_CASE("a table 5,000 columns wide with 5,000 one-cell rows is read as text, not padded to 25 million cells") {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "h|";
  text += "\n";
  for (int i = 0; i < 5000; ++i) text += "-|";
  text += "\n";
  for (int i = 0; i < 5000; ++i) text += "r" + std::to_string(i) + "|\n";
  auto m = round_trip(text);
  CHECK(has_message(m, "too much markup"));
  CHECK(all_text(m).find("r4999") != std::string::npos);
  // An ordinary table in the same document is still a table.
  auto ok = read("| a | b |\n|---|---|\n| 1 | 2 |\n");
  CHECK(ok.blocks.at(0).kind == minutes::ir::BlockKind::table);
  CHECK_FALSE(has_message(ok, "too much markup"));
}

TEST_CASE("cmark-gfm's quadratic corners: brackets in one paragraph, pipes in one row") {
  std::string brackets;
  for (int i = 0; i < 160000; ++i) brackets += "![[]()";  // minutes of work unguarded
  auto m = round_trip(brackets + "\nend\n");
  CHECK(has_message(m, "too much markup"));
  CHECK(all_text(m).find("end") != std::string::npos);
  auto pipes = round_trip("|a|\n|-|\n" + std::string(100000, '|') + "x\n");
  CHECK(has_message(pipes, "too much markup"));
  // Realistic minutes are untouched: the seed meeting reads without such a warning.
  auto seed = read(slurp(std::string(MINUTES_SOURCE_DIR) + "/samples/20230504.md"));
  CHECK_FALSE(has_message(seed, "too much markup"));
}

TEST_CASE("a 20 MB file is read to its end: with its structure up to the budget, then as plain paragraphs") {
  // The seed meeting and a table, repeated with a numbered marker: ~20 MB of realistic minutes.
  std::string chunk = slurp(std::string(MINUTES_SOURCE_DIR) + "/samples/20230504.md") +
                      "\n| a | b |\n|---|---|\n| 1 | <font>t</font> @x |\n\n";
  std::string text;
  text.reserve((20u << 20) + chunk.size());
  size_t copies = 0;
  for (; text.size() < (20u << 20); ++copies) text += chunk + "copy" + std::to_string(copies) + "\n\n";
  auto m = read(text);
  // The first "# SCS Tech Weekly" is the title; each further copy adds four level-1 sections. Some 2.5 MB of
  // minutes (some 200 times the largest real ones) are read with their structure, and the rest as text.
  CHECK(m.sections.size() > 2000);
  CHECK(m.sections.size() < 9 + (copies - 1) * 4);
  CHECK(has_message(m, "plain paragraphs"));
  CHECK(all_text(m).find("copy" + std::to_string(copies - 1)) != std::string::npos);

  std::string long_line(20u << 20, 'a');
  auto one = read(long_line);
  CHECK(all_text(one) == long_line);  // cut into paragraphs of a segment each, not a byte lost
  CHECK(one.blocks.size() <= long_line.size() / minutes::formats::markdown::segment_bytes);
  std::string pipes;
  for (int i = 0; i < 2000; ++i) pipes += "| a | b |\n|---|---|\n";
  round_trip(pipes);
}
