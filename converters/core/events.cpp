// Finds the events a meeting mentions (fairs, hackathons, summits...) in its sections, items and headings; each
// candidate is judged (events_judge.cpp) and only the confident ones are published in meeting.events.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <array>
#include <set>

#include "converters/core/dates.hpp"
#include "converters/core/enrich.hpp"
#include "converters/core/event_units.hpp"
#include "converters/core/event_words.hpp"
#include "converters/core/events.hpp"

namespace minutes {
namespace {

using namespace event_words;
using namespace std::string_view_literals;

using dates::Found;

using event_units::bare_url;
using event_units::item_unit;
using event_units::lines_of;
using event_units::Unit;

class Extractor {
 public:
  Extractor(const ir::Meeting& m, EventCandidates& out)
      : m_(m), out_(out), ref_(m.date ? m.date : date_from_source(m.source)) {}

  void run() {
    // A meeting whose title names an event ("SCS Community Hackathon #4") is that event;
    // otherwise the content before the first section is outside any events heading.
    if (names_event(m_.title) && !events_heading(m_.title) && !not_an_event(m_.title)) {
      heading_ = std::string(trim_tail(m_.title));
      own_ = true;
      heading_event(m_.title, 1, m_.blocks, m_.sections, false);
      own_ = false;
      heading_.clear();
    }
    scan_blocks(m_.blocks, false, nullptr);
    for (const auto& s : m_.sections) section(s, false);
  }

 private:
  const ir::Meeting& m_;
  EventCandidates& out_;
  std::optional<ir::Date> ref_;
  std::set<std::pair<std::string, int64_t>> seen_;
  std::string heading_;     // the title of the section being read
  int section_events_ = 0;  // events found in it so far
  EventClues clues_;        // where the unit being emitted stands
  bool own_ = false;        // reading the meeting's own event (its title names one)
  bool video_ = false;      // a heading's section names a video room

