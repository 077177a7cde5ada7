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

// The code point of the valid UTF-8 sequence of length n at s[i].
char32_t code_point(std::string_view s, size_t i, int n) {
  auto c = static_cast<unsigned char>(s[i]);
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

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

// The byte order of UTF-16 without a byte-order mark, judged from the start of the input: text mostly in Latin
// script has an even length and a NUL in every other byte (the odd ones in little-endian) and hardly any in the
// others; binary files and UTF-32 do not. 0: not UTF-16 by this test.
int utf16_order(std::string_view bytes) {
  if (bytes.size() % 2 != 0) return 0;
  std::string_view head = bytes.substr(0, 8192);
  size_t units = head.size() / 2, nul_low = 0, nul_high = 0;  // NULs at even and at odd offsets
  for (size_t i = 0; i < units * 2; ++i)
    if (head[i] == '\0') ++(i % 2 ? nul_high : nul_low);
  auto pattern = [&](size_t mostly, size_t hardly) { return mostly * 10 >= units * 3 && hardly * 50 <= mostly; };
  if (pattern(nul_high, nul_low)) return 1;  // 'a' 0 'b' 0: little-endian
  if (pattern(nul_low, nul_high)) return 2;  // 0 'a' 0 'b': big-endian
  return 0;
}

}  // namespace

bool invisible_format(char32_t cp) {
  return cp == 0x061C || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

std::string drop_invisible(std::string_view text, int* dropped) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    int n = static_cast<unsigned char>(text[i]) < 0x80 ? 1 : utf8_sequence_length(text, i);
    if (n > 1 && invisible_format(code_point(text, i, n))) {
      if (dropped) ++*dropped;
    } else {
      out.append(text.substr(i, n ? static_cast<size_t>(n) : 1));
    }
    i += n ? static_cast<size_t>(n) : 1;
  }
  return out;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    int n = c < 0x80 ? 1 : utf8_sequence_length(text, i);
    if (n == 0 || c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
      ++i;
      continue;
    }
    char32_t cp = code_point(text, i, n);
    if ((cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 || invisible_format(cp))
      out += fmt::format("\\u{:04x}", static_cast<uint32_t>(cp));
    else
      out.append(text.substr(i, static_cast<size_t>(n)));
    i += static_cast<size_t>(n);
  }
  return out;
}

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

  // NUL bytes in the first 8 KiB: UTF-16 without a byte-order mark when they fall on every other byte, else a
  // binary file, refused.
  if (std::string_view head = bytes.substr(0, 8192); head.find('\0') != std::string_view::npos) {
    if (int order = utf16_order(bytes)) {
      d.encoding = order == 2 ? "UTF-16BE" : "UTF-16LE";
      d.diagnostics.push_back({ir::Severity::note, std::string(source), 0, 0,
                               fmt::format("no byte-order mark: read as {}", d.encoding)});
      decode_utf16(bytes, order == 2, sink, report);
      sink.finish();
      return d;
    }
    d.binary = true;
    d.diagnostics.push_back({ir::Severity::error, std::string(source), 0, 0,
                             "this looks like a binary file (NUL bytes), not minutes: nothing was read (minutes are text in UTF-8, UTF-16 or Windows-1252)"});
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
      // A run of printable ASCII, tabs and line feeds, the bulk of any minutes, goes over in one piece: what
      // put() would do with each of them (outside a CR's line end), without a call per byte.
      size_t run = i;
      if (!sink.pending_cr)
        for (; run < bytes.size(); ++run) {
          auto b = static_cast<unsigned char>(bytes[run]);
          if (b == '\n')
            ++sink.line;
          else if ((b < 0x20 && b != '\t') || b >= 0x7F)
            break;
        }
      if (run > i) {
        d.text.append(bytes.data() + i, run - i);
        i = run;
        continue;
      }
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
    sink.put(code_point(bytes, i, n));
    i += n;
  }
  sink.finish();
  return d;
}

}  // namespace minutes
