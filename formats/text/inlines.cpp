// Inline content of plain-text drafts: bare and bracketed URLs as links (mentions are recognition's).
#include <algorithm>
#include <array>
#include <cstring>

#include "formats/text/internal.hpp"

namespace minutes::formats::text {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }

using minutes::starts_with_icase;

// Length of a bare URL starting at s[i] (http://, https://, www.), 0 when none; trailing punctuation excluded.
size_t bare_url_length(std::string_view s, size_t i) {
  std::string_view t = s.substr(i);
  if (!starts_with_icase(t, "https://") && !starts_with_icase(t, "http://") && !starts_with_icase(t, "www.")) return 0;
  size_t n = 0;
  int parens = 0;
  while (n < t.size() && t[n] != ' ' && t[n] != '\t' && t[n] != '<' && t[n] != '>' && t[n] != '"') {
    if (t[n] == '(') ++parens;
    if (t[n] == ')') --parens;
    ++n;
  }
  while (n > 0) {
    char c = t[n - 1];
    if (c == ')' && parens < 0) {
      ++parens;
      --n;
      continue;
    }
    if (std::strchr(".,;:!?'*_", c) != nullptr) {
      --n;
      continue;
    }
    break;
  }
  size_t scheme = starts_with_icase(t, "www.") ? 4 : t.find("://") + 3;
  return n > scheme ? n : 0;
}

}  // namespace

ir::Inlines parse_inlines(std::string_view text, int line, int column) {
  ir::Inlines out;
  size_t done = 0;
  size_t seen_byte = 0;  // columns are counted incrementally: positions only grow
  int seen_col = column;
  auto col_of = [&](size_t byte) {
    if (byte > seen_byte) {
      seen_col += display_width(text.substr(seen_byte, byte - seen_byte));
      seen_byte = byte;
    }
    return seen_col;
  };
  auto flush = [&](size_t upto) {
    if (upto <= done) return;
    ir::Inline in;
    in.text = std::string(text.substr(done, upto - done));
    in.line = line;
    in.column = col_of(done);
    out.push_back(std::move(in));
  };
  auto link = [&](size_t at, std::string_view url, std::string_view shown) {
    ir::Inline in;
    in.kind = ir::InlineKind::link;
    in.url = starts_with_icase(url, "www.") ? "https://" + std::string(url) : std::string(url);
    in.line = line;
    in.column = col_of(at);
    ir::Inline t;
    t.text = std::string(shown);
    t.line = line;
    t.column = in.column;
    in.children.push_back(std::move(t));
    out.push_back(std::move(in));
  };
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '<') {
      size_t close = text.substr(0, std::min(text.size(), i + 2048)).find('>', i + 1);  // bounded: no quadratic scans
      std::string_view inner = close == std::string_view::npos ? std::string_view{} : text.substr(i + 1, close - i - 1);
      bool url = (starts_with_icase(inner, "http://") || starts_with_icase(inner, "https://") ||
                  starts_with_icase(inner, "mailto:") || starts_with_icase(inner, "www.")) &&
                 inner.find_first_of(" \t<") == std::string_view::npos;
      if (url) {
        flush(i);
        link(i, inner, inner);
        i = close + 1;
        done = i;
        continue;
      }
    }
    if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') && (i == 0 || !is_alnum(text[i - 1]))) {
      if (size_t n = bare_url_length(text, i)) {
        flush(i);
        link(i, text.substr(i, n), text.substr(i, n));
        i += n;
        done = i;
        continue;
      }
    }
    ++i;
  }
  flush(text.size());
  return out;
}

ir::Inlines join_segments(const std::vector<Segment>& segments) {
  ir::Inlines out;
  for (size_t k = 0; k < segments.size(); ++k) {
    if (k > 0) {
      ir::Inline br;
      br.kind = ir::InlineKind::soft_break;
      br.line = segments[k - 1].line;
      out.push_back(std::move(br));
    }
    std::string_view t = segments[k].text;
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);  // spaces before a line end
    auto part = parse_inlines(t, segments[k].line, segments[k].column);
    out.insert(out.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }
  return out;
}

}  // namespace minutes::formats::text
