// What the DOCX writer puts in the package, on meetings built by hand: lists, links, inlines, tables, images, parts.
#include "tests/docx/support.hpp"
#include "tests/odt/hostile.hpp"

#include <regex>
#include <set>

#include "formats/common/report.hpp"

using namespace docx_test;
using minutes::formats::write_docx;
using minutes::formats::WriteContext;
using minutes::formats::WriteOptions;

namespace {

std::string write(const std::vector<ir::Meeting>& meetings, const WriteOptions& options = {},
                  const WriteContext& context = {}) {
  auto out = write_docx(meetings, options, context);
  for (const auto& d : out.diagnostics) CHECK_MESSAGE(d.severity != ir::Severity::error, d.message);
  REQUIRE(!out.bytes.empty());
  return out.bytes;
}

// The relationship of word/document.xml with this id.
pugi::xml_node relationship(const pugi::xml_document& rels, const std::string& id) {
  return rels.child("Relationships").find_child_by_attribute("Relationship", "Id", id.c_str());
}

}  // namespace

TEST_CASE("nested lists: pStyle before numPr, levels, one w:num per list, restarted numbering, 4-byte nsid") {
  auto inner = list(false, {{"third level", std::nullopt}});
  auto middle = list(true, {{"second level a", inner}, {"second level b", std::nullopt}}, 3);
  auto outer = list(false, {{"first level", middle}, {"first level again", std::nullopt}});
  auto second = list(true, {{"another list", std::nullopt}});
  auto m = meeting("Lists", {2023, 5, 4}, {section("Team", 2, {outer, para("between"), second})});
  auto p = parts(write({m}));
  auto doc = xml(p["word/document.xml"]);
  std::map<std::string, std::pair<int, std::string>> items;  // text -> (ilvl, numId)
  for (auto para : paragraphs(*doc)) {
    auto pr = para.child("w:pPr");
    auto num = pr.child("w:numPr");
    if (!num) continue;
    // schema order: w:pStyle is the first child of w:pPr, before w:numPr
    CHECK(std::string(pr.first_child().name()) == "w:pStyle");
    items[text_of(para)] = {num.child("w:ilvl").attribute("w:val").as_int(),
                            num.child("w:numId").attribute("w:val").value()};
  }
  REQUIRE(items.size() == 6);
  CHECK(items["first level"].first == 0);
  CHECK(items["second level a"].first == 1);
  CHECK(items["third level"].first == 2);
  CHECK(items["first level"].second == items["first level again"].second);
  CHECK(items["second level a"].second == items["second level b"].second);
  std::set<std::string> ids;
  for (const auto& [text, v] : items) ids.insert(v.second);
  CHECK(ids.size() == 4);  // four lists, four w:num

  auto numbering = xml(p["word/numbering.xml"]);
  auto root = numbering->child("w:numbering");
  for (auto abstract : root.children("w:abstractNum"))
    CHECK(
        std::regex_match(std::string(abstract.child("w:nsid").attribute("w:val").value()), std::regex("[0-9A-F]{8}")));
  auto num_of = [&](const std::string& id) { return root.find_child_by_attribute("w:num", "w:numId", id.c_str()); };
  auto ordered = num_of(items["second level a"].second);
  REQUIRE(ordered);
  auto abstract = root.find_child_by_attribute("w:abstractNum", "w:abstractNumId",
                                               ordered.child("w:abstractNumId").attribute("w:val").value());
  CHECK(std::string(
            abstract.find_child_by_attribute("w:lvl", "w:ilvl", "1").child("w:numFmt").attribute("w:val").value()) ==
        "decimal");  // Markdown numbers every level "1. 2. 3.", and so does the document
  // numbering restarts: each ordered list overrides its start
  CHECK(ordered.child("w:lvlOverride").attribute("w:ilvl").as_int() == 1);
  CHECK(ordered.child("w:lvlOverride").child("w:startOverride").attribute("w:val").as_int() == 3);
  auto other = num_of(items["another list"].second);
  CHECK(other.child("w:lvlOverride").child("w:startOverride").attribute("w:val").as_int() == 1);
  auto bullets = num_of(items["first level"].second);
  auto bullet_abstract = root.find_child_by_attribute("w:abstractNum", "w:abstractNumId",
                                                      bullets.child("w:abstractNumId").attribute("w:val").value());
  CHECK(std::string(bullet_abstract.child("w:lvl").child("w:numFmt").attribute("w:val").value()) == "bullet");
}

