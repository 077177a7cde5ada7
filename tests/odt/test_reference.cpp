// What the ODT writer reads from outside: hostile reference documents, pictures outside the roots or on a FIFO,
// script links; each gives a warning and a schema-valid document.
#include <sys/stat.h>

#include "tests/odt/hostile.hpp"
#include "tests/odt/support.hpp"

using namespace odt_test;
using minutes::formats::write_odt;
using minutes::formats::WriteContext;
using minutes::formats::WriteOptions;

namespace {

ir::Meeting meeting(const std::string& title, ir::Date date, const fs::path& source) {
  ir::Meeting m;
  m.title = title;
  m.date = date;
  m.source = source.string();
  ir::Section s;
  s.title = "Team A";
  s.level = 2;
  s.blocks.push_back(para({txt("the meeting's own words")}));
  m.sections.push_back(s);
  return m;
}

// Our own styles.xml, as a user would start a reference document from.
std::string own_styles() {
  auto out = write_odt(std::vector{meeting("Base 2024-01-01", {2024, 1, 1}, "base.md")}, {});
  return parts(out.bytes)["styles.xml"];
}

std::string reference_with_styles(const std::string& styles) {
  return hostile::zip({hostile::stored("mimetype", "application/vnd.oasis.opendocument.text"),
                       hostile::stored("content.xml", "<office:document-content/>"),
                       hostile::stored("styles.xml", styles)});
}

}  // namespace

TEST_CASE("hostile reference documents give a warning and a valid document with the report's own parts") {
  require_tool("jing");
  fs::path dir = scratch("odt-hostile-reference");
  auto m = meeting("Weekly 2024-02-01", {2024, 2, 1}, dir / "m.md");
  minutes::FileResources files({dir.string()});
  std::vector<std::pair<std::string, std::string>> packages;
  auto check = [&](const std::string& label, const std::string& reference, std::vector<std::string> words) {
    fs::path path = dir / (label + ".odt");
    spit(path, reference);
    WriteOptions o;
    o.reference_doc = path.string();
    auto out = write_odt(std::vector{m}, o, {&files});
    words.push_back(path.string());
    CHECK_MESSAGE(hostile::saying(out.diagnostics, words) == 1, label);
    auto p = parts(out.bytes);
    CHECK_MESSAGE(p["content.xml"].find("the meeting's own words") != std::string::npos, label);
    CHECK_MESSAGE(p["meta.xml"].find("<meta:generator>minutes</meta:generator>") != std::string::npos, label);
    packages.emplace_back(label, out.bytes);
    return p;
  };

  SUBCASE("styles that point xlink:href at content.xml and meta.xml, and link to a script") {
    std::string styles = own_styles();
    auto at = styles.find("</style:header>");
    REQUIRE(at != std::string::npos);
    styles.insert(
        at,
        "<text:p><draw:frame draw:name=\"x\" text:anchor-type=\"as-char\" svg:width=\"1cm\" svg:height=\"1cm\">"
        "<draw:image xlink:href=\"content.xml\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\"/>"
        "</draw:frame><text:a xlink:type=\"simple\" xlink:href=\"javascript:alert(1)\">click</text:a></text:p>");
    at = styles.find("</office:styles>");
    REQUIRE(at != std::string::npos);
    styles.insert(at,
                  "<style:style style:name=\"Evil\" style:family=\"paragraph\"><style:paragraph-properties>"
                  "<style:background-image xlink:href=\"./meta.xml\" xlink:type=\"simple\" xlink:actuate=\"onLoad\"/>"
                  "</style:paragraph-properties></style:style>");
    auto p = check("owned-parts", reference_with_styles(styles), {"content.xml", "meta.xml", "writer makes itself"});
    CHECK(p["styles.xml"].find("javascript") == std::string::npos);
    CHECK(p["styles.xml"].find(">click<") != std::string::npos);  // the link's text stays
    CHECK(p["styles.xml"].find("xlink:href=\"content.xml\"") == std::string::npos);
    pugi::xml_document manifest;
    REQUIRE(manifest.load_string(p["META-INF/manifest.xml"].c_str()));
    for (auto e : manifest.document_element().children("manifest:file-entry"))
      CHECK(std::string(e.attribute("manifest:media-type").value()).find("image") == std::string::npos);
  }
  SUBCASE("a zip bomb: 1 MB that inflates to a 1 GiB styles.xml") {
    auto bomb = hostile::bomb("styles.xml", 1024);
    CHECK(bomb.data.size() < (2u << 20));
    check("bomb", hostile::zip({hostile::stored("mimetype", "application/vnd.oasis.opendocument.text"), bomb}),
          {"inflates to more than 16 MiB"});
  }
  SUBCASE("a part that declares 4 GB") {
    auto liar = hostile::stored("styles.xml", own_styles());
    liar.size = 0xFFFFFFF0u;
    check("declared", hostile::zip({liar}), {"reference document not used"});
  }
  SUBCASE("styles nested 200,000 elements deep") {
    std::string styles = own_styles();
    auto at = styles.find("</office:styles>");
    REQUIRE(at != std::string::npos);
    styles.insert(at, hostile::nested("text:span", 200000));
    check("deep", reference_with_styles(styles), {"deeper than 256 levels"});
  }
  SUBCASE("not a zip archive at all, and a FIFO") {
    check("garbage", std::string(5000, 'x'), {"is not a zip package"});
    fs::path fifo = dir / "fifo.odt";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    WriteOptions o;
    o.reference_doc = fifo.string();
    auto out = write_odt(std::vector{m}, o, {&files});  // never opened: a FIFO would block until a writer came
    CHECK(hostile::saying(out.diagnostics, {"reference document not used", "FIFO", fifo.string()}) == 1);
    packages.emplace_back("fifo", out.bytes);
  }
  check_packages_valid(packages);
}

