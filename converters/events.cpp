// Finds the events a meeting mentions (fairs, hackathons, summits...) in its sections, items and headings.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <array>
#include <set>

#include "converters/dates.hpp"
#include "converters/enrich.hpp"

namespace minutes {
namespace {

using dates::Found;

// One line of text that may name an event: a list item's own text, a paragraph line, a heading.
struct Unit {
  std::string text;
  std::string url;
  int line = 0;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// A cheap test that text may hold a date at all: a digit, or a weekday name ("...day", "...tag").
bool may_date(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') return true;
    if (i + 2 < s.size() && (c == 'd' || c == 'D' || c == 't' || c == 'T')) {
      char a = static_cast<char>(s[i + 1] | 0x20), b = static_cast<char>(s[i + 2] | 0x20);
      if ((c | 0x20) == 'd' ? (a == 'a' && b == 'y') : (a == 'a' && b == 'g')) return true;
    }
  }
  return false;
}

bool word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
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

// Calls f(word, lowered, index) for each word of text (lowered words longer than 23 bytes are cut);
// stops early when f returns true and then returns that word's index.
template <class F>
std::size_t each_word(std::string_view s, F&& f) {
  char buf[24];
  std::size_t i = 0, k = 0;
  while (i < s.size()) {
    while (i < s.size() && !word_char(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t b = i;
    while (i < s.size() && word_char(static_cast<unsigned char>(s[i]))) ++i;
    if (i == b) break;
    std::size_t n = std::min<std::size_t>(i - b, sizeof buf);
    for (std::size_t j = 0; j < n; ++j) {
      char c = s[b + j];
      buf[j] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    if (f(s.substr(b, i - b), std::string_view(buf, n), k)) return k;
    ++k;
  }
  return std::string_view::npos;
}

// Whether a lowered word is in a sorted table.
template <std::size_t N>
bool in_table(const std::array<std::string_view, N>& table, std::string_view w) {
  return std::binary_search(table.begin(), table.end(), w);
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
  static constexpr std::array<std::string_view, 29> keywords = {
      "barcamp",  "conference", "conferences", "congress", "event",      "expo",      "fair",      "festival",
      "forum",    "fosdem",     "hackathon",   "hackathons", "hackday",  "kongress",  "kubecon",   "launch",
      "meetup",   "meetups",    "messe",       "minihackathon", "opening", "plenary", "roadshow",  "stackconf",
      "summit",   "symposium",  "tagung",      "webinar",   "workshop"};
  bool prev_upper = false;
  std::string_view prev, prev2;
  // the lowered word lives in each_word's buffer only until the next word: keep the few that matter
  auto keep = [](std::string_view l) -> std::string_view {
    for (std::string_view k : {"first", "next", "join", "the", "save"})
      if (k == l) return k;
    return {};
  };
  return each_word(text, [&](std::string_view w, std::string_view l, std::size_t) {
    bool capital = upper_start(w);
    bool hit = in_table(keywords, l) ||
               (capital && l.size() > 4 && interior_con(w)) ||
               (capital && prev_upper && (l == "day" || l == "days" || l == "connect")) ||
               (l == "appointment" && (prev == "first" || prev == "next")) ||
               (l == "us" && prev == "join") ||  // "Join us in Berlin -- 2024-09-05"
               (l == "date" && prev == "the" && prev2 == "save");
    prev_upper = capital;
    prev2 = prev;
    prev = l == "first" || l == "next" || l == "join" || l == "the" || l == "save" ? keep(l) : std::string_view();
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
  std::string t = lower(title);
  for (std::string_view w : {"events", "hackathons", "conferences", "meetups", "save the date", "next dates",
                             "upcoming", "announcements", "veranstaltungen", "termine"})
    if (t.find(w) != std::string::npos) return true;
  return false;
}

// Words that make a dated line no event: deadlines, sprint ends, skipped or cancelled meetings.
bool not_an_event(std::string_view text) {
  static constexpr std::array<std::string_view, 22> hard = {
      "abgabe",  "cancel",  "canceled", "cancelled", "cfp",       "deadline",  "deadlines", "deprecated",
      "due",     "eol",     "frist",    "holiday",   "holidays",  "launched",  "ooo",       "postponed",
      "skip",    "skipped", "sprint",   "submission", "urlaub",   "vacation"};
  static constexpr std::array<std::string_view, 9> soft = {"call",    "meeting", "meetings", "recording", "recordings",
                                                           "release", "released", "sig",     "slides"};
  bool named = names_event(text);
  bool stop = each_word(text, [&](std::string_view, std::string_view l, std::size_t) {
                return in_table(hard, l) || (!named && in_table(soft, l));
              }) != std::string_view::npos;
  if (stop) return true;
  std::string t = lower(text);
  return t.find("call for papers") != std::string::npos || t.find("register by") != std::string::npos ||
         t.find("registration") != std::string::npos || t.find("back on") != std::string::npos;
}

std::string_view trim(std::string_view s) {
  auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '*' || c == '_'; };
  while (!s.empty() && sp(s.front())) s.remove_prefix(1);
  while (!s.empty() && sp(s.back())) s.remove_suffix(1);
  return s;
}

// Trims separators and connecting words from the end of a title ("Summit in Alicante on" -> ...).
std::string_view trim_tail(std::string_view s) {
  for (;;) {
    s = trim(s);
    std::size_t before = s.size();
    while (!s.empty() && std::string_view(",:;-(@/|+").find(s.back()) != std::string_view::npos) s.remove_suffix(1);
    if (ends_with(s, "\xE2\x80\x93") || ends_with(s, "\xE2\x80\x94")) s.remove_suffix(3);
    for (std::string_view w : {" on", " at", " am", " from", " vom", " the", " from the", " starting", " is", " will be",
                               " in", " takes place", " happens", " till", " ab"}) {
      if (s.size() > w.size() && lower(s.substr(s.size() - w.size())) == w) {
        s.remove_suffix(w.size());
        break;
      }
    }
    s = trim(s);
    if (s.size() == before) return s;
  }
}

// Trims separators from the start of text ("- will be online" -> "will be online").
std::string_view trim_head(std::string_view s) {
  for (;;) {
    s = trim(s);
    std::size_t before = s.size();
    while (!s.empty() && std::string_view(",:;-)@/|+").find(s.front()) != std::string_view::npos) s.remove_prefix(1);
    if (s.substr(0, 3) == "\xE2\x80\x93" || s.substr(0, 3) == "\xE2\x80\x94") s.remove_prefix(3);
    s = trim(s);
    if (s.size() == before) return s;
  }
}

// A short name that looks like a place: "Berlin", "Frankfurt am Main", "Cloud&Heat", "online".
bool place_like(std::string_view s) {
  s = trim(s);
  if (s.empty() || s.size() > 40) return false;
  std::string l = lower(s);
  if (l == "online" || l == "virtual" || l == "hybrid" || l == "remote") return true;
  if (s.find("http") != std::string_view::npos || s.find(':') != std::string_view::npos) return false;
  auto ws = words(s);
  if (ws.empty() || ws.size() > 4) return false;
  static constexpr std::array<std::string_view, 24> not_first = {
      "a",   "after", "an",  "and", "at",   "before", "for",  "from", "in",   "it",   "next", "on",
      "our", "see",   "since", "the", "this", "to",   "until", "we",  "what", "when", "will", "with"};
  if (in_table(not_first, lower(ws[0]))) return false;
  static const std::set<std::string, std::less<>> small = {"am", "an", "der", "de", "del", "im", "and", "of", "la", "upon"};
  for (auto w : ws) {
    unsigned char c = static_cast<unsigned char>(w[0]);
    if (!(std::isupper(c) || c >= 0x80 || small.count(w))) return false;
  }
  unsigned char first = static_cast<unsigned char>(ws[0][0]);
  return std::isupper(first) || first >= 0x80;
}

std::size_t rfind_dash(std::string_view s, std::size_t& len) {
  std::size_t best = std::string_view::npos;
  for (std::string_view d : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " -- "}) {
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
  for (std::string_view prefix : {"save the date:", "save the date", "reminder:", "next:", "upcoming:"})
    if (lower(t.substr(0, prefix.size())) == prefix) t = trim_head(t.substr(prefix.size()));
  std::string l = lower(t);
  for (std::string_view cut : {" will ", " is ", " was ", " has ", " takes ", " are ", " were ", ", probably", " - ",
                               ", "}) {
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
    location = std::string(trim(t.substr(open + 1)));
    t = trim_tail(t.substr(0, open));
  }
  // "Name, City, date"
  if (location.empty()) {
    if (auto comma = t.rfind(','); comma != std::string_view::npos && place_like(t.substr(comma + 1))) {
      location = std::string(trim(t.substr(comma + 1)));
      t = trim_tail(t.substr(0, comma));
    }
  }
  // "Name – City, date"
  if (location.empty()) {
    std::size_t len = 0;
    if (auto dash = rfind_dash(t, len); dash != std::string_view::npos && place_like(t.substr(dash + len))) {
      location = std::string(trim(t.substr(dash + len)));
      t = trim_tail(t.substr(0, dash));
    }
  }
  // "Name in City", "Name at Venue", "Name @ Venue"
  for (int round = 0; round < 2 && location.empty(); ++round) {
    for (std::string_view w : {" in ", " at ", " @ "}) {
      auto p = t.rfind(w);
      if (p == std::string_view::npos || p == 0) continue;
      std::string_view place = t.substr(p + w.size());
      std::string_view rest = trim_tail(t.substr(0, p));
      if (!place_like(place) || (w != " in " && !names_event(rest))) continue;
      location = std::string(trim(place));
      t = rest;
      break;
    }
  }
  title = clean_title(t);
}

// The plain text and first link of inlines, split at line breaks.
void lines_of(const ir::Inlines& inlines, int line, std::vector<Unit>& out, bool& fresh) {
  for (const auto& in : inlines) {
    if (fresh) {
      out.push_back(Unit{{}, {}, in.line ? in.line : line});
      fresh = false;
    }
    Unit& u = out.back();
    switch (in.kind) {
      case ir::InlineKind::text:
      case ir::InlineKind::code:
      case ir::InlineKind::image: u.text += in.text; break;
      case ir::InlineKind::mention: u.text += '@' + in.text; break;
      case ir::InlineKind::soft_break:
      case ir::InlineKind::line_break: fresh = true; break;
      case ir::InlineKind::link:
        if (u.url.empty()) u.url = in.url;
        [[fallthrough]];
      default: lines_of(in.children, line, out, fresh);
    }
  }
}

// A bare URL in text, if any.
std::string bare_url(std::string_view text) {
  auto p = text.find("https://");
  if (p == std::string_view::npos) p = text.find("http://");
  if (p == std::string_view::npos) return {};
  auto e = p;
  while (e < text.size() && !std::isspace(static_cast<unsigned char>(text[e])) && text[e] != ')' && text[e] != '>') ++e;
  return std::string(text.substr(p, e - p));
}

// A list item's own text (without nested lists) as one unit.
Unit item_unit(const ir::ListItem& item) {
  Unit u{{}, {}, item.line};
  for (const auto& b : item.blocks) {
    if (b.kind == ir::BlockKind::list) continue;
    std::vector<Unit> lines;
    bool fresh = true;
    lines_of(b.inlines, b.line, lines, fresh);
    if (b.kind == ir::BlockKind::code) lines.push_back(Unit{b.text, {}, b.line});
    for (auto& l : lines) {
      if (!u.text.empty()) u.text += ' ';
      u.text += l.text;
      if (u.url.empty()) u.url = l.url;
    }
    if (!u.line) u.line = b.line;
  }
  if (u.url.empty()) u.url = bare_url(u.text);
  return u;
}

// Whether two titles share a distinctive word (four letters or more, not a generic one).
bool share_name(std::string_view a, std::string_view b) {
  static constexpr std::array<std::string_view, 6> common = {"event", "from", "open", "source", "with", "will"};
  std::set<std::string> wa;
  each_word(a, [&](std::string_view, std::string_view l, std::size_t) {
    if (l.size() >= 4 && !in_table(common, l)) wa.emplace(l);
    return false;
  });
  return each_word(b, [&](std::string_view, std::string_view l, std::size_t) { return wa.count(std::string(l)) > 0; }) !=
         std::string_view::npos;
}

class Extractor {
 public:
  explicit Extractor(ir::Meeting& m) : m_(m), ref_(m.date ? m.date : date_from_source(m.source)) {}

  void run() {
    // A meeting whose title names an event ("SCS Community Hackathon #4") is that event;
    // otherwise the content before the first section is outside any events heading.
    if (names_event(m_.title) && !events_heading(m_.title) && !not_an_event(m_.title)) {
      heading_ = std::string(trim_tail(m_.title));
      heading_event(m_.title, 1, m_.blocks, m_.sections, false);
      heading_.clear();
    }
    scan_blocks(m_.blocks, false, nullptr);
    for (const auto& s : m_.sections) section(s, false);
  }

 private:
  ir::Meeting& m_;
  std::optional<ir::Date> ref_;
  std::set<std::pair<std::string, int64_t>> seen_;
  std::string heading_;      // the title of the section being read
  int section_events_ = 0;   // events found in it so far

  // The date a file's path gives ("community-call/20230504.md", "hackathons/2024-04-16-x/minutes.md").
  static std::optional<ir::Date> date_from_source(std::string_view name) {
    std::optional<ir::Date> found;
    for (std::size_t i = 0; i + 8 <= name.size(); ++i) {
      int y = 0, mo = 0, d = 0;
      std::string_view s = name.substr(i);
      auto digits = [&](std::size_t a, std::size_t n, int& v) {
        v = 0;
        for (std::size_t k = a; k < a + n; ++k) {
          if (k >= s.size() || !std::isdigit(static_cast<unsigned char>(s[k]))) return false;
          v = v * 10 + (s[k] - '0');
        }
        return true;
      };
      if (digits(0, 4, y) && digits(4, 2, mo) && digits(6, 2, d) && ir::valid({y, mo, d})) found = ir::Date{y, mo, d};
      else if (digits(0, 4, y) && s.size() >= 10 && s[4] == '-' && digits(5, 2, mo) && s[7] == '-' && digits(8, 2, d) &&
               ir::valid({y, mo, d}))
        found = ir::Date{y, mo, d};
    }
    return found;
  }

  // The first usable date in a unit; warns about implausible ones.
  std::optional<Found> date_in(const Unit& u, std::string_view name, bool* warned = nullptr) {
    auto all = dates::find_dates(u.text, ref_);
    // a written date beats a relative one ("Saturday (2023-09-09 - 15)")
    std::stable_partition(all.begin(), all.end(), [](const Found& f) { return f.kind == dates::DateKind::absolute; });
    for (auto& f : all) {
      if (deadline_before(u.text, f.begin)) continue;  // "discount till 31st of March", "postponed until CW19"
      if (f.implausible) {
        ir::warn(m_, u.line, 0,
                 fmt::format("event '{}' has an implausible date '{}'; left out of the calendar", short_name(name),
                             u.text.substr(f.begin, f.end_pos - f.begin)));
        if (warned) *warned = true;
        return std::nullopt;
      }
      return f;
    }
    return std::nullopt;
  }

  // Whether the word before a date makes it a deadline ("till", "until", "by", "bis", "before").
  static bool deadline_before(std::string_view text, std::size_t at) {
    std::string_view before = trim(text.substr(0, at));
    std::size_t b = before.size();
    while (b > 0 && word_char(static_cast<unsigned char>(before[b - 1]))) --b;
    std::string w = lower(before.substr(b));
    return w == "till" || w == "until" || w == "by" || w == "bis" || w == "before" || w == "deadline";
  }

  // A short name for a warning: the text up to its first separator.
  static std::string short_name(std::string_view text) {
    std::size_t cut = text.find_first_of(",:;(");
    std::size_t len = 0;
    if (auto d = text.find(" - "); d < cut) cut = d;
    if (auto d = text.find(" \xE2\x80\x93 "); d < cut) cut = d;
    if (auto d = text.find(" -- "); d < cut) cut = d;
    (void)len;
    std::string_view s = trim_tail(text.substr(0, std::min(cut, text.size())));
    std::string out(s.substr(0, 80));
    return out;
  }

  void add(ir::Event e) {
    auto key = std::make_pair(lower(e.title), ir::days_from_civil(e.start));
    if (e.title.empty() || !seen_.insert(key).second) return;
    for (const auto& o : m_.events)  // "May 14 SCS Summit" and "### Sovereign Cloud Stack Summit May 14, 2024"
      if (o.start == e.start && o.end == e.end && o.start_time == e.start_time && share_name(o.title, e.title)) return;
    e.source = m_.source;
    e.mentioned_on = ref_;
    ++section_events_;
    m_.events.push_back(std::move(e));
  }

  // Builds an event from a line and its date; `fallback_title` names it when the line is only a date.
  void emit(const Unit& u, const Found& f, std::string_view fallback_title, const std::string& extra_url = {}) {
    ir::Event e;
    std::string_view text = u.text;
    std::string_view pre = text.substr(0, f.begin), post = text.substr(f.end_pos);
    title_and_place(pre, e.title, e.location);
    std::string_view after = trim_head(post);
    if (e.title.rfind("http", 0) == 0 || e.title.rfind("<http", 0) == 0) e.title.clear();  // "<https://x/> 2024-10-21"
    if (e.title.empty() || e.title.size() < 3) {
      std::string_view lead = after.substr(0, std::min(after.find_first_of(",;(!"), after.size()));
      std::size_t len = 0;
      if (auto d = rfind_dash(lead, len); d != std::string_view::npos) lead = lead.substr(0, d);
      std::string fallback = !fallback_title.empty() ? std::string(fallback_title) : heading_title();
      std::string_view place = lead;
      for (std::string_view w : {"in ", "at ", "@ "})
        if (place.substr(0, w.size()) == w) place = place.substr(w.size());
      bool only_place = trim(lead).empty() || place_like(place);
      if (names_event(lead) || fallback.empty() || events_heading(fallback)) {
        title_and_place(lead, e.title, e.location);
      } else {
        if (only_place && !trim(place).empty()) e.location = std::string(trim(place));
        e.title = fallback;
      }
    } else if (std::string_view prose = after.substr(0, after.find("http"));
               !names_event(e.title) && !place_like(e.title) && names_event(prose)) {
      e.title = event_phrase(prose);  // "During next week (2023-09-09 - 15) we have our sport event!"
    } else if (!fallback_title.empty() && !names_event(e.title) && names_event(fallback_title)) {
      // "- Dresden, 08.11.2023" under "## SCS Hackathon"; "Will take place on ..." under "#### Community Summit"
      if (e.location.empty() && place_like(e.title)) e.location = e.title;
      e.title = std::string(fallback_title);
    }
    if (e.location.empty()) {
      for (std::string_view w : {"in ", "at ", "@ ", "("}) {
        if (after.substr(0, w.size()) != w) continue;
        std::string_view place = after.substr(w.size());
        place = place.substr(0, std::min(place.find_first_of(",;:()!"), place.size()));
        std::size_t len = 0;
        if (auto d = rfind_dash(place, len); d != std::string_view::npos) place = place.substr(0, d);
        if (place_like(place)) e.location = std::string(trim(place));
        break;
      }
    }
    static constexpr std::array<std::string_view, 14> generic_words = {
        "appointment", "date", "event", "first", "join", "next", "on", "one", "save", "session", "the", "time", "us", "we"};
    bool generic = each_word(e.title, [](std::string_view, std::string_view l, std::size_t) {
                     return !in_table(generic_words, l);
                   }) == std::string_view::npos;
    bool appointment = ends_with(lower(e.title), "appointment");  // "Thursdays 14:05 CEST ..., first appointment"
    static constexpr std::array<std::string_view, 9> weak_headings = {
        "agenda", "announcements", "aob", "misc", "news", "notes", "other", "others", "updates"};
    bool weak = heading_.empty() || events_heading(heading_) || in_table(weak_headings, lower(trim(heading_)));
    if ((generic || appointment) && !weak) {
      e.title = heading_title();
    } else if (appointment) {  // "Date for the Open Operations meeting changed ... Next appointment on 2023-02-20"
      if (auto stop = e.title.rfind(". "); stop != std::string::npos && stop > 3) e.title = e.title.substr(0, stop);
    }
    e.start = f.start;
    e.end = f.end;
    // "SCS Summit 2024 on May 14-15": a year written in the title beats the inferred one
    if (!f.year_given && f.kind == dates::DateKind::absolute) shift_to_title_year(e);
    e.start_time = f.start_time;
    e.end_time = f.end_time;
    e.timezone = f.timezone;
    if (!e.start_time && f.kind != dates::DateKind::week) {
      if (auto t = dates::find_time(u.text)) {
        e.start_time = t->start;
        e.end_time = t->end;
        e.timezone = t->timezone;
        if (e.end_time && *e.end_time < *e.start_time && !e.end)
          e.end = ir::civil_from_days(ir::days_from_civil(e.start) + 1);
      }
    }
    e.url = !u.url.empty() ? u.url : extra_url;
    e.description = std::string(trim(u.text));
    e.line = u.line;
    if (e.title.size() > 160) e.title = e.title.substr(0, 157) + "...";
    add(std::move(e));
  }

  // The current heading as an event title, without "Save the date:" and the like.
  std::string heading_title() const {
    std::string_view h = heading_;
    if (auto p = h.find(" -- "); p != std::string_view::npos && p > 0) h = h.substr(0, p);  // "SIG Release -- Call for..."
    return h.empty() ? std::string() : clean_title(h);
  }

  static void shift_to_title_year(ir::Event& e) {
    for (auto w : words(e.title)) {
      if (w.size() != 4 || !std::isdigit(static_cast<unsigned char>(w[0]))) continue;
      int y = std::atoi(std::string(w).c_str());
      if (y <= e.start.year || y > e.start.year + 1) continue;
      ir::Date s{y, e.start.month, e.start.day};
      if (!valid(s)) return;
      if (e.end) e.end = ir::Date{y + (e.end->year - e.start.year), e.end->month, e.end->day};
      e.start = s;
      return;
    }
  }

  // Warns about a named event without a date; not about sentences or headings like "During the event".
  void warn_no_date(int line, std::string_view title) {
    std::string name = short_name(title);
    if (!names_event(name) || words(name).size() > 6) return;
    static constexpr std::array<std::string_view, 10> not_a_name = {
        "after", "before", "during", "outcomes", "planning", "preparation", "recap", "review", "topics", "update"};
    bool statement = false;
    each_word(name, [&](std::string_view, std::string_view l, std::size_t k) {
      statement = (k == 0 && in_table(not_a_name, l)) || l == "will" || name[0] == '@';
      return statement;
    });
    if (statement) return;
    ir::warn(m_, line, 0, fmt::format("event '{}' has no date", name));
  }

  // A list item: an event when it names one (or stands under an events heading) and carries a date,
  // its own or one in its sub-items; otherwise its sub-items are looked at in turn.
  void item(const ir::ListItem& it, bool in_events) {
    Unit u = item_unit(it);
    bool has_sub = std::any_of(it.blocks.begin(), it.blocks.end(),
                               [](const ir::Block& b) { return b.kind == ir::BlockKind::list; });
    bool maybe = may_date(u.text);
    if (!maybe && !has_sub && !in_events) return;  // the common case: nothing here can date an event
    // "next time Monday 2023-10-02" after "first event on Monday 2023-09-04" in the same section
    bool follows = section_events_ > 0 && lower(std::string_view(u.text).substr(0, 9)) == "next time";
    bool named = follows || names_event(u.text);
    bool candidate = named || in_events;
    if (candidate && !not_an_event(u.text)) {
      bool warned = false;
      auto f = maybe ? date_in(u, u.text, &warned) : std::nullopt;
      if (f && !named && f->kind != dates::DateKind::absolute) f.reset();  // "thursday - burger truck"
      if (f) {
        std::string sub_url;
        if (u.url.empty()) sub_url = first_url(it);
        emit(u, *f, {}, sub_url);
        return;
      }
      if (named && !events_heading(u.text)) {
        // "- Cloud Expo Europe" with "- Frankfurt, 10.-11.5." below
        for (const auto& b : it.blocks) {
          if (b.kind != ir::BlockKind::list) continue;
          for (const auto& sub : b.items) {
            Unit su = item_unit(sub);
            if (names_event(su.text) || not_an_event(su.text)) continue;
            if (auto f = date_in(su, u.text); f && f->kind == dates::DateKind::absolute) {
              emit(su, *f, std::string(trim_tail(u.text)), u.url.empty() ? first_url(it) : u.url);
              return;
            }
          }
        }
        if (in_events && !warned) warn_no_date(u.line, u.text);
      }
    }
    bool nested_events = in_events || (events_heading(u.text) && words(u.text).size() <= 4);  // "- Events:"
    for (const auto& b : it.blocks)
      if (b.kind == ir::BlockKind::list)
        for (const auto& sub : b.items) item(sub, nested_events);
  }

  static std::string first_url(const ir::ListItem& it) {
    for (const auto& b : it.blocks) {
      if (b.kind != ir::BlockKind::list) continue;
      for (const auto& sub : b.items) {
        Unit su = item_unit(sub);
        if (!su.url.empty()) return su.url;
      }
    }
    return {};
  }

  // Paragraph lines and list items of a block sequence.
  void scan_blocks(const ir::Blocks& blocks, bool in_events, const ir::Section*) {
    for (const auto& b : blocks) {
      if (b.kind == ir::BlockKind::list) {
        for (const auto& it : b.items) item(it, in_events);
      } else if (b.kind == ir::BlockKind::paragraph) {
        std::vector<Unit> lines;
        bool fresh = true;
        lines_of(b.inlines, b.line, lines, fresh);
        for (auto& l : lines) {
          if (l.url.empty()) l.url = bare_url(l.text);
          if (!may_date(l.text) || !(in_events || names_event(l.text)) || not_an_event(l.text)) continue;
          if (auto f = date_in(l, l.text)) emit(l, *f, {});
        }
      } else if (b.kind == ir::BlockKind::quote) {
        scan_blocks(b.children, in_events, nullptr);
      }
    }
  }

  // Every dated unit directly in a section's blocks, in order.
  std::vector<std::pair<Unit, Found>> dated_units(const ir::Blocks& blocks, std::string& url, std::string& place) {
    std::vector<std::pair<Unit, Found>> out;
    auto consider = [&](Unit u) {
      if (u.url.empty()) u.url = bare_url(u.text);
      if (url.empty()) url = u.url;
      if (place.empty() && place_like(u.text) && u.text.find_first_of("0123456789") == std::string::npos)
        place = std::string(trim(u.text));
      for (std::string_view key : {"location:", "where:", "venue:", "ort:"})  // "location: Berlin"
        if (lower(std::string_view(u.text).substr(0, key.size())) == key && place_like(u.text.substr(key.size())))
          place = std::string(trim(std::string_view(u.text).substr(key.size())));
      if (!may_date(u.text) || not_an_event(u.text)) return;
      auto f = date_in(u, u.text);
      if (f && (f->kind == dates::DateKind::absolute || names_event(u.text))) out.emplace_back(u, *f);
    };
    for (const auto& b : blocks) {
      if (b.kind == ir::BlockKind::list) {
        for (const auto& it : b.items) consider(item_unit(it));
      } else if (b.kind == ir::BlockKind::paragraph) {
        std::vector<Unit> lines;
        bool fresh = true;
        lines_of(b.inlines, b.line, lines, fresh);
        for (auto& l : lines) consider(l);
      }
    }
    return out;
  }

  // A section: a heading over events, a heading that is an event, or an ordinary one.
  // A heading that is one event, built from its own date or the dates of the lines below it (and of a
  // "When" subsection); without any date it is warned about when it stands under an events heading.
  void heading_event(const std::string& title, int line, const ir::Blocks& blocks,
                     const std::vector<ir::Section>& subs, bool in_events) {
    Unit head{title, {}, line};
    std::string url, place;
    auto dated = dated_units(blocks, url, place);
    for (const auto& sub : subs) {  // "## When" under "# API Minihackathon 2023"
      if (!dated.empty()) break;
      std::string t = lower(sub.title);
      if (t.find("when") != std::string::npos || t.find("date") != std::string::npos ||
          t.find("wann") != std::string::npos || t.find("termin") != std::string::npos)
        dated = dated_units(sub.blocks, url, place);
    }
    if (auto f = date_in(head, title)) {
      Unit u = head;
      u.url = url;
      std::size_t before = m_.events.size();
      emit(u, *f, {});
      if (m_.events.size() > before && m_.events.back().location.empty()) m_.events.back().location = place;
    } else if (!dated.empty()) {
      for (auto& [u, f] : dated) {
        if (u.url.empty()) u.url = url;
        std::size_t before = m_.events.size();
        emit(u, f, trim_tail(title));
        if (m_.events.size() > before && m_.events.back().location.empty()) m_.events.back().location = place;
        if (names_event(u.text)) continue;
        break;  // details of the heading's one event
      }
    } else if (in_events && !names_event_list(blocks)) {
      warn_no_date(line, title);
    }
  }

  // A section: a heading over events, a heading that is an event, or an ordinary one.
  void section(const ir::Section& s, bool in_events) {
    heading_ = std::string(trim_tail(s.title));
    section_events_ = 0;
    bool over_events = events_heading(s.title) && !not_an_event(s.title);  // not "R7 release plan announcements"
    bool is_event = !over_events && (names_event(s.title) || in_events);
    if (is_event && !not_an_event(s.title)) {
      heading_event(s.title, s.line, s.blocks, s.sections, in_events);
      for (const auto& sub : s.sections) section(sub, in_events || over_events);
      heading_.clear();
      return;
    }
    scan_blocks(s.blocks, in_events || over_events, &s);
    for (const auto& sub : s.sections) section(sub, in_events || over_events);
  }

  // Whether blocks list several dated events of their own (then the heading is a group, not one event).
  bool names_event_list(const ir::Blocks& blocks) {
    for (const auto& b : blocks)
      if (b.kind == ir::BlockKind::list)
        for (const auto& it : b.items)
          if (names_event(item_unit(it).text) && !dates::find_dates(item_unit(it).text, ref_).empty()) return true;
    return false;
  }
};

}  // namespace

void extract_events(ir::Meeting& meeting) { Extractor(meeting).run(); }

}  // namespace minutes