TEST_CASE("links and a team's minutes link are external hyperlinks; a status is text") {
  auto team = section("Team IaaS", 2,
                      {para({txt("see "), span(ir::InlineKind::link, {txt("the docs")}, "https://example.org/a b")})});
  team.minutes = ir::MinutesRef{"https://github.com/SovereignCloudStack/minutes/blob/main/iaas/20230503.md", ""};
  auto ops = section("Team Ops", 2, {para("done")});
  ops.minutes = ir::MinutesRef{"", "Not merged yet"};
  auto p = parts(write({meeting("Links", {2023, 5, 4}, {team, ops})}));
  auto doc = xml(p["word/document.xml"]);
  auto rels = xml(p["word/_rels/document.xml.rels"]);
  std::map<std::string, std::string> links;  // shown text -> target
  for (auto h : doc->select_nodes("//w:hyperlink")) {
    auto rel = relationship(*rels, h.node().attribute("r:id").value());
    REQUIRE(rel);
    CHECK(std::string(rel.attribute("TargetMode").value()) == "External");
    links[text_of(h.node())] = rel.attribute("Target").value();
  }
  CHECK(links["the docs"] == "https://example.org/a%20b");
  std::string url = "https://github.com/SovereignCloudStack/minutes/blob/main/iaas/20230503.md";
  CHECK(links[url] == url);
  bool status = false;
  for (auto para : paragraphs(*doc)) status = status || text_of(para) == "Minutes: Not merged yet";
  CHECK(status);
}

TEST_CASE("inline formatting: bold, italic, strike, code, mention, line break") {
  ir::Inline code;
  code.kind = ir::InlineKind::code;
  code.text = "make  test";
  ir::Inline mention;
  mention.kind = ir::InlineKind::mention;
  mention.text = "jschoone";
  ir::Inline br;
  br.kind = ir::InlineKind::line_break;
  auto p = parts(write(
      {meeting("Inlines", {2023, 5, 4},
               {section("S", 2,
                        {para({span(ir::InlineKind::strong, {txt("B")}), span(ir::InlineKind::emphasis, {txt("I")}),
                               span(ir::InlineKind::strikethrough, {txt("struck")}), code, br, mention})})})}));
  auto doc = xml(p["word/document.xml"]);
  auto run_with = [&](const char* text) {
    return doc->select_node((std::string("//w:r[w:t='") + text + "']").c_str()).node();
  };
  CHECK(run_with("B").child("w:rPr").child("w:b"));
  CHECK(run_with("I").child("w:rPr").child("w:i"));
  CHECK(run_with("struck").child("w:rPr").child("w:strike"));
  auto code_run = run_with("make  test");
  CHECK(std::string(code_run.child("w:rPr").child("w:rStyle").attribute("w:val").value()) == "CodeChar");
  CHECK(std::string(code_run.child("w:t").attribute("xml:space").value()) == "preserve");
  CHECK(std::string(run_with("@jschoone").child("w:rPr").child("w:rStyle").attribute("w:val").value()) == "Mention");
  CHECK(doc->select_node("//w:r/w:br"));
  auto styles = xml(p["word/styles.xml"]);
  auto code_style = styles->child("w:styles").find_child_by_attribute("w:style", "w:styleId", "CodeChar");
  CHECK(std::string(code_style.child("w:rPr").child("w:rFonts").attribute("w:ascii").value()) == "Courier New");
}

