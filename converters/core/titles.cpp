// Dates, series and names in meeting titles, file names and meta lines: one reading for every reader.
#include "converters/core/titles.hpp"

#include <array>

namespace minutes {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }



// Reads a run of digits at s[i] (at most 9); returns its length, 0 when none or when longer.
size_t digits_at(std::string_view s, size_t i, int& value) {
  size_t j = i;
  value = 0;
  while (j < s.size() && is_digit(s[j]) && j - i < 9) value = value * 10 + (s[j++] - '0');
  if (j < s.size() && is_digit(s[j])) return 0;
  return j - i;
}

// A date separator at s[i] (- / . or an en/em dash); its length, 0 when none.
size_t separator_at(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == '-' || s[i] == '/' || s[i] == '.') return 1;
  if (s.substr(i, 3) == "\xE2\x80\x93" || s.substr(i, 3) == "\xE2\x80\x94") return 3;
  return 0;
}

bool plausible(const ir::Date& d) { return d.year >= 1990 && d.year <= 2100 && ir::valid(d); }

// The month named by a word at s[i] (English or German, full or three letters with an optional dot).
int month_at(std::string_view s, size_t i, size_t& length) {
  struct Name { std::string_view name; int month; };
  static constexpr std::array<Name, 30> names = {{
      {"january", 1},  {"januar", 1},   {"february", 2}, {"februar", 2}, {"march", 3},     {"märz", 3},
      {"maerz", 3},    {"april", 4},    {"may", 5},      {"mai", 5},     {"june", 6},      {"juni", 6},
      {"july", 7},     {"juli", 7},     {"august", 8},   {"september", 9}, {"october", 10}, {"oktober", 10},
      {"november", 11}, {"december", 12}, {"dezember", 12}, {"jan", 1},  {"feb", 2},       {"mar", 3},
      {"apr", 4},      {"jun", 6},      {"jul", 7},      {"aug", 8},     {"sep", 9},       {"oct", 10}}};
  static constexpr std::array<Name, 4> more = {{{"okt", 10}, {"nov", 11}, {"dec", 12}, {"dez", 12}}};
  if (i > 0 && is_alpha(s[i - 1])) return 0;
  auto try_name = [&](const Name& n) {
    if (!starts_with_icase(s.substr(i), n.name)) return false;
    size_t e = i + n.name.size();
    if (e < s.size() && is_alpha(s[e])) return false;
    if (n.name.size() == 3 && n.name != "may" && n.name != "mai" && e < s.size() && s[e] == '.') ++e;
    length = e - i;
    return true;
  };
  for (const auto& n : names)
    if (try_name(n)) return n.month;
  for (const auto& n : more)
    if (try_name(n)) return n.month;
  return 0;
}

// Skips spaces, commas and dots from s[i].
size_t skip_gap(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '.' || s[i] == '\t')) ++i;
  return i;
}

// Skips an English ordinal suffix (st, nd, rd, th) at s[i].
size_t skip_ordinal(std::string_view s, size_t i) {
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (starts_with_icase(s.substr(i), suffix) && (i + 2 >= s.size() || !is_alpha(s[i + 2]))) return i + 2;
  return i;
}

// "4 May 2023", "4th of May 2023", "4. Mai 2023" at s[i] (a digit).
std::optional<FoundDate> day_month_year(std::string_view s, size_t i) {
  int day = 0, year = 0;
  size_t n = digits_at(s, i, day);
  if (n == 0 || n > 2) return std::nullopt;
  size_t k = skip_ordinal(s, i + n);
  k = skip_gap(s, k);
  if (starts_with_icase(s.substr(k), "of ")) k += 3;
  size_t len = 0;
  int month = month_at(s, k, len);
  if (month == 0) return std::nullopt;
  k = skip_gap(s, k + len);
  size_t ny = digits_at(s, k, year);
  if (ny != 4) return std::nullopt;
  ir::Date d{year, month, day};
  if (!plausible(d)) return std::nullopt;
  return FoundDate{d, i, k + 4};
}

// "May 4, 2023", "May 4th 2023" at s[i] (a letter).
std::optional<FoundDate> month_day_year(std::string_view s, size_t i) {
  size_t len = 0;
  int month = month_at(s, i, len);
  if (month == 0) return std::nullopt;
  size_t k = i + len;
  while (k < s.size() && s[k] == ' ') ++k;
  int day = 0, year = 0;
  size_t n = digits_at(s, k, day);
  if (n == 0 || n > 2) return std::nullopt;
  k = skip_gap(s, skip_ordinal(s, k + n));
  if (digits_at(s, k, year) != 4) return std::nullopt;
  ir::Date d{year, month, day};
  if (!plausible(d)) return std::nullopt;
  return FoundDate{d, i, k + 4};
}

}  // namespace

std::optional<FoundDate> find_date(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (is_alpha(s[i])) {
      if (auto f = month_day_year(s, i)) return f;
      continue;
    }
    if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) continue;
    int a = 0, b = 0, c = 0;
    size_t na = digits_at(s, i, a);
    if (na == 8) {  // 20230504
      ir::Date d{a / 10000, a / 100 % 100, a % 100};
      if (plausible(d)) return FoundDate{d, i, i + 8};
      continue;
    }
    if (auto f = day_month_year(s, i)) return f;
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
  for (std::string_view pair : {"()", "[]", "( )", "[ ]"})
    for (size_t p; (p = rest.find(pair)) != std::string::npos;) rest.erase(p, pair.size());
  std::string_view v = trim(rest);
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

void settle_date_with_file_name(ir::Meeting& m, int line) {
  auto from_name = date_from_file_name(m.source);
  if (!from_name) return;
  if (m.date && *m.date != *from_name)
    ir::warn(m, line, 0,
             "the minutes say " + ir::iso(*m.date) + " but the file name says " + ir::iso(*from_name) +
                 "; the file name's date is used");
  m.date = from_name;
}

std::vector<std::string> split_names(std::string_view value) {
  std::vector<std::string> out;
  std::string v(value.substr(0, 4096));  // a name list, not a novel: bounded so dedupe stays cheap
  for (std::string_view joiner : {" and ", " & ", " und "})
    for (size_t p = 0; (p = v.find(joiner, p)) != std::string::npos;) v.replace(p, joiner.size(), ",");
  size_t start = 0;
  while (start <= v.size()) {
    size_t end = v.find_first_of(",;", start);
    if (end == std::string::npos) end = v.size();
    std::string_view name = trim(std::string_view(v).substr(start, end - start));
    if (name.starts_with('@')) name.remove_prefix(1);
    if (name.ends_with('.')) name.remove_suffix(1);
    name = trim(name);
    if (!name.empty()) out.emplace_back(name);
    start = end + 1;
  }
  return out;
}


}  // namespace minutes
