// Word-level tests on the text of minutes for event extraction: event words, places, titles.
#include "converters/core/event_words.hpp"

#include <set>

#include "converters/core/event_places.hpp"

namespace minutes::event_words {

using namespace std::string_view_literals;

// A cheap test that text may hold a date at all: a digit, or a weekday name ("...day", "...tag").
bool may_date(std::string_view s) {
  // per byte: 1 a digit, 2 'd' or 'D', 3 't' or 'T', else 0
  static constexpr auto kinds = [] {
    std::array<unsigned char, 256> k{};
    for (int c = '0'; c <= '9'; ++c) k[c] = 1;
    k['d'] = k['D'] = 2;
    k['t'] = k['T'] = 3;
    return k;
  }();
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char kind = kinds[static_cast<unsigned char>(s[i])];
    if (kind == 0) continue;
    if (kind == 1) return true;
    if (i + 2 < s.size()) {
      char a = static_cast<char>(s[i + 1] | 0x20), b = static_cast<char>(s[i + 2] | 0x20);
      if (kind == 2 ? (a == 'a' && b == 'y') : (a == 'a' && b == 'g')) return true;
    }
  }
  return false;
}

// Splits text into words (letters, digits, UTF-8), keeping their case.
std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !word_char(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t b = i;
    while (i < s.size() && word_char(static_cast<unsigned char>(s[i]))) ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool upper_start(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

// "EclipseCon", "PlusCon", "StackConf": a name ending in a capitalised "Con"/"Conf" (not "Wavecon", "Falcon").
bool interior_con(std::string_view w) {
  if (ends_with(w, "Con")) return w.size() > 3;
  if (ends_with(w, "Conf")) return w.size() > 4;
  return false;
}

// The index of the word that names an event ("Summit", "EclipseCon", "Container Days", "GXFS Connect"), or npos.
std::size_t event_word(std::string_view text) {
  static constexpr WordSet keywords(std::to_array<std::string_view>({
      "barcamp", "bootcamp", "conference", "conferences", "congress", "convention", "conventions", "event", "expo", "fachkongress", "fair", "fest", "festival", "forum", "fosdem", "gettogether", "hackathon", "hackathons", "hackday", "hackfest", "kongress", "kongresse", "kubecon", "launch", "meetup", "meetups", "messe", "messen", "minihackathon", "minihackathons", "opening", "plenary", "ptg", "roadshow", "seminar", "stackconf", "summit", "summits", "symposium", "tagung", "vptg", "webinar", "webinars", "workshop", "workshops"}));
  bool prev_upper = false;
  std::string_view prev, prev2;  // the two words before, as written
  return each_word(text, [&](std::string_view w, std::string_view l, std::size_t) {
    bool capital = upper_start(w);
    bool hit = keywords.contains(l) || (capital && l.size() > 4 && interior_con(w)) ||
               (capital && prev_upper && (l == "day" || l == "days" || l == "connect")) ||
               (l == "appointment" && (iequals(prev, "first") || iequals(prev, "next"))) ||
               (l == "us" && iequals(prev, "join")) ||  // "Join us in Berlin -- 2024-09-05"
               (l == "together" && iequals(prev, "get")) ||  // "get-together"
               (l == "session" && iequals(prev, "hacking")) ||
               (l == "date" && iequals(prev, "the") && iequals(prev2, "save"));
    prev_upper = capital;
    prev2 = prev;
    prev = w;
    return hit;
  });
}

bool names_event(std::string_view text) { return event_word(text) != std::string_view::npos; }

// The phrase around the first event word ("our sport event"), for lines whose title is elsewhere.
std::string event_phrase(std::string_view text) {
  auto ws = words(text);
  std::size_t k = event_word(text);
  if (k == std::string_view::npos || k >= ws.size()) return {};
  std::size_t from = k >= 2 ? k - 2 : 0;
  const char* b = ws[from].data();
  const char* e = ws[k].data() + ws[k].size();
  return std::string(b, static_cast<std::size_t>(e - b));
}

// Whether a section title is a heading over events ("Events", "Upcoming events", "Hackathons", "Save the date").
bool events_heading(std::string_view title) {
  // "Topics for meetups": talks, not events
  for (std::string_view w : {"topics"sv, "ideas"sv, "agenda"sv, "introduction"sv})
    if (starts_with_icase(title, w)) return false;
  // The words of an events heading: no two start with the same letter, so one pass finds them all.
  static constexpr auto by_letter = [] {
    std::array<std::string_view, 26> t{};
    for (std::string_view w : {"events"sv, "hackathons"sv, "conferences"sv, "meetups"sv, "save the date"sv,
                               "next dates"sv, "upcoming"sv, "announcements"sv, "veranstaltungen"sv, "termine"sv}) {
      if (!t[static_cast<std::size_t>(w[0] - 'a')].empty()) throw "events_heading: two words with one first letter";
      t[static_cast<std::size_t>(w[0] - 'a')] = w;
    }
    return t;
  }();
  for (std::size_t i = 0; i < title.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(title[i]) | 0x20;  // an ASCII letter in lower case
    if (c < 'a' || c > 'z') continue;
    std::string_view w = by_letter[c - 'a'];
    if (!w.empty() && starts_with_icase(title.substr(i), w)) return true;
  }
  return false;
}

// Words that make a dated line no event: deadlines, sprint ends, skipped or cancelled meetings.
bool not_an_event(std::string_view text) {
  static constexpr std::array<std::string_view, 22> hard = {
      "abgabe", "cancel",  "canceled", "cancelled",  "cfp",      "deadline", "deadlines", "deprecated",
      "due",    "eol",     "frist",    "holiday",    "holidays", "launched", "ooo",       "postponed",
      "skip",   "skipped", "sprint",   "submission", "urlaub",   "vacation"};
  static constexpr std::array<std::string_view, 9> soft = {"call",    "meeting",  "meetings", "recording", "recordings",
                                                           "release", "released", "sig",      "slides"};
  bool named = names_event(text);
  bool stop = each_word(text, [&](std::string_view, std::string_view l, std::size_t) {
                return in_table(hard, l) || (!named && in_table(soft, l));
              }) != std::string_view::npos;
  if (stop) return true;
  std::string t = lower(text);
  return t.find("call for papers") != std::string::npos || t.find("register by") != std::string::npos ||
         t.find("registration deadline") != std::string::npos || t.find("back on") != std::string::npos ||
         t.find("not a good option") != std::string::npos || t.find("no good option") != std::string::npos;
}

std::string_view trim_marks(std::string_view s) {
  auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '*' || c == '_'; };
  while (!s.empty() && sp(s.front())) s.remove_prefix(1);
  while (!s.empty() && sp(s.back())) s.remove_suffix(1);
  return s;
}

// Trims separators and connecting words from the end of a title ("Summit in Alicante on" -> ...).
std::string_view trim_tail(std::string_view s) {
  for (;;) {
    s = trim_marks(s);
    std::size_t before = s.size();
    while (!s.empty() && std::string_view(",:;-(@/|+").find(s.back()) != std::string_view::npos) s.remove_suffix(1);
    if (ends_with(s, "\xE2\x80\x93") || ends_with(s, "\xE2\x80\x94")) s.remove_suffix(3);
    for (std::string_view w : {" on"sv, " at"sv, " am"sv, " from"sv, " vom"sv, " the"sv, " from the"sv, " starting"sv,
                               " is"sv, " will be"sv, " in"sv, " takes place"sv, " happens"sv, " till"sv, " ab"sv}) {
      // (the last letter first: most titles end in none of them)
      if (s.size() > w.size() && (s.back() | 0x20) == w.back() && iequals(s.substr(s.size() - w.size()), w)) {
        s.remove_suffix(w.size());
        break;
      }
    }
    s = trim_marks(s);
    if (s.size() == before) return s;
  }
}

// Trims separators from the start of text ("- will be online" -> "will be online").
std::string_view trim_head(std::string_view s) {
  for (;;) {
    s = trim_marks(s);
    std::size_t before = s.size();
    while (!s.empty() && std::string_view(",:;-)@/|+").find(s.front()) != std::string_view::npos) s.remove_prefix(1);
    if (s.substr(0, 3) == "\xE2\x80\x93" || s.substr(0, 3) == "\xE2\x80\x94") s.remove_prefix(3);
    s = trim_marks(s);
    if (s.size() == before) return s;
  }
}

// A short text that is a place the gazetteer knows ("Berlin", "Frankfurt/Main", "online").
bool place_like(std::string_view s) { return !place_of(s).empty(); }

std::size_t rfind_dash(std::string_view s, std::size_t& len) {
  std::size_t best = std::string_view::npos;
  for (std::string_view d : {" - "sv, " \xE2\x80\x93 "sv, " \xE2\x80\x94 "sv, " -- "sv}) {
    std::size_t p = s.rfind(d);
    if (p != std::string_view::npos && (best == std::string_view::npos || p > best)) {
      best = p;
      len = d.size();
    }
  }
  return best;
}

// Cuts a title down to the event's name: "Save the date: SCS Summit will happen" -> "SCS Summit".
std::string clean_title(std::string_view t) {
  t = trim_tail(t);
  for (std::string_view prefix : {"save the date:"sv, "save the date"sv, "reminder:"sv, "next:"sv, "upcoming:"sv})
    if (starts_with_icase(t, prefix)) t = trim_head(t.substr(prefix.size()));
  std::string l = lower(t);
  for (std::string_view cut :
       {" will ", " is ", " was ", " has ", " takes ", " are ", " were ", ", probably", " - ", ", "}) {
    auto p = l.find(cut);
    if (p != std::string::npos && p > 0 && names_event(t.substr(0, p))) {
      t = trim_tail(t.substr(0, p));
      l = lower(t);
    }
  }
  return std::string(t);
}

// Splits the text before a date into a title and a location.
void title_and_place(std::string_view pre, std::string& title, std::string& location) {
  std::string_view t = trim_tail(pre);
  // "(City, date)"
  if (auto open = t.rfind('('); open != std::string_view::npos && place_like(t.substr(open + 1))) {
    location = place_of(t.substr(open + 1));
    t = trim_tail(t.substr(0, open));
  }
  // "Name, City, date"
  if (location.empty()) {
    if (auto comma = t.rfind(','); comma != std::string_view::npos && place_like(t.substr(comma + 1))) {
      location = place_of(t.substr(comma + 1));
      t = trim_tail(t.substr(0, comma));
    }
  }
  // "Name – City, date"
  if (location.empty()) {
    std::size_t len = 0;
    if (auto dash = rfind_dash(t, len); dash != std::string_view::npos && place_like(t.substr(dash + len))) {
      location = place_of(t.substr(dash + len));
      t = trim_tail(t.substr(0, dash));
    }
  }
  // "Name in City", "Name at Venue", "Name @ Venue"
  for (int round = 0; round < 2 && location.empty(); ++round) {
    for (std::string_view w : {" in "sv, " at "sv, " @ "sv}) {
      auto p = t.rfind(w);
      if (p == std::string_view::npos || p == 0) continue;
      std::string_view place = t.substr(p + w.size());
      std::string_view rest = trim_tail(t.substr(0, p));
      if (!place_like(place) || (w != " in " && !names_event(rest))) continue;
      location = place_of(place);
      t = rest;
      break;
    }
  }
  title = tidy_title(clean_title(t));
}

// Whether two titles share a distinctive word (four letters or more, not a generic one).
bool share_name(std::string_view a, std::string_view b) {
  static constexpr std::array<std::string_view, 6> common = {"event", "from", "open", "source", "with", "will"};
  std::set<std::string> wa;
  each_word(a, [&](std::string_view, std::string_view l, std::size_t) {
    if (l.size() >= 4 && !in_table(common, l)) wa.emplace(l);
    return false;
  });
  return each_word(b, [&](std::string_view, std::string_view l, std::size_t) {
           return wa.count(std::string(l)) > 0;
         }) != std::string_view::npos;
}

}  // namespace minutes::event_words
