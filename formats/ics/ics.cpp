// Writes the events of one or many meetings as one RFC 5545 calendar (and, with --todos, action items as VTODO).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "formats/common/report.hpp"
#include "formats/formats.hpp"
#include "formats/common/url.hpp"
#include "formats/common/words.hpp"
#include "formats/ics/ical.hpp"
#include "converters/core/event_merge.hpp"
#include "converters/core/strings.hpp"

namespace minutes::formats {

namespace {

using ics::escape_text;
using ics::fold_line;

std::string basic_date(const ir::Date& d) { return fmt::format("{:04}{:02}{:02}", d.year, d.month, d.day); }

std::string utc_stamp(int64_t seconds) {
  std::string iso = iso_datetime(seconds);  // YYYY-MM-DDThh:mm:ssZ
  std::string out;
  for (char c : iso)
    if (c != '-' && c != ':') out += c;
  return out;
}

ir::Date add_days(const ir::Date& d, int n) { return ir::civil_from_days(ir::days_from_civil(d) + n); }

// A timed event without an end lasts this long (README, "Events").
constexpr int default_minutes = 60;

// The occurrence `k` steps after a series' start; nullopt when that day does not exist (31 February).
std::optional<ir::Date> occurrence(const ir::Date& start, const ir::Recurrence& r, int k) {
  using U = ir::Recurrence::Unit;
  if (r.unit == U::days || r.unit == U::weeks)
    return add_days(start, k * r.interval * (r.unit == U::weeks ? 7 : 1));
  int months = k * r.interval * (r.unit == U::years ? 12 : 1);
  int m0 = start.month - 1 + months;
  ir::Date d{start.year + m0 / 12, m0 % 12 + 1, start.day};
  return ir::valid(d) ? std::optional(d) : std::nullopt;
}

// Where a meeting's minutes are: by the top folder of its path, and its series name.
struct MinutesIndex {
  std::map<std::string, std::map<ir::Date, std::string>> by_folder;  // folder -> date -> source
  std::map<std::string, std::string> folder_of_series;               // normalised series name -> folder

  explicit MinutesIndex(std::span<const ir::Meeting> meetings) {
    for (const auto& m : meetings) {
      auto slash = m.source.find('/');
      if (!m.date || slash == std::string::npos || m.source.starts_with('/')) continue;
      std::string folder = m.source.substr(0, slash);
      by_folder[folder].emplace(*m.date, m.source);
      if (!m.series.empty()) folder_of_series.emplace(normalise_title(m.series), folder);
    }
  }

  // The folder of a series' minutes: named by the curated calendar, else a series whose name starts its title
  // ("Team IaaS" for "Team IaaS Meeting"), else a folder named as a word of it ("iaas").
  std::string folder(const MergedEvent& series) const {
    if (!series.minutes.empty()) return series.minutes;
    std::string title = normalise_title(series.event.title);
    for (const auto& [name, folder] : folder_of_series)
      if (!name.empty() && (title == name || title.starts_with(name + " "))) return folder;
    for (const auto& [folder, dates] : by_folder)
      if ((" " + title + " ").find(" " + normalise_title(folder) + " ") != std::string::npos) return folder;
    return {};
  }
};

struct Writer {
  const WriteOptions& options;
  const Words& words;
  Output& out;
  std::string dtstamp;
  std::string common;  // the folder of absolute sources, which the calendar does not name
  std::string base;    // --base-url, when it is an http(s) URL
  MinutesIndex index;
  ir::Date today;
  std::map<std::string, std::pair<int, int>> zones;  // TZID used -> year range
  std::set<std::string> warned_zones;

  void line(std::string& to, std::string_view name, std::string_view value) {
    std::string l(name);
    l += ':';
    l += value;
    to += fold_line(l);
  }

  // The zone a timed event's times are in; "" for UTC.
  std::string zone_for(const ir::Event& e) {
    std::string tz = !e.timezone.empty() ? e.timezone : options.timezone;
    if (tz.empty() || ics::is_utc(tz)) return {};
    if (!ics::known_zone(tz)) {
      if (warned_zones.insert(tz).second)
        out.diagnostics.push_back({ir::Severity::warning, e.source, e.line, 0,
                                   fmt::format("unknown time zone '{}': times written as UTC", tz)});
      return {};
    }
    return tz;
  }

