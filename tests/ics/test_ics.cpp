// Tests of the iCalendar writer: folding, escaping, merged events, time zones, parsed by python3-icalendar and ical.js.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <fstream>
#include <sstream>

#include "clients/clients.hpp"
#include <minutes/minutes.hpp>
#include "converters/core/decode.hpp"
#include "formats/formats.hpp"
#include "formats/ics/ical.hpp"

using namespace minutes;
using nlohmann::json;

namespace {

ir::Event event(std::string title, ir::Date start, std::optional<ir::Date> end = {}) {
  ir::Event e;
  e.title = std::move(title);
  e.start = start;
  e.end = end;
  return e;
}

ir::Meeting meeting(std::string source, ir::Date date, std::vector<ir::Event> events) {
  ir::Meeting m;
  m.title = "Weekly " + ir::iso(date);
  m.source = std::move(source);
  m.date = date;
  m.events = std::move(events);
  return m;
}

std::vector<std::string> physical_lines(const std::string& bytes) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < bytes.size()) {
    auto end = bytes.find("\r\n", pos);
    REQUIRE_MESSAGE(end != std::string::npos, "the last line has no CRLF");
    lines.push_back(bytes.substr(pos, end - pos));
    pos = end + 2;
  }
  return lines;
}

bool valid_utf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    int n = utf8_sequence_length(s, i);
    if (n == 0) return false;
    i += static_cast<size_t>(n);
  }
  return true;
}

// RFC 5545 framing of a whole calendar: CRLF only, no line over 75 octets, no line that splits a UTF-8 sequence.
void check_framing(const std::string& bytes) {
  for (size_t i = 0; i < bytes.size(); ++i)
    if (bytes[i] == '\n') REQUIRE_MESSAGE((i > 0 && bytes[i - 1] == '\r'), "bare LF at byte " << i);
  for (const auto& l : physical_lines(bytes)) {
    CHECK_MESSAGE(l.size() <= 75, "line of " << l.size() << " octets: " << l);
    CHECK_MESSAGE(valid_utf8(l), "line splits a UTF-8 sequence: " << l);
  }
}

