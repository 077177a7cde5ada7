// The ODT writer's structure on hand-built meetings and the seed: lists, links, tables, images, meta, package layout.
#include <thread>

#include "tests/odt/hostile.hpp"
#include "tests/odt/support.hpp"

using namespace odt_test;
using minutes::formats::write_odt;
using minutes::formats::WriteContext;
using minutes::formats::WriteOptions;

namespace {

// A meeting with what a writer has to handle: sections, nested mixed lists, inlines, a table, code, events.
ir::Meeting sample_meeting() {
  ir::Meeting m;
  m.title = "Team Weekly 2024-02-01";
  m.series = "Team Weekly";
  m.date = ir::Date{2024, 2, 1};
  m.scribes = {"alice"};
  m.participants = {"alice", "bob"};
  m.source = (source_dir() / "tests/odt/data/meeting.md").string();
  ir::Section s;
  s.title = "Team A";
  s.level = 2;
  s.title_inlines = {txt("Team A")};
  s.minutes = ir::MinutesRef{"https://example.org/a/20240131.md", ""};
  s.blocks.push_back(
      list({item("one", {list({item("one.a", {list({item("one.a.i")}, true)}), item("one.b")})}), item("two")}));
  s.blocks.push_back(para({txt("Between the lists")}));
  s.blocks.push_back(list({item("first"), item("second")}, true, 3));
  s.blocks.push_back(list({item("again one"), item("again two")}, true));
  ir::Inline code;
  code.kind = ir::InlineKind::code;
  code.text = "make  all";
  ir::Inline mention;
  mention.kind = ir::InlineKind::mention;
  mention.text = "bob";
  ir::Inline br;
  br.kind = ir::InlineKind::line_break;
  s.blocks.push_back(para({wrap(ir::InlineKind::strong, {txt("bold "), wrap(ir::InlineKind::emphasis, {txt("both")})}),
                           txt(" "), wrap(ir::InlineKind::strikethrough, {txt("gone")}), txt(" "), code, txt(" "),
                           mention, br, hyperlink("https://example.org/x?a=1&b=2", "a link")}));
  ir::Block table;
  table.kind = ir::BlockKind::table;
  for (int r = 0; r < 3; ++r) {
    ir::TableRow row;
    row.header = r == 0;
    for (int c = 0; c < (r == 2 ? 1 : 2); ++c)
      row.cells.push_back({{txt("r" + std::to_string(r) + "c" + std::to_string(c))}});
    table.rows.push_back(row);
  }
  table.alignments = {ir::Align::none, ir::Align::right};
  s.blocks.push_back(table);
  ir::Block cb;
  cb.kind = ir::BlockKind::code;
  cb.text = "int main() {\n\treturn 0;   // done\n}\n";
  s.blocks.push_back(cb);
  ir::Section sub;
  sub.title = "Sub";
  sub.title_inlines = {txt("Sub")};
  sub.level = 3;
  sub.minutes = ir::MinutesRef{"", "Not merged yet"};
  s.sections.push_back(sub);
  m.sections.push_back(s);
  ir::Event e;
  e.title = "Summit";
  e.start = {2024, 5, 14};
  e.end = ir::Date{2024, 5, 15};
  e.location = "Berlin";
  e.url = "https://example.org/summit";
  m.events.push_back(e);
  return m;
}

struct Written {
  formats::Output out;
  std::map<std::string, std::string> parts;
  pugi::xml_document content, styles, meta, manifest;
};

std::unique_ptr<Written> write(const std::vector<ir::Meeting>& ms, const WriteOptions& o = {},
                               const WriteContext& context = {}) {
  auto w = std::make_unique<Written>();
  w->out = write_odt(ms, o, context);
  w->parts = parts(w->out.bytes);
  REQUIRE(w->content.load_string(w->parts["content.xml"].c_str()));
  REQUIRE(w->styles.load_string(w->parts["styles.xml"].c_str()));
  REQUIRE(w->meta.load_string(w->parts["meta.xml"].c_str()));
  REQUIRE(w->manifest.load_string(w->parts["META-INF/manifest.xml"].c_str()));
  return w;
}

uint16_t le16(const std::string& s, size_t i) {
  return static_cast<uint16_t>(static_cast<unsigned char>(s[i]) | static_cast<unsigned char>(s[i + 1]) << 8);
}

}  // namespace

