// The gazetteer of the event extractor: which words name a city or a country, and how a calendar spells it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace minutes::places {

// A place the gazetteer knows (templates/gazetteer, GeoNames and i18n-iso-countries).
struct Place {
  std::string_view name;     // as a calendar shows it: GeoNames' city name ("Köln"), a country's English name
  std::string_view country;  // ISO 3166-1 alpha-2
  int population = 0;        // thousands; 0 for a country
  bool is_country = false;
};

// The place that text names as a whole ("Cologne", "frankfurt/main", "Ungarn", "Koeln"); nullptr when none.
// Case, diacritics and German transliteration (ue for ü) do not matter.
const Place* find(std::string_view text);

// The longest place name that starts text at a word (up to four words: "Frankfurt am Main, 10.5."); its byte
// length in `length`; nullptr when none. A word in lower case never starts a place ("well", "date").
const Place* find_prefix(std::string_view text, std::size_t& length);

// Text reduced for looking a name up: ASCII lower case, Latin letters without diacritics, ß as ss, runs of
// spaces, '-', '/', '.' as one space.
std::string fold(std::string_view text);

}  // namespace minutes::places
