// The feeds' bytes, written without trees, against the trees they used to be serialised from (pugixml with
// format_indent for RSS and Atom, nlohmann's dump(2) for JSON Feed), for hostile meetings: control characters,
// broken UTF-8, "]]>", "</script>", emoji; the readers (feedparser, jing, JSON Feed's checks) accept them; and the
// work of a feed is linear in its entries (4n entries against n: output and allocated bytes, never time).
#include <doctest/doctest.h>

#include "counting_new.hpp"
#include <fmt/format.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <new>
#include <pugixml.hpp>
#include <sstream>

#include "clients/clients.hpp"
#include "formats/common/json_text.hpp"
#include "formats/common/report.hpp"
#include "formats/common/text.hpp"
#include "formats/feed/internal.hpp"
#include "formats/formats.hpp"
#include "rss/feed_checks.hpp"
#include <minutes/minutes.hpp>

namespace {

// Bytes allocated with operator new while `counting` (this test binary's own replacement, a plain malloc).
std::atomic<bool> counting{false};
std::atomic<size_t> allocated{0};

}  // namespace

#if MINUTES_COUNTS_ALLOCATIONS
#if defined(__GNUC__) && !defined(__clang__)
// GCC pairs the free below with the new expressions it inlined this replacement into, a false alarm.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