TEST_CASE("package: mimetype first, stored, no extra field; manifest lists every part") {
  auto w = write({sample_meeting()});
  const auto& b = w->out.bytes;
  REQUIRE(b.size() > 38);
  CHECK(b.substr(0, 4) == std::string("PK\x03\x04", 4));
  CHECK(le16(b, 8) == 0);   // compression method: stored
  CHECK(le16(b, 26) == 8);  // name length
  CHECK(le16(b, 28) == 0);  // extra field length
  CHECK(b.substr(30, 8) == "mimetype");
  CHECK(b.substr(38, 39) == "application/vnd.oasis.opendocument.text");
  std::set<std::string> listed;
  for (auto e : w->manifest.document_element().children("manifest:file-entry"))
    listed.insert(e.attribute("manifest:full-path").value());
  for (const auto& part : w->parts)
    if (part.first != "mimetype" && part.first != "META-INF/manifest.xml")
      CHECK_MESSAGE(listed.count(part.first), part.first);
  CHECK(listed.count("/"));
  CHECK(std::string(w->content.document_element().attribute("office:version").value()) == "1.3");
  CHECK(std::string(w->styles.document_element().attribute("office:version").value()) == "1.3");
}

TEST_CASE("lists are real nested text:list elements and numbering restarts per list") {
  auto w = write({sample_meeting()});
  auto root = w->content.document_element();
  // Three levels: a list inside an item of a list inside an item of a list.
  CHECK(root.select_node("//text:list/text:list-item/text:list/text:list-item/text:list/text:list-item/text:p"));
  std::vector<pugi::xml_node> top;
  for (auto l : all(root, "text:list"))
    if (std::string_view(l.parent().name()) != "text:list-item") top.push_back(l);
  REQUIRE(top.size() == 3);
  CHECK(std::string(top[0].attribute("text:style-name").value()) == "List_20_Bullet_20_Style");
  CHECK(std::string(top[1].attribute("text:style-name").value()) == "List_20_Number_20_Style");
  CHECK(top[1].child("text:list-item").attribute("text:start-value").as_int() == 3);
  CHECK(!top[2].attribute("text:continue-numbering"));
  CHECK(!top[2].child("text:list-item").attribute("text:start-value"));
  // The ordered list nested in the bullet list keeps its own (numbered) style.
  auto nested = root.select_node("//text:list-item/text:list/text:list-item/text:list").node();
  CHECK(std::string(nested.attribute("text:style-name").value()) == "List_20_Number_20_Style");
  for (const char* s : {"List_20_Bullet_20_Style", "List_20_Number_20_Style"})
    CHECK(w->styles.select_node((std::string("//text:list-style[@style:name='") + s + "']").c_str()));
}

TEST_CASE("inlines: bold, italic, strike, code, mention, line break, link") {
  auto w = write({sample_meeting()});
  auto root = w->content.document_element();
  CHECK(root.select_node("//text:span[@text:style-name='Strong_20_Emphasis']/text:span[@text:style-name='Emphasis']"));
  CHECK(root.select_node("//text:span[@text:style-name='Strikethrough']"));
  auto code = root.select_node("//text:span[@text:style-name='Source_20_Text']").node();
  CHECK(node_text(code) == "make  all");
  CHECK(node_text(root.select_node("//text:span[@text:style-name='Mention']").node()) == "@bob");
  CHECK(root.select_node("//text:line-break"));
  auto a = root.select_node("//text:a[text()='a link']").node();
  REQUIRE(a);
  CHECK(std::string(a.attribute("xlink:href").value()) == "https://example.org/x?a=1&b=2");
  // The section's minutes link and status.
  CHECK(root.select_node("//text:a[@xlink:href='https://example.org/a/20240131.md']"));
  CHECK(w->parts["content.xml"].find("Not merged yet") != std::string::npos);
}