  void use_zone(const std::string& tz, int year) {
    auto [it, fresh] = zones.try_emplace(tz, year, year);
    if (!fresh) it->second = {std::min(it->second.first, year), std::max(it->second.second, year)};
  }

  void date_time(std::string& to, const char* name, const ir::Date& d, const ir::Time& t, const std::string& tz) {
    std::string value = fmt::format("{}T{:02}{:02}00", basic_date(d), t.hour, t.minute);
    if (tz.empty()) {
      line(to, name, value + "Z");
    } else {
      use_zone(tz, d.year);
      line(to, std::string(name) + ";TZID=" + tz, value);
    }
  }

  // DTSTART and DTEND (or the all-day pair) of an event, or of one occurrence of a series on `day`.
  void when(std::string& to, const ir::Event& e, const ir::Date& day) {
    ir::Event o = e;
    if (day != e.start) {
      int64_t length = e.end ? ir::days_from_civil(*e.end) - ir::days_from_civil(e.start) : 0;
      o.start = day;
      if (e.end) o.end = add_days(day, static_cast<int>(length));
    }
    times(to, o);
  }

  void times(std::string& to, const ir::Event& e) {
    if (e.all_day()) {
      ir::Date last = e.end && *e.end > e.start ? *e.end : e.start;
      line(to, "DTSTART;VALUE=DATE", basic_date(e.start));
      line(to, "DTEND;VALUE=DATE", basic_date(add_days(last, 1)));  // exclusive
      line(to, "TRANSP", "TRANSPARENT");
    } else {
      std::string tz = zone_for(e);
      date_time(to, "DTSTART", e.start, *e.start_time, tz);
      ir::Date end_day = e.end && *e.end > e.start ? *e.end : e.start;
      if (e.end_time) {
        if (end_day == e.start && *e.end_time <= *e.start_time) end_day = add_days(end_day, 1);  // crosses midnight
        date_time(to, "DTEND", end_day, *e.end_time, tz);
      } else if (end_day != e.start) {
        date_time(to, "DTEND", add_days(end_day, 1), ir::Time{0, 0}, tz);
      } else {  // no end given: the documented default length
        int total = e.start_time->hour * 60 + e.start_time->minute + default_minutes;
        date_time(to, "DTEND", total >= 1440 ? add_days(e.start, 1) : e.start,
                  ir::Time{total / 60 % 24, total % 60}, tz);
      }
    }
  }

  // RRULE and EXDATE of a series: UNTIL in UTC when DTSTART has a zone (RFC 5545 3.3.10), EXDATE with the zone.
  void rule(std::string& to, const ir::Event& e, const ir::Recurrence& r) {
    static constexpr const char* freq[] = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
    std::string value = fmt::format("FREQ={};INTERVAL={}", freq[static_cast<int>(r.unit)], r.interval);
    std::string tz = e.all_day() ? std::string() : zone_for(e);
    if (!tz.empty() && r.until) use_zone(tz, r.until->year);
    if (r.until) {
      if (e.all_day()) {
        value += ";UNTIL=" + basic_date(*r.until);
      } else {
        ir::Time t = r.until_time.value_or(ir::Time{23, 59});
        int second = r.until_time ? 0 : 59;
        std::string until = tz.empty() ? fmt::format("{}T{:02}{:02}{:02}Z", basic_date(*r.until), t.hour, t.minute, second)
                                       : ics::utc_date_time(tz, *r.until, t, second).value_or("");
        if (!until.empty()) value += ";UNTIL=" + until;
      }
    }
    line(to, "RRULE", value);
    if (r.except.empty()) return;
    std::string days;
    for (const auto& d : r.except) {
      if (!days.empty()) days += ',';
      days += e.all_day() ? basic_date(d)
                          : fmt::format("{}T{:02}{:02}00{}", basic_date(d), e.start_time->hour, e.start_time->minute,
                                        tz.empty() ? "Z" : "");
    }
    line(to, e.all_day() ? std::string("EXDATE;VALUE=DATE") : tz.empty() ? std::string("EXDATE") : "EXDATE;TZID=" + tz,
         days);
  }

