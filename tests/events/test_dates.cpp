// Unit tests for the date scanner: every date and time form the minutes use, year inference, weeks, weekdays,
// and the same scanner reading titles and file names.
#include <doctest/doctest.h>

#include <string>

#include <minutes/convert.hpp>

#include "converters/core/dates.hpp"
#include "converters/core/titles.hpp"
#include "formats/formats.hpp"

using minutes::dates::DateKind;
using minutes::dates::find_dates;
using minutes::dates::find_time;
using minutes::dates::Found;
using minutes::ir::Date;
using minutes::ir::Time;

namespace {

const Date meeting{2023, 9, 7};  // a Thursday

// The only date in text, checked to be exactly one.
Found one(const std::string& text, Date ref = meeting) {
  auto found = find_dates(text, ref);
  INFO(text);
  REQUIRE(found.size() == 1);
  return found[0];
}

std::string day(const Found& f) { return minutes::ir::iso(f.start); }
std::string last(const Found& f) { return f.end ? minutes::ir::iso(*f.end) : std::string("-"); }
std::string clock(const std::optional<Time>& t) {
  if (!t) return "-";
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", t->hour, t->minute);
  return buf;
}

}  // namespace

TEST_CASE("numeric dates, day first and ISO") {
  auto f = one("Hackathon on 2023-07-18 in Dresden");
  CHECK(day(f) == "2023-07-18");
  CHECK(last(f) == "-");
  CHECK(f.year_given);
  CHECK(f.start_time == std::nullopt);
  CHECK(day(one("C4DT Conference – Lausanne, 13.09.2023, talk")) == "2023-09-13");
  CHECK(day(one("OCP Opening 5.9.2023 with Manuela")) == "2023-09-05");
  CHECK(day(one("slashed 2024/04/16")) == "2024-04-16");
  f = one("week 2024/04/16 - 2024/04/18");
  CHECK(day(f) == "2024-04-16");
  CHECK(last(f) == "2024-04-18");
}

TEST_CASE("numeric day ranges") {
  auto f = one("Container Days – Hamburg, 11.-12.9.2023, Jan");
  CHECK(day(f) == "2023-09-11");
  CHECK(last(f) == "2023-09-12");
  f = one("Smart Country Convention - Berlin, 7-9.11.2023, Manuela");
  CHECK(day(f) == "2023-11-07");
  CHECK(last(f) == "2023-11-09");
  f = one("EclipseCon – Ludwigsburg, 16.-19.10.2023: talk");
  CHECK(day(f) == "2023-10-16");
  CHECK(last(f) == "2023-10-19");
  f = one("PlusCon – Köln, 26/27.9.2023, Kurt");
  CHECK(day(f) == "2023-09-26");
  CHECK(last(f) == "2023-09-27");
  f = one("across months 30.9.-2.10.2023");
  CHECK(day(f) == "2023-09-30");
  CHECK(last(f) == "2023-10-02");
  f = one("sport event (2023-09-09 - 15)");
  CHECK(day(f) == "2023-09-09");
  CHECK(last(f) == "2023-09-15");
}

TEST_CASE("dates without a year take the meeting's, the next occurrence") {
  auto f = one("GXFS Connect 5.-6.09. with Alex");
  CHECK(day(f) == "2023-09-05");
  CHECK(last(f) == "2023-09-06");
  CHECK_FALSE(f.year_given);
  // a few weeks past stays in this year; long past means next year
  CHECK(day(one("recap of 20.8.", meeting)) == "2023-08-20");
  CHECK(day(one("planning for 15.2.", meeting)) == "2024-02-15");
  // in January, December is last year's
  CHECK(day(one("recap of 15.12.", Date{2024, 1, 10})) == "2023-12-15");
  CHECK(minutes::dates::infer_year(2, 29, Date{2023, 1, 5}) == 2024);
}