TEST_CASE("tables have a header row and padded rows; code keeps its spaces; events table at the end") {
  auto w = write({sample_meeting()});
  auto root = w->content.document_element();
  auto tables = all(root, "table:table");
  REQUIRE(tables.size() == 2);
  CHECK(tables[0].select_nodes("table:table-header-rows/table:table-row").size() == 1);
  for (auto row : tables[0].select_nodes(".//table:table-row"))
    CHECK(row.node().select_nodes("table:table-cell").size() == 2);
  // Cell looks and column alignment are automatic styles (LibreOffice ignores common cell styles).
  auto right =
      tables[0].select_nodes(".//table:table-row")[1].node().select_nodes("table:table-cell")[1].node().child("text:p");
  std::string style = right.attribute("text:style-name").value();
  auto def = root.select_node(("//office:automatic-styles/style:style[@style:name='" + style + "']").c_str()).node();
  REQUIRE(def);
  CHECK(std::string(def.child("style:paragraph-properties").attribute("fo:text-align").value()) == "end");
  std::string cell = tables[0].select_node(".//table:table-cell").node().attribute("table:style-name").value();
  CHECK(root.select_node(
      ("//office:automatic-styles/style:style[@style:name='" + cell + "']/style:table-cell-properties[@fo:border]")
          .c_str()));
  std::string code;
  for (auto p : root.select_nodes("//text:p[@text:style-name='Code']")) code += node_text(p.node()) + "\n";
  CHECK(code == "int main() {\n\treturn 0;   // done\n}\n");
  auto ev = tables[1];
  CHECK(node_text(ev.select_node("table:table-header-rows").node()) == "EventDatePlace");
  CHECK(node_text(ev.select_node("table:table-row").node()).find("Summit") != std::string::npos);
  CHECK(node_text(ev.select_node("table:table-row").node()).find("14\u201315 May 2024") != std::string::npos);
}

TEST_CASE("headings have outline levels; a report has a filled table of contents and chapters in date order") {
  auto early = sample_meeting();
  early.title = "Team Weekly 2024-01-04";
  early.date = ir::Date{2024, 1, 4};
  auto w = write({sample_meeting(), early}, {});
  auto root = w->content.document_element();
  auto toc = root.select_node("//text:table-of-content/text:index-body").node();
  REQUIRE(toc);
  // Summary, the series, its meetings in date order (one level down), the appendix.
  auto entries = toc.select_nodes("text:p");
  REQUIRE(entries.size() == 5);
  std::vector<std::string> shown;
  for (auto e : entries) shown.push_back(node_text(e.node().child("text:a")));
  CHECK(shown == std::vector<std::string>{"Summary", "Team Weekly", "Team Weekly 2024-01-04", "Team Weekly 2024-02-01",
                                          "Appendix"});
  CHECK(std::string(entries[2].node().attribute("text:style-name").value()) == "Contents_20_2");
  // Each entry links to its chapter's bookmark and shows that bookmark's page through a field.
  for (auto e : entries) {
    std::string target = e.node().child("text:a").attribute("xlink:href").value();
    REQUIRE(target.starts_with("#"));
    CHECK(root.select_node(("//text:h/text:bookmark[@text:name='" + target.substr(1) + "']").c_str()));
    CHECK(std::string(e.node().child("text:bookmark-ref").attribute("text:ref-name").value()) == target.substr(1));
  }
  auto chapters = root.select_nodes("//text:h[@text:outline-level='2' and text:bookmark]");
  REQUIRE(chapters.size() == 2);  // the meetings (the summary's and the appendix's own parts have no bookmark)
  CHECK(node_text(chapters[0].node()) == "Team Weekly 2024-01-04");
  CHECK(node_text(chapters[1].node()) == "Team Weekly 2024-02-01");
  CHECK(root.select_node("//text:h[@text:outline-level='1' and normalize-space()='Team Weekly']"));
  CHECK(root.select_node("//text:h[@text:outline-level='3' and text()='Team A']"));
  CHECK(root.select_node("//text:h[@text:outline-level='4' and text()='Sub']"));
  // The report's title and its period as a subtitle, in the document's words.
  CHECK(node_text(root.select_node("//text:p[@text:style-name='Title']").node()) == "Team Weekly");
  CHECK(node_text(root.select_node("//text:p[@text:style-name='Subtitle']").node()) ==
        "4 January \u2013 1 February 2024");
  CHECK(std::string(w->meta.document_element().child("office:meta").child_value("dc:title")) ==
        "Team Weekly, 4 January \u2013 1 February 2024");
  // One meeting: no table of contents, sections start at level 1.
  auto one = write({sample_meeting()});
  CHECK(!one->content.select_node("//text:table-of-content"));
  CHECK(one->content.select_node("//text:h[@text:outline-level='1' and text()='Team A']"));
}

