// Text helpers of the Markdown reader: @mentions in text.
#include <algorithm>

#include "formats/markdown/internal.hpp"

namespace minutes::formats::markdown {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

void append_text_with_mentions(ir::Inlines& out, std::string_view text, int line, int column) {
  auto push_text = [&](std::string_view t, size_t offset) {
    if (t.empty()) return;
    if (!out.empty() && out.back().kind == ir::InlineKind::text && out.back().line == line) {
      out.back().text += t;  // adjacent text nodes from cmark (e.g. "[" split off) are merged
      return;
    }
    ir::Inline in;
    in.kind = ir::InlineKind::text;
    in.text = std::string(t);
    in.line = line;
    in.column = column + static_cast<int>(offset);
    out.push_back(std::move(in));
  };
  size_t done = 0, scanned = 0, word = 0;
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    // Not part of an e-mail address, a path or a URL: the '@' starts a word.
    if (at > 0) {
      char p = text[at - 1];
      if (is_alnum(p) || p == '.' || p == '_' || p == '%' || p == '+' || p == '-' || p == '/' || p == ':' || p == '@' ||
          static_cast<unsigned char>(p) >= 0x80)
        continue;
    }
    for (; scanned < at; ++scanned)  // the start of the word holding the '@', found in one forward pass
      if (std::string_view(" \t\n(<[").find(text[scanned]) != std::string_view::npos) word = scanned + 1;
    size_t from = std::max(word, at > 256 ? at - 256 : size_t{0});  // a URL's "://" is never that far back
    std::string_view token = text.substr(from, at - from);
    if (token.find("://") != std::string_view::npos || token.find("www.") != std::string_view::npos) continue;
    size_t end = at + 1;
    if (end >= text.size() || !is_alnum(text[end])) continue;
    while (end < text.size() && (is_alnum(text[end]) || text[end] == '-' || text[end] == '_')) ++end;
    while (text[end - 1] == '-' || text[end - 1] == '_') --end;
    if (end < text.size() && text[end] == '@') continue;                                         // not a@b@c
    if (end + 1 < text.size() && text[end] == '.' && is_alnum(text[end + 1])) continue;           // @example.org
    push_text(text.substr(done, at - done), done);
    ir::Inline m;
    m.kind = ir::InlineKind::mention;
    m.text = std::string(text.substr(at + 1, end - at - 1));
    m.line = line;
    m.column = column + static_cast<int>(at);
    out.push_back(std::move(m));
    done = end;
    at = end - 1;
  }
  push_text(text.substr(done), done);
}

}  // namespace minutes::formats::markdown
