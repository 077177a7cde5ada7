// Finds the events a meeting mentions (fairs, hackathons, summits...) in its sections, items and headings.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <array>
#include <set>

#include "converters/core/dates.hpp"
#include "converters/core/enrich.hpp"
#include "converters/core/event_words.hpp"

namespace minutes {
namespace {

using namespace event_words;

using dates::Found;

// One line of text that may name an event: a list item's own text, a paragraph line, a heading.
struct Unit {
  std::string text;
  std::string url;
  int line = 0;
};

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
  std::string heading_;     // the title of the section being read
  int section_events_ = 0;  // events found in it so far

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
      if (digits(0, 4, y) && digits(4, 2, mo) && digits(6, 2, d) && ir::valid({y, mo, d}))
        found = ir::Date{y, mo, d};
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
    std::string_view before = trim_marks(text.substr(0, at));
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
      bool only_place = trim_marks(lead).empty() || place_like(place);
      if (names_event(lead) || fallback.empty() || events_heading(fallback)) {
        title_and_place(lead, e.title, e.location);
      } else {
        if (only_place && !trim_marks(place).empty()) e.location = std::string(trim_marks(place));
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
        if (place_like(place)) e.location = std::string(trim_marks(place));
        break;
      }
    }
    static constexpr std::array<std::string_view, 14> generic_words = {
        "appointment", "date", "event",   "first", "join", "next", "on",
        "one",         "save", "session", "the",   "time", "us",   "we"};
    bool generic = each_word(e.title, [](std::string_view, std::string_view l, std::size_t) {
                     return !in_table(generic_words, l);
                   }) == std::string_view::npos;
    bool appointment = ends_with(lower(e.title), "appointment");  // "Thursdays 14:05 CEST ..., first appointment"
    static constexpr std::array<std::string_view, 9> weak_headings = {
        "agenda", "announcements", "aob", "misc", "news", "notes", "other", "others", "updates"};
    bool weak = heading_.empty() || events_heading(heading_) || in_table(weak_headings, lower(trim_marks(heading_)));
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
    e.description = std::string(trim_marks(u.text));
    e.line = u.line;
    if (e.title.size() > 160) e.title = e.title.substr(0, 157) + "...";
    add(std::move(e));
  }

  // The current heading as an event title, without "Save the date:" and the like.
  std::string heading_title() const {
    std::string_view h = heading_;
    if (auto p = h.find(" -- "); p != std::string_view::npos && p > 0)
      h = h.substr(0, p);  // "SIG Release -- Call for..."
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
        place = std::string(trim_marks(u.text));
      for (std::string_view key : {"location:", "where:", "venue:", "ort:"})  // "location: Berlin"
        if (lower(std::string_view(u.text).substr(0, key.size())) == key && place_like(u.text.substr(key.size())))
          place = std::string(trim_marks(std::string_view(u.text).substr(key.size())));
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
  void heading_event(const std::string& title, int line, const ir::Blocks& blocks, const std::vector<ir::Section>& subs,
                     bool in_events) {
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
