// The gazetteer: templates/gazetteer/*.tsv (embedded at build time) read once into a table of folded names.
#include "converters/core/event_places.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <deque>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace minutes::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& gazetteer();
}

namespace minutes::places {

namespace {

// The base letter of U+00C0..U+017F (Latin-1 Supplement and Latin Extended-A); ' ' for × and ÷.
constexpr std::string_view latin =
    "aaaaaaaceeeeiiiidnooooo ouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuytyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiii"
    "iiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

// "Köln" -> "Koeln": the German transliteration, which GeoNames' ASCII names use.
std::string german(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) == 0xC3 && i + 1 < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[i + 1]);
      const char* t = c == 0xA4 ? "ae" : c == 0xB6 ? "oe" : c == 0xBC ? "ue" : c == 0x84 ? "Ae" : c == 0x96 ? "Oe"
                    : c == 0x9C ? "Ue" : nullptr;
      if (t) {
        out += t;
        ++i;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

struct Table {
  std::deque<Place> places;  // their names point into the embedded files
  std::unordered_map<std::string, const Place*> by_name;
  std::size_t longest_words = 1;

  void add(std::string key, const Place* p) {
    if (key.empty()) return;
    auto [at, added] = by_name.try_emplace(std::move(key), p);  // the first wins: countries, then cities by population
    if (!added) return;
    std::size_t words = 1;
    for (char c : at->first) words += c == ' ';
    longest_words = std::max(longest_words, std::min<std::size_t>(words, 4));
  }

  void add_all(const Place* p, std::string_view others) {
    add(fold(p->name), p);
    if (p->name.find('\xC3') != std::string_view::npos) add(fold(german(p->name)), p);
    while (!others.empty()) {
      std::size_t bar = others.find('|');
      std::string_view o = others.substr(0, bar);
      add(fold(o), p);
      others = bar == std::string_view::npos ? std::string_view() : others.substr(bar + 1);
    }
  }

  void read(std::string_view text, bool countries) {
    std::vector<std::string_view> f;
    while (!text.empty()) {
      std::size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
      if (line.empty() || line[0] == '#') continue;
      f.clear();
      for (std::size_t tab; (tab = line.find('\t')) != std::string_view::npos; line.remove_prefix(tab + 1))
        f.push_back(line.substr(0, tab));
      f.push_back(line);
      if (f.size() < (countries ? 3u : 4u)) continue;
      Place p;
      if (countries) {
        p.country = f[0];
        p.name = f[1];
        p.is_country = true;
      } else {
        p.name = f[0];
        p.country = f[2];
        std::from_chars(f[3].data(), f[3].data() + f[3].size(), p.population);
      }
      add_all(&places.emplace_back(p), countries ? f[2] : f[1]);
    }
  }

  Table() {
    by_name.reserve(32768);
    const auto& files = embedded::gazetteer();
    for (const char* name : {"countries.tsv", "cities.tsv"})
      for (const auto& [path, bytes] : files)
        if (path == name) read(bytes, path == std::string_view("countries.tsv"));
  }
};

const Table& table() {
  static const Table t;
  return t;
}

}  // namespace

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char base = 0;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      base = static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      base = static_cast<char>(c - 'A' + 'a');
    } else if ((c == 0xC3 || c == 0xC4 || c == 0xC5) && i + 1 < s.size()) {
      unsigned cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      ++i;
      if (cp == 0xDF) {  // ß
        if (space && !out.empty()) out += ' ';
        out += "ss";
        space = false;
        continue;
      }
      if (cp >= 0xC0 && cp < 0x180) base = latin[cp - 0xC0];
      if (base == ' ') base = 0;
    } else if (c == '\'' || c == 0xE2) {  // apostrophes (and, within a name, other punctuation) are left out
      if (c == 0xE2) i += 2;
      continue;
    } else if (c >= 0x80) {
      base = static_cast<char>(c);  // other scripts are kept as they are
    }
    if (!base) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += base;
  }
  return out;
}

const Place* find(std::string_view text) {
  const auto& t = table();
  auto it = t.by_name.find(fold(text));
  return it == t.by_name.end() ? nullptr : it->second;
}

const Place* find_prefix(std::string_view text, std::size_t& length) {
  if (text.empty() || (text[0] >= 'a' && text[0] <= 'z')) return nullptr;
  const auto& t = table();
  // The ends of the first words: at most four, within a name's usual punctuation (spaces, '-', '/', '.').
  std::array<std::size_t, 4> ends{};  // longest_words is at most four
  std::size_t count = 0, i = 0;
  while (i < text.size() && count < t.longest_words) {
    while (i < text.size() && (static_cast<unsigned char>(text[i]) >= 0x80 || std::isalnum(static_cast<unsigned char>(text[i]))))
      ++i;
    if (i == 0) return nullptr;
    ends[count++] = i;
    if (i >= text.size() || !(text[i] == ' ' || text[i] == '-' || text[i] == '/' || text[i] == '.')) break;
    while (i < text.size() && (text[i] == ' ' || text[i] == '-' || text[i] == '/' || text[i] == '.')) ++i;
  }
  for (std::size_t k = count; k-- > 0;) {
    auto it = t.by_name.find(fold(text.substr(0, ends[k])));
    if (it != t.by_name.end()) {
      length = ends[k];
      return it->second;
    }
  }
  return nullptr;
}

}  // namespace minutes::places