  void warn(int line, std::string message) {
    out_.diagnostics.push_back({ir::Severity::warning, m_.source, line, 0, std::move(message)});
  }

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
      if (!f.problem.empty()) {  // "31.02.2024", "25:99", "20.-10.07.2025": said, never an event
        warn(u.line, fmt::format("impossible date '{}' ({}); no event made of it",
                                 u.text.substr(f.begin, f.end_pos - f.begin), f.problem));
        if (warned) *warned = true;
        return std::nullopt;
      }
      if (deadline_before(u.text, f.begin)) continue;  // "discount till 31st of March", "postponed until CW19"
      if (f.implausible) {
        warn(u.line,
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

  // Keeps a candidate once: the same name on the same days, or a second mention of one event in this meeting
  // ("May 14 SCS Summit" and "### Sovereign Cloud Stack Summit May 14, 2024"), but not "Hackathon 2 – Bonn" beside
  // "Hackathon 1 – Berlin".
  void add(ir::Event e, const Unit& u, const Found& f) {
    e.confidence = judge_event(e, u.text, f, clues_, e.reason);
    auto key = std::make_pair(lower(e.title), ir::days_from_civil(e.start));
    if (e.title.empty() || !seen_.insert(key).second) return;
    for (auto& o : out_.events)
      if (o.start == e.start && o.end == e.end && o.start_time == e.start_time && share_name(o.title, e.title) &&
          (o.location.empty() || e.location.empty() || o.location == e.location) && same_numbers(o.title, e.title)) {
        if (e.confidence > o.confidence) o.confidence = e.confidence, o.reason = e.reason;
        return;
      }
    e.source = m_.source;
    e.mentioned_on = ref_;
    if (e.confidence >= publish_confidence) ++section_events_;
    out_.events.push_back(std::move(e));
  }

  // Whether two titles carry the same numbers ("Hackathon #4" and "4th Hackathon" do; "Hackathon 1" and "2" not).
  static bool same_numbers(std::string_view a, std::string_view b) {
    auto numbers = [](std::string_view t) {
      std::set<int> out;
      for (auto w : words(t))
        if (std::isdigit(static_cast<unsigned char>(w[0])) && w.size() <= 4 && !(w.size() == 4 && w[0] == '2'))
          out.insert(std::atoi(std::string(w).c_str()));
      return out;
    };
    auto na = numbers(a), nb = numbers(b);
    return na.empty() || nb.empty() || na == nb;
  }

  // The title of a candidate: the name before its date, else its link's text, the event named in the sentence,
  // the text after the date, the heading above it.
  void name_event(ir::Event& e, const Unit& u, const Found& f, std::string_view fallback_title) {
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
      for (std::string_view w : {"in "sv, "at "sv, "@ "sv})
        if (place.substr(0, w.size()) == w) place = place.substr(w.size());
      bool only_place = trim_marks(lead).empty() || place_like(place);
      if (names_event(lead) || fallback.empty() || events_heading(fallback) ||
          (fallback_title.empty() && frame_heading(fallback))) {
        title_and_place(lead, e.title, e.location);
      } else {
        if (only_place && !trim_marks(place).empty()) e.location = place_of(place);
        e.title = fallback;
        if (fallback_title.empty() && names_event(text) && name_like(fallback)) clues_.named_by_heading = true;
      }
    } else if (std::string_view prose = after.substr(0, after.find("http"));
               !names_event(e.title) && !place_like(e.title) && names_event(prose)) {
      e.title = event_name(prose);  // "During next week (2023-09-09 - 15) we have our sport event!"
    } else if (!fallback_title.empty() && !names_event(e.title) && names_event(fallback_title)) {
      // "- Dresden, 08.11.2023" under "## SCS Hackathon"; "Will take place on ..." under "#### Community Summit"
      if (e.location.empty() && place_like(e.title)) e.location = place_of(e.title);
      e.title = std::string(fallback_title);
    }
    // A sentence is not a name: the linked name ("a slot at the [EOF event](...)"), or the event it names.
    if (!name_like(e.title)) {
      std::string link = tidy_title(u.link_text);
      if (!link.empty() && names_event(link) && name_like(link))
        e.title = link;
      else if (std::string named = event_name(e.title); !named.empty())
        e.title = named;
      else if (std::string named_line = event_name(text); !named_line.empty() && !names_event(e.title))
        e.title = named_line;
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
    bool weak = heading_.empty() || events_heading(heading_) || frame_heading(heading_) ||
                in_table(weak_headings, lower(trim_marks(heading_)));
    if ((generic || appointment) && !weak) {
      e.title = heading_title();
      if (names_event(text) && name_like(e.title)) clues_.named_by_heading = true;
    } else if (appointment) {  // "Date for the Open Operations meeting changed ... Next appointment on 2023-02-20"
      if (auto stop = e.title.rfind(". "); stop != std::string::npos && stop > 3) e.title = e.title.substr(0, stop);
    }
    e.title = tidy_title(e.title);
  }

  // A video room ("via https://conf.scs.koeln:8443/...", "Jitsi: ..."): the event is online.
  static bool video_room(std::string_view text) {
    std::string l = lower(text);
    for (std::string_view w : {"jitsi"sv, "conf.scs.koeln"sv, "meet.jit.si"sv, "zoom.us"sv, "bigbluebutton"sv,
                               "webex"sv, "teams.microsoft.com"sv})
      if (l.find(w) != std::string::npos) return true;
    return false;
  }

  // A heading that frames a list of dates, not an event's name: "Next meetings (housekeeping)", "Dates".
  static bool frame_heading(std::string_view h) {
    std::string l = lower(h);
    for (std::string_view w : {"meetings"sv, "dates"sv, "termine"sv, "housekeeping"sv, "schedule"sv, "calendar"sv,
                               "agenda"sv, "topics"sv, "ideas"sv})
      if (l.find(w) != std::string::npos) return true;
    return false;
  }

  // Builds an event from a line and its date; `fallback_title` names it when the line is only a date.
  void emit(const Unit& u, const Found& f, std::string_view fallback_title, const std::string& extra_url = {}) {
    ir::Event e;
    name_event(e, u, f, fallback_title);
    std::string_view after = trim_head(std::string_view(u.text).substr(f.end_pos));
    if (e.location.empty()) {
      for (std::string_view w : {"in "sv, "at "sv, "@ "sv, "("sv}) {
        if (after.substr(0, w.size()) != w) continue;
        std::string_view place = after.substr(w.size());
        place = place.substr(0, std::min(place.find_first_of(",;:()!"), place.size()));
        std::size_t len = 0;
        if (auto d = rfind_dash(place, len); d != std::string_view::npos) place = place.substr(0, d);
        e.location = place_of(place);
        break;
      }
    }
    if (e.location.empty()) e.location = place_in(u.text);
    if (e.location.empty() && video_room(u.text + " " + u.url)) e.location = "online";
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
    add(std::move(e), u, f);
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
    warn(line, fmt::format("event '{}' has no date", name));
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
    bool follows = section_events_ > 0 && starts_with_icase(u.text, "next time");
    bool named = follows || names_event(u.text);
    bool candidate = named || in_events;
    if (candidate) {
      bool warned = false;
      auto f = maybe ? date_in(u, u.text, &warned) : std::nullopt;
      if (f && !named && f->kind != dates::DateKind::absolute) f.reset();  // "thursday - burger truck"
      if (f) {
        std::string sub_url;
        if (u.url.empty()) sub_url = first_url(it);
        clues_ = {in_events, false, false};
        std::size_t before = out_.events.size();
        emit(u, *f, {}, sub_url);
        if (out_.events.size() > before && out_.events.back().location.empty())
          out_.events.back().location = sub_place(it);  // "- Container Days" over "- Hamburg"
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
              clues_ = {in_events, true, false};
              std::size_t before = out_.events.size();
              emit(su, *f, std::string(trim_tail(u.text)), u.url.empty() ? first_url(it) : u.url);
              if (out_.events.size() > before && out_.events.back().location.empty())
                out_.events.back().location = sub_place(it);
              return;
            }
          }
        }
        if (in_events && !warned) warn_no_date(u.line, u.text);
      }
    }
    bool nested_events = in_events || (at_most_words(u.text, 4) && events_heading(u.text));  // "- Events:"
    for (const auto& b : it.blocks)
      if (b.kind == ir::BlockKind::list)
        for (const auto& sub : b.items) item(sub, nested_events);
  }