TEST_CASE("tables have a header row; code blocks use the monospace Code style") {
  ir::Block table;
  table.kind = ir::BlockKind::table;
  table.alignments = {ir::Align::left, ir::Align::right};
  ir::TableRow head{{{{txt("Name")}}, {{txt("Count")}}}, true, 0};
  ir::TableRow row{{{{txt("a")}}, {{txt("1")}}}, false, 0};
  table.rows = {head, row, row};
  ir::Block code;
  code.kind = ir::BlockKind::code;
  code.text = "line 1\n  line 2\n";
  auto p = parts(write({meeting("Table", {2023, 5, 4}, {section("S", 2, {table, code})})}));
  auto doc = xml(p["word/document.xml"]);
  auto tbl = doc->select_node("//w:tbl").node();
  REQUIRE(tbl);
  CHECK(std::string(tbl.child("w:tblPr").child("w:tblStyle").attribute("w:val").value()) == "Table");
  auto rows = tbl.select_nodes("w:tr");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].node().child("w:trPr").child("w:tblHeader"));
  CHECK(!rows[1].node().child("w:trPr").child("w:tblHeader"));
  CHECK(text_of(rows[0].node()) == "NameCount");
  CHECK(tbl.select_nodes("w:tblGrid/w:gridCol").size() == 2);
  auto code_p = doc->select_node("//w:p[w:pPr/w:pStyle/@w:val='Code']").node();
  REQUIRE(code_p);
  CHECK(text_of(code_p) == "line 1  line 2");
  CHECK(code_p.select_nodes(".//w:br").size() == 1);
}

