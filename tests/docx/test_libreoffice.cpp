// LibreOffice reads what the DOCX writer makes: every seed list item in order at its level, the IaaS minutes hyperlink.
#include "tests/docx/support.hpp"

using namespace docx_test;
using minutes::formats::write_docx;

namespace {

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

TEST_CASE("LibreOffice's text export holds every seed list item, in order, at three levels") {
  auto seed = load_markdown(seed_path());
  auto expected = minutes_test::list_items(seed);
  REQUIRE(expected.size() > 40);
  auto out = write_docx(std::vector<ir::Meeting>{seed}, {});
  auto text = libreoffice_text({{"seed", out.bytes}})["seed"];

  // list lines: LibreOffice indents each level by 4 spaces and puts the bullet or number before the text
  std::vector<std::pair<std::string, int>> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    size_t indent = line.find_first_not_of(' ');
    if (indent == std::string::npos || indent < 4) continue;
    std::string rest = line.substr(indent);
    auto space = rest.find(' ');
    if (space == std::string::npos) continue;
    lines.push_back({trim(rest.substr(space + 1)), static_cast<int>(indent / 4) - 1});
  }
  size_t at = 0;
  std::set<int> levels;
  for (const auto& item : expected) {
    bool found = false;
    while (at < lines.size() && !found) {
      found = lines[at].first == trim(item.text);
      if (found) {
        CHECK_MESSAGE(lines[at].second == item.depth, item.text);
        levels.insert(lines[at].second);
      }
      ++at;
    }
    CHECK_MESSAGE(found, "not found in order: " << item.text);
  }
  CHECK(levels.count(0));
  CHECK(levels.count(1));
  CHECK(levels.count(2));
}

TEST_CASE("the seed's Team IaaS minutes link is a real hyperlink, and list numbering levels reach three") {
  auto out = write_docx(std::vector<ir::Meeting>{load_markdown(seed_path())}, {});
  auto p = parts(out.bytes);
  auto doc = xml(p["word/document.xml"]);
  auto rels = xml(p["word/_rels/document.xml.rels"]);
  const std::string url = "https://github.com/SovereignCloudStack/minutes/blob/main/iaas/20230503.md";
  bool found = false;
  for (auto h : doc->select_nodes("//w:hyperlink[@r:id]")) {
    auto rel =
        rels->child("Relationships").find_child_by_attribute("Relationship", "Id", h.node().attribute("r:id").value());
    if (std::string(rel.attribute("Target").value()) != url) continue;
    CHECK(std::string(rel.attribute("TargetMode").value()) == "External");
    CHECK(std::string(rel.attribute("Type").value()).find("/hyperlink") != std::string::npos);
    // under the Team IaaS heading
    auto p = h.node().parent();
    for (auto prev = p.previous_sibling(); prev; prev = prev.previous_sibling()) {
      std::string style = prev.child("w:pPr").child("w:pStyle").attribute("w:val").value();
      if (style.rfind("Heading", 0) == 0) {
        CHECK(text_of(prev) == "Team IaaS");
        break;
      }
    }
    found = true;
  }
  CHECK(found);
  std::set<int> levels;
  for (auto n : doc->select_nodes("//w:numPr/w:ilvl")) levels.insert(n.node().attribute("w:val").as_int());
  CHECK(levels == std::set<int>{0, 1, 2});
}

TEST_CASE("LibreOffice reads a several-meeting report: contents, chapters, the IaaS link text") {
  std::vector<ir::Meeting> ms;
  for (const char* f : {"community-call/20230511.md", "community-call/20230504.md"})
    ms.push_back(load_markdown(corpus_dir() / f));
  auto text = libreoffice_text({{"report", write_docx(ms, {}).bytes}})["report"];
  auto contents = text.find("Contents");
  REQUIRE(contents != std::string::npos);
  auto first = text.find("SCS Tech Weekly 2023-05-04", contents);
  auto second = text.find("SCS Tech Weekly 2023-05-11", first);
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  // the chapters follow the contents, in date order
  auto chapter1 = text.find("SCS Tech Weekly 2023-05-04", second);
  auto chapter2 = text.find("SCS Tech Weekly 2023-05-11", chapter1);
  CHECK(chapter1 != std::string::npos);
  CHECK(chapter2 != std::string::npos);
  CHECK(text.find("https://github.com/SovereignCloudStack/minutes/blob/main/iaas/20230503.md", chapter1) < chapter2);
}

TEST_CASE("--reference-doc with a DOCX that LibreOffice saved (w14 extensions, mc:Ignorable) still validates") {
  require_tool("soffice");
  auto seed = load_markdown(seed_path());
  fs::path dir = scratch("lo-reference");
  // LibreOffice saves our document again as its own DOCX.
  spit(dir / "lo" / "ours.docx",
       minutes_test::libreoffice_convert({{"ours", write_docx(std::vector<ir::Meeting>{seed}, {}).bytes}}, "docx",
                                         "'docx:MS Word 2007 XML'", "docx")["ours"]);
  auto saved = parts(slurp(dir / "lo" / "ours.docx"));
  REQUIRE(saved.count("word/styles.xml"));
  CHECK(saved["word/styles.xml"].find("mc:Ignorable") != std::string::npos);  // what makes the copy non-trivial
  minutes::formats::WriteOptions options;
  options.reference_doc = (dir / "lo" / "ours.docx").string();
  minutes::FileResources files({dir.string()});
  auto out = write_docx(std::vector<ir::Meeting>{seed}, options, {&files});
  CHECK(schema_errors(out.bytes, "lo-reference") == "");
  auto text = libreoffice_text({{"referenced", out.bytes}})["referenced"];
  CHECK(text.find("Ceph Quincy Epic") != std::string::npos);
  CHECK(text.find("Team IaaS") != std::string::npos);
}