  // The place a sub-item names ("- Hamburg", "- Where: Erlangen"), as the gazetteer spells it.
  static std::string sub_place(const ir::ListItem& it) {
    for (const auto& b : it.blocks) {
      if (b.kind != ir::BlockKind::list) continue;
      for (const auto& sub : b.items) {
        Unit su = item_unit(sub);
        std::string_view t = su.text;
        for (std::string_view key : {"location:"sv, "where:"sv, "venue:"sv, "ort:"sv, "wo:"sv})
          if (starts_with_icase(t, key)) return place_in(t.substr(key.size()));
        if (std::string p = place_of(t); !p.empty()) return p;
      }
    }
    return {};
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
          if (!may_date(l.text) || !(in_events || names_event(l.text))) continue;
          clues_ = {in_events, false, false};
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
      if (place.empty() && u.text.find_first_of("0123456789") == std::string::npos) place = place_of(u.text);
      if (video_room(u.text)) video_ = true;
      for (std::string_view key : {"location:"sv, "where:"sv, "venue:"sv, "ort:"sv, "wo:"sv})  // "location: Berlin"
        if (starts_with_icase(u.text, key))
          if (std::string p = place_in(std::string_view(u.text).substr(key.size())); !p.empty()) place = p;
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
    Unit head{title, {}, line, {}};
    video_ = false;
    std::string url, place;
    auto dated = dated_units(blocks, url, place);
    std::optional<ir::Time> first_time, last_time;  // a day's programme under "When": "1000 CEST - Arrival"
    bool when_read = false;
    if (dated.empty() && own_ && !subs.empty()) dated = dated_units(subs.front().blocks, url, place);
    for (const auto& sub : subs) {
      std::string t = lower(sub.title);
      bool when = t.find("when") != std::string::npos || t.find("date") != std::string::npos ||
                  t.find("wann") != std::string::npos || t.find("termin") != std::string::npos;
      bool where = t.find("where") != std::string::npos || t.find("location") != std::string::npos ||
                   t.find("venue") != std::string::npos || t == "wo" || t == "ort";
      if (where && place.empty()) place = section_place(sub.blocks);
      if (!when || when_read) continue;  // "## When" under "# API Minihackathon 2023": its dates come first
      auto in_when = dated_units(sub.blocks, url, place);
      if (in_when.empty()) continue;
      dated = std::move(in_when);
      programme(sub.blocks, first_time, last_time);
      when_read = true;
    }
    auto finish = [&](std::size_t before) {
      if (out_.events.size() <= before) return;
      ir::Event& e = out_.events.back();
      if (e.location.empty()) e.location = place;
      if (e.location.empty() && video_) e.location = "online";
      if (!e.start_time && first_time) {
        e.start_time = first_time;
        if (last_time && *last_time > *first_time) e.end_time = last_time;
        dates::Found found;
        found.start = e.start;
        found.end = e.end;
        e.confidence = judge_event(e, e.description, found, clues_, e.reason);
      }
    };
    if (auto f = date_in(head, title)) {
      Unit u = head;
      u.url = url;
      clues_ = {in_events, names_event(title), own_};
      std::size_t before = out_.events.size();
      emit(u, *f, {});
      finish(before);
    } else if (!dated.empty()) {
      for (auto& [u, f] : dated) {
        if (u.url.empty()) u.url = url;
        bool own = names_event(u.text);  // a line that names an event of its own is not the heading's
        clues_ = {in_events, !own && names_event(title), own_ && !own};
        std::size_t before = out_.events.size();
        emit(u, f, trim_tail(title));
        finish(before);
        if (own) continue;
        break;  // details of the heading's one event
      }
    } else if (in_events && !names_event_list(blocks)) {
      warn_no_date(line, title);
    }
  }

