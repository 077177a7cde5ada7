// The date scanner's tokens, the month, weekday and zone names it knows (English and German), and calendar sums.
#include "converters/core/date_tokens.hpp"

#include "converters/core/dates.hpp"

#include <array>

namespace minutes::dates {

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  bool space = true;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      ++i;
      continue;
    }
    Token t;
    t.b = i;
    t.space = space;
    space = false;
    if (is_digit(c)) {
      t.type = Tok::num;
      while (i < s.size() && is_digit(static_cast<unsigned char>(s[i]))) {
        if (t.digits < 9) t.value = t.value * 10 + (s[i] - '0');
        ++t.digits;
        ++i;
      }
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
      unsigned char c3 = static_cast<unsigned char>(s[i + 2]);
      t.type = Tok::punct;
      if (c3 >= 0x90 && c3 <= 0x95)
        t.p = '-';  // hyphens and dashes
      else if (c3 == 0x98 || c3 == 0x99)
        t.p = '\'';  // curly apostrophes
      else if (c3 == 0xAF) {
        space = true;
        i += 3;
        continue;
      }  // narrow no-break space
      else
        t.p = '?';
      i += 3;
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      space = true;  // no-break space
      i += 2;
      continue;
    } else if (is_alpha(c) || c >= 0x80) {
      t.type = Tok::word;
      while (i < s.size()) {
        unsigned char d = static_cast<unsigned char>(s[i]);
        if ((d == 0xE2 || d == 0xC2) && i > t.b) break;  // dashes, quotes, no-break spaces end a word
        if (!(is_alpha(d) || d >= 0x80)) break;
        t.word += static_cast<char>(d >= 'A' && d <= 'Z' ? d - 'A' + 'a' : d);
        ++i;
      }
    } else {
      t.type = Tok::punct;
      t.p = static_cast<char>(c);
      ++i;
      if (c == '-') {
        while (i < s.size() && s[i] == '-') ++i;  // "--"
      }
    }
    t.e = i;
    out.push_back(std::move(t));
  }
  return out;
}

namespace {

struct Name {
  std::string_view name;
  int value;
};

constexpr std::array<Name, 42> month_names{{
    {"january", 1},  {"jan", 1},  {"januar", 1},    {"jänner", 1},  {"february", 2},  {"feb", 2},      {"februar", 2},
    {"march", 3},    {"mar", 3},  {"märz", 3},      {"maerz", 3},   {"april", 4},     {"apr", 4},      {"may", 5},
    {"mai", 5},      {"june", 6}, {"jun", 6},       {"juni", 6},    {"july", 7},      {"jul", 7},      {"juli", 7},
    {"august", 8},   {"aug", 8},  {"september", 9}, {"sep", 9},     {"sept", 9},      {"october", 10}, {"oct", 10},
    {"oktober", 10}, {"okt", 10}, {"november", 11}, {"nov", 11},    {"december", 12}, {"dec", 12},     {"dezember", 12},
    {"dez", 12},     {"mrz", 3},  {"jän", 1},       {"januari", 1}, {"febr", 2},      {"augusti", 8},  {"juny", 6},
}};

constexpr std::array<Name, 23> weekday_names{{
    {"monday", 0},   {"mon", 0},       {"montag", 0},     {"tuesday", 1},  {"tue", 1},      {"tues", 1},
    {"dienstag", 1}, {"wednesday", 2}, {"wed", 2},        {"mittwoch", 2}, {"thursday", 3}, {"thu", 3},
    {"thur", 3},     {"thurs", 3},     {"donnerstag", 3}, {"friday", 4},   {"fri", 4},      {"freitag", 4},
    {"saturday", 5}, {"sat", 5},       {"samstag", 5},    {"sunday", 6},   {"sonntag", 6},
}};

int lookup(std::string_view w, const auto& table) {
  for (const auto& n : table)
    if (n.name == w) return n.value;
  return 0 - 1;
}

}  // namespace

int month_of(const Token& t) {
  if (t.type != Tok::word) return -1;
  int m = lookup(t.word, month_names);
  return m;
}

int weekday_of(const Token& t) {
  if (t.type != Tok::word) return -1;
  return lookup(t.word, weekday_names);
}

std::string zone_for(std::string_view a) {
  std::string z;
  for (char c : a) z += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  if (z == "CET" || z == "CEST" || z == "MEZ" || z == "MESZ") return "Europe/Berlin";
  if (z == "UTC" || z == "GMT" || z == "Z") return "UTC";
  if (z == "BST" || z == "WET" || z == "WEST") return "Europe/London";
  if (z == "EET" || z == "EEST") return "Europe/Helsinki";
  if (z == "EST" || z == "EDT" || z == "ET") return "America/New_York";
  if (z == "PST" || z == "PDT" || z == "PT") return "America/Los_Angeles";
  return {};
}

int infer_year(int month, int day, const ir::Date& ref) {
  int64_t r = ir::days_from_civil(ref);
  for (int y = ref.year - 1; y <= ref.year + 8; ++y) {
    ir::Date d{y, month, day};
    if (valid(d) && ir::days_from_civil(d) - r >= -56) return y;
  }
  return ref.year;
}

ir::Date iso_week_monday(int year, int week) {
  ir::Date jan4{year, 1, 4};
  int64_t monday1 = ir::days_from_civil(jan4) - ir::weekday(jan4);
  return ir::civil_from_days(monday1 + 7 * (week - 1));
}

}  // namespace minutes::dates
