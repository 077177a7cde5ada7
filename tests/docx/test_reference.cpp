// What the DOCX writer reads from outside: hostile reference documents, pictures outside the roots or on a FIFO,
// script links; each gives a warning and a package that passes the OOXML schemas.
#include <sys/stat.h>

#include "tests/docx/support.hpp"
#include "tests/odt/hostile.hpp"

using namespace docx_test;
using minutes::formats::write_docx;
using minutes::formats::WriteOptions;

namespace {

// Our own package, part by part, as a user would start a reference document from.
std::map<std::string, std::string> own_parts() {
  return parts(write_docx(std::vector{meeting("Base", {2024, 1, 1}, {section("S", 2, {para("base")})})}, {}).bytes);
}

std::string package(const std::map<std::string, std::string>& p) {
  std::vector<hostile::RawEntry> entries;
  for (const auto& [name, bytes] : p) entries.push_back(hostile::stored(name, bytes));
  return hostile::zip(entries);
}

}  // namespace

TEST_CASE("hostile reference DOCX files give a warning and a valid package with the writer's own parts") {
  fs::path dir = scratch("docx-hostile-reference");
  auto m = meeting("Weekly 2024-02-01", {2024, 2, 1}, {section("Team A", 2, {para("the meeting's own words")})});
  minutes::FileResources files({dir.string()});
  auto own = own_parts();
  auto check = [&](const std::string& label, const std::string& reference, std::vector<std::string> words) {
    fs::path path = dir / (label + ".docx");
    spit(path, reference);
    WriteOptions o;
    o.reference_doc = path.string();
    auto out = write_docx(std::vector{m}, o, {&files});
    words.push_back(path.string());
    CHECK_MESSAGE(hostile::saying(out.diagnostics, words) == 1, label);
    auto p = parts(out.bytes);
    CHECK_MESSAGE(p["word/document.xml"].find("the meeting's own words") != std::string::npos, label);
    CHECK_MESSAGE(p["_rels/.rels"] == own["_rels/.rels"], label);
    CHECK_MESSAGE(p["[Content_Types].xml"].find("wordprocessingml.document.main+xml") != std::string::npos, label);
    CHECK_MESSAGE(schema_errors(out.bytes, label) == "", label);
    return p;
  };

  SUBCASE("a header relationship that targets ../_rels/.rels, and a header link to a script") {
    auto p = own;
    std::string& rels = p["word/_rels/document.xml.rels"];
    auto at = rels.find("Target=\"header1.xml\"");
    REQUIRE(at != std::string::npos);
    rels.replace(at, 20, "Target=\"../_rels/.rels\"");
    p["_rels/.rels"] = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>";
    p["word/_rels/footer1.xml.rels"] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
        "Target=\"javascript:alert(1)\" TargetMode=\"External\"/>"
        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
        "Target=\"../[Content_Types].xml\"/></Relationships>";
    auto out = check("owned-parts", package(p), {"_rels/.rels", "writer makes itself"});
    CHECK(out["word/_rels/footer1.xml.rels"].find("javascript") == std::string::npos);
    CHECK(out["word/_rels/footer1.xml.rels"].find("Content_Types") == std::string::npos);
  }
  SUBCASE("a zip bomb: 1 MB that inflates to a 1 GiB styles part") {
    auto p = own;
    p.erase("word/styles.xml");
    std::vector<hostile::RawEntry> entries = {hostile::bomb("word/styles.xml", 1024)};
    for (const auto& [name, bytes] : p) entries.push_back(hostile::stored(name, bytes));
    check("bomb", hostile::zip(entries), {"inflates to more than 16 MiB"});
  }
  SUBCASE("a part that declares 4 GB") {
    std::vector<hostile::RawEntry> entries;
    for (const auto& [name, bytes] : own) entries.push_back(hostile::stored(name, bytes));
    for (auto& e : entries)
      if (e.name == "word/document.xml") e.size = 0xFFFFFFF0u;
    check("declared", hostile::zip(entries), {"reference document not used"});
  }
  SUBCASE("a header nested 50,000 elements deep") {
    auto p = own;
    std::string& header = p["word/header1.xml"];
    auto at = header.find("</w:hdr>");
    REQUIRE(at != std::string::npos);
    header.insert(at, hostile::nested("w:sdt", 50000));
    check("deep", package(p), {"deeper than 256 levels"});
  }
  SUBCASE("not a zip archive, and a FIFO") {
    check("garbage", std::string(5000, 'x'), {"is not a zip package"});
    fs::path fifo = dir / "fifo.docx";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    WriteOptions o;
    o.reference_doc = fifo.string();
    auto out = write_docx(std::vector{m}, o, {&files});  // never opened: a FIFO would block until a writer came
    CHECK(hostile::saying(out.diagnostics, {"reference document not used", "FIFO", fifo.string()}) == 1);
    CHECK(schema_errors(out.bytes, "fifo") == "");
  }
}