TEST_CASE("month names, English and German, abbreviated, ordinals") {
  auto f = one("OpenInfra Day - Berlin, 14./15. May 2024 https://x");
  CHECK(day(f) == "2024-05-14");
  CHECK(last(f) == "2024-05-15");
  CHECK(f.year_given);
  CHECK(day(one("PaaS Mini-Hackathon, 5th of October 2023 - online")) == "2023-10-05");
  CHECK(day(one("Launch Event in Rosenheim on September 12th")) == "2023-09-12");
  CHECK(day(one("Hackathon in Bremen on April 13th", Date{2023, 3, 23})) == "2023-04-13");
  f = one("Gaia-X Summit in Alicante Nov 9+10, Alex");
  CHECK(day(f) == "2023-11-09");
  CHECK(last(f) == "2023-11-10");
  CHECK(day(one("Tag der offenen Tür am 14. Mai 2024")) == "2024-05-14");
  CHECK(day(one("am 3. März")) == "2024-03-03");
  CHECK(day(one("Summit May 14, 2024 in Berlin")) == "2024-05-14");
  CHECK(day(one("due Sept. 20")) == "2023-09-20");
  CHECK(day(one("due Oct 2")) == "2023-10-02");
  f = one("Cloud expo - 10.-11.May", Date{2023, 4, 27});
  CHECK(day(f) == "2023-05-10");
  CHECK(last(f) == "2023-05-11");
  f = one("Summit September 12th - 14th");
  CHECK(last(f) == "2023-09-14");
  f = one("Summit September 12th until 14th");
  CHECK(last(f) == "2023-09-14");
  f = one("Summit 12th to 14th of September");
  CHECK(day(f) == "2023-09-12");
  CHECK(last(f) == "2023-09-14");
  f = one("conference 12th–14th September 2023");
  CHECK(last(f) == "2023-09-14");
  f = one("conference 12th -- 14th Sep 2023");
  CHECK(last(f) == "2023-09-14");
  f = one("KubeCon May 14-15, 2024");
  CHECK(day(f) == "2024-05-14");
  CHECK(last(f) == "2024-05-15");
  f = one("fair 30 Sep - 2 Oct 2023");
  CHECK(day(f) == "2023-09-30");
  CHECK(last(f) == "2023-10-02");
}

TEST_CASE("times of day after a date") {
  auto f = one("alignment on Mon, 2024-04-22, 16:05 CEST (SCS-Tech)", Date{2024, 4, 18});
  CHECK(day(f) == "2024-04-22");
  CHECK(clock(f.start_time) == "16:05");
  CHECK(f.timezone == "Europe/Berlin");
  f = one("workshop 13.09.2023 9am - 5pm");
  CHECK(clock(f.start_time) == "09:00");
  CHECK(clock(f.end_time) == "17:00");
  f = one("meetup 2023-10-02 at 15 CEST");
  CHECK(clock(f.start_time) == "15:00");
  f = one("call 2023-10-02 11am-12pm UTC");
  CHECK(clock(f.start_time) == "11:00");
  CHECK(clock(f.end_time) == "12:00");
  CHECK(f.timezone == "UTC");
  f = one("session 2023-10-02, 10-12 o'clock");
  CHECK(clock(f.start_time) == "10:00");
  CHECK(clock(f.end_time) == "12:00");
  f = one("party 2023-10-02 22:00-02:00");  // crosses midnight
  CHECK(day(f) == "2023-10-02");
  CHECK(last(f) == "2023-10-03");
  CHECK(clock(f.end_time) == "02:00");
  f = one("install 2024-04-22 16:00 - 2024-04-23 10:00");  // crosses days
  CHECK(day(f) == "2024-04-22");
  CHECK(last(f) == "2024-04-23");
  CHECK(clock(f.start_time) == "16:00");
  CHECK(clock(f.end_time) == "10:00");
}

TEST_CASE("times found on their own") {
  auto t = find_time("Thursdays 14:05 CEST in uneven weeks, first appointment on August 17th");
  REQUIRE(t);
  CHECK(clock(t->start) == "14:05");
  CHECK(t->timezone == "Europe/Berlin");
  t = find_time("from 9am - 5pm");
  REQUIRE(t);
  CHECK(clock(t->start) == "09:00");
  CHECK(clock(t->end) == "17:00");
  t = find_time("between 10-12 o'clock");
  REQUIRE(t);
  CHECK(clock(t->end) == "12:00");
  t = find_time("9-11am");
  REQUIRE(t);
  CHECK(clock(t->start) == "09:00");
  CHECK_FALSE(find_time("R5 has 10 features and 12 bugs"));
  CHECK_FALSE(find_time("a 2h workshop, 24h hackathon"));
  t = find_time("Beginn 14 Uhr");
  REQUIRE(t);
  CHECK(clock(t->start) == "14:00");
  CHECK_FALSE(find_time("13.09.2023"));
  CHECK(find_dates("Thursdays 14:05 CEST in uneven weeks, first appointment on August 17th", Date{2023, 8, 3})
            .at(0)
            .start == Date{2023, 8, 17});
}

TEST_CASE("calendar weeks and weekdays relative to the meeting") {
  auto f = one("hackathon in CW20", Date{2023, 5, 4});
  CHECK(f.kind == DateKind::week);
  CHECK(day(f) == "2023-05-15");
  CHECK(last(f) == "2023-05-19");
  CHECK(day(one("workshop KW 2", Date{2023, 11, 30})) == "2024-01-08");
  f = one("meetup next Monday at 15:00", meeting);
  CHECK(f.kind == DateKind::weekday);
  CHECK(day(f) == "2023-09-11");
  CHECK(clock(f.start_time) == "15:00");
  CHECK(day(one("on Thursday", meeting)) == "2023-09-14");  // the same weekday means next week
  CHECK(find_dates("every Monday", meeting).empty());
  CHECK(find_dates("on Monday", std::nullopt).empty());
}

