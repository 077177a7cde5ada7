// Reads a curated calendar in yaml2ics' YAML (name, timezone, include, events with summary, begin, end or
// duration, location, description, url, repeat), plus our keys uid, replaces, suppress and minutes.
#include <fmt/format.h>

#include <cstdio>

#include "formats/common/yaml.hpp"
#include "formats/formats.hpp"

namespace minutes::formats {

namespace {

int line_of(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

// "2024-01-10", "2024-01-10 10:05:00", "2024-01-10T10:05"; false when it is none of them (or no such day).
bool parse_when(const std::string& text, ir::Date& date, std::optional<ir::Time>& time, bool& real_day) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
  real_day = true;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 || used != 10) return false;
  date = {y, mo, d};
  real_day = ir::valid(date) && y > 0;
  std::string rest = text.substr(10);
  if (rest.empty()) return real_day;
  if (rest[0] != ' ' && rest[0] != 'T') return false;
  int n = std::sscanf(rest.c_str() + 1, "%2d:%2d:%2d", &h, &mi, &s);
  if (n < 2 || h > 23 || mi > 59) return false;
  time = ir::Time{h, mi};
  return real_day;
}

class Reader {
 public:
  Reader(ir::Calendar& out) : out_(out) {}

  void root(const YAML::Node& r) {
    for (const auto& kv : r) {
      std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      const YAML::Node& v = kv.second;
      if (key == "name" && v.IsScalar()) {
        out_.name = v.Scalar();
      } else if (key == "timezone" && v.IsScalar()) {
        out_.timezone = v.Scalar();
      } else if (key == "include" && v.IsSequence()) {
        for (const auto& f : v)
          if (f.IsScalar()) out_.includes.push_back(f.Scalar());
          else warn(f, "include: expected a file name");
      } else if (key == "events" && v.IsSequence()) {
        for (const auto& e : v) event(e);
      } else if (key == "events" && v.IsNull()) {
      } else {
        warn(kv.first, fmt::format("unknown or malformed calendar key '{}'", key));
      }
    }
  }

 private:
  ir::Calendar& out_;

  void warn(const YAML::Node& at, std::string message) {
    out_.diagnostics.push_back({ir::Severity::warning, out_.source, line_of(at), 0, std::move(message)});
  }

  void event(const YAML::Node& node) {
    if (!node.IsMap()) return warn(node, "an event must be a mapping (summary, begin, ...)");
    ir::CuratedEvent c;
    ir::Event& e = c.event;
    e.source = out_.source;
    e.line = line_of(node);
    e.timezone = out_.timezone;
    std::optional<ir::Date> end_day;
    std::optional<ir::Time> end_time;
    long minutes = -1;
    bool begin = false;
    for (const auto& kv : node) {
      std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      const YAML::Node& v = kv.second;
      std::string text = v.IsScalar() ? std::string(trim(v.Scalar())) : std::string();
      if (key == "summary" || key == "name") {
        e.title = text;
      } else if (key == "begin" || key == "end") {
        ir::Date d;
        std::optional<ir::Time> t;
        bool real = true;
        if (!parse_when(text, d, t, real))
          return warn(v, real ? fmt::format("{}: '{}' is no date (YYYY-MM-DD or YYYY-MM-DD HH:MM:SS); the event is "
                                            "left out", key, text)
                              : fmt::format("{}: no such day '{}'; the event is left out", key, text));
        if (key == "begin") e.start = d, e.start_time = t, begin = true;
        else end_day = d, end_time = t;
      } else if (key == "duration" && v.IsMap()) {
        minutes = 0;
        for (const auto& u : v) {
          long n = u.second.IsScalar() ? std::atol(u.second.Scalar().c_str()) : 0;
          std::string unit = u.first.IsScalar() ? u.first.Scalar() : std::string();
          minutes += unit == "minutes" ? n : unit == "hours" ? n * 60 : unit == "days" ? n * 1440
                   : unit == "weeks" ? n * 10080 : 0;
        }
      } else if (key == "location") {
        e.location = text;
      } else if (key == "description") {
        e.description = text;
      } else if (key == "url") {
        e.url = text;
      } else if (key == "timezone") {
        e.timezone = text;
      } else if (key == "uid") {
        c.uid = text;
      } else if (key == "replaces") {
        c.replaces = text;
      } else if (key == "suppress") {
        c.suppress = text == "true" || text == "yes";
      } else if (key == "minutes") {
        c.minutes = text;
      } else if (key == "repeat" && v.IsMap()) {
        if (!repeat(v, c)) return;
      } else {
        warn(kv.first, fmt::format("calendar event key '{}' is not read", key));
      }
    }
    if (c.suppress && (!c.uid.empty() || !c.replaces.empty())) return out_.events.push_back(std::move(c));
    if (e.title.empty() || !begin) return warn(node, "an event needs a summary and a begin; left out");
    if (!c.replaces.empty() && c.uid.empty()) c.uid.clear();
    if (end_day) {
      if (*end_day < e.start || (*end_day == e.start && e.start_time && end_time && *end_time < *e.start_time))
        return warn(node, "the event ends before it begins; left out");
      if (*end_day != e.start) e.end = end_day;
      e.end_time = e.start_time ? end_time : std::nullopt;
    } else if (minutes > 0 && e.start_time) {
      long total = e.start_time->hour * 60 + e.start_time->minute + minutes;
      e.end_time = ir::Time{static_cast<int>(total / 60 % 24), static_cast<int>(total % 60)};
      if (total >= 1440) e.end = ir::civil_from_days(ir::days_from_civil(e.start) + total / 1440);
    } else if (e.start_time && minutes < 0) {
      e.start_time.reset();  // yaml2ics: without end or duration an event is all day
    }
    if (c.minutes.empty()) c.minutes = minutes_folder(e.description);
    out_.events.push_back(std::move(c));
  }

