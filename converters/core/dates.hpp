// Finding dates, date ranges and times of day in free text, in the forms people write in minutes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>

namespace minutes::dates {

// How a found date was written.
enum class DateKind {
  absolute,  // a day written out (with or without a year)
  week,      // a calendar week: "CW20", "KW 20"
  weekday,   // relative to the reference date: "on Monday", "next Thursday", "today", "the 15th"
};

// One date or date range found in a text, with the times of day that go with it.
struct Found {
  ir::Date start;
  std::optional<ir::Date> end;         // inclusive last day; absent for one day
  std::optional<ir::Time> start_time;  // absent: all day
  std::optional<ir::Time> end_time;
  std::string timezone;   // IANA name ("Europe/Berlin", "UTC"); empty when not written
  std::size_t begin = 0;  // byte range of the whole expression in the text
  std::size_t end_pos = 0;
  DateKind kind = DateKind::absolute;
  bool year_given = false;   // the year was written (not inferred)
  bool implausible = false;  // a real date whose year is far from the reference (e.g. 2923)
  std::string problem;       // set for a date or time that cannot be ("31.02.2024", "0000-01-01", "25:99", a range
                             // that ends before it starts): what is wrong, for a warning; no date then
};

// A time of day or a range of them, with its zone.
struct TimeRange {
  ir::Time start;
  std::optional<ir::Time> end;
  std::string timezone;
  std::size_t begin = 0;
  std::size_t end_pos = 0;
};

// What a scan accepts beyond the dates written in prose.
struct ScanOptions {
  bool names = false;  // titles and file names: also 20230504, and dates glued to a word ("notes-2024-03-14")
};

// Every date expression in text, left to right; `reference` (the meeting date) supplies missing years,
// calendar-week years and relative weekdays. Without a reference, forms that need one are skipped.
std::vector<Found> find_dates(std::string_view text, std::optional<ir::Date> reference, ScanOptions options = {});

// The first time of day (or range) in text: "14:05", "9am - 5pm", "10-12 o'clock", "15 CEST".
std::optional<TimeRange> find_time(std::string_view text);

// The year a day without a year most likely falls in: the next occurrence after the reference,
// allowing for days up to eight weeks past.
int infer_year(int month, int day, const ir::Date& reference);

// The IANA zone for an abbreviation written in minutes ("CEST" -> "Europe/Berlin"); empty when unknown.
std::string zone_for(std::string_view abbreviation);

// The Monday of ISO week `week` of ISO year `year`.
ir::Date iso_week_monday(int year, int week);

}  // namespace minutes::dates