TEST_CASE("a reference document is fetched and read once per cache, not once per meeting") {
  fs::path dir = scratch("odt-reference-once");
  fs::path path = dir / "ref.odt";
  spit(path, reference_with_styles(own_styles()));
  minutes::FileResources files({dir.string()});
  hostile::Counting counting(files);
  WriteOptions o;
  o.reference_doc = path.string();
  minutes::Cache cache;
  std::string first;
  for (int day = 1; day <= 4; ++day) {
    auto out = write_odt(std::vector{meeting("Weekly", {2024, 2, day}, dir / "m.md")}, o, {&counting, &cache});
    CHECK(hostile::saying(out.diagnostics, {"reference document"}) == 0);
    if (first.empty()) first = parts(out.bytes)["styles.xml"];
  }
  CHECK(counting.fetches == 1);
  auto uncached = write_odt(std::vector{meeting("Weekly", {2024, 2, 1}, dir / "m.md")}, o, {&counting});
  CHECK(counting.fetches == 2);  // without a cache, every write reads it
  CHECK(parts(uncached.bytes)["styles.xml"] == first);
}

TEST_CASE("pictures come only from inside the resource roots, never from a FIFO; script links are dropped") {
  require_tool("jing");
  fs::path root = scratch("odt-pictures");
  fs::path inside = root / "minutes", outside = root / "elsewhere";
  std::string png = hostile::tiny_png();
  spit(inside / "here.png", png);
  spit(outside / "secret.png", png);
  REQUIRE(::mkfifo((inside / "fifo.png").c_str(), 0600) == 0);
  auto m = meeting("Pictures 2024-03-01", {2024, 3, 1}, inside / "m.md");
  using hostile::image;
  m.sections[0].blocks.push_back(
      para({image("here.png", "here"), txt(" "), image("../elsewhere/secret.png", "secret"), txt(" "),
            image((outside / "secret.png").string(), "absolute"), txt(" "), image("fifo.png", "fifo"), txt(" "),
            hyperlink("javascript:alert(1)", "script"), txt(" "), hyperlink("https://example.org/", "fine")}));
  minutes::FileResources files({inside.string()});
  auto out = write_odt(std::vector{m}, {}, {&files});
  auto p = parts(out.bytes);
  pugi::xml_document content;
  REQUIRE(content.load_string(p["content.xml"].c_str()));
  CHECK(content.select_nodes("//draw:frame/draw:image").size() == 1);  // here.png only
  int pictures = 0;
  for (const auto& [name, bytes] : p) pictures += name.starts_with("Pictures/");
  CHECK(pictures == 1);
  CHECK(hostile::saying(out.diagnostics, {"secret.png", "outside the folders"}) == 2);
  CHECK(hostile::saying(out.diagnostics, {"fifo.png", "FIFO"}) == 1);
  CHECK(hostile::saying(out.diagnostics, {"javascript:alert(1)", "not allowed"}) == 1);
  CHECK(p["content.xml"].find("javascript") == std::string::npos);
  CHECK(p["content.xml"].find(" script ") != std::string::npos);  // the text stays, without the link
  CHECK(content.select_node("//text:a[@xlink:href='https://example.org/']"));
  check_package_valid(out.bytes, "pictures and links");
}

TEST_CASE("convert and build embed pictures from the meeting's own folder; others only with --resource-path") {
  fs::path root = scratch("odt-cli-pictures");
  std::string png = hostile::tiny_png();
  spit(root / "src/team/beside.png", png);
  spit(root / "pictures/shared.png", png);
  spit(root / "src/team/20240301.md",
       "# Team 2024-03-01\n\n## News\n\n![beside](beside.png) ![shared](../../pictures/shared.png)\n");
  auto pictures = [](const fs::path& odt) {
    int n = 0;
    for (const auto& [name, bytes] : parts(slurp(odt))) n += name.starts_with("Pictures/");
    return n;
  };
  auto q = [](const fs::path& p) { return "'" + p.string() + "'"; };
  Run convert = run_cli("convert " + q(root / "src/team/20240301.md") + " -o " + q(root / "a.odt"));
  CHECK(convert.status == 0);
  CHECK(pictures(root / "a.odt") == 1);
  CHECK(convert.err.find("shared.png' not embedded: it is outside the folders files may be read from") !=
        std::string::npos);
  Run allowed = run_cli("convert " + q(root / "src/team/20240301.md") + " -o " + q(root / "b.odt") +
                        " --resource-path " + q(root / "pictures"));
  CHECK(allowed.status == 0);
  CHECK(pictures(root / "b.odt") == 2);
  // In an archive, a meeting's pictures resolve against its own folder (not the working folder), inside SRC only.
  Run build = run_cli("build " + q(root / "src") + " -o " + q(root / "out") + " --quiet");
  CHECK(build.status == 0);
  CHECK(pictures(root / "out/team/20240301.odt") == 1);
  check_packages_valid({{"convert", slurp(root / "a.odt")},
                        {"--resource-path", slurp(root / "b.odt")},
                        {"build", slurp(root / "out/team/20240301.odt")}});
}