std::string unfold(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

// Writes a calendar, checks its framing and parses it with both clients.
std::pair<json, json> parse_both(const std::string& name, const std::string& bytes) {
  check_framing(bytes);
  auto path = test::write_output("ics", name, bytes);
  json py = test::check("/usr/bin/python3", "check_ics.py", path);
  json js = test::check("node", "check_ics.mjs", path);
  CHECK_MESSAGE(py["errors"].empty(), py["errors"].dump());
  return {py, js};
}

const json* find_uid(const json& events, const std::string& summary) {
  for (const auto& e : events)
    if (e["summary"] == summary) return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("a 200-byte line of multi-byte characters folds at 75 octets without splitting a sequence") {
  std::string summary;
  const char* pieces[] = {"\xC3\xA4", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "x"};  // ä € 😀 x: 2, 3, 4, 1 bytes
  for (int i = 0; summary.size() < 200; ++i) summary += pieces[i % 4];
  std::string line = "SUMMARY:" + summary;
  std::string folded = formats::ics::fold_line(line);
  auto lines = physical_lines(folded);
  CHECK(lines.size() >= 3);
  for (size_t i = 0; i < lines.size(); ++i) {
    CHECK(lines[i].size() <= 75);
    CHECK(valid_utf8(lines[i]));
    if (i > 0) CHECK(lines[i][0] == ' ');
  }
  CHECK(unfold(folded) == line + "\r\n");
  CHECK(formats::ics::fold_line(std::string(75, 'a')) == std::string(75, 'a') + "\r\n");
  CHECK(physical_lines(formats::ics::fold_line(std::string(76, 'a'))).size() == 2);
}

TEST_CASE("TEXT escaping of backslash, semicolon, comma and newline; control characters dropped") {
  CHECK(formats::ics::escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne");
  CHECK(formats::ics::escape_text("bell\x07 and\x1b esc") == "bell and esc");
  CHECK(formats::ics::escape_text("") == "");
}

TEST_CASE("events round-trip through python3-icalendar and ical.js with the right dates and zones") {
  ir::Event hackathon = event("SCS Hackathon #6", {2023, 11, 8});
  hackathon.location = "Dresden";
  hackathon.url = "https://scs.community/hackathon";
  ir::Event summit = event("SCS Summit; Berlin, \"2023\" \\ edition", {2023, 5, 23}, ir::Date{2023, 5, 24});
  summit.description = "Two days\nwith talks";
  ir::Event call = event("Community call", {2024, 4, 22});
  call.start_time = ir::Time{16, 5};
  call.end_time = ir::Time{17, 0};
  ir::Event winter = event("Winter workshop", {2023, 12, 7});
  winter.start_time = ir::Time{10, 0};
  winter.end_time = ir::Time{12, 0};
  ir::Event ny = event("Meetup in New York", {2023, 7, 4});
  ny.start_time = ir::Time{18, 0};
  ny.timezone = "America/New_York";
  ir::Event late = event("Late night release", {2023, 6, 1});
  late.start_time = ir::Time{23, 0};
  late.end_time = ir::Time{1, 0};
  std::string long_title;
  for (int i = 0; long_title.size() < 200; ++i)
    long_title += i % 3 ? "\xC3\xBC\xE2\x82\xAC" : "\xF0\x9F\x8E\x89, ";  // ü€ 🎉,
  ir::Event party = event(long_title, {2023, 8, 1});
  std::vector<ir::Meeting> ms = {
      meeting("community-call/20230504.md", {2023, 5, 4}, {hackathon, summit, call, winter, ny, late, party})};
  formats::WriteOptions o;
  o.calendar_name = "SCS events, all of them";
  auto out = formats::write_ics(ms, o);
  CHECK(out.diagnostics.empty());
  auto [py, js] = parse_both("events.ics", out.bytes);

  CHECK(py["name"] == "SCS events, all of them");
  CHECK(js["method"] == "PUBLISH");
  REQUIRE(py["events"].size() == 7);
  REQUIRE(js["events"].size() == 7);
  CHECK(find_uid(py["events"], long_title));  // folded and escaped, it unfolds to the original in both clients
  CHECK(find_uid(js["events"], long_title));
  CHECK(js["timezones"] == json::array({"America/New_York", "Europe/Berlin"}));

  const json* h = find_uid(py["events"], "SCS Hackathon #6");
  REQUIRE(h);
  CHECK((*h)["start"]["date"] == "2023-11-08");
  CHECK((*h)["end"]["date"] == "2023-11-09");  // exclusive
  CHECK((*h)["location"] == "Dresden");
  CHECK((*h)["url"] == "https://scs.community/hackathon");
  CHECK((*h)["description"].get<std::string>().find("community-call/20230504.md") != std::string::npos);
  CHECK((*h)["dtstamp"]["utc"] == "2023-05-04T00:00:00+00:00");

  const json* s = find_uid(py["events"], summit.title);  // escaping round-trips
  REQUIRE(s);
  CHECK((*s)["end"]["date"] == "2023-05-25");
  // The date in words (as the reports show it), then what the minutes say, then where they say it.
  CHECK((*s)["description"].get<std::string>().starts_with(
      "23\u201324 May 2023\n\nTwo days\nwith talks\n\nMentioned in"));
  CHECK(find_uid(js["events"], summit.title));

  // Times in Europe/Berlin: summer (CEST, +2) and winter (CET, +1), as both clients compute them.
  const json* c = find_uid(py["events"], "Community call");
  REQUIRE(c);
  CHECK((*c)["start"]["utc"] == "2024-04-22T14:05:00+00:00");
  CHECK((*c)["end"]["utc"] == "2024-04-22T15:00:00+00:00");
  const json* cj = find_uid(js["events"], "Community call");
  REQUIRE(cj);
  CHECK((*cj)["tzid"] == "Europe/Berlin");
  CHECK((*cj)["start_utc"] == "2024-04-22T14:05:00.000Z");
  const json* wj = find_uid(js["events"], "Winter workshop");
  REQUIRE(wj);
  CHECK((*wj)["start_utc"] == "2023-12-07T09:00:00.000Z");
  CHECK((*wj)["end_utc"] == "2023-12-07T11:00:00.000Z");
  const json* nj = find_uid(js["events"], "Meetup in New York");
  REQUIRE(nj);
  CHECK((*nj)["start_utc"] == "2023-07-04T22:00:00.000Z");  // EDT, -4
  const json* lj = find_uid(js["events"], "Late night release");
  REQUIRE(lj);
  CHECK((*lj)["end_utc"] == "2023-06-01T23:00:00.000Z");  // 01:00 CEST the next day
  CHECK((*find_uid(js["events"], "SCS Hackathon #6"))["all_day"] == true);
}

TEST_CASE("one event named in several weeks' minutes is one VEVENT; the latest mention wins") {
  ir::Event first = event("SCS Hackathon #6", {2023, 11, 8});
  ir::Event again = event("SCS  hackathon #6!", {2023, 11, 8});  // normalised title is the same
  ir::Event moved = event("SCS Hackathon #6", {2023, 11, 8});
  moved.location = "Dresden, ScaDS.AI";
  moved.url = "https://scs.community/hackathon6";
  std::vector<ir::Meeting> ms = {
      meeting("m/20230601.md", {2023, 6, 1}, {first}), meeting("m/20230615.md", {2023, 6, 15}, {again}),
      meeting("m/20230907.md", {2023, 9, 7}, {moved}), meeting("m/20230914.md", {2023, 9, 14}, {moved})};
  auto out = formats::write_ics(ms, {});
  auto [py, js] = parse_both("merged.ics", out.bytes);
  REQUIRE(py["events"].size() == 1);
  REQUIRE(js["events"].size() == 1);
  const json& e = py["events"][0];
  CHECK(e["location"] == "Dresden, ScaDS.AI");
  CHECK(e["url"] == "https://scs.community/hackathon6");
  CHECK(e["sequence"] == 2);  // the title changed in June, the place in September
  CHECK(e["last_modified"]["utc"] == "2023-09-07T00:00:00+00:00");
  CHECK(e["dtstamp"]["utc"] == "2023-09-14T00:00:00+00:00");
  for (const char* s : {"m/20230601.md", "m/20230615.md", "m/20230907.md", "m/20230914.md"})
    CHECK(e["description"].get<std::string>().find(s) != std::string::npos);

  // The UID depends on the event only: the same from one meeting as from all of them.
  auto single = formats::write_ics(std::span(ms).subspan(3, 1), {});
  auto [py1, js1] = parse_both("single.ics", single.bytes);
  CHECK(py1["events"][0]["uid"] == e["uid"]);
  CHECK(js1["events"][0]["uid"] == e["uid"]);
}

TEST_CASE("output is byte-reproducible and DTSTAMP follows SOURCE_DATE_EPOCH") {
  std::vector<ir::Meeting> ms = {meeting("a.md", {2023, 5, 4}, {event("Expo", {2023, 5, 10})}),
                                 meeting("b.md", {2023, 5, 11}, {event("Fair", {2023, 6, 1})})};
  formats::WriteOptions o;
  CHECK(formats::write_ics(ms, o).bytes == formats::write_ics(ms, o).bytes);
  std::vector<ir::Meeting> reversed = {ms[1], ms[0]};
  CHECK(formats::write_ics(reversed, o).bytes == formats::write_ics(ms, o).bytes);
  o.source_date_epoch = 1700000000;
  CHECK(formats::write_ics(ms, o).bytes.find("DTSTAMP:20231114T221320Z\r\n") != std::string::npos);
}

TEST_CASE("action items become VTODOs only with --todos") {
  ir::Meeting m = meeting("a.md", {2023, 5, 4}, {});
  m.actions.push_back({"jschoone", "Send the survey, today; really", ir::Date{2023, 5, 11}, false, 3});
  m.actions.push_back({"", "Book the room", std::nullopt, true, 4});
  std::vector<ir::Meeting> ms = {m};
  formats::WriteOptions o;
  CHECK(formats::write_ics(ms, o).bytes.find("VTODO") == std::string::npos);
  o.todos = true;
  auto [py, js] = parse_both("todos.ics", formats::write_ics(ms, o).bytes);
  REQUIRE(js["todos"].size() == 2);
  CHECK(py["todos"][0] == "@jschoone: Send the survey, today; really");
  CHECK(js["todos"][1]["status"] == "COMPLETED");
}

TEST_CASE("hostile and empty input still gives a valid calendar") {
  ir::Event bad = event("<script>alert(1)</script>\x01\x7f ]]> \\,;", {2023, 5, 10});
  bad.url = "javascript:alert(1)";
  bad.location = std::string("Line\r\nbreak\ttab\0nul", 19);
  ir::Event invalid = event("Year 2923 typo", {2923, 2, 30});
  ir::Event utc = event("UTC call", {2023, 5, 12});
  utc.start_time = ir::Time{9, 30};
  utc.timezone = "UTC";
  ir::Event unknown = event("Somewhere call", {2023, 5, 13});
  unknown.start_time = ir::Time{9, 30};
  unknown.timezone = "Mars/Olympus_Mons";
  std::vector<ir::Meeting> ms = {meeting("evil.md", {2023, 5, 4}, {bad, invalid, utc, unknown})};
  auto out = formats::write_ics(ms, {});
  CHECK(out.bytes.find("javascript") == std::string::npos);
  CHECK(out.diagnostics.size() == 2);  // the invalid date and the unknown zone are reported
  auto [py, js] = parse_both("hostile.ics", out.bytes);
  REQUIRE(py["events"].size() == 3);
  CHECK(find_uid(js["events"], "UTC call"));
  CHECK((*find_uid(js["events"], "UTC call"))["start_utc"] == "2023-05-12T09:30:00.000Z");

  std::vector<ir::Meeting> none = {meeting("empty.md", {2023, 5, 4}, {})};
  auto [pe, je] = parse_both("empty.ics", formats::write_ics(none, {}).bytes);
  CHECK(pe["events"].empty());
  CHECK(je["timezones"].size() == 1);  // a calendar keeps at least one component
}

TEST_CASE("a calendar from real minutes parses in both clients and names one VEVENT per UID") {
  auto dir = std::filesystem::path(MINUTES_SHARED_DIR) / "corpus/scs-minutes/community-call";
  REQUIRE(std::filesystem::is_directory(dir));
  std::vector<std::filesystem::path> files;
  for (const auto& f : std::filesystem::directory_iterator(dir))
    if (f.path().extension() == ".md") files.push_back(f.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 40);
  std::vector<ir::Meeting> ms;
  const Reader* md = find_reader("markdown");
  for (size_t i = files.size() - 40; i < files.size(); ++i) {
    std::ifstream in(files[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    ms.push_back(load(ss.str(), minutes::ReadOptions{"community-call/" + files[i].filename().string()}, *md));
  }
  formats::WriteOptions o;
  o.todos = true;
  auto out = formats::write_ics(ms, o);
  auto [py, js] = parse_both("corpus.ics", out.bytes);
  std::set<std::string> uids;
  for (const auto& e : js["events"]) uids.insert(e["uid"].get<std::string>());
  CHECK(uids.size() == js["events"].size());
  CHECK(py["events"].size() == js["events"].size());
  MESSAGE("corpus calendar: " << js["events"].size() << " events, " << js["todos"].size() << " todos");
}