  // Where a mention is, as a calendar may show it: a link under --base-url, else its path (never absolute).
  std::string mention(const ir::Event& m) const {
    std::string path = mention_path(m.source, common);
    return base.empty() ? path : join_url(base, path);
  }

  void event(std::string& to, const MergedEvent& merged) {
    const ir::Event& e = merged.event;
    to += fold_line("BEGIN:VEVENT");
    line(to, "UID", merged.uid);
    line(to, "DTSTAMP", dtstamp);
    line(to, "SEQUENCE", std::to_string(merged.sequence));
    line(to, "LAST-MODIFIED", merged.modified ? utc_stamp(ir::days_from_civil(*merged.modified) * 86400) : dtstamp);
    line(to, "SUMMARY", escape_text(e.title));
    times(to, e);
    if (merged.repeat) rule(to, e, *merged.repeat);
    details(to, merged, {});
    to += fold_line("END:VEVENT");
    if (merged.repeat) occurrences(to, merged);
  }

  // The past occurrences of a series whose week's minutes the archive has: each links them (RECURRENCE-ID).
  void occurrences(std::string& to, const MergedEvent& series) {
    std::string folder = index.folder(series);
    auto it = index.by_folder.find(folder);
    if (folder.empty() || it == index.by_folder.end()) return;
    const ir::Event& e = series.event;
    const ir::Recurrence& r = *series.repeat;
    ir::Date last = r.until ? std::min(*r.until, today) : today;
    for (int k = 0; k < 5000; ++k) {
      auto day = occurrence(e.start, r, k);
      if (!day) continue;
      if (*day > last) break;
      if (std::find(r.except.begin(), r.except.end(), *day) != r.except.end()) continue;
      auto found = it->second.find(*day);
      if (found == it->second.end()) continue;
      to += fold_line("BEGIN:VEVENT");
      line(to, "UID", series.uid);
      line(to, "DTSTAMP", dtstamp);
      line(to, "SEQUENCE", std::to_string(series.sequence));
      if (e.all_day()) {
        line(to, "RECURRENCE-ID;VALUE=DATE", basic_date(*day));
      } else {
        ir::Event o = e;
        o.start = *day;
        std::string tz = zone_for(o);
        date_time(to, "RECURRENCE-ID", *day, *e.start_time, tz);
      }
      line(to, "SUMMARY", escape_text(e.title));
      when(to, e, *day);
      ir::Event minutes;
      minutes.source = found->second;
      details(to, series, "Minutes: " + mention(minutes));
      to += fold_line("END:VEVENT");
    }
  }

  // LOCATION, URL and DESCRIPTION: the date in words, a line before it (an occurrence's minutes), what the
  // minutes say, and where they say it.
  void details(std::string& to, const MergedEvent& merged, const std::string& first) {
    const ir::Event& e = merged.event;
    if (!e.location.empty()) line(to, "LOCATION", escape_text(e.location));
    if (std::string url = safe_url(e.url); !url_scheme(url).empty())  // absolute URLs only
      line(to, "URL;VALUE=URI", url);
    // The date and time in words, as the reports and pages show them, then what the minutes say.
    std::string description = first.empty() ? event_when(e, words) : first + "\n\n" + event_when(e, words);
    if (!e.description.empty()) description += "\n\n" + e.description;
    std::vector<std::string> sources;
    for (const auto& m : merged.mentions) {
      if (m.source.empty()) continue;
      std::string s = mention(m);
      if (m.mentioned_on) s += " (" + ir::iso(*m.mentioned_on) + ")";
      if (std::find(sources.begin(), sources.end(), s) == sources.end()) sources.push_back(s);
    }
    if (!sources.empty()) {
      std::string list;
      for (size_t i = 0; i < sources.size(); ++i) list += (i ? ", " : "") + sources[i];
      description += "\n\n" + fill(words.mentioned_in, {{"sources", list}});
    }
    line(to, "DESCRIPTION", escape_text(description));
  }