TEST_CASE("meta, header title, paper, organisation and funder") {
  WriteOptions o;
  o.organisation = "Example Org";
  o.funder = "Example Fund";
  o.paper = "letter";
  o.lang = "de-DE";
  auto w = write({sample_meeting()}, o);
  auto meta = w->meta.document_element().child("office:meta");
  CHECK(std::string(meta.child_value("dc:title")) == "Team Weekly 2024-02-01");
  CHECK(std::string(meta.child_value("dc:language")) == "de-DE");
  CHECK(std::string(meta.child_value("meta:keyword")) == "Team Weekly");
  CHECK(std::string(meta.child_value("dc:date")).starts_with("2024-02-01T00:00:00"));
  CHECK(std::string(meta.child_value("dc:creator")) == "Example Org");
  CHECK(!std::string(meta.child_value("dc:subject")).empty());
  auto styles = w->styles.document_element();
  CHECK(node_text(styles.select_node("//style:header//text:title").node()) == "Team Weekly 2024-02-01");
  CHECK(styles.select_node("//style:footer//text:page-number"));
  CHECK(styles.select_node("//style:footer//text:page-count"));
  CHECK(std::string(styles.select_node("//style:page-layout-properties").node().attribute("fo:page-width").value()) ==
        "8.5in");
  CHECK(std::string(styles.select_node("//style:default-style[@style:family='paragraph']/style:text-properties")
                        .node()
                        .attribute("fo:country")
                        .value()) == "DE");
  auto content = w->parts["content.xml"];
  CHECK(content.find("Example Org") != std::string::npos);
  CHECK(content.find("Example Fund") != std::string::npos);
  auto a4 = write({sample_meeting()});
  CHECK(
      std::string(a4->styles.select_node("//style:page-layout-properties").node().attribute("fo:page-width").value()) ==
      "21cm");
}

TEST_CASE("images: embedded when local and readable, else a link with the alt text") {
  auto m = sample_meeting();
  fs::path dir = scratch("images");
  std::string png = hostile::tiny_png();
  spit(dir / "pic one.png", png);
  m.source = (dir / "meeting.md").string();
  ir::Inline local;
  local.kind = ir::InlineKind::image;
  local.url = "pic%20one.png";
  local.text = "local picture";
  ir::Inline missing = local;
  missing.url = "nowhere.png";
  missing.text = "missing picture";
  ir::Inline remote = local;
  remote.url = "https://example.org/remote.png";
  remote.text = "remote picture";
  m.blocks.push_back(para({local, txt(" "), missing, txt(" "), remote, txt(" "), local}));
  FileResources files({dir.string()});
  auto w = write({m}, {}, {&files});
  auto frames = w->content.select_nodes("//draw:frame/draw:image");
  REQUIRE(frames.size() == 2);
  std::string href = frames[0].node().attribute("xlink:href").value();
  CHECK(w->parts.count(href));
  CHECK(w->parts[href] == png);
  CHECK(w->manifest.select_node(("//manifest:file-entry[@manifest:full-path='" + href + "']").c_str()));
  CHECK(w->parts.size() == 6);  // the same picture twice is stored once
  CHECK(w->content.select_node("//text:a[@xlink:href='nowhere.png' and text()='missing picture']"));
  CHECK(w->content.select_node("//text:a[@xlink:href='https://example.org/remote.png' and text()='remote picture']"));
  // The unreadable local picture gets a note; the remote one, linked by design, none.
  int notes = 0;
  for (const auto& d : w->out.diagnostics)
    if (d.message.find("image '") != std::string::npos) {
      ++notes;
      CHECK(d.message.find("nowhere.png") != std::string::npos);
    }
  CHECK(notes == 1);
  check_package_valid(w->out.bytes, "images");
}

TEST_CASE("characters XML forbids are dropped with a warning") {
  auto m = sample_meeting();
  m.title = std::string("Bad\x01title\x0b") + "\xef\xbf\xbe";
  m.sections[0].blocks.push_back(para({txt(std::string("nul\0byte", 8))}));
  auto w = write({m});
  bool warned = false;
  for (const auto& d : w->out.diagnostics) warned = warned || d.message.find("XML 1.0 forbids") != std::string::npos;
  CHECK(warned);
  CHECK(w->parts["content.xml"].find("Badtitle") != std::string::npos);
  CHECK(w->parts["content.xml"].find("nulbyte") != std::string::npos);
  check_package_valid(w->out.bytes, "forbidden characters");
}

