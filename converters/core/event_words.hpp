// Word-level tests on the text of minutes for event extraction: event words, places, titles (no allocation in hot paths).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "converters/core/strings.hpp"

namespace minutes::event_words {

// The bytes word_char accepts.
inline constexpr auto word_bytes = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
  return t;
}();

// A byte that belongs to a word: ASCII letter or digit, or any byte of a UTF-8 sequence.
inline bool word_char(unsigned char c) { return word_bytes[c]; }

// Whether s ends with suffix.
bool ends_with(std::string_view s, std::string_view suffix);

using minutes::lower;

// A cheap test that text may hold a date at all: a digit, or a weekday name ("...day", "...tag").
bool may_date(std::string_view s);

// Splits text into words (letters, digits, UTF-8), keeping their case.
std::vector<std::string_view> words(std::string_view s);

// Whether a word starts with an ASCII capital.
bool upper_start(std::string_view w);

// "EclipseCon", "PlusCon", "StackConf": a name ending in a capitalised "Con"/"Conf" (not "Wavecon", "Falcon").
bool interior_con(std::string_view w);

// The index of the word that names an event ("Summit", "EclipseCon", "Container Days", "GXFS Connect"), or npos.
std::size_t event_word(std::string_view text);

// Whether text names an event (see event_word).
bool names_event(std::string_view text);

// The phrase around the first event word ("our sport event"), for lines whose title is elsewhere.
std::string event_phrase(std::string_view text);

// Whether a section title is a heading over events ("Events", "Upcoming events", "Hackathons", "Save the date").
bool events_heading(std::string_view title);

// Words that make a dated line no event: deadlines, sprint ends, skipped or cancelled meetings.
bool not_an_event(std::string_view text);

// Trims spaces and Markdown emphasis marks from both ends.
std::string_view trim_marks(std::string_view s);

// Trims separators and connecting words from the end of a title ("Summit in Alicante on" -> ...).
std::string_view trim_tail(std::string_view s);

// Trims separators from the start of text ("- will be online" -> "will be online").
std::string_view trim_head(std::string_view s);

// A short name that looks like a place: "Berlin", "Frankfurt am Main", "Cloud&Heat", "online".
bool place_like(std::string_view s);

// The last " - ", " – ", " — " or " -- " in s (npos when none); len receives its length.
std::size_t rfind_dash(std::string_view s, std::size_t& len);

// Cuts a title down to the event's name: "Save the date: SCS Summit will happen" -> "SCS Summit".
std::string clean_title(std::string_view t);

// Splits the text before a date into a title and a location.
void title_and_place(std::string_view pre, std::string& title, std::string& location);

// Whether two titles share a distinctive word (four letters or more, not a generic one).
bool share_name(std::string_view a, std::string_view b);

// Calls f(word, lowered, index) for each word of text (lowered words longer than 23 bytes are cut);
// stops early when f returns true and then returns that word's index.
template <class F>
std::size_t each_word(std::string_view s, F&& f) {
  char buf[24];
  std::size_t i = 0, k = 0;
  while (i < s.size()) {
    while (i < s.size() && !word_char(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t b = i, n = 0;
    for (; i < s.size() && word_char(static_cast<unsigned char>(s[i])); ++i) {
      char c = s[i];
      if (n < sizeof buf) buf[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    if (i == b) break;
    if (f(s.substr(b, i - b), std::string_view(buf, n), k)) return k;
    ++k;
  }
  return std::string_view::npos;
}

// Whether text has at most n words (as words() splits it).
inline bool at_most_words(std::string_view text, std::size_t n) {
  return each_word(text, [n](std::string_view, std::string_view, std::size_t k) { return k >= n; }) ==
         std::string_view::npos;
}

// Whether a lowered word is in a sorted table.
template <std::size_t N>
bool in_table(const std::array<std::string_view, N>& table, std::string_view w) {
  return std::binary_search(table.begin(), table.end(), w);
}

// A sorted table of lowered words that turns most other words away by their first letter and length alone
// (the words of minutes are tested against it one by one).
template <std::size_t N>
class WordSet {
 public:
  consteval explicit WordSet(const std::array<std::string_view, N>& words) : words_(words) {
    for (std::string_view w : words_) {
      if (w.empty() || w[0] < 'a' || w[0] > 'z' || w.size() >= 32) throw "WordSet: a word of a-z, shorter than 32";
      lengths_[static_cast<std::size_t>(w[0] - 'a')] |= 1u << w.size();
    }
    if (!std::is_sorted(words_.begin(), words_.end())) throw "WordSet: the words must be sorted";
  }

  bool contains(std::string_view w) const {
    if (w.empty() || w[0] < 'a' || w[0] > 'z' || w.size() >= 32) return false;
    if (!(lengths_[static_cast<std::size_t>(w[0] - 'a')] >> w.size() & 1u)) return false;
    return std::binary_search(words_.begin(), words_.end(), w);
  }

 private:
  std::array<std::string_view, N> words_;
  std::array<unsigned, 26> lengths_{};  // per first letter, bit n: a word of n bytes
};

}  // namespace minutes::event_words

namespace minutes::event_words {

// The place a short text is as a whole, as a calendar spells it ("Frankfurt/Main" -> "Frankfurt am Main",
// "Cologne." -> "Köln", "Arnsberg-Neheim" -> "Arnsberg", "virtual" -> "online"); empty when the gazetteer knows none.
std::string place_of(std::string_view text);

// The place text names where places stand ("in Fürth", "(Köln, ...", "- Berlin", "59755 Arnsberg"), else a
// large city or a country named anywhere ("Kubernetes Community Day Munich"); "online" for a virtual event.
std::string place_in(std::string_view text);

// A title without decoration: bullets, arrows, emoji, "Save the date:", "AI @x:", "registration for", a
// trailing "(@handle)", end punctuation, unbalanced brackets; at most 80 bytes, cut at a word.
std::string tidy_title(std::string_view title);

// Whether a title reads as a name ("SCS Summit 2025", "it.emsland") rather than a sentence.
bool name_like(std::string_view title);

// The name of the event a sentence mentions: the capitalised words around its event word ("Will be done as part
// of the IAM Hackathon in Bremen" -> "IAM Hackathon"); empty without an event word.
std::string event_name(std::string_view text);

}  // namespace minutes::event_words