void* operator new(size_t n) {
  if (counting.load(std::memory_order_relaxed)) allocated.fetch_add(n, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
#endif

using namespace minutes;
using nlohmann::json;
using test::feedparser, test::jing, test::jsonfeed;

namespace {

// The writers as they were: a pugixml tree (RSS, Atom) or an nlohmann tree (JSON Feed) of the same feed model.
namespace tree {

using formats::feed::Feed;

pugi::xml_node text_child(pugi::xml_node parent, const char* name, std::string_view text) {
  auto e = parent.append_child(name);
  e.append_child(pugi::node_pcdata).set_value(formats::clean_text(text).c_str());
  return e;
}

std::string saved(const pugi::xml_document& doc) {
  std::ostringstream s;
  doc.save(s, "  ", pugi::format_indent, pugi::encoding_utf8);
  return s.str();
}

pugi::xml_node document(pugi::xml_document& doc, const char* root) {
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version").set_value("1.0");
  decl.append_attribute("encoding").set_value("UTF-8");
  return doc.append_child(root);
}

using formats::feed::rfc822;  // the writers' own dates: these trees check layout and escaping

std::string rss(std::span<const ir::Meeting> ms, const WriteOptions& o) {
  Feed f = formats::feed::make_feed(ms, o, {});
  pugi::xml_document doc;
  auto root = document(doc, "rss");
  root.append_attribute("version").set_value("2.0");
  root.append_attribute("xmlns:atom").set_value("http://www.w3.org/2005/Atom");
  root.append_attribute("xmlns:content").set_value("http://purl.org/rss/1.0/modules/content/");
  root.append_attribute("xmlns:dc").set_value("http://purl.org/dc/elements/1.1/");
  auto channel = root.append_child("channel");
  text_child(channel, "title", f.title);
  text_child(channel, "link", f.home);
  text_child(channel, "description", formats::escape_xml(f.description));
  if (!f.self.empty()) {
    auto self = channel.append_child("atom:link");
    self.append_attribute("href").set_value(f.self.c_str());
    self.append_attribute("rel").set_value("self");
    self.append_attribute("type").set_value("application/rss+xml");
  }
  text_child(channel, "language", f.language);
  text_child(channel, "lastBuildDate", rfc822(f.updated));
  text_child(channel, "generator", "minutes");
  text_child(channel, "docs", "https://www.rssboard.org/rss-specification");
  for (const auto& e : f.entries) {
    auto item = channel.append_child("item");
    text_child(item, "title", e->title);
    text_child(item, "link", e->link);
    text_child(item, "guid", e->id).append_attribute("isPermaLink").set_value(e->permalink ? "true" : "false");
    if (e->published) text_child(item, "pubDate", rfc822(*e->published));
    for (const auto& a : e->authors) text_child(item, "dc:creator", a);
    for (const auto& c : e->categories) text_child(item, "category", c);
    text_child(item, "description", formats::escape_xml(e->summary));
    if (!e->content.empty())
      item.append_child("content:encoded").append_child(pugi::node_cdata).set_value(e->content.c_str());
  }
  return saved(doc);
}

void link(pugi::xml_node parent, const char* rel, const char* type, const std::string& href) {
  auto l = parent.append_child("link");
  l.append_attribute("rel").set_value(rel);
  l.append_attribute("type").set_value(type);
  l.append_attribute("href").set_value(href.c_str());
}

void person(pugi::xml_node parent, std::string_view name) { text_child(parent.append_child("author"), "name", name); }

std::string atom(std::span<const ir::Meeting> ms, const WriteOptions& o) {
  Feed f = formats::feed::make_feed(ms, o, {});
  pugi::xml_document doc;
  auto root = document(doc, "feed");
  root.append_attribute("xmlns").set_value("http://www.w3.org/2005/Atom");
  if (formats::is_language_tag(f.language)) root.append_attribute("xml:lang").set_value(f.language.c_str());
  text_child(root, "title", f.title);
  text_child(root, "subtitle", f.description);
  link(root, "alternate", "text/html", f.home);
  if (!f.self.empty()) link(root, "self", "application/atom+xml", f.self);
  text_child(root, "id",
             !f.self.empty()                           ? f.self
             : f.home.find("://") != std::string::npos ? f.home
                                                       : "minutes:feed:" + formats::slug(f.title));
  text_child(root, "updated", formats::iso_datetime(f.updated));
  text_child(root, "generator", "minutes");
  person(root, !o.organisation.empty() ? o.organisation : f.title);
  for (const auto& e : f.entries) {
    auto entry = root.append_child("entry");
    text_child(entry, "title", e->title);
    link(entry, "alternate", "text/html", e->link);
    text_child(entry, "id", e->id);
    text_child(entry, "updated", formats::iso_datetime(e->published.value_or(f.updated)));
    if (e->published) text_child(entry, "published", formats::iso_datetime(*e->published));
    for (const auto& a : e->authors) person(entry, a);
    for (const auto& c : e->categories) entry.append_child("category").append_attribute("term").set_value(c.c_str());
    text_child(entry, "summary", e->summary).append_attribute("type").set_value("text");
    if (!e->content.empty()) text_child(entry, "content", e->content).append_attribute("type").set_value("html");
  }
  return saved(doc);
}

std::string jsonfeed(std::span<const ir::Meeting> ms, const WriteOptions& o) {
  using ojson = nlohmann::ordered_json;
  Feed f = formats::feed::make_feed(ms, o, {});
  ojson root;
  root["version"] = "https://jsonfeed.org/version/1.1";
  root["title"] = f.title;
  if (f.home.find("://") != std::string::npos) root["home_page_url"] = f.home;
  if (!f.self.empty()) root["feed_url"] = f.self;
  root["description"] = f.description;
  root["language"] = f.language;
  ojson items = ojson::array();
  for (const auto& e : f.entries) {
    ojson item;
    item["id"] = e->id;
    item["url"] = e->link;
    item["title"] = e->title;
    item["content_html"] = e->content;
    item["summary"] = e->summary;
    if (e->published) item["date_published"] = formats::iso_datetime(*e->published);
    if (!e->authors.empty()) {
      ojson authors = ojson::array();
      for (const auto& a : e->authors) authors.push_back({{"name", a}});
      item["authors"] = std::move(authors);
    }
    if (!e->categories.empty()) item["tags"] = e->categories;
    items.push_back(std::move(item));
  }
  root["items"] = std::move(items);
  return root.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace tree

ir::Inline text(std::string t) {
  ir::Inline in;
  in.text = std::move(t);
  return in;
}

ir::Block paragraph(ir::Inlines inlines) {
  ir::Block b;
  b.inlines = std::move(inlines);
  return b;
}

ir::Section section(std::string title, std::vector<ir::Block> blocks) {
  ir::Section s;
  s.title = std::move(title);
  s.level = 2;
  s.blocks = std::move(blocks);
  return s;
}

// Every kind of trouble a meeting's text can carry into a feed.
const std::string controls = "bell\x07 nul" + std::string(1, '\0') + "after esc\x1b del\x7f c1\xc2\x85 cr\r tab\t";
const std::string broken = "lone \xff, cut \xc3, overlong \xc0\xaf, surrogate \xed\xa0\x80, end \xe2\x82";
const std::string markup = "]]> and ]]]]> </script><script>alert(1)</script> & &amp; <b>\"q\" 'a'</b>";
const std::string emoji = "\xf0\x9f\x8e\x89 party, \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb dev, \xe2\x80\xae rtl";

std::vector<ir::Meeting> hostile_meetings() {
  std::vector<ir::Meeting> ms;
  for (int i = 0; i < 3; ++i) {
    ir::Meeting m;
    m.series = "Team " + markup;
    m.source = "h/2024120" + std::to_string(i + 1) + ".md";
    m.date = ir::Date{2024, 12, i + 1};
    m.title = (i == 0 ? controls : i == 1 ? broken : markup) + " " + emoji;
    m.scribes = {"al\x01ice", "b\xffob", "</script>"};
    ir::Block code;
    code.kind = ir::BlockKind::code;
    code.text = markup + "\n" + controls + "\n" + broken;
    ir::Block html;  // rendered as its text only
    html.kind = ir::BlockKind::html;
    html.raw = "<div>]]></div>";
    html.inlines = {text("]]> raw")};
    ir::Inline link{ir::InlineKind::link, "", "https://example.org/a]]>b?x=1&y=\"2\"", "t]]>\"", {}, 3, 1};
    link.children.push_back(text(markup));
    m.sections = {section(markup, {paragraph({text(controls), text(broken), link}), code, html}),
                  section(emoji, {paragraph({text(emoji)})}), section(broken, {paragraph({text(markup)})})};
    ms.push_back(std::move(m));
  }
  return ms;
}

// Whether bytes are valid UTF-8 (what nlohmann's strict parser and every XML parser insist on).
bool valid_utf8(const std::string& s) {
  try {
    (void)json(s).dump();  // error_handler_t::strict throws on a broken sequence
    return true;
  } catch (const json::type_error&) { return false; }
}

}  // namespace

TEST_CASE("feeds of hostile meetings: the bytes the trees gave, and valid to feed readers") {
  auto ms = hostile_meetings();
  WriteOptions site;
  site.site_url = "https://example.org/m/";
  site.feed_self = "https://example.org/m/feed?a=1&b=<2>";
  site.organisation = "Org " + markup + controls;
  WriteOptions bare;
  WriteOptions raw;  // the channel's own texts, taken as given: broken UTF-8 and controls reach the serialisers
  raw.feed_title = "Title " + broken + controls + markup;
  raw.feed_description = "About " + broken + emoji;
  raw.base_url = "https://git.example.org/r/";
  int n = 0;
  for (const WriteOptions* o : {&site, &bare, &raw}) {
    std::string name = "hostile-" + std::to_string(n++);
    CAPTURE(name);
    auto rss = formats::write_rss(ms, *o);
    auto atom = formats::write_atom(ms, *o);
    auto jf = formats::write_jsonfeed(ms, *o);
    CHECK(rss.bytes == tree::rss(ms, *o));
    CHECK(atom.bytes == tree::atom(ms, *o));
    CHECK(jf.bytes == tree::jsonfeed(ms, *o));
    for (const auto* bytes : {&rss.bytes, &atom.bytes, &jf.bytes}) {
      CHECK(valid_utf8(*bytes));
      CHECK(bytes->find('\0') == std::string::npos);
      CHECK(bytes->find('\x07') == std::string::npos);
      CHECK(bytes->find('\x1b') == std::string::npos);
    }
    // The content's own "]]>" (a link's title attribute keeps its ">") splits RSS's CDATA section in two.
    CHECK(rss.bytes.find("]]]]><![CDATA[>") != std::string::npos);
    CHECK(json::parse(jf.bytes)["items"][0]["content_html"].get<std::string>().find("title=\"t]]>&quot;\"") !=
          std::string::npos);

    json r = feedparser(name + ".xml", rss.bytes, "rss20");
    std::string atom_path = test::write_output("feeds", name + ".atom", atom.bytes);
    CHECK_MESSAGE(jing(atom_path).empty(), jing(atom_path));
    json a = feedparser(name + ".atom", atom.bytes, "atom10");
    json j = jsonfeed(name + ".json", jf.bytes);
    json parsed = json::parse(jf.bytes);  // strict: valid JSON of valid UTF-8
    for (const json* f : {&r, &a, &j}) {
      CAPTURE((*f)["version"]);
      REQUIRE((*f)["entries"].size() == 3);
      // Newest first: the markup's meeting, the broken one, the one with controls.
      std::string title = (*f)["entries"][1]["title"];
      CHECK(title.find("lone \xef\xbf\xbd, cut \xef\xbf\xbd, overlong") == 0);  // U+FFFD for the broken bytes
      CHECK(title.find(emoji) != std::string::npos);                            // emoji (and RTL mark) kept
      CHECK((*f)["entries"][0]["title"].get<std::string>().find(markup) == 0);  // markup as text, exactly
      CHECK((*f)["entries"][2]["title"].get<std::string>().find("bell nulafter esc del c1 cr tab\t") == 0);
      std::string content = (*f)["entries"][0]["content"][0];
      CHECK(content.find("<script>alert") == std::string::npos);  // markup in the text stays text
      CHECK(content.find("]]&gt; and ]]]]&gt; &lt;/script&gt;") != std::string::npos);
    }
    if (o == &raw) {
      // The feed's title, never cleaned, is written by nlohmann's replace handler: U+FFFD for each broken sequence,
      // controls as \u escapes; the XML feeds clean it (controls dropped).
      std::string expected = "Title lone \xef\xbf\xbd, cut \xef\xbf\xbd, overlong ";
      CHECK(parsed["title"].get<std::string>().find(expected) == 0);
      CHECK(jf.bytes.find("\\u0007") != std::string::npos);
      CHECK(jf.bytes.find(json(raw.feed_title).dump(-1, ' ', false, json::error_handler_t::replace)) !=
            std::string::npos);
      CHECK(r["title"].get<std::string>().find(expected) == 0);
      CHECK(a["title"].get<std::string>().find(expected) == 0);
    }
    CHECK(parsed["items"][0]["authors"] == json::array({{{"name", "@alice"}},
                                                        {{"name",
                                                          "@b\xef\xbf\xbd"
                                                          "ob"}},
                                                        {{"name", "@</script>"}}}));
  }
}

TEST_CASE("empty feeds: no meetings, the same bytes as the trees gave") {
  std::vector<ir::Meeting> none;
  WriteOptions o;
  o.feed_title = "Nothing yet";
  CHECK(formats::write_rss(none, o).bytes == tree::rss(none, o));
  CHECK(formats::write_atom(none, o).bytes == tree::atom(none, o));
  std::string jf = formats::write_jsonfeed(none, o).bytes;
  CHECK(jf == tree::jsonfeed(none, o));
  CHECK(jf.find("\"items\": []\n}\n") != std::string::npos);
  jsonfeed("empty.json", jf);
}

namespace {

// n weekly meetings of the same shape and size (zero-padded names, one date each).
std::vector<ir::Meeting> weekly(size_t n) {
  std::vector<ir::Meeting> ms;
  ms.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    ir::Meeting m;
    m.series = "Weekly";
    m.source = fmt::format("w/{:05}.md", i);
    m.date = ir::civil_from_days(static_cast<int64_t>(i));
    m.scribes = {"scribe"};
    m.sections = {section("News", {paragraph({text(fmt::format("Item {:05} ]]> & <done>", i))})})};
    ms.push_back(std::move(m));
  }
  return ms;
}

struct Cost {
  size_t output = 0;     // bytes of the three feeds
  size_t allocated = 0;  // bytes allocated while writing them
};

Cost cost_of(const std::vector<ir::Meeting>& ms, const WriteOptions& o) {
  allocated = 0;
  counting = true;
  size_t output = formats::write_rss(ms, o).bytes.size() + formats::write_atom(ms, o).bytes.size() +
                  formats::write_jsonfeed(ms, o).bytes.size();
  counting = false;
  return {output, allocated.load()};
}

}  // namespace

TEST_CASE("a feed's work is linear in its entries: 4n entries cost about 4 times what n do") {
  WriteOptions o;
  o.site_url = "https://example.org/m/";
  o.feed_items = 0;  // all of them
  auto small_ms = weekly(2500), large_ms = weekly(10000);
  Cost small = cost_of(small_ms, o), large = cost_of(large_ms, o);
  REQUIRE(small.output > 0);
  double out_ratio = static_cast<double>(large.output) / static_cast<double>(small.output);
  double alloc_ratio =
      MINUTES_COUNTS_ALLOCATIONS ? static_cast<double>(large.allocated) / static_cast<double>(small.allocated) : 0.0;
  MESSAGE("output ratio " << out_ratio << ", allocated bytes ratio " << alloc_ratio);
  CHECK(out_ratio == doctest::Approx(4.0).epsilon(0.02));  // every entry, each of the same size
  // Rendering the entries and a buffer that grows geometrically: about 4; a copy of the feed per entry: thousands.
  if (MINUTES_COUNTS_ALLOCATIONS) CHECK(alloc_ratio <= 8.0);

  // The 10,000 entries, read back: all of them, valid, the trees' bytes.
  auto rss = formats::write_rss(large_ms, o).bytes;
  CHECK(rss == tree::rss(large_ms, o));
  CHECK(feedparser("large.xml", rss, "rss20")["entries"].size() == 10000);
  auto atom = formats::write_atom(large_ms, o).bytes;
  CHECK(atom == tree::atom(large_ms, o));
  CHECK(jing(test::write_output("feeds", "large.atom", atom)).empty());
  auto jf = formats::write_jsonfeed(large_ms, o).bytes;
  CHECK(jf == tree::jsonfeed(large_ms, o));
  CHECK(jsonfeed("large.json", jf)["entries"].size() == 10000);
}

namespace {

std::string nlohmann_string(const std::string& s) {
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string appended(const std::string& s) {
  std::string out = "x";  // appends to what is there
  formats::append_json_string(out, s);
  return out.substr(1);
}

}  // namespace

TEST_CASE("a JSON string is nlohmann's, byte for byte: every 1- and 2-byte string, multi-byte edges, broken UTF-8") {
  size_t checked = 0, failed = 0;
  auto check = [&](const std::string& s) {
    ++checked;
    if (appended(s) != nlohmann_string(s) && ++failed <= 5)
      FAIL_CHECK("differs for " << json::binary({s.begin(), s.end()}).dump());
  };
  for (int a = 0; a < 256; ++a) {
    check(std::string(1, static_cast<char>(a)));
    for (int b = 0; b < 256; ++b) check({static_cast<char>(a), static_cast<char>(b)});
  }
  // Three and four bytes from every lead byte of a sequence, the second byte any, the others at the edges.
  const int edges[] = {0x00, 0x22, 0x41, 0x5C, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xE2, 0xFF};
  for (int a = 0xC0; a < 256; ++a)
    for (int b = 0; b < 256; ++b)
      for (int c : edges) {
        check({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
        for (int d : edges)
          check({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), static_cast<char>(d), 'z'});
      }
  // Longer mixes, in a fixed pseudo-random order.
  const std::string pieces[] = {"a",        "\"",           "\\",   "\n",           "\x01",     "\x1f",
                                "\x7f",     "\xc3\xa4",     "\xc3", "\xe2\x82\xac", "\xe2\x82", "\xf0\x9f\x8e\x89",
                                "\xf0\x9f", "\xed\xa0\x80", "\xff", "</script>"};
  uint32_t seed = 12345;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    for (int k = n % 9; k >= 0; --k) {
      seed = seed * 1103515245u + 12345u;
      s += pieces[(seed >> 16) % std::size(pieces)];
    }
    check(s);
  }
  CHECK(failed == 0);
  MESSAGE(checked << " strings");
  CHECK(appended("\xff") == "\"\xef\xbf\xbd\"");  // U+FFFD for a broken byte, as nlohmann's replace handler does
  CHECK(appended("a\"\\\x01\xc3\xa4") == "\"a\\\"\\\\\\u0001\xc3\xa4\"");
}