TEST_CASE("local images are embedded; missing or remote ones become a link with the alt text") {
  fs::path dir = scratch("images");
  // a 2x1 PNG
  const unsigned char png[] = {0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0,    0,    0,    0x0D, 0x49, 0x48,
                               0x44, 0x52, 0,    0,    0,    2,    0,    0,    0,    1,    8,    2,    0,    0,
                               0,    0x7B, 0x40, 0xE8, 0xDD, 0,    0,    0,    0x0C, 0x49, 0x44, 0x41, 0x54, 0x08,
                               0xD7, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0,    0x05, 0x00, 0x01, 0xFF, 0x89, 0x99,
                               0x3D, 0x1D, 0,    0,    0,    0,    0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
  spit(dir / "img" / "logo.png", std::string(reinterpret_cast<const char*>(png), sizeof png));
  auto m = meeting("Images", {2023, 5, 4},
                   {section("S", 2,
                            {para({hostile::image("img/logo.png", "the logo")}),
                             para({hostile::image("img/missing.png", "a missing picture")}),
                             para({hostile::image("https://example.org/x.png", "remote picture")})})});
  m.source = (dir / "minutes.md").string();
  minutes::FileResources files({dir.string()});
  auto p = parts(write({m}, {}, {&files}));
  auto doc = xml(p["word/document.xml"]);
  auto rels = xml(p["word/_rels/document.xml.rels"]);
  auto blips = doc->select_nodes("//w:drawing//a:blip");
  REQUIRE(blips.size() == 1);
  auto rel = relationship(*rels, blips[0].node().attribute("r:embed").value());
  REQUIRE(rel);
  CHECK(std::string(rel.attribute("Type").value()).find("/image") != std::string::npos);
  std::string part = "word/" + std::string(rel.attribute("Target").value());
  REQUIRE(p.count(part));
  CHECK(p[part] == slurp(dir / "img" / "logo.png"));
  CHECK(std::string(doc->select_node("//wp:docPr").node().attribute("descr").value()) == "the logo");
  CHECK(p["[Content_Types].xml"].find("Extension=\"png\"") != std::string::npos);
  std::set<std::string> linked;
  for (auto h : doc->select_nodes("//w:hyperlink")) linked.insert(text_of(h.node()));
  CHECK(linked.count("a missing picture"));
  CHECK(linked.count("remote picture"));
  CHECK(schema_errors(write({m}, {}, {&files}), "images") == "");
}

TEST_CASE("events table at the end of a meeting; header, footer, properties, paper, language, title block") {
  auto m = meeting("SCS Tech Weekly 2023-05-04", {2023, 5, 4}, {section("S", 2, {para("x")})});
  ir::Event e;
  e.title = "Hackathon #6";
  e.start = {2023, 5, 10};
  e.end = ir::Date{2023, 5, 11};
  e.location = "Bilbao";
  m.events.push_back(e);
  m.scribes = {"jschoone"};
  WriteOptions options;
  options.organisation = "Sovereign Cloud Stack";
  options.funder = "BMWK";
  options.paper = "letter";
  options.lang = "de-DE";
  auto p = parts(write({m}, options));
  auto doc = xml(p["word/document.xml"]);
  auto tables = doc->select_nodes("//w:tbl");
  REQUIRE(tables.size() == 1);
  auto rows = tables[0].node().select_nodes("w:tr");
  REQUIRE(rows.size() == 2);
  CHECK(text_of(rows[0].node()) == "VeranstaltungDatumOrt");  // German labels for de-DE
  CHECK(text_of(rows[1].node()) == "Hackathon #610.\u201311. Mai 2023Bilbao");
  std::string body = text_of(doc->child("w:document").child("w:body"));
  CHECK(body.find("Organisation: Sovereign Cloud Stack") != std::string::npos);
  CHECK(body.find("Förderer: BMWK") != std::string::npos);
  CHECK(body.find("Protokoll: jschoone") != std::string::npos);
  CHECK(doc->select_node("//w:body/w:sectPr/w:pgSz").node().attribute("w:w").as_int() == 12240);
  CHECK(doc->select_node("//w:body/w:sectPr/w:pgSz").node().attribute("w:h").as_int() == 15840);
  CHECK(doc->select_node("//w:p[w:pPr/w:pStyle/@w:val='Title']"));
  auto styles = xml(p["word/styles.xml"]);
  CHECK(std::string(styles->select_node("//w:docDefaults//w:lang").node().attribute("w:val").value()) == "de-DE");
  for (int level = 1; level <= 4; ++level) {
    auto style = styles->child("w:styles")
                     .find_child_by_attribute("w:style", "w:styleId", ("Heading" + std::to_string(level)).c_str());
    CHECK(style.child("w:pPr").child("w:outlineLvl").attribute("w:val").as_int() == level - 1);
  }
  for (const char* id :
       {"Title", "Subtitle", "BodyText", "ListBullet", "ListNumber", "Code", "Hyperlink", "Table", "Header", "Footer"})
    CHECK_MESSAGE(styles->child("w:styles").find_child_by_attribute("w:style", "w:styleId", id), id);
  std::string footer = p["word/footer1.xml"];
  CHECK(footer.find("PAGE") != std::string::npos);
  CHECK(text_of(xml(parts(write({m}))["word/footer1.xml"])->child("w:ftr")) == "Page 1 of 1");
  CHECK(footer.find("NUMPAGES") != std::string::npos);
  CHECK(text_of(xml(footer)->child("w:ftr")).find("Seite 1 von 1") == 0);
  CHECK(text_of(xml(p["word/header1.xml"])->child("w:hdr")) == "SCS Tech Weekly 2023-05-04");
  auto core = xml(p["docProps/core.xml"]);
  auto props = core->child("cp:coreProperties");
  CHECK(std::string(props.child_value("dc:title")) == "SCS Tech Weekly 2023-05-04");
  CHECK(std::string(props.child_value("cp:keywords")) == "Test Weekly");
  CHECK(std::string(props.child_value("dc:creator")) == "Sovereign Cloud Stack");
  CHECK(std::string(props.child_value("dcterms:created")) == "2023-05-04T00:00:00Z");
  CHECK(std::string(props.child_value("dcterms:modified")) == "2023-05-04T00:00:00Z");
  CHECK(p.count("docProps/app.xml"));
  CHECK(!xml(p["word/settings.xml"])->select_node("//w:updateFields"));
}

TEST_CASE("several meetings: chapters in date order and a filled-in table of contents linking to them") {
  std::vector<ir::Meeting> ms = {meeting("Weekly 2023-06-01", {2023, 6, 1}, {section("A", 2, {para("june")})}),
                                 meeting("Weekly 2023-04-06", {2023, 4, 6}, {section("A", 2, {para("april")})}),
                                 meeting("Weekly 2023-05-04", {2023, 5, 4}, {section("A", 2, {para("may")})})};
  auto bytes = write(ms);
  auto p = parts(bytes);
  auto doc = xml(p["word/document.xml"]);
  std::vector<std::string> chapters, anchors, bookmarks;
  // The meetings are chapters one level below their series, in date order.
  for (auto h : doc->select_nodes("//w:p[w:pPr/w:pStyle/@w:val='Heading2' and w:bookmarkStart]")) {
    chapters.push_back(text_of(h.node()));
    bookmarks.push_back(h.node().child("w:bookmarkStart").attribute("w:name").value());
  }
  CHECK(chapters == std::vector<std::string>{"Weekly 2023-04-06", "Weekly 2023-05-04", "Weekly 2023-06-01"});
  std::vector<std::string> top;
  for (auto h : doc->select_nodes("//w:p[w:pPr/w:pStyle/@w:val='TOC1']")) top.push_back(text_of(h.node()));
  CHECK(top == std::vector<std::string>{"Summary", "Test Weekly", "Appendix"});
  auto toc = doc->select_nodes("//w:p[w:pPr/w:pStyle/@w:val='TOC2']");
  REQUIRE(toc.size() == 3);
  CHECK(std::string(doc->select_node("//w:instrText").node().text().get()).find("TOC") != std::string::npos);
  for (size_t i = 0; i < toc.size(); ++i) {
    auto link = toc[i].node().child("w:hyperlink");
    CHECK(text_of(link) == chapters[i]);
    CHECK(std::string(link.attribute("w:anchor").value()) == bookmarks[i]);
  }
  CHECK(!xml(p["word/settings.xml"])->select_node("//w:updateFields"));
  CHECK(std::string(xml(p["docProps/core.xml"])->child("cp:coreProperties").child_value("dc:title")) ==
        "Test Weekly, 6 April \u2013 1 June 2023");
  CHECK(schema_errors(bytes, "report") == "");
}

TEST_CASE("same input, same bytes") {
  auto m = meeting(
      "Weekly", {2023, 5, 4},
      {section("S", 2,
               {list(true, {{"a", std::nullopt}}), para({span(ir::InlineKind::link, {txt("x")}, "https://x.org")})})});
  CHECK(write({m}) == write({m}));
  WriteOptions epoch;
  epoch.source_date_epoch = 1700000000;
  auto a = write({m}, epoch);
  CHECK(a == write({m}, epoch));
  CHECK(std::string(xml(parts(a)["docProps/core.xml"])->child("cp:coreProperties").child_value("dcterms:created")) ==
        "2023-11-14T22:13:20Z");
}

TEST_CASE("--reference-doc: styles, header, footer and page layout come from the user's document") {
  auto m = meeting("Weekly", {2023, 5, 4}, {section("S", 2, {list(true, {{"a", std::nullopt}})})});
  auto base = parts(write({m}));
  // the user's document: our output with a renamed heading colour, a letter page and its own footer text
  std::string styles = base["word/styles.xml"];
  auto at = styles.find("1F3864");
  REQUIRE(at != std::string::npos);
  styles.replace(at, 6, "C00000");
  std::string document = base["word/document.xml"];
  at = document.find("w:w=\"11906\" w:h=\"16838\"");
  REQUIRE(at != std::string::npos);
  document.replace(at, 23, "w:w=\"12240\" w:h=\"15840\"");
  std::string footer = base["word/footer1.xml"];
  at = footer.find(">Page <");
  REQUIRE(at != std::string::npos);
  footer.replace(at, 7, ">Seite <");
  std::vector<formats::ZipEntry> entries;
  for (auto& [name, bytes] : base)
    entries.push_back({name, name == "word/styles.xml"     ? styles
                             : name == "word/document.xml" ? document
                             : name == "word/footer1.xml"  ? footer
                                                           : bytes});
  fs::path ref = scratch("reference") / "reference.docx";
  spit(ref, formats::zip_package(entries, 0).bytes);
  WriteOptions options;
  options.reference_doc = ref.string();
  minutes::FileResources files({ref.parent_path().string()});
  auto out = write({m}, options, {&files});
  auto p = parts(out);
  CHECK(p["word/styles.xml"].find("C00000") != std::string::npos);
  CHECK(xml(p["word/document.xml"])->select_node("//w:body/w:sectPr/w:pgSz").node().attribute("w:w").as_int() == 12240);
  bool seite = false;
  for (const auto& [name, bytes] : p)
    seite = seite || (name.rfind("word/footer", 0) == 0 && bytes.find("Seite") != std::string::npos);
  CHECK(seite);
  CHECK(schema_errors(out, "reference") == "");

  WriteOptions missing;
  missing.reference_doc = "/nonexistent/reference.docx";
  auto fallback = write_docx(std::vector<ir::Meeting>{m}, missing);
  CHECK(!fallback.bytes.empty());
  CHECK(!fallback.diagnostics.empty());
}
