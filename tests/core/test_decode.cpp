// Input decoding: UTF-8 repair, BOMs, UTF-16, Windows-1252, line ends, control characters, binary files.
#include <doctest/doctest.h>

#include "converters/core/decode.hpp"

using minutes::decode;

TEST_CASE("valid UTF-8 passes through and CRLF/CR become LF") {
  auto d = decode("a\r\nb\rc\nd\xC3\xA4", "x.md");
  CHECK(d.text == "a\nb\nc\nd\xC3\xA4");
  CHECK(d.diagnostics.empty());
}

TEST_CASE("invalid UTF-8 is repaired with a warning naming the line") {
  auto d = decode("ok\nbad \xFF here\n", "x.md");
  CHECK(d.text == "ok\nbad \xEF\xBF\xBD here\n");
  REQUIRE(d.diagnostics.size() == 1);
  CHECK(d.diagnostics[0].line == 2);
  CHECK(d.diagnostics[0].message.find("UTF-8") != std::string::npos);
}

TEST_CASE("a BOM is stripped and UTF-16 with BOM is read") {
  CHECK(decode("\xEF\xBB\xBFhi", "x").text == "hi");
  std::string le("\xFF\xFEh\0i\0\r\0\n\0", 10);
  auto d = decode(le, "x");
  CHECK(d.encoding == "UTF-16LE");
  CHECK(d.text == "hi\n");
}

TEST_CASE("NUL bytes without a UTF-16 BOM mean a binary file, refused") {
  std::string bin("PK\x03\x04\0\0\0", 7);
  auto d = decode(bin, "x.md");
  CHECK(d.binary);
  REQUIRE(!d.diagnostics.empty());
  CHECK(d.diagnostics[0].severity == minutes::ir::Severity::error);
}

TEST_CASE("control characters XML forbids are dropped with a warning") {
  auto d = decode(
      "a\x01"
      "b\x1B"
      "c\td",
      "x");
  CHECK(d.text == "abc\td");
  CHECK(d.diagnostics.size() == 1);
}

TEST_CASE("Windows-1252 is detected when allowed") {
  minutes::DecodeOptions o;
  o.detect_legacy = true;
  auto d = decode(
      "Gr\xFC\xDF"
      "e \x80",
      "x.txt", o);
  CHECK(d.encoding == "Windows-1252");
  CHECK(d.text ==
        "Gr\xC3\xBC\xC3\x9F"
        "e \xE2\x82\xAC");
}