  // The place a "Where" section names ("GONICUS GmbH / Möhnestraße 55 / 59755 Arnsberg").
  static std::string section_place(const ir::Blocks& blocks) {
    for (const auto& b : blocks) {
      std::string p = place_in(ir::plain_text(b));
      if (!p.empty()) return p;
    }
    return {};
  }

  // The first and last time of day of a day's programme.
  static void programme(const ir::Blocks& blocks, std::optional<ir::Time>& first, std::optional<ir::Time>& last) {
    for (const auto& b : blocks) {
      if (b.kind != ir::BlockKind::paragraph && b.kind != ir::BlockKind::list) continue;
      std::string text = ir::plain_text(b);
      for (std::size_t from = 0; from < text.size();) {
        std::size_t nl = text.find('\n', from);
        std::string_view line = std::string_view(text).substr(from, nl == std::string::npos ? nl : nl - from);
        if (auto t = dates::find_time(line); t && t->begin < 3) {
          if (!first) first = t->start;
          last = t->end ? t->end : t->start;
        }
        from = nl == std::string::npos ? text.size() : nl + 1;
      }
    }
  }

  // A section: a heading over events, a heading that is an event, or an ordinary one.
  void section(const ir::Section& s, bool in_events) {
    heading_ = std::string(trim_tail(s.title));
    section_events_ = 0;
    bool over_events = events_heading(s.title) && !not_an_event(s.title);  // not "R7 release plan announcements"
    bool is_event = !over_events && !frame_heading(s.title) && (names_event(s.title) || in_events);
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

EventCandidates event_candidates(const ir::Meeting& meeting) {
  EventCandidates out;
  Extractor(meeting, out).run();
  return out;
}

void extract_events(ir::Meeting& meeting) {
  EventCandidates found = event_candidates(meeting);
  for (auto& e : found.events)
    if (e.confidence >= publish_confidence) meeting.events.push_back(std::move(e));
  for (auto& d : found.diagnostics) meeting.diagnostics.push_back(std::move(d));
}

}  // namespace minutes
