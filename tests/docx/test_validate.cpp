// The DOCX packages pass xmllint against the OOXML schemas (wml.xsd, OPC): the seed, corpus files, a report, hostile input.
#include "tests/docx/support.hpp"

using namespace docx_test;
using minutes::formats::write_docx;
using minutes::formats::WriteOptions;

namespace {

// Corpus files of different kinds: images, tables, ordered lists, deep nesting, other series.
const char* const spread_of_kinds[] = {
    "community-call/20230504.md",
    "community-call/20240208.md",
    "sig-documentation/20230904.md",
    "sig-documentation/20230710.md",
    "sig-standardization/20230112.md",
    "product-board/20240701.md",
    "container/20240222.md",
    "ops/20230209.md",
    "community-call/20230928.md",
    "iaas/20230503.md",
    "hackathons/2023-07-18-api-mini-hackathon.md",
    "hackathons/2022-11-22-scs-hackathon-cologne/table-documentation.md",
};

}  // namespace

TEST_CASE("the seed validates against wml.xsd and the OPC schemas") {
  auto out = write_docx(std::vector<ir::Meeting>{load_markdown(seed_path())}, {});
  REQUIRE(!out.bytes.empty());
  CHECK(schema_errors(out.bytes, "seed") == "");
}

TEST_CASE("corpus files of different kinds validate") {
  int checked = 0;
  for (const char* name : spread_of_kinds) {
    fs::path file = corpus_dir() / name;
    if (!fs::exists(file)) continue;  // the spread is checked below
    auto out = write_docx(std::vector<ir::Meeting>{load_markdown(file)}, {});
    CHECK_MESSAGE(!out.bytes.empty(), name);
    CHECK(schema_errors(out.bytes, fs::path(name).stem().string() + "-" + fs::path(name).parent_path().string()) == "");
    ++checked;
  }
  CHECK(checked >= 10);
}

TEST_CASE("a quarter report of several meetings validates") {
  std::vector<ir::Meeting> meetings;
  for (const auto& entry : fs::directory_iterator(corpus_dir() / "community-call")) {
    std::string stem = entry.path().stem().string();
    if (stem >= "20230401" && stem <= "20230630") meetings.push_back(load_markdown(entry.path()));
  }
  REQUIRE(meetings.size() >= 5);
  WriteOptions options;
  options.organisation = "Sovereign Cloud Stack";
  options.funder = "Federal Ministry for Economic Affairs & Climate Action";
  auto out = write_docx(meetings, options);
  CHECK(schema_errors(out.bytes, "quarter") == "");
}

TEST_CASE("hostile input still gives a schema-valid package") {
  // characters XML 1.0 forbids, in every kind of text
  std::string bad = std::string("ctl\x01\x02\x0B\x0C\x1F") + "\xEF\xBF\xBE" + "end\x7F <&>\"'";
  ir::Inline link = span(ir::InlineKind::link, {txt(bad)}, "https://ex ample.org/\x01<>\"{}|\\^`[]%zz#a#b");
  link.title = bad;
  auto m = meeting(bad, {2023, 5, 4}, {section(bad, 2, {para({txt(bad), link})})});
  m.scribes = {bad};
  m.participants = {bad};
  m.series = bad;
  ir::Event e;
  e.title = bad;
  e.location = bad;
  e.url = "javascript:\x01";
  e.start = {2023, 5, 4};
  m.events.push_back(e);
  ir::MinutesRef ref;
  ref.url = bad;
  m.sections[0].minutes = ref;

  // a list nested 100 levels deep
  ir::Block deep = list(true, {{"level 100", std::nullopt}}, 7);
  for (int i = 99; i >= 1; --i) deep = list(i % 2 == 0, {{"level " + std::to_string(i), deep}});
  // a huge ragged table
  ir::Block table;
  table.kind = ir::BlockKind::table;
  for (int r = 0; r < 300; ++r) {
    ir::TableRow row;
    row.header = r == 0;
    for (int c = 0; c < (r % 7 == 0 ? 60 : 3); ++c) row.cells.push_back({{txt(bad + std::to_string(c))}});
    table.rows.push_back(row);
  }
  ir::Block empty_table;
  empty_table.kind = ir::BlockKind::table;
  ir::Block code;
  code.kind = ir::BlockKind::code;
  code.text = bad + "\n\t\ttabs\r\n";
  ir::Block quote;
  quote.kind = ir::BlockKind::quote;
  quote.children = {para(bad), deep};
  ir::Block empty_list;
  empty_list.kind = ir::BlockKind::list;
  empty_list.items.resize(2);
  ir::Block rule;
  rule.kind = ir::BlockKind::rule;
  m.sections.push_back(section("deep", 9, {deep, table, empty_table, code, quote, empty_list, rule}));
  m.sections.push_back(section("", -3, {}));

  WriteOptions options;
  options.title = bad;
  options.organisation = bad;
  options.funder = bad;
  options.lang = "x\x01<>";
  options.paper = "bogus";
  auto out = write_docx(std::vector<ir::Meeting>{m, m}, options);
  REQUIRE(!out.bytes.empty());
  CHECK(schema_errors(out.bytes, "hostile") == "");
  bool warned = false;
  for (const auto& d : out.diagnostics) warned = warned || d.message.find("XML 1.0 forbids") != std::string::npos;
  CHECK(warned);
  auto doc = xml(parts(out.bytes)["word/document.xml"]);
  std::string body = text_of(doc->child("w:document").child("w:body"));
  CHECK(body.find("level 100") != std::string::npos);
  CHECK(body.find("ctlend") != std::string::npos);

  auto none = write_docx(std::vector<ir::Meeting>{}, {});
  REQUIRE(!none.bytes.empty());
  CHECK(schema_errors(none.bytes, "empty") == "");
}
