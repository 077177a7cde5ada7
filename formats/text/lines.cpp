// Classifies the lines of a plain-text draft: indentation (tabs and spaces), list markers, fences, rules.
#include <algorithm>

#include "formats/text/internal.hpp"

namespace minutes::formats::text {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t'; }

// Bullets besides - * +, as UTF-8: • ◦ ‣ · – ▪ ► ● ○ ■ □ ➢ → ✓.
constexpr std::string_view unicode_bullets[] = {
    "\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x80\xA3", "\xC2\xB7",     "\xE2\x80\x93", "\xE2\x96\xAA", "\xE2\x96\xBA",
    "\xE2\x97\x8F", "\xE2\x97\x8B", "\xE2\x96\xA0", "\xE2\x96\xA1", "\xE2\x9E\xA2", "\xE2\x86\x92", "\xE2\x9C\x93"};

// Value of a lower-case roman numeral (i..xxxix), 0 when it is not one.
int roman_value(std::string_view s) {
  static constexpr std::string_view romans[] = {"i",  "ii",  "iii",  "iv",  "v",  "vi",  "vii",  "viii",  "ix",  "x",
                                                "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"};
  for (size_t k = 0; k < std::size(romans); ++k)
    if (s == romans[k]) return static_cast<int>(k) + 1;
  return 0;
}

// Recognises a list marker at raw[pos]; fills the marker fields and returns the byte offset after the
// marker and its following space, or 0 when there is none.
size_t parse_marker(std::string_view raw, size_t pos, Line& l) {
  std::string_view s = raw.substr(pos);
  auto followed_by_space = [&](size_t n) { return n < s.size() && is_space(s[n]); };
  // Bullets.
  if (!s.empty() && (s[0] == '-' || s[0] == '*' || s[0] == '+') && followed_by_space(1)) return pos + 1;
  for (auto b : unicode_bullets)
    if (s.starts_with(b) && followed_by_space(b.size())) return pos + b.size();
  if (s.size() >= 3 && s[0] == 'o' && is_space(s[1]) && !is_space(s[2])) return pos + 1;
  // Numbers: 1. 1) 1.1 1.1. 2.3)
  if (!s.empty() && is_digit(s[0])) {
    std::vector<int> numbers;
    size_t i = 0;
    bool leading_zero = s[0] == '0';
    while (i < s.size() && numbers.size() < 6) {
      size_t j = i;
      int v = 0;
      while (j < s.size() && is_digit(s[j]) && j - i < 4) v = v * 10 + (s[j++] - '0');
      size_t digits = j - i;
      if (digits == 0 || (j < s.size() && is_digit(s[j])) || digits > (numbers.empty() ? 3u : 2u)) return 0;
      numbers.push_back(v);
      i = j;
      if (i < s.size() && s[i] == ')') {
        ++i;
        break;
      }
      if (i < s.size() && s[i] == '.') {
        ++i;
        if (i < s.size() && is_digit(s[i])) continue;
        break;
      }
      if (numbers.size() >= 2) break;  // "1.1 Title"
      return 0;                        // "12 items"
    }
    if (leading_zero && numbers.size() > 1) return 0;  // "04.05. event" is a date
    if (!followed_by_space(i)) return 0;
    l.ordered = true;
    l.start = numbers.back();
    l.number_depth = static_cast<int>(numbers.size());
    l.numbers = std::move(numbers);
    return pos + i;
  }
  // Letters a) a. A) and roman numerals i. ii) (lower case).
  size_t n = 0;
  while (n < s.size() && n < 6 && s[n] >= 'a' && s[n] <= 'z') ++n;
  if (n >= 1 && n < s.size() && (s[n] == '.' || s[n] == ')') && followed_by_space(n + 1)) {
    if (n == 1 && s[0] != 'i' && s[0] != 'v' && s[0] != 'x') {
      l.ordered = true;
      l.start = s[0] - 'a' + 1;
      return pos + 2;
    }
    if (int r = roman_value(s.substr(0, n))) {
      l.ordered = true;
      l.start = r;
      return pos + n + 1;
    }
  }
  if (s.size() >= 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] == ')' && followed_by_space(2)) {
    l.ordered = true;
    l.start = s[0] - 'A' + 1;
    return pos + 2;
  }
  return 0;
}

// Fills the indentation and marker fields of a non-blank line.
void classify(Line& l) {
  int col = 0;
  size_t i = 0;
  for (; i < l.raw.size() && is_space(l.raw[i]); ++i)
    col = l.raw[i] == '\t' ? (col / tab_width + 1) * tab_width : col + 1;
  l.blank = i == l.raw.size();
  l.indent = col;
  l.text_pos = i;
  l.content_pos = i;
  l.content_indent = col;
  if (l.blank) return;
  std::string_view t = l.raw.substr(i);
  if (t.starts_with("```") || t.starts_with("~~~")) {
    l.fence = true;
    return;
  }
  if (is_rule(t)) return;
  size_t after = parse_marker(l.raw, i, l);
  if (after == 0) return;
  l.marker = true;
  col += display_width(l.raw.substr(i, after - i));
  size_t j = after;
  for (; j < l.raw.size() && is_space(l.raw[j]); ++j)
    col = l.raw[j] == '\t' ? (col / tab_width + 1) * tab_width : col + 1;
  std::string_view rest = l.raw.substr(j);
  if (rest.size() >= 3 && rest[0] == '[' && rest[2] == ']' && (rest[1] == ' ' || rest[1] == 'x' || rest[1] == 'X')) {
    l.checked = rest[1] != ' ';
    j += 3;
    col += 3;
    for (; j < l.raw.size() && is_space(l.raw[j]); ++j) ++col;
  }
  l.content_pos = j;
  l.content_indent = col;
}

}  // namespace

int display_width(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_underline(std::string_view s, char c) {
  s = trim(s);
  if (s.size() < 3) return false;
  for (char x : s)
    if (x != c) return false;
  return true;
}

bool is_rule(std::string_view s) {
  s = trim(s);
  char kind = 0;
  int count = 0;
  for (char x : s) {
    if (x == ' ' || x == '\t') continue;
    if (x != '-' && x != '*' && x != '_') return false;
    if (kind != 0 && x != kind) return false;
    kind = x;
    ++count;
  }
  return count >= 3;
}

bool is_capitals(std::string_view s) {
  int upper = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
    // Latin-1 supplement and Latin Extended-A lower-case letters (ä ö ü ß é ...) in UTF-8.
    if (c == 0xC3 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x9F) return false;
    if (c == 0xC3 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0x9F &&
        static_cast<unsigned char>(s[i + 1]) >= 0x80)
      ++upper;
  }
  return upper >= 2;
}

std::vector<Line> classify_lines(std::string_view text) {
  std::vector<Line> lines;
  lines.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  size_t start = 0;
  int number = 1;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end == text.size() && start == text.size()) break;  // no empty line after a final line end
    Line l;
    l.raw = text.substr(start, end - start);
    l.number = number++;
    classify(l);
    lines.push_back(std::move(l));
    start = end + 1;
  }
  // Fenced code blocks: a fence opens, the next fence with the same character closes.
  char open = 0;
  for (auto& l : lines) {
    if (open != 0) {
      l.in_code = true;
      l.marker = false;
      if (l.fence && l.text()[0] == open) open = 0;
      continue;
    }
    if (l.fence) {
      open = l.text()[0];
      l.in_code = true;
    }
  }
  return lines;
}

}  // namespace minutes::formats::text
