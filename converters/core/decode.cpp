// Decodes reader input (UTF-8, UTF-16, Windows-1252) into clean UTF-8, with diagnostics for every repair.
#include "converters/core/decode.hpp"

#include <fmt/format.h>

#include <array>

namespace minutes {

int utf8_sequence_length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  if (n == 3 && c == 0xE0 && b(i + 1) < 0xA0) return 0;   // overlong
  if (n == 3 && c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogate
  if (n == 4 && c == 0xF0 && b(i + 1) < 0x90) return 0;   // overlong
  if (n == 4 && c == 0xF4 && b(i + 1) >= 0x90) return 0;  // > U+10FFFF
  return static_cast<int>(n);
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

namespace {

constexpr char32_t replacement = 0xFFFD;

// Windows-1252's 0x80..0x9F; the rest of the high half is Latin-1.
constexpr std::array<char32_t, 32> cp1252 = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                             0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                             0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                             0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0xFFFD};

// Collects diagnostics, one per kind and line, and at most a few per file.
struct Reporter {
  Decoded& d;
  std::string source;
  int count = 0;
  void operator()(int line, std::string message) {
    if (++count > 20) {
      if (count == 21)
        d.diagnostics.push_back({ir::Severity::warning, source, line, 0, "more repairs in this file are not reported"});
      return;
    }
    d.diagnostics.push_back({ir::Severity::warning, source, line, 0, std::move(message)});
  }
};

// Appends one code point unless XML 1.0 forbids it; returns false when dropped.
bool append_allowed(std::string& out, char32_t cp) {
  bool ok = cp == 0x9 || cp == 0xA || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
            (cp >= 0x10000 && cp <= 0x10FFFF);
  if (ok) append_utf8(out, cp);
  return ok;
}

// Line-end normalisation, control-character removal and diagnostics over a stream of code points.
struct Sink {
  Decoded& d;
  Reporter& report;
  int line = 1;
  bool pending_cr = false;
  int dropped_line = 0;
  void put(char32_t cp) {
    if (pending_cr) {
      pending_cr = false;
      d.text += '\n';
      ++line;
      if (cp == '\n') return;
    }
    if (cp == '\r') {
      pending_cr = true;
      return;
    }
    if (cp == '\n') {
      d.text += '\n';
      ++line;
      return;
    }
    if (!append_allowed(d.text, cp) && dropped_line != line) {
      dropped_line = line;
      report(line, fmt::format("control character U+{:04X} dropped", static_cast<uint32_t>(cp)));
    }
  }
  void finish() {
    if (pending_cr) {
      d.text += '\n';
      pending_cr = false;
    }
  }
};

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    int n = utf8_sequence_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

void decode_utf16(std::string_view s, bool big_endian, Sink& sink, Reporter& report) {
  auto unit = [&](size_t i) -> char32_t {
    auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
    return big_endian ? (a << 8 | b) : (b << 8 | a);
  };
  size_t i = 0;
  for (; i + 1 < s.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < s.size()) {
      char32_t v = unit(i + 2);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        sink.put(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
        i += 2;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
      report(sink.line, "unpaired UTF-16 surrogate replaced by U+FFFD");
      u = replacement;
    }
    sink.put(u);
  }
  if (i < s.size()) report(sink.line, "odd trailing byte of UTF-16 input dropped");
}

}  // namespace

Decoded decode(std::string_view bytes, std::string_view source, const DecodeOptions& options) {
  Decoded d;
  Reporter report{d, std::string(source)};
  Sink sink{d, report};
  d.text.reserve(bytes.size());

  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    bool be = bytes[0] == '\xFE';
    d.encoding = be ? "UTF-16BE" : "UTF-16LE";
    decode_utf16(bytes.substr(2), be, sink, report);
    sink.finish();
    return d;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);

  // A NUL byte in the first 8 KiB means a binary file (or UTF-16 without a BOM): refuse it.
  if (bytes.substr(0, 8192).find('\0') != std::string_view::npos) {
    d.binary = true;
    d.diagnostics.push_back({ir::Severity::error, std::string(source), 0, 0,
                             "this looks like a binary file (NUL bytes), not minutes; nothing was read"});
    return d;
  }

  if (options.detect_legacy && !valid_utf8(bytes)) {
    d.encoding = "Windows-1252";
    d.diagnostics.push_back(
        {ir::Severity::note, std::string(source), 0, 0, "not valid UTF-8: read as Windows-1252 (Latin-1)"});
    for (unsigned char c : bytes) sink.put(c >= 0x80 && c < 0xA0 ? cp1252[c - 0x80] : static_cast<char32_t>(c));
    sink.finish();
    return d;
  }

  int bad_line = 0;
  for (size_t i = 0; i < bytes.size();) {
    auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      sink.put(c);
      ++i;
      continue;
    }
    int n = utf8_sequence_length(bytes, i);
    if (n == 0) {
      if (bad_line != sink.line) {
        bad_line = sink.line;
        report(sink.line, "invalid UTF-8 replaced by U+FFFD");
      }
      sink.put(replacement);
      ++i;
      continue;
    }
    char32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(bytes[i + k]) & 0x3F);
    sink.put(cp);
    i += n;
  }
  sink.finish();
  return d;
}

}  // namespace minutes
