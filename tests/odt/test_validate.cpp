// ODF 1.3 schema validation (jing) of the seed, a spread of real minutes, a report, and hostile input.
#include "formats/common/report_summary.hpp"
#include "tests/odt/support.hpp"

using namespace odt_test;
using minutes::formats::write_odt;
using minutes::formats::WriteOptions;

namespace {

// Real minutes of different kinds: tables, code, images, ordered and deep lists, raw HTML, undated notes.
const char* const spread[] = {
    "community-call/20230504.md",
    "sig-standardization/20230112.md",
    "product-board/20240701.md",
    "community-call/20240926.md",
    "sig-documentation/20230904.md",
    "ops/20240125.md",
    "sig-documentation/20230320.md",
    "community-call/20240404.md",
    "hackathons/2023-03-05-gx-hackathon-6/minutes.md",
    "iam/scs-federation.md",
    "sig-standardization/scs-certification-issuing.md",
    "container/20240222.md",
};

std::string nested_markdown(int depth) {
  std::string md = "# Deep\n\n## Section\n\n";
  for (int i = 0; i < depth; ++i)
    md += std::string(static_cast<size_t>(i) * 2, ' ') + (i % 2 ? "1. " : "- ") + "level " + std::to_string(i) + "\n";
  return md;
}

}  // namespace

TEST_CASE("jing reports an invalid part (the validator itself works)") {
  require_tool("jing");
  auto good = write_odt(std::vector{load_markdown(seed_path())}, {});
  auto content = parts(good.bytes)["content.xml"];
  auto pos = content.find("<text:h ");
  REQUIRE(pos != std::string::npos);
  content.insert(pos, "<text:no-such-element/>");
  CHECK_FALSE(jing_valid(content, "content.xml", "OpenDocument-v1.3-schema.rng"));
}

TEST_CASE("the seed validates against ODF 1.3") {
  require_tool("jing");
  auto out = write_odt(std::vector{load_markdown(seed_path())}, {});
  check_package_valid(out.bytes, "seed");
}

TEST_CASE("a spread of real minutes validates") {
  require_tool("jing");
  std::vector<std::pair<std::string, std::string>> packages;
  for (const char* rel : spread) {
    auto path = corpus_dir() / rel;
    REQUIRE_MESSAGE(fs::exists(path), path);
    packages.emplace_back(rel, write_odt(std::vector{load_markdown(path)}, {}).bytes);
  }
  check_packages_valid(packages);
}

TEST_CASE("a quarter report (several meetings, table of contents) validates") {
  require_tool("jing");
  std::vector<ir::Meeting> ms;
  for (const auto& e : fs::directory_iterator(corpus_dir() / "community-call")) {
    auto name = e.path().filename().string();
    if (name >= "20230401" && name < "20230701") ms.push_back(load_markdown(e.path()));
  }
  REQUIRE(ms.size() >= 8);
  WriteOptions o;
  o.organisation = "Sovereign Cloud Stack";
  o.funder = "Funded by the German Federal Ministry for Economic Affairs and Climate Action";
  auto out = write_odt(ms, o);
  check_package_valid(out.bytes, "quarter report");
  pugi::xml_document content;
  REQUIRE(content.load_string(parts(out.bytes)["content.xml"].c_str()));
  // The contents: the summary, each series and each of its meetings, the appendix.
  CHECK(content.select_nodes("//text:index-body/text:p").size() == ms.size() + formats::chapters(ms).size() + 2);
}

TEST_CASE("hostile input still gives schema-valid output") {
  require_tool("jing");
  SUBCASE("control characters, odd URLs and language") {
    std::string md =
        "---\nlang: \"x y\"\n---\n# Tit\x01le \x1b[31m\n\n## A\x0c B\n\n- item \x02 [link](<java script:\x7f {x}>) "
        "![alt](<../../../etc/passwd>)\n  - `co\x03"
        "de`\n\n| a\x04 | b |\n|---|---|\n| \x05 | \xef\xbf\xbf |\n";
    auto m = minutes::recognise(formats::read_markdown(md, {"hostile.md"}));
    WriteOptions o;
    o.lang = "not a tag!";
    o.title = "T\x01itle";
    auto out = write_odt(std::vector{m}, o);
    check_package_valid(out.bytes, "control characters");
  }
  SUBCASE("a huge table") {
    std::string md = "# Big\n\n|";
    for (int c = 0; c < 40; ++c) md += " h" + std::to_string(c) + " |";
    md += "\n|";
    for (int c = 0; c < 40; ++c) md += "---|";
    md += "\n";
    for (int r = 0; r < 1500; ++r) {
      md += "|";
      for (int c = 0; c < (r % 45); ++c) md += " r" + std::to_string(r) + "c" + std::to_string(c) + " |";
      md += "\n";
    }
    auto out = write_odt(std::vector{minutes::recognise(formats::read_markdown(md, {"big.md"}))}, {});
    check_package_valid(out.bytes, "huge table");
  }
  SUBCASE("100-level lists, from Markdown and built by hand") {
    auto out =
        write_odt(std::vector{minutes::recognise(formats::read_markdown(nested_markdown(100), {"deep.md"}))}, {});
    check_package_valid(out.bytes, "deep markdown list");
    ir::Block b = list({item("leaf")});
    for (int i = 0; i < 100; ++i) b = list({item("level " + std::to_string(i), {b})}, i % 2 == 1);
    ir::Meeting m;
    m.title = "Deep";
    ir::Block quote;
    quote.kind = ir::BlockKind::quote;
    ir::Block table;
    table.kind = ir::BlockKind::table;
    table.rows.push_back({{{{txt("in a list")}}}, true, 0});
    quote.children = {b, para({txt("quoted")})};
    m.blocks = {quote, list({item("with a table", {table})})};
    auto out2 = write_odt(std::vector{m}, {});
    check_package_valid(out2.bytes, "deep hand-built list");
    pugi::xml_document d;
    REQUIRE(d.load_string(parts(out2.bytes)["content.xml"].c_str()));
    size_t depth = 0;
    for (auto n = d.select_node("//text:p[text()='leaf']").node(); n; n = n.parent())
      if (std::string_view(n.name()) == "text:list") ++depth;
    CHECK(depth == 101);
  }
  SUBCASE("no meetings at all") {
    auto out = write_odt(std::span<const ir::Meeting>{}, {});
    check_package_valid(out.bytes, "empty");
  }
}

TEST_CASE("every file of the real archive gives a schema-valid ODT, and so does one report of all of them") {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(corpus_dir()))
    if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 700);
  std::vector<std::pair<std::string, std::string>> packages;
  std::vector<ir::Meeting> meetings;
  for (const auto& f : files) {
    meetings.push_back(load_markdown(f));
    packages.emplace_back(fs::relative(f, corpus_dir()).string(), write_odt(std::vector{meetings.back()}, {}).bytes);
  }
  packages.emplace_back("report of the whole archive", write_odt(meetings, {}).bytes);
  check_packages_valid(packages);
}