TEST_CASE("same input, same bytes") {
  auto a = write_odt(std::vector{sample_meeting()}, {});
  auto b = write_odt(std::vector{sample_meeting()}, {});
  CHECK(a.bytes == b.bytes);
  auto seed = load_markdown(seed_path());
  auto c = write_odt(std::vector{seed}, {});
  auto d = write_odt(std::vector{load_markdown(seed_path())}, {});
  CHECK(c.bytes == d.bytes);
  WriteOptions o;
  o.source_date_epoch = 1700000000;
  auto e = write_odt(std::vector{seed}, o);
  CHECK(e.bytes != c.bytes);  // the timestamp is the only difference and it does reach the package
}

TEST_CASE("packages written many times with one cache, in parallel, are the same as without a cache") {
  // Parts that recur from report to report (styles, settings) are compressed once per cache and reused: the
  // reuse must not change a byte, whichever thread packs first.
  auto seed = load_markdown(seed_path());
  auto first = write_odt(std::vector{seed}, {}).bytes;
  auto other = write_odt(std::vector{sample_meeting()}, {}).bytes;
  std::vector<std::string> again(8), others(8);
  std::vector<std::thread> threads;
  minutes::Cache cache;
  WriteContext context{nullptr, &cache};
  for (int k = 0; k < 2; ++k)
    threads.emplace_back([&, k] {
      for (size_t i = static_cast<size_t>(k); i < again.size(); i += 2) {
        again[i] = write_odt(std::vector{seed}, {}, context).bytes;
        others[i] = write_odt(std::vector{sample_meeting()}, {}, context).bytes;
      }
    });
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < again.size(); ++i) {
    CHECK(again[i] == first);
    CHECK(others[i] == other);
  }
  auto entries = formats::unzip(first);
  REQUIRE(entries.size() >= 5);
  for (const auto& e : entries) CHECK_MESSAGE(!e.data.empty(), e.name);
}

TEST_CASE("zip parts with a recurring beginning unpack to the same bytes, and the same bytes in any order") {
  std::string xml;
  for (int i = 0; i < 400; ++i)
    xml += "<text:p text:style-name=\"P" + std::to_string(i % 7) + "\">line " + std::to_string(i) + "</text:p>";
  std::string binary;
  uint32_t state = 12345;  // noise, which deflate cannot shrink
  for (int i = 0; i < 5000; ++i) binary += static_cast<char>((state = state * 1664525u + 1013904223u) >> 24);
  std::vector<formats::ZipEntry> entries = {
      {"mimetype", "application/vnd.oasis.opendocument.text", true},
      {"a.xml", xml, false, 1000},            // beginning + rest
      {"b.xml", xml, false, xml.size()},      // all of it recurs: packed whole
      {"c.xml", xml, false, xml.size() + 5},  // a count past the end: packed whole
      {"d.bin", binary, false, 100},          // does not shrink: stored
      {"e.xml", "", false, 0},
      {"f.xml", xml.substr(0, 1500), false, 1499},
  };
  auto first = formats::zip_package(entries, 0).bytes;
  // Packed again with a cache (twice: the beginnings then come from it) and after other packages: the same bytes.
  minutes::Cache cache;
  CHECK(formats::zip_package(entries, 0, &cache).bytes == first);
  formats::zip_package({{"g.xml", xml.substr(0, 1000)}}, 0, &cache);
  CHECK(formats::zip_package(entries, 0, &cache).bytes == first);
  auto back = formats::unzip(first);  // libzip checks every entry's CRC
  REQUIRE(back.size() == entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    CHECK(back[i].name == entries[i].name);
    CHECK_MESSAGE(back[i].data == entries[i].data, entries[i].name);
  }
  CHECK(back[0].store);
  CHECK(back[4].store);
  CHECK(!back[1].store);
  CHECK(first.size() < 2 * xml.size());
}

TEST_CASE("the seed: Team IaaS minutes link is a real hyperlink") {
  auto w = write({load_markdown(seed_path())});
  auto root = w->content.document_element();
  auto h = root.select_node("//text:h[text()='Team IaaS']").node();
  REQUIRE(h);
  auto p = h.next_sibling();
  auto a = p.select_node(".//text:a").node();
  REQUIRE(a);
  CHECK(std::string(a.attribute("xlink:href").value()) ==
        "https://github.com/SovereignCloudStack/minutes/blob/main/iaas/20230503.md");
  CHECK(node_text(p).starts_with("Minutes:"));
}