  bool repeat(const YAML::Node& v, ir::CuratedEvent& c) {
    ir::Recurrence r;
    const YAML::Node interval = v["interval"];
    if (!interval || !interval.IsMap() || interval.size() != 1) {
      warn(v, "repeat: interval must name one of days, weeks, months, years; the event is left out");
      return false;
    }
    std::string unit = interval.begin()->first.Scalar();
    r.interval = std::max(1, std::atoi(interval.begin()->second.Scalar().c_str()));
    using U = ir::Recurrence::Unit;
    if (unit == "days") r.unit = U::days;
    else if (unit == "weeks") r.unit = U::weeks;
    else if (unit == "months") r.unit = U::months;
    else if (unit == "years") r.unit = U::years;
    else {
      warn(v, fmt::format("repeat: '{}' is not days, weeks, months or years; the event is left out", unit));
      return false;
    }
    if (const YAML::Node until = v["until"]; until && until.IsScalar()) {
      ir::Date d;
      std::optional<ir::Time> t;
      bool real = true;
      if (!parse_when(until.Scalar(), d, t, real)) {
        warn(until, fmt::format("repeat: until '{}' is no date; the event is left out", until.Scalar()));
        return false;
      }
      r.until = d;
      r.until_time = t;
    } else {
      warn(v, "repeat: a series needs an end ('until'); the event is left out");
      return false;
    }
    if (const YAML::Node ex = v["except_on"]; ex && ex.IsSequence())
      for (const auto& x : ex) {
        ir::Date d;
        std::optional<ir::Time> t;
        bool real = true;
        if (x.IsScalar() && parse_when(x.Scalar(), d, t, real)) r.except.push_back(d);
        else warn(x, "repeat: except_on: not a date; ignored");
      }
    c.repeat = r;
    return true;
  }

  // "Minutes: https://github.com/SovereignCloudStack/minutes/tree/main/iaas" -> "iaas".
  static std::string minutes_folder(std::string_view description) {
    auto at = description.find("Minutes:");
    if (at == std::string_view::npos) return {};
    std::string_view rest = trim(description.substr(at + 8));
    rest = rest.substr(0, rest.find_first_of(" \n\t"));
    if (rest.find("/minutes/") == std::string_view::npos) return {};
    while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
    return std::string(rest.substr(rest.rfind('/') + 1));
  }

  static std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  }
};

}  // namespace

ir::Calendar read_yaml2ics(std::string_view bytes, const ReadOptions& options) {
  ir::Calendar out;
  out.source = options.source;
  auto parsed = yaml::load(bytes, {.depth = 32, .nodes = 100'000, .aliases = 1'000, .bytes = size_t{8} << 20});
  if (!parsed.error.empty()) {
    out.diagnostics.push_back({ir::Severity::error, out.source, parsed.line, 0,
                               fmt::format("cannot read the calendar: {}", parsed.error)});
    return out;
  }
  if (!parsed.root.IsMap()) {
    out.diagnostics.push_back({ir::Severity::error, out.source, 1, 0, "a calendar must be a mapping (name, events)"});
    return out;
  }
  try {
    Reader(out).root(parsed.root);
  } catch (const YAML::Exception& e) {
    out.diagnostics.push_back({ir::Severity::error, out.source, 0, 0, fmt::format("cannot read the calendar: {}", e.what())});
  }
  return out;
}

}  // namespace minutes::formats
