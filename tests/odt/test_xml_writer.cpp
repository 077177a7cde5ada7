// The streaming XML writer of the ODT and DOCX parts: pugixml's bytes for every byte value, balanced elements, and
// work linear in the number of elements (allocated bytes for n and 4n elements compared, never time).
#include <doctest/doctest.h>

#include "counting_new.hpp"
#include <pugixml.hpp>

#include <atomic>
#include <cstdlib>
#include <new>
#include <sstream>
#include <stdexcept>
#include <string>

#include "formats/common/xml_writer.hpp"

namespace {

// Bytes allocated with operator new while `counting` (this test binary's own replacement, a plain malloc).
std::atomic<bool> counting{false};
std::atomic<size_t> allocated{0};
std::atomic<size_t> allocations{0};

}  // namespace

#if MINUTES_COUNTS_ALLOCATIONS
void* operator new(size_t n) {
  if (counting.load(std::memory_order_relaxed)) {
    allocated.fetch_add(n, std::memory_order_relaxed);
    allocations.fetch_add(1, std::memory_order_relaxed);
  }
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
#endif

namespace {

using minutes::formats::XmlWriter;

// What pugixml writes for a tree, the way the writers serialised theirs (raw, UTF-8, no declaration).
std::string pugi_bytes(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return std::move(out).str();
}

}  // namespace

TEST_CASE("text and attribute values are escaped as pugixml escapes them, for every byte 0..255") {
  for (int b = 0; b < 256; ++b) {
    std::string value = "a";
    value += static_cast<char>(b);
    value += "b&<>\"'z";
    pugi::xml_document doc;
    auto e = doc.append_child("e");
    e.append_attribute("v") = value.c_str();
    e.append_child(pugi::node_pcdata).set_value(value.c_str());
    XmlWriter w;
    w.open("e").attr("v", value).text(value).close();
    CHECK_MESSAGE(w.take() == pugi_bytes(doc), "byte " << b);
  }
  // The classes spelled out, so that a change in pugixml's table shows here too.
  XmlWriter w;
  w.open("e").attr("v", "\t\n\r>'\"&<\x01").text("\t\n\r>'\"&<\x01\x1f\xc3\xa4\x7f").close();
  CHECK(w.take() == "<e v=\"&#09;&#10;&#13;>'&quot;&amp;&lt;&#01;\">\t\n\r&gt;'\"&amp;&lt;&#01;&#31;\xc3\xa4\x7f</e>");
}

TEST_CASE("a part written element by element is the part pugixml serialises from the same tree") {
  pugi::xml_document doc;
  XmlWriter w;
  auto root = doc.append_child("office:document");
  w.open("office:document");
  root.append_attribute("xmlns:text") = "urn:text";
  w.attr("xmlns:text", "urn:text");
  root.append_attribute("n") = 42;
  w.attr("n", 42);
  root.append_attribute("big") = static_cast<long long>(-6000000000LL);
  w.attr("big", int64_t{-6000000000LL});
  root.append_child("text:empty");
  w.leaf("text:empty");
  root.append_child("text:blank").append_child(pugi::node_pcdata).set_value("");
  w.open("text:blank").text("").close();
  auto p = root.append_child("text:p");
  p.append_attribute("text:style-name") = "Body & more";
  p.append_child(pugi::node_pcdata).set_value("one ");
  p.append_child("text:s").append_attribute("text:c") = 3u;
  p.append_child(pugi::node_pcdata).set_value("two < three");
  w.open("text:p").attr("text:style-name", "Body & more").text("one ");
  CHECK(w.has_content());
  w.open("text:s");
  CHECK_FALSE(w.has_content());
  w.attr("text:c", 3u).close().text("two < three").close();
  w.close();
  CHECK(w.depth() == 0);
  CHECK(w.take() == pugi_bytes(doc));
}

namespace {

// What pugixml writes for a tree the way the feeds serialised theirs: format_indent with two spaces, UTF-8.
std::string pugi_indented(const pugi::xml_document& doc, const char* indent = "  ", unsigned flags = 0) {
  std::ostringstream out;
  doc.save(out, indent, pugi::format_indent | flags, pugi::encoding_utf8);
  return std::move(out).str();
}

}  // namespace

TEST_CASE("an indented part is what pugixml's format_indent writes for the same tree") {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  XmlWriter w = XmlWriter::indented("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "  ");
  auto root = doc.append_child("rss");
  root.append_attribute("version") = "2.0";
  w.open("rss").attr("version", "2.0");
  auto channel = root.append_child("channel");
  w.open("channel");
  channel.append_child("title").append_child(pugi::node_pcdata).set_value("A & <b>\n  two lines");
  w.open("title").text("A & <b>\n  two lines").close();
  channel.append_child("blank").append_child(pugi::node_pcdata).set_value("");
  w.open("blank").text("").close();
  channel.append_child("atom:link").append_attribute("href") = "https://example.org/?a=1&b=\"2\"";
  w.open("atom:link").attr("href", "https://example.org/?a=1&b=\"2\"").close();
  channel.append_child("empty");
  w.leaf("empty");
  auto item = channel.append_child("item");  // deeper, then mixed content: text, an element, text
  w.open("item");
  auto mixed = item.append_child("p");
  mixed.append_child(pugi::node_pcdata).set_value("one ");
  mixed.append_child("b").append_child(pugi::node_pcdata).set_value("two");
  mixed.append_child(pugi::node_pcdata).set_value(" three");
  w.open("p").text("one ").open("b").text("two").close().text(" three").close();
  auto tail = item.append_child("q");  // text, then an element last: the end tag on its own line
  tail.append_child(pugi::node_pcdata).set_value("x");
  tail.append_child("i");
  w.open("q").text("x").leaf("i").close();
  // CDATA: a "]]>" inside, at the end, overlapping "]]]>", none at all, empty, and a NUL that ends the value.
  for (std::string value : {std::string("<p>a ]]> b</p>"), std::string("end ]]>"), std::string("]]]>]]>"),
                            std::string("plain"), std::string(), std::string("cut\0 here ]]>", 14)}) {
    item.append_child("content:encoded").append_child(pugi::node_cdata).set_value(value.c_str());
    w.open("content:encoded").cdata(value).close();
  }
  w.close().close().close();
  std::string expected = pugi_indented(doc);
  std::string got = w.take();
  CHECK(got == expected);
  // Spelled out, so that a change in pugixml shows here too.
  CHECK(
      got.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n  <channel>\n"
                      "    <title>A &amp; &lt;b&gt;\n  two lines</title>\n    <blank></blank>\n"
                      "    <atom:link href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\" />\n    <empty />\n"
                      "    <item>\n      <p>one <b>two</b> three</p>\n      <q>x<i />\n      </q>\n"));
  CHECK(got.find("<content:encoded><![CDATA[<p>a ]]]]><![CDATA[> b</p>]]></content:encoded>") != std::string::npos);
  CHECK(got.find("<![CDATA[end ]]]]><![CDATA[>]]>") != std::string::npos);
  CHECK(got.find("<![CDATA[]]]]]><![CDATA[>]]]]><![CDATA[>]]>") != std::string::npos);
  CHECK(got.find("<content:encoded><![CDATA[]]></content:encoded>") != std::string::npos);
  CHECK(got.find("<![CDATA[cut]]>") != std::string::npos);
  CHECK(got.ends_with("    </item>\n  </channel>\n</rss>\n"));
}

TEST_CASE("an indented part without start bytes: no line feed before the root, one after it") {
  pugi::xml_document doc;
  auto root = doc.append_child("feed");
  root.append_child("id").append_child(pugi::node_pcdata).set_value("\x01\t\r\xc3\xa4");
  XmlWriter w = XmlWriter::indented("", "\t");
  w.open("feed").open("id").text("\x01\t\r\xc3\xa4").close().close();
  std::string got = w.take();
  CHECK(got == pugi_indented(doc, "\t", pugi::format_no_declaration));
  CHECK(got == "<feed>\n\t<id>&#01;\t\r\xc3\xa4</id>\n</feed>\n");
}

TEST_CASE("elements stay balanced: a misuse throws instead of writing a broken part") {
  XmlWriter w;
  CHECK_THROWS_AS(w.close(), std::logic_error);
  CHECK_THROWS_AS(w.text("x"), std::logic_error);
  CHECK_THROWS_AS(w.cdata("x"), std::logic_error);
  w.open("a").text("x");
  CHECK_THROWS_AS(w.attr("late", "1"), std::logic_error);
  w.open("b");
  CHECK(w.depth() == 2);
  CHECK_THROWS_AS(w.take(), std::logic_error);
  w.close().close();
  CHECK_THROWS_AS(w.close(), std::logic_error);
  CHECK(w.take() == "<a>x<b/></a>");
}

namespace {

struct Cost {
  size_t allocated = 0;    // bytes
  size_t allocations = 0;  // calls
  size_t output = 0;       // bytes of the part
};

// What writing n paragraphs (an attribute and text each) inside n/100 nested sections costs.
Cost cost_of(size_t n) {
  allocated = 0;
  allocations = 0;
  counting = true;
  XmlWriter w;
  size_t levels = n / 100;
  for (size_t i = 0; i < levels; ++i) w.open("text:section").attr("text:name", "S");
  for (size_t i = 0; i < n; ++i) w.open("text:p").attr("text:style-name", "Text_20_body").text("Noted & done.").close();
  for (size_t i = 0; i < levels; ++i) w.close();
  std::string out = w.take();
  counting = false;
  return {allocated.load(), allocations.load(), out.size()};
}

}  // namespace

TEST_CASE("the writer's work is linear: 4n elements allocate about 4 times what n do") {
  Cost small = cost_of(20000), large = cost_of(80000);
  REQUIRE(small.output > 0);
  double out_ratio = static_cast<double>(large.output) / static_cast<double>(small.output);
  double alloc_ratio =
      MINUTES_COUNTS_ALLOCATIONS ? static_cast<double>(large.allocated) / static_cast<double>(small.allocated) : 0.0;
  MESSAGE("output ratio " << out_ratio << ", allocated bytes ratio " << alloc_ratio << ", allocations "
                          << small.allocations << " and " << large.allocations);
  CHECK(out_ratio == doctest::Approx(4.0).epsilon(0.01));
  // Geometric growth of the output and of the name stack: about 4 (up to 8 when a doubling falls just so); a copy
  // of the part or of the stack per element would be 16.
  if (MINUTES_COUNTS_ALLOCATIONS) CHECK(alloc_ratio <= 8.0);
  // And no allocation per element: a handful of doublings, not one per paragraph.
  if (MINUTES_COUNTS_ALLOCATIONS) CHECK(large.allocations < 200);
}
