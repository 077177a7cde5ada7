// Names and places in the text of minutes: an event's name as a calendar shows it, and the place it is at.
#include <array>

#include "converters/core/event_places.hpp"
#include "converters/core/event_words.hpp"

namespace minutes::event_words {

using namespace std::string_view_literals;

namespace {

// The length of an emoji, arrow, bullet or symbol (or a joiner or variation selector) at i; 0 for none.
std::size_t symbol_at(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c >= 0xF0) return std::min<std::size_t>(4, s.size() - i);  // U+10000 and above: emoji
  if (c == 0xE2 && i + 2 < s.size()) {
    unsigned char c2 = static_cast<unsigned char>(s[i + 1]), c3 = static_cast<unsigned char>(s[i + 2]);
    if ((c2 >= 0x86 && c2 <= 0x87) || (c2 >= 0x96 && c2 <= 0x9F) || (c2 >= 0xAC && c2 <= 0xAF)) return 3;
    if (c2 == 0x80 && (c3 == 0xA2 || c3 == 0x8D || c3 == 0xA3)) return 3;  // bullet, zero-width joiner
  }
  if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xB8) return 3;  // U+FE0F
  return 0;
}

std::string without_symbols(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (std::size_t n = symbol_at(s, i)) {
      i += n;
      continue;
    }
    out += s[i++];
  }
  return out;
}

// Words of a sentence rather than a name.
constexpr std::array<std::string_view, 60> sentence_words = {
    "agreed", "are",   "be",     "been",     "can",       "coming",   "could", "did",   "do",     "does",
    "done",   "fine",  "going",  "good",     "great",     "had",      "has",   "have",  "he",     "i",
    "is",     "it",    "let",    "lets",     "likely",    "maybe",    "might", "must",  "need",   "needed",
    "needs",  "nice",  "please", "possibly", "presented", "probably", "shall", "she",   "should", "taken",
    "that",   "there", "they",   "this",     "those",     "topic",    "us",    "want",  "was",    "we",
    "were",   "what",  "when",   "where",    "which",     "who",      "will",  "would", "you",    "your"};

bool sentence_word(std::string_view l) {
  static constexpr WordSet words(sentence_words);
  return words.contains(l);
}

// A word that may stand in an event's name before its event word: capitalised, an acronym, a number or "mini".
bool name_word(std::string_view w) {
  if (w.empty()) return false;
  unsigned char c = static_cast<unsigned char>(w[0]);
  if (std::isupper(c) || std::isdigit(c) || c >= 0x80) return true;
  for (char ch : w)
    if (std::isupper(static_cast<unsigned char>(ch))) return true;  // "dNation", "it.emsland" is not
  return lower(w) == "mini";
}

// What goes before an event's name in a title ("Save the date:", "registration for", "talk at").
constexpr std::array<std::string_view, 40> title_prefixes = {"save the date:",
                                                             "save the date",
                                                             "save the day:",
                                                             "reminder:",
                                                             "next:",
                                                             "upcoming:",
                                                             "announcement:",
                                                             "advertisement:",
                                                             "advertisement",
                                                             "registration for",
                                                             "register for",
                                                             "registration to",
                                                             "info:",
                                                             "news:",
                                                             "new:",
                                                             "update:",
                                                             "update on",
                                                             "update",
                                                             "planning",
                                                             "recap of",
                                                             "recap",
                                                             "todo:",
                                                             "action:",
                                                             "join us at",
                                                             "join us for",
                                                             "preparation of the",
                                                             "preparation for the",
                                                             "preparation of",
                                                             "talk at",
                                                             "talks at",
                                                             "booth at",
                                                             "slot at",
                                                             "participation in",
                                                             "anyone at",
                                                             "anyone going to",
                                                             "anybody at",
                                                             "who is at",
                                                             "who goes to",
                                                             "the ",
                                                             "our "};

}  // namespace