TEST_CASE("--reference-doc: styles, page layout, header and pictures come from the user's ODT") {
  // A user's document: our own output with a bigger Heading 1, a narrow page, a logo in the header,
  // one of our list styles missing, and LibreOffice-style extension markup that ODF 1.3 does not define.
  auto base = write({sample_meeting()});
  pugi::xml_document st;
  REQUIRE(st.load_string(base->parts["styles.xml"].c_str()));
  auto root = st.document_element();
  root.append_attribute("xmlns:loext") = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0";
  auto h1 = root.select_node("//style:style[@style:name='Heading_20_1']/style:text-properties").node();
  h1.attribute("fo:font-size") = "30pt";
  h1.append_attribute("loext:opacity") = "100%";
  root.child("office:styles").append_child("loext:graphic-properties");
  auto bullets = root.select_node("//text:list-style[@style:name='List_20_Bullet_20_Style']").node();
  bullets.parent().remove_child(bullets);
  root.select_node("//style:page-layout-properties").node().attribute("fo:page-width") = "20cm";
  auto header = root.select_node("//style:header/text:p").node();
  auto frame = header.append_child("draw:frame");
  frame.append_attribute("draw:name") = "Logo";
  frame.append_attribute("text:anchor-type") = "as-char";
  frame.append_attribute("svg:width") = "1cm";
  frame.append_attribute("svg:height") = "1cm";
  auto img = frame.append_child("draw:image");
  img.append_attribute("xlink:href") = "Pictures/logo.png";
  img.append_attribute("xlink:type") = "simple";
  img.append_attribute("xlink:show") = "embed";
  img.append_attribute("xlink:actuate") = "onLoad";
  std::ostringstream ss;
  st.save(ss, "", pugi::format_raw);
  std::string logo = hostile::tiny_png();
  auto ref = formats::zip_package({{"mimetype", "application/vnd.oasis.opendocument.text", true},
                                   {"content.xml", base->parts["content.xml"]},
                                   {"styles.xml", ss.str()},
                                   {"Pictures/logo.png", logo}},
                                  0)
                 .bytes;
  fs::path path = scratch("reference") / "ref.odt";
  spit(path, ref);
  WriteOptions o;
  o.reference_doc = path.string();
  FileResources files({path.string()});
  auto w = write({sample_meeting()}, o, {&files});
  auto styles = w->styles.document_element();
  CHECK(std::string(styles.select_node("//style:style[@style:name='Heading_20_1']/style:text-properties")
                        .node()
                        .attribute("fo:font-size")
                        .value()) == "30pt");
  CHECK(std::string(styles.select_node("//style:page-layout-properties").node().attribute("fo:page-width").value()) ==
        "20cm");
  CHECK(styles.select_node("//text:list-style[@style:name='List_20_Bullet_20_Style']"));  // taken from the template
  CHECK(w->parts["styles.xml"].find("loext:opacity") == std::string::npos);
  CHECK(w->parts["Pictures/logo.png"] == logo);
  CHECK(w->manifest.select_node("//manifest:file-entry[@manifest:full-path='Pictures/logo.png']"));
  CHECK(node_text(styles.select_node("//style:header//text:title").node()) == "Team Weekly 2024-02-01");
  check_package_valid(w->out.bytes, "reference doc");

  SUBCASE("an unreadable reference document is reported and the default styles used") {
    WriteOptions bad;
    bad.reference_doc = (scratch("reference-bad") / "missing.odt").string();
    FileResources files({scratch_root().string()});
    auto out = write_odt(std::vector{sample_meeting()}, bad, {&files});
    bool warned = false;
    for (const auto& d : out.diagnostics)
      warned = warned || d.message.find("reference document not used") != std::string::npos;
    CHECK(warned);
    CHECK(parts(out.bytes).count("styles.xml"));
  }
}

TEST_CASE("the writer's own words follow the document language") {
  WriteOptions de;
  de.lang = "de-DE";
  auto early = sample_meeting();
  early.date = ir::Date{2024, 1, 4};
  auto w = write({sample_meeting(), early}, de);
  auto footer = node_text(w->styles.select_node("//style:footer/text:p").node());
  CHECK(footer.starts_with("Seite "));
  CHECK(footer.find(" von ") != std::string::npos);
  CHECK(node_text(w->content.select_node("//text:index-title/text:p").node()) == "Inhalt");
  CHECK(w->parts["content.xml"].find("Erwähnte Veranstaltungen") != std::string::npos);
  auto en = write({sample_meeting(), early});
  CHECK(node_text(en->styles.select_node("//style:footer/text:p").node()).starts_with("Page "));
  CHECK(node_text(en->content.select_node("//text:index-title/text:p").node()) == "Contents");
}
