// The streaming XML writer of the ODT and DOCX parts: pugixml's bytes for every byte value, balanced elements, and
// work linear in the number of elements (allocated bytes for n and 4n elements compared, never time).
#include <doctest/doctest.h>
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

TEST_CASE("elements stay balanced: a misuse throws instead of writing a broken part") {
  XmlWriter w;
  CHECK_THROWS_AS(w.close(), std::logic_error);
  CHECK_THROWS_AS(w.text("x"), std::logic_error);
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
  double alloc_ratio = static_cast<double>(large.allocated) / static_cast<double>(small.allocated);
  MESSAGE("output ratio " << out_ratio << ", allocated bytes ratio " << alloc_ratio << ", allocations "
                          << small.allocations << " and " << large.allocations);
  CHECK(out_ratio == doctest::Approx(4.0).epsilon(0.01));
  // Geometric growth of the output and of the name stack: about 4 (up to 8 when a doubling falls just so); a copy
  // of the part or of the stack per element would be 16.
  CHECK(alloc_ratio <= 8.0);
  // And no allocation per element: a handful of doublings, not one per paragraph.
  CHECK(large.allocations < 200);
}