std::string place_of(std::string_view text) {
  std::string_view s = trim_marks(text);
  while (!s.empty() && std::string_view(".?!,;:)(").find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  while (!s.empty() && std::string_view("(@ ").find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  for (std::string_view w : {"in "sv, "at "sv, "im "sv, "at the "sv, "bei "sv})
    if (starts_with_icase(s, w)) s.remove_prefix(w.size());
  std::string l = lower(trim_marks(s));
  if (l == "online" || l == "virtual" || l == "remote" || l == "online only" || l == "virtuell" || l == "digital")
    return "online";
  std::size_t len = 0;
  const places::Place* p = places::find_prefix(s, len);
  if (!p) return {};
  std::string_view rest = trim_marks(s.substr(len));
  // "Berlin", "Arnsberg/Neheim", "Dresden, ScaDS.AI", "Berlin (hybrid)"; not "Berlin Opening" (a name)
  if (!rest.empty() && std::string_view("/-,(").find(rest[0]) == std::string_view::npos) return {};
  return std::string(p->name);
}

std::string place_in(std::string_view text) {
  std::string big;
  bool online = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool start = i == 0 || !word_char(static_cast<unsigned char>(text[i - 1]));
    if (!start || !(std::isupper(c) || c >= 0x80 || c == 'o' || c == 'v')) continue;
    std::string_view rest = text.substr(i);
    if (starts_with_icase(rest, "online") || starts_with_icase(rest, "virtual")) {
      // "(online)", "- online", "virtual event"; not "registration is now online"
      std::size_t n = rest[0] == 'v' || rest[0] == 'V' ? 7 : 6;
      std::string_view b = trim_marks(text.substr(0, i));
      bool whole = n >= rest.size() || !word_char(static_cast<unsigned char>(rest[n]));
      bool cue = b.empty() || std::string_view("(,:-/").find(b.back()) != std::string_view::npos ||
                 ends_with(lower(b), " in") || ends_with(lower(b), " via") || ends_with(lower(b), " done") ||
                 ends_with(lower(b), " held") || ends_with(lower(b), " be") ||
                 starts_with_icase(rest.substr(n), " event") || starts_with_icase(rest.substr(n), " only") ||
                 starts_with_icase(rest.substr(n), " meetup");
      online = online || (whole && cue);
      continue;
    }
    std::size_t len = 0;
    const places::Place* p = places::find_prefix(rest, len);
    if (!p || (len < rest.size() && word_char(static_cast<unsigned char>(rest[len])))) continue;
    // Where a place stands: after "in", "at", "@", "(", ",", a dash, a colon or a postcode, or at the start.
    std::string_view before = trim_marks(text.substr(0, i));
    std::string lb = lower(before.substr(before.size() > 6 ? before.size() - 6 : 0));
    bool cue = before.empty() || ends_with(lb, " in") || lb == "in" || ends_with(lb, " at") || lb == "at" ||
               ends_with(lb, " im") || ends_with(lb, "bei") ||
               std::string_view("@(,:-/").find(before.back()) != std::string_view::npos ||
               ends_with(before, "\xE2\x80\x93") || std::isdigit(static_cast<unsigned char>(before.back()));
    if (cue) return std::string(p->name);
    if (big.empty() && (p->is_country || p->population >= 100)) big = p->name;
  }
  if (!big.empty()) return big;
  return online ? "online" : std::string();
}

std::string tidy_title(std::string_view title) {
  std::string t = without_symbols(title);
  std::string_view s = trim_head(t);
  while (s.substr(0, 2) == "=>" || s.substr(0, 2) == "->") s = trim_head(s.substr(2));
  if (s.substr(0, 3) == "'s " || s.substr(0, 4) == "\xC2\xB4s ") s = trim_head(s.substr(s.find(' ')));  // "Friday's"
  for (bool again = true; again;) {
    again = false;
    for (std::string_view p : title_prefixes) {
      if (!s.empty() && (s[0] | 0x20) == p[0] && starts_with_icase(s, p) && s.size() > p.size() + 2) {
        s = trim_head(s.substr(p.size()));
        again = true;
      }
    }
    // "AI @garloff:", "@fkr:", "AI:" at the start: an action item's owner
    std::string_view l = s;
    if (starts_with_icase(l, "ai ") || starts_with_icase(l, "ai:")) l = trim_head(l.substr(2));
    if (!l.empty() && l[0] == '@') {
      std::size_t colon = l.find(':');
      if (colon != std::string_view::npos && colon < 40 && l.substr(0, colon).find(' ') == std::string_view::npos) {
        s = trim_head(l.substr(colon + 1));
        again = true;
      }
    } else if (l.size() < s.size() && !l.empty() && l[0] == ':') {
      s = trim_head(l.substr(1));
      again = true;
    }
  }
  std::string out(s);
  // "(@fkr)", "(@x, @y)": who, not what
  for (std::size_t open; (open = out.find("(@")) != std::string::npos;) {
    std::size_t close = out.find(')', open);
    out.erase(open, close == std::string::npos ? std::string::npos : close - open + 1);
  }
  // Unbalanced brackets: an unclosed one and what follows it go; a stray closing one goes.
  int depth = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '(' || out[i] == '[') ++depth;
    if (out[i] == ')' || out[i] == ']') {
      if (depth == 0) {
        out.erase(i--, 1);
        continue;
      }
      --depth;
    }
  }
  if (depth > 0) {
    int need = depth;
    for (std::size_t i = out.size(); i-- > 0 && need > 0;)
      if (out[i] == '(' || out[i] == '[') {
        out.erase(i);
        --need;
      }
  }
  // "SCS Hackathon in first half of this year", "Workshop in Vienna in progress": what follows the name goes
  for (std::size_t at = 0; (at = out.find(" in ", at)) != std::string::npos; at += 4) {
    std::size_t next = at + 4;
    if (next < out.size() && std::islower(static_cast<unsigned char>(out[next])) && names_event(out.substr(0, at))) {
      out.erase(at);
      break;
    }
  }
  // "SCS Hackathon @ Cloud&Heat": the venue is no part of the name
  if (std::size_t at = out.find(" @ "); at != std::string::npos && at > 0 && names_event(out.substr(0, at)))
    out.erase(at);
  for (std::string_view tail :
       {" planned"sv, " coming up"sv, " this year"sv, " next year"sv, " later this"sv, " tbd"sv, " tba"sv,
        " on the evening"sv, " in the evening"sv, " on the morning"sv, " on the afternoon"sv}) {
    std::size_t at = lower(out).find(tail);
    if (at != std::string::npos && at > 0 && names_event(out.substr(0, at))) out.erase(at);
  }
  std::string_view r = trim_tail(out);
  while (!r.empty() && std::string_view(".?!:;,").find(r.back()) != std::string_view::npos)
    r = trim_tail(r.substr(0, r.size() - 1));
  if (r.size() > 80) {
    std::size_t cut = r.rfind(' ', 80);
    r = trim_tail(r.substr(0, cut == std::string_view::npos || cut < 20 ? 80 : cut));
    while (!r.empty() && (static_cast<unsigned char>(r.back()) & 0xC0) == 0x80) r.remove_suffix(1);
    while (!r.empty() && static_cast<unsigned char>(r.back()) >= 0xC0) r.remove_suffix(1);
  }
  return std::string(r);
}

