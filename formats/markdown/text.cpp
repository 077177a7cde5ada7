// Text helpers of the Markdown reader: dates in titles and file names, series names, @mentions.
#include <algorithm>

#include "formats/markdown/internal.hpp"

namespace minutes::formats::markdown {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Reads a run of digits at s[i]; returns its length (0 when none).
size_t digits_at(std::string_view s, size_t i, int& value) {
  size_t j = i;
  value = 0;
  while (j < s.size() && is_digit(s[j]) && j - i < 9) value = value * 10 + (s[j++] - '0');
  if (j < s.size() && is_digit(s[j])) return 0;  // longer than any date part
  return j - i;
}

// Reads a date separator at s[i] (- / . or an en/em dash); returns its length (0 when none).
size_t separator_at(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == '-' || s[i] == '/' || s[i] == '.') return 1;
  if (s.substr(i, 3) == "\xE2\x80\x93" || s.substr(i, 3) == "\xE2\x80\x94") return 3;
  return 0;
}

bool plausible(const ir::Date& d) { return d.year >= 1990 && d.year <= 2100 && ir::valid(d); }

}  // namespace

std::optional<FoundDate> find_date(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) continue;
    int a = 0, b = 0, c = 0;
    size_t na = digits_at(s, i, a);
    if (na == 8) {  // 20230504
      ir::Date d{a / 10000, a / 100 % 100, a % 100};
      if (plausible(d)) return FoundDate{d, i, i + 8};
      continue;
    }
    size_t s1 = separator_at(s, i + na);
    if (na == 0 || s1 == 0) continue;
    size_t nb = digits_at(s, i + na + s1, b);
    if (nb == 0 || nb > 2) continue;
    size_t s2 = separator_at(s, i + na + s1 + nb);
    if (s2 == 0) continue;
    size_t k = i + na + s1 + nb + s2;
    size_t nc = digits_at(s, k, c);
    if (na == 4 && (nc == 1 || nc == 2)) {  // 2023-05-04
      ir::Date d{a, b, c};
      if (plausible(d)) return FoundDate{d, i, k + nc};
    } else if (na <= 2 && nc == 4 && s[i + na] == '.') {  // 04.05.2023
      ir::Date d{c, b, a};
      if (plausible(d)) return FoundDate{d, i, k + nc};
    }
  }
  return std::nullopt;
}

std::string series_from_title(std::string_view title, const FoundDate& found) {
  std::string rest(title.substr(0, found.begin));
  rest += ' ';
  rest += title.substr(found.end);
  // Brackets left empty by the date: "SCS Tech Weekly ()".
  for (std::string_view pair : {"()", "[]", "( )", "[ ]"}) {
    for (size_t p; (p = rest.find(pair)) != std::string::npos;) rest.erase(p, pair.size());
  }
  std::string_view v = trim(rest);
  // Separators and linking words at either end: "Team IaaS - ", "SIG Documentation on ", ", ".
  static constexpr std::string_view tails[] = {"-", "\xE2\x80\x93", "\xE2\x80\x94", ":", ",", "|", "/", " on", " from", " of", " vom", " am"};
  static constexpr std::string_view heads[] = {"-", "\xE2\x80\x93", "\xE2\x80\x94", ":", ",", "|", "/"};
  for (bool changed = true; changed;) {
    changed = false;
    for (auto t : tails)
      if (v.size() > t.size() && v.ends_with(t)) { v = trim(v.substr(0, v.size() - t.size())); changed = true; }
    for (auto h : heads)
      if (v.starts_with(h)) { v = trim(v.substr(h.size())); changed = true; }
  }
  if (v.starts_with("Minutes of ")) v = trim(v.substr(11));
  else if (v.starts_with("Minutes ")) v = trim(v.substr(8));
  if (v == "Minutes") v = {};
  return std::string(v);
}

std::optional<ir::Date> date_from_file_name(std::string_view path) {
  auto slash = path.find_last_of("/\\");
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  auto found = find_date(base);
  if (!found) return std::nullopt;
  return found->date;
}

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