TEST_CASE("a reference DOCX is fetched and read once per cache, not once per meeting") {
  fs::path dir = scratch("docx-reference-once");
  fs::path path = dir / "ref.docx";
  spit(path, package(own_parts()));
  minutes::FileResources files({dir.string()});
  hostile::Counting counting(files);
  WriteOptions o;
  o.reference_doc = path.string();
  minutes::Cache cache;
  std::vector<std::string> styles;
  for (int day = 1; day <= 4; ++day) {
    auto out = write_docx(std::vector{meeting("Weekly", {2024, 2, day}, {section("S", 2, {para("x")})})}, o,
                          {&counting, &cache});
    CHECK(hostile::saying(out.diagnostics, {"reference document"}) == 0);
    styles.push_back(parts(out.bytes)["word/styles.xml"]);
  }
  CHECK(counting.fetches == 1);
  auto uncached =
      write_docx(std::vector{meeting("Weekly", {2024, 2, 1}, {section("S", 2, {para("x")})})}, o, {&counting});
  CHECK(counting.fetches == 2);
  CHECK(parts(uncached.bytes)["word/styles.xml"] == styles.front());
}

TEST_CASE("DOCX pictures come only from inside the resource roots, never from a FIFO; script links are dropped") {
  fs::path root = scratch("docx-pictures");
  fs::path inside = root / "minutes", outside = root / "elsewhere";
  std::string png = hostile::tiny_png();
  spit(inside / "here.png", png);
  spit(outside / "secret.png", png);
  REQUIRE(::mkfifo((inside / "fifo.png").c_str(), 0600) == 0);
  using hostile::image;
  auto m = meeting("Pictures", {2024, 3, 1},
                   {section("S", 2,
                            {para({image("here.png", "here"), txt(" "), image("../elsewhere/secret.png", "secret"),
                                   txt(" "), image("fifo.png", "fifo"), txt(" "),
                                   span(ir::InlineKind::link, {txt("script")}, "javascript:alert(1)"), txt(" "),
                                   span(ir::InlineKind::link, {txt("fine")}, "https://example.org/")})})});
  m.source = (inside / "m.md").string();
  minutes::FileResources files({inside.string()});
  auto out = write_docx(std::vector{m}, {}, {&files});
  auto p = parts(out.bytes);
  int media = 0;
  for (const auto& [name, bytes] : p) media += name.starts_with("word/media/");
  CHECK(media == 1);
  CHECK(hostile::saying(out.diagnostics, {"secret.png", "outside the folders"}) == 1);
  CHECK(hostile::saying(out.diagnostics, {"fifo.png", "FIFO"}) == 1);
  CHECK(hostile::saying(out.diagnostics, {"javascript:alert(1)", "not allowed"}) == 1);
  CHECK(p["word/_rels/document.xml.rels"].find("javascript") == std::string::npos);
  CHECK(p["word/_rels/document.xml.rels"].find("https://example.org/") != std::string::npos);
  CHECK(text_of(xml(p["word/document.xml"])->child("w:document")).find("script") != std::string::npos);
  CHECK(schema_errors(out.bytes, "pictures") == "");
}