bool name_like(std::string_view title) {
  if (title.find("? ") != std::string_view::npos || title.find(". ") != std::string_view::npos) return false;
  std::size_t count = 0;
  bool sentence = each_word(title, [&](std::string_view, std::string_view l, std::size_t k) {
                    count = k + 1;
                    return k >= 8 || sentence_word(l);  // more than eight words, or a word of a sentence
                  }) != std::string_view::npos;
  return !sentence && count > 0;
}

std::string event_name(std::string_view text) {
  auto ws = words(text);
  std::size_t k = event_word(text);
  if (k == std::string_view::npos || k >= ws.size()) return {};
  std::size_t from = k;
  // "our sport event": one plain word before the bare "event"
  if (lower(ws[k]) == "event" && k > 0 && !name_word(ws[k - 1]) && !sentence_word(lower(ws[k - 1])) &&
      lower(ws[k - 1]) != "our" && lower(ws[k - 1]) != "the" && lower(ws[k - 1]) != "an" && lower(ws[k - 1]) != "a")
    --from;
  while (from > 0 && k - from < 5 && name_word(ws[from - 1]) && !sentence_word(lower(ws[from - 1]))) {
    // no words across a sentence or clause: "... topic. SCS Summit", "Hackathon, Summit"
    std::string_view gap = text.substr(ws[from - 1].data() + ws[from - 1].size() - text.data(),
                                       ws[from].data() - (ws[from - 1].data() + ws[from - 1].size()));
    if (gap.find_first_of(".,;:!?()[]") != std::string_view::npos) break;
    --from;
  }
  std::size_t to = k;
  for (std::size_t j = k + 1; j < ws.size() && j - k <= 6; ++j) {
    std::string_view gap = text.substr(ws[j - 1].data() + ws[j - 1].size() - text.data(),
                                       ws[j].data() - (ws[j - 1].data() + ws[j - 1].size()));
    if (gap.find_first_of(".,;:!?()[]") != std::string_view::npos) break;
    std::string l = lower(ws[j]);
    bool number = std::isdigit(static_cast<unsigned char>(ws[j][0])) != 0;
    bool joins = (l == "on" || l == "of" || l == "for" || l == "and") && j + 1 < ws.size() && upper_start(ws[j + 1]);
    if (number || joins || (upper_start(ws[j]) && place_of(ws[j]).empty() && !sentence_word(l)) ||
        (to > k && upper_start(ws[j]))) {
      if (!joins) to = j;
      continue;
    }
    break;
  }
  const char* b = ws[from].data();
  const char* e = ws[to].data() + ws[to].size();
  // "Hackathon #6": the hash belongs to the number
  std::string name(b, static_cast<std::size_t>(e - b));
  if (b > text.data() && b[-1] == '#') name.insert(0, "#");
  return name;
}

}  // namespace minutes::event_words