  void todo(std::string& to, const ir::ActionItem& a, const ir::Meeting& m, const std::string& uid) {
    to += fold_line("BEGIN:VTODO");
    line(to, "UID", uid);
    line(to, "DTSTAMP", dtstamp);
    if (m.date) line(to, "LAST-MODIFIED", utc_stamp(ir::days_from_civil(*m.date) * 86400));
    line(to, "SUMMARY", escape_text(a.owner.empty() ? a.text : "@" + a.owner + ": " + a.text));
    if (a.due && ir::valid(*a.due)) line(to, "DUE;VALUE=DATE", basic_date(*a.due));
    line(to, "STATUS", a.done ? "COMPLETED" : "NEEDS-ACTION");
    std::string description = a.owner.empty() ? std::string() : words.owner + ": @" + a.owner + "\n";
    std::string source = m.source + (m.date ? " (" + ir::iso(*m.date) + ")" : std::string());
    description += fill(words.from_minutes, {{"source", source}});
    line(to, "DESCRIPTION", escape_text(description));
    to += fold_line("END:VTODO");
  }
};

// The calendar of the meetings' events (and action items).
Output calendar(std::span<const ir::Meeting> meetings, const WriteOptions& options) {
  Output out;
  int64_t timestamp = output_timestamp(meetings, options);
  Writer w{options,
           words_for(report_language(meetings, options)),
           out,
           utc_stamp(timestamp),
           common_folder(meetings),
           options.base_url.empty() ? std::string()
                                    : checked_base(options.base_url, "--base-url (base_url in minutes.yaml)", out.diagnostics),
           MinutesIndex(meetings),
           ir::civil_from_days(timestamp / 86400),
           {},
           {}};

  std::string components;
  for (const auto& merged : merge_events(meetings, options.calendar, &out.diagnostics)) w.event(components, merged);

  if (options.todos) {
    std::set<std::string> seen;
    auto ordered = in_date_order(meetings);
    // The latest mention of an action item wins: walk newest first and keep the first of each.
    for (auto it = ordered.rbegin(); it != ordered.rend(); ++it) {
      for (const auto& a : (*it)->actions) {
        std::string key = normalise_title(a.owner) + "|" + normalise_title(a.text);
        std::string uid = fmt::format("todo-{:016x}@minutes", fnv1a(key));
        if (normalise_title(a.text).empty() || !seen.insert(uid).second) continue;
        w.todo(components, a, **it, uid);
      }
    }
  }

  std::string zones;
  if (components.empty()) {
    // A calendar needs at least one component (RFC 5545 3.6): the default zone's definition.
    std::string tz = options.timezone;
    if (!tz.empty() && !ics::is_utc(tz) && ics::known_zone(tz)) {
      int year = ir::civil_from_days(timestamp / 86400).year;
      w.use_zone(tz, year);
    }
  }
  for (const auto& [tz, range] : w.zones)
    if (auto vtz = ics::vtimezone(tz, range.first - 1, range.second + 1)) zones += *vtz;

  std::string& o = out.bytes;
  o += fold_line("BEGIN:VCALENDAR");
  w.line(o, "VERSION", "2.0");
  w.line(o, "PRODID", "-//minutes//minutes converter//EN");
  w.line(o, "CALSCALE", "GREGORIAN");
  w.line(o, "METHOD", "PUBLISH");
  w.line(o, "X-WR-CALNAME", escape_text(options.calendar_name));
  w.line(o, "NAME", escape_text(options.calendar_name));
  if (!options.timezone.empty()) w.line(o, "X-WR-TIMEZONE", escape_text(options.timezone));
  w.line(o, "REFRESH-INTERVAL;VALUE=DURATION", "PT12H");
  w.line(o, "X-PUBLISHED-TTL", "PT12H");
  o += zones;
  o += components;
  o += fold_line("END:VCALENDAR");
  if (components.empty() && zones.empty())
    out.diagnostics.push_back({ir::Severity::warning, "", 0, 0, "the calendar has no events and no time zone"});
  return out;
}

}  // namespace

Output write_ics(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext&) {
  return guarded("ics", [&] { return calendar(meetings, options); });
}

}  // namespace minutes::formats