TEST_CASE("implausible and invalid dates, and numbers that are no dates") {
  auto f = one("Open Source Day - Berlin, 16.11.2923, members meeting");
  CHECK(f.implausible);
  CHECK(f.start.year == 2923);
  CHECK_FALSE(one("Open Source Day - Berlin, 16.11.2023").implausible);
  // Written as dates, but no such days: found with the problem, so that they are warned about, never used.
  auto impossible = find_dates("31.02.2023 and 2023-13-01, 0000-01-01, Feb 30, 20.-10.07.2025, 2023-05-04 25:99", meeting);
  REQUIRE(impossible.size() == 6);
  for (const auto& i : impossible) CHECK_MESSAGE(!i.problem.empty(), minutes::ir::iso(i.start));
  CHECK(impossible[4].problem == "the range ends before it starts");
  CHECK(impossible[5].problem == "no such time of day");
  CHECK(find_dates("Python 3.13. is out", meeting).empty());  // a version, not a date: no warning either
  CHECK(find_dates("version 1.2.3, v2.1. and R4.1. and 10.0.0.1", meeting).empty());
  CHECK(day(one("Hackathon - Dresden 08.112023 - Register")) == "2023-11-08");  // a dot left out
  CHECK(find_dates("id 08.991234 and 12.345678", meeting).empty());
  CHECK(find_dates("10 features, 12 bugs, 3-4 people", meeting).empty());
  CHECK(find_dates("", meeting).empty());
  // bytes that are no letters, digits or dashes end the scan safely
  CHECK(find_dates("\xE2\x82\xAC\xE2\x82\xAC 5 \xC2\xA9 \xE2 \xC2 \xFF\xE2\x80", meeting).empty());
  CHECK(find_dates("\xE2\x82\xAC 5.9.2023", meeting).size() == 1);
  auto two = find_dates("from 5.9.2023 to 7.9.2023 and again on 2023-10-01", meeting);
  REQUIRE(two.size() == 2);
  CHECK(minutes::ir::iso(*two[0].end) == "2023-09-07");
  CHECK(minutes::ir::iso(two[1].start) == "2023-10-01");
}

TEST_CASE("iso weeks and zones") {
  CHECK(minutes::dates::iso_week_monday(2023, 1) == Date{2023, 1, 2});
  CHECK(minutes::dates::iso_week_monday(2021, 1) == Date{2021, 1, 4});
  CHECK(minutes::dates::iso_week_monday(2020, 53) == Date{2020, 12, 28});
  CHECK(minutes::dates::zone_for("CEST") == "Europe/Berlin");
  CHECK(minutes::dates::zone_for("utc") == "UTC");
  CHECK(minutes::dates::zone_for("XYZ").empty());
}

TEST_CASE("one scanner for titles, meta lines and events: a title's date is an event line's date") {
  // The Austrian month name was understood in an event line but not in a title while titles had their own parser.
  auto event = one("Hackathon am 5 J\xC3\xA4nner 2024 in Wien");
  CHECK(day(event) == "2024-01-05");
  auto title = minutes::find_date("Protokoll SIG Standardisierung 5 J\xC3\xA4nner 2024");
  REQUIRE(title);
  CHECK(minutes::ir::iso(title->date) == "2024-01-05");
  CHECK(minutes::series_from_title("Protokoll SIG Standardisierung 5 J\xC3\xA4nner 2024", *title) ==
        "Protokoll SIG Standardisierung");
  auto m = minutes::recognise(minutes::formats::read_text("Team Ops 5 J\xC3\xA4nner 2024\n\n- a\n", {"notes.txt"}));
  REQUIRE(m.date);
  CHECK(minutes::ir::iso(*m.date) == "2024-01-05");
  CHECK(m.series == "Team Ops");
}

TEST_CASE("titles and file names also take compact and glued dates; prose does not") {
  for (const char* name :
       {"20230504.md", "team/security-sync-2023-05-04.md", "notes_2023-05-04.txt", "Weekly 4 May 2023"}) {
    auto f = minutes::find_date(name);
    REQUIRE_MESSAGE(f, name);
    CHECK(minutes::ir::iso(f->date) == "2023-05-04");
  }
  CHECK(minutes::ir::iso(minutes::find_date("Thu, 11 Apr 2024 17:02:11 +0200")->date) == "2024-04-11");  // e-mail
  // A title needs a year: a day alone or a weekday says nothing about which meeting it is.
  CHECK_FALSE(minutes::find_date("Weekly on Monday, 4 May"));
  CHECK_FALSE(minutes::find_date("Release 2923-05-04"));  // implausible
  // In an event line a file name's digits are no date.
  CHECK(find_dates("see iaas/20230504.md for details", meeting).empty());
}
