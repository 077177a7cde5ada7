// Curated calendars (yaml2ics) in the calendar: series with RRULE, UNTIL and EXDATE as clients expand them,
// corrections and suppressions, each past occurrence linked to its minutes; mentions never by absolute path.
#include <doctest/doctest.h>

#include <algorithm>

#include "clients/clients.hpp"
#include <minutes/minutes.hpp>
#include "formats/formats.hpp"

using namespace minutes;
using nlohmann::json;

namespace {

const std::string data = std::string(MINUTES_SOURCE_DIR) + "/tests/data/events/curated/";

ir::Meeting meeting(std::string source, ir::Date date, std::vector<ir::Event> events = {}) {
  ir::Meeting m;
  m.title = ir::iso(date);
  m.source = std::move(source);
  m.date = date;
  for (auto& e : events) e.source = m.source, e.mentioned_on = date;
  m.events = std::move(events);
  return m;
}

ir::Event event(std::string title, ir::Date start) {
  ir::Event e;
  e.title = std::move(title);
  e.start = start;
  e.line = 7;
  return e;
}

std::pair<json, json> parse(const std::string& name, const std::string& bytes) {
  auto path = test::write_output("ics", name, bytes);
  json py = test::check("/usr/bin/python3", "check_ics.py", path);
  json js = test::check("node", "check_ics.mjs", path);
  CHECK_MESSAGE(py["errors"].empty(), py["errors"].dump());
  return {py, js};
}

std::vector<json> with_summary(const json& events, const std::string& summary) {
  std::vector<json> out;
  for (const auto& e : events)
    if (e["summary"] == summary) out.push_back(e);
  return out;
}

std::string unfolded(std::string s) {
  for (size_t at; (at = s.find("\r\n ")) != std::string::npos;) s.erase(at, 3);
  return s;
}

}  // namespace

TEST_CASE("yaml2ics: events, includes, durations, series and what is wrong with an entry") {
  Settings settings;
  settings.calendar_include = {data + "main.yml"};
  auto problems = load_calendars(settings);
  const auto& cal = settings.options.calendar;
  REQUIRE(cal.size() == 4);  // the series from the included file, then three of main.yml's four
  CHECK(std::any_of(problems.begin(), problems.end(), [](const ir::Diagnostic& d) {
    return d.line == 25 && d.message.find("no such day '2024-02-30 10:00:00'") != std::string::npos;
  }));
  const auto& series = cal[0];
  REQUIRE(series.repeat);
  CHECK(series.event.title == "Team Platform Meeting");
  CHECK(series.event.end_time == ir::Time{10, 55});
  CHECK(series.repeat->until == ir::Date{2024, 12, 18});
  CHECK(series.repeat->except.size() == 2);
  CHECK(series.minutes == "platform");  // from its "Minutes:" link
  CHECK(cal[2].replaces == "Hackathon in Dresden");
  CHECK(cal[3].suppress);
  // A file that includes itself is read once.
  ir::Calendar loop = formats::read_yaml2ics("events: []\ninclude: [x.yml]\n", {"x.yml"});
  CHECK(loop.includes == std::vector<std::string>{"x.yml"});
}

