// One table-driven pass that cleans text (control characters, broken UTF-8) and, when asked, escapes XML markup.
#include "formats/common/text.hpp"

#include <array>

#include "converters/core/decode.hpp"

namespace minutes::formats {

namespace {

// What a byte at the start of a character asks for.
enum class Act : unsigned char {
  keep,         // printable ASCII, tab, line feed
  markup,       // & < >: escaped when escaping, else kept
  drop,         // C0 controls XML 1.0 forbids, DEL: dropped and counted
  drop_silent,  // carriage return
  sequence,     // the lead byte of a multi-byte (or broken) UTF-8 sequence
};

constexpr std::array<Act, 256> acts = [] {
  std::array<Act, 256> t{};
  for (int c = 0; c < 256; ++c) {
    Act a = Act::keep;
    if (c < 0x20) a = Act::drop;
    if (c == '\t' || c == '\n') a = Act::keep;
    if (c == '\r') a = Act::drop_silent;
    if (c == '&' || c == '<' || c == '>') a = Act::markup;
    if (c == 0x7F) a = Act::drop;
    if (c >= 0x80) a = Act::sequence;
    t[static_cast<size_t>(c)] = a;
  }
  return t;
}();

std::string transform(std::string_view text, bool escape, int* changed) {
  std::string out;
  out.reserve(text.size());
  auto count = [&] {
    if (changed) ++*changed;
  };
  for (size_t i = 0; i < text.size();) {
    // Runs of plain text, the bulk of any minutes, go over in one piece.
    size_t run = i;
    while (run < text.size() && acts[static_cast<unsigned char>(text[run])] == Act::keep) ++run;
    out.append(text.data() + i, run - i);
    i = run;
    if (i == text.size()) break;
    auto c = static_cast<unsigned char>(text[i]);
    switch (acts[c]) {
      case Act::keep: break;
      case Act::markup:
        if (!escape)
          out += static_cast<char>(c);
        else
          out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : "&gt;";
        ++i;
        break;
      case Act::drop:
        count();
        ++i;
        break;
      case Act::drop_silent: ++i; break;
      case Act::sequence: {
        int n = utf8_sequence_length(text, i);
        if (n == 0) {  // broken: a replacement character stands in for the byte
          out += "\xEF\xBF\xBD";
          count();
          ++i;
          break;
        }
        auto c1 = static_cast<unsigned char>(text[i + 1]);
        bool control = n == 2 && c == 0xC2 && c1 < 0xA0;  // U+0080..U+009F
        bool nonchar =
            n == 3 && c == 0xEF && c1 == 0xBF && static_cast<unsigned char>(text[i + 2]) >= 0xBE;  // U+FFFE/F
        if (control || nonchar)
          count();
        else
          out.append(text.substr(i, static_cast<size_t>(n)));
        i += static_cast<size_t>(n);
        break;
      }
    }
  }
  return out;
}

}  // namespace

std::string clean_text(std::string_view text, int* changed) { return transform(text, false, changed); }

std::string escape_xml(std::string_view text, int* changed) { return transform(text, true, changed); }


}  // namespace minutes::formats
