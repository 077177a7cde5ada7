// The tokens the date scanner reads (digits, lowered words, punctuation) and the month and weekday names it knows.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace minutes::dates {

// What a token is.
enum class Tok { num, word, punct };

// One token: a run of digits, a run of letters (ASCII lowered, UTF-8 kept) or one punctuation mark.
struct Token {
  Tok type = Tok::punct;
  std::size_t b = 0, e = 0;
  int value = 0;       // num
  int digits = 0;      // num
  std::string word;    // word, lowered
  char p = 0;          // punct; every dash is '-', curly apostrophes are '\''
  bool space = false;  // whitespace before this token
};

// ASCII letters and digits.
inline bool is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// A day that exists in the month (any year; 29 February included).
inline bool day_exists(int m, int d) {
  static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}

// Splits text into tokens; dashes and no-break spaces as minutes write them are understood.
std::vector<Token> tokenize(std::string_view s);

// The month (1..12) a word token names in English or German ("jänner", "sept", "okt"); -1 when none.
int month_of(const Token& t);

// The weekday (0 = Monday) a word token names in English or German; -1 when none.
int weekday_of(const Token& t);

}  // namespace minutes::dates