TEST_CASE("a curated calendar in the calendar: RRULE, EXDATE and VTIMEZONE as clients read them; the YAML wins") {
  Settings settings;
  settings.calendar_include = {data + "main.yml"};
  load_calendars(settings);
  WriteOptions o = settings.options;
  o.base_url = "https://example.org/minutes/blob/main/";
  o.source_date_epoch = 1735689600;  // 2025-01-01
  std::vector<ir::Meeting> ms = {
      meeting("platform/20240508.md", {2024, 5, 8}), meeting("platform/20240403.md", {2024, 4, 3}),
      meeting("cc/20240601.md", {2024, 6, 1},
              {event("Hackathon in Dresden", {2024, 11, 21}), event("Photo walk", {2024, 7, 1}),
               event("Cloud Fair", {2024, 9, 10})})};
  auto out = formats::write_ics(ms, o);
  auto text = unfolded(out.bytes);
  auto [py, js] = parse("curated.ics", out.bytes);

  // The series: UNTIL in UTC for a DTSTART with a TZID, EXDATE with the TZID, the zone defined.
  CHECK(text.find("RRULE:FREQ=WEEKLY;INTERVAL=1;UNTIL=20241218T225959Z\r\n") != std::string::npos);
  CHECK(text.find("EXDATE;TZID=Europe/Berlin:20240403T100500,20240501T100500\r\n") != std::string::npos);
  CHECK(js["timezones"] == json::array({"Europe/Berlin"}));
  auto series = with_summary(js["events"], "Team Platform Meeting");
  REQUIRE(series.size() == 2);  // the series and the occurrence whose minutes are there (2024-04-03 is excepted)
  const json& master = series[0]["recurrence_id"].is_null() ? series[0] : series[1];
  const json& occurrence = series[0]["recurrence_id"].is_null() ? series[1] : series[0];
  const auto& starts = master["occurrences"];
  CHECK(starts.size() == 40);  // 42 Wednesdays from 6 March to 18 December, less two
  CHECK(starts[0] == "2024-03-06T09:05:00.000Z");  // CET
  CHECK(std::find(starts.begin(), starts.end(), "2024-05-08T08:05:00.000Z") != starts.end());  // CEST
  CHECK(std::find(starts.begin(), starts.end(), "2024-04-03T08:05:00.000Z") == starts.end());
  CHECK(starts.back() == "2024-12-18T09:05:00.000Z");
  // Beyond yaml2ics: the past occurrence links its week's minutes.
  CHECK(occurrence["start_utc"] == "2024-05-08T08:05:00.000Z");
  CHECK(occurrence["description"].get<std::string>().starts_with(
      "Minutes: https://example.org/minutes/blob/main/platform/20240508.md"));

  // One-time event with a duration; a correction by title wins; a suppression removes the event.
  auto night = with_summary(py["events"], "Open Infrastructure Night");
  REQUIRE(night.size() == 1);
  CHECK(night[0]["start"]["utc"] == "2024-06-12T16:00:00+00:00");
  CHECK(night[0]["end"]["utc"] == "2024-06-12T19:00:00+00:00");
  CHECK(night[0]["location"] == "Leipzig");
  CHECK(with_summary(py["events"], "Hackathon in Dresden").empty());
  auto hack = with_summary(py["events"], "Community Hackathon");
  REQUIRE(hack.size() == 1);
  CHECK(hack[0]["end"]["date"] == "2024-11-23");
  CHECK(hack[0]["location"] == "Dresden");
  CHECK(hack[0]["description"].get<std::string>().find("https://example.org/minutes/blob/main/cc/20240601.md") !=
        std::string::npos);
  CHECK(with_summary(py["events"], "Photo walk").empty());
  CHECK(with_summary(py["events"], "Cloud Fair").size() == 1);
}

TEST_CASE("mentions are named relative to the inputs' folder: no absolute path of the building machine") {
  std::vector<ir::Meeting> ms = {
      meeting("/home/builder/work/minutes/cc/20240601.md", {2024, 6, 1}, {event("Cloud Fair", {2024, 9, 10})}),
      meeting("/home/builder/work/minutes/iaas/20240605.md", {2024, 6, 5}, {event("Cloud Fair", {2024, 9, 10})})};
  ir::Event timed = event("Late talk", {2024, 9, 11});
  timed.start_time = ir::Time{23, 30};
  ms[0].events.push_back(timed);
  ms[0].events.back().source = ms[0].source;
  auto out = formats::write_ics(ms, {});
  CHECK(unfolded(out.bytes).find("/home/") == std::string::npos);
  auto [py, js] = parse("relative.ics", out.bytes);
  auto fair = with_summary(py["events"], "Cloud Fair");
  REQUIRE(fair.size() == 1);
  std::string d = fair[0]["description"];
  CHECK(d.find("cc/20240601.md (2024-06-01)") != std::string::npos);
  CHECK(d.find("iaas/20240605.md (2024-06-05)") != std::string::npos);
  // A timed event without an end gets the documented hour, across midnight.
  auto talk = with_summary(py["events"], "Late talk");
  REQUIRE(talk.size() == 1);
  CHECK(talk[0]["end"]["utc"] == "2024-09-11T22:30:00+00:00");
}
