// Report helpers shared by the document writers: date order, title, period, language, timestamp.
#include <doctest/doctest.h>

#include "formats/common/report.hpp"
#include "formats/common/text.hpp"

using namespace minutes;

namespace {
ir::Meeting meeting(std::string series, std::optional<ir::Date> date, std::string source) {
  ir::Meeting m;
  m.series = std::move(series);
  m.date = date;
  m.source = std::move(source);
  m.title = m.series + (date ? " " + ir::iso(*date) : "");
  return m;
}
}  // namespace

TEST_CASE("meetings come in date order, undated last") {
  std::vector<ir::Meeting> ms = {meeting("W", ir::Date{2023, 6, 29}, "c"), meeting("W", std::nullopt, "a"),
                                 meeting("W", ir::Date{2023, 4, 6}, "b")};
  auto order = formats::in_date_order(ms);
  CHECK(order[0]->source == "b");
  CHECK(order[1]->source == "c");
  CHECK(order[2]->source == "a");
}

TEST_CASE("a report over several meetings is named by series and period") {
  std::vector<ir::Meeting> ms = {meeting("SCS Tech Weekly", ir::Date{2023, 6, 29}, "x"),
                                 meeting("SCS Tech Weekly", ir::Date{2023, 4, 6}, "y")};
  WriteOptions o;
  CHECK(formats::report_title(ms, o) == "SCS Tech Weekly, 2023-04-06 to 2023-06-29");
  CHECK(formats::report_title(std::span(ms).first(1), o) == "SCS Tech Weekly 2023-06-29");
  o.title = "Q2 report";
  CHECK(formats::report_title(ms, o) == "Q2 report");
  ms.push_back(meeting("Team IaaS", ir::Date{2023, 5, 3}, "z"));
  o.title.clear();
  CHECK(formats::report_title(ms, o) == "Meeting minutes, 2023-04-06 to 2023-06-29");
}

TEST_CASE("timestamps come from SOURCE_DATE_EPOCH or the latest meeting, never the clock") {
  std::vector<ir::Meeting> ms = {meeting("W", ir::Date{2023, 5, 4}, "x")};
  WriteOptions o;
  CHECK(formats::iso_datetime(formats::output_timestamp(ms, o)) == "2023-05-04T00:00:00Z");
  o.source_date_epoch = 1700000000;
  CHECK(formats::iso_datetime(formats::output_timestamp(ms, o)) == "2023-11-14T22:13:20Z");
}

TEST_CASE("clean_text drops what XML 1.0 forbids and keeps the rest") {
  int dropped = 0;
  CHECK(formats::clean_text("a\x01"
                            "b\tc\xEF\xBF\xBE"
                            "d\xC3\xA4",
                            &dropped) == "ab\tcd\xC3\xA4");
  CHECK(dropped == 2);
}

TEST_CASE("calendar arithmetic round-trips and knows weekdays") {
  for (int64_t z = -1000; z < 40000; z += 37) CHECK(ir::days_from_civil(ir::civil_from_days(z)) == z);
  CHECK(ir::weekday({2023, 5, 4}) == 3);  // a Thursday
  CHECK(ir::valid({2024, 2, 29}));
  CHECK_FALSE(ir::valid({2023, 2, 29}));
  CHECK_FALSE(ir::valid({2923, 13, 1}));
}

TEST_CASE("a meeting titled with its date alone, or without a date, is shown with its series and date") {
  ir::Meeting m;
  m.source = "iaas/20241211.md";
  m.date = ir::Date{2024, 12, 11};
  m.title = "2024-12-11";
  CHECK(ir::title_only_dates(m));
  CHECK(ir::display_title(m) == "2024-12-11");  // no series known: the title as it is
  m.series = "Team IaaS";
  CHECK(ir::display_title(m) == "Team IaaS \u2013 2024-12-11");
  m.title = "11.12.2024";  // any written form of a date alone
  CHECK(ir::display_title(m) == "Team IaaS \u2013 2024-12-11");
  m.title.clear();
  CHECK(ir::title_only_dates(m));
  CHECK(ir::display_title(m) == "Team IaaS \u2013 2024-12-11");
  m.title = "Team IaaS Weekly 2024-12-11";  // a title that names the meeting and its date is kept
  CHECK(!ir::title_only_dates(m));
  CHECK(ir::display_title(m) == "Team IaaS Weekly 2024-12-11");
  // A slide deck's title slide names the project; the dated heading below gave the series.
  m.title = "Sovereign Cloud Stack";
  m.series = "Community Call";
  CHECK(!ir::title_only_dates(m));
  CHECK(ir::display_title(m) == "Sovereign Cloud Stack \u2013 Community Call 2024-12-11");
  m.title = "SCS Community Call";  // the series already in the title: only the date added
  m.series = "Community Call";
  CHECK(ir::display_title(m) == "SCS Community Call 2024-12-11");
  m.series.clear();  // a one-off with its own name and no series
  m.title = "API Minihackathon @ GONICUS";
  CHECK(ir::display_title(m) == "API Minihackathon @ GONICUS");
  m.title.clear();
  m.date.reset();
  CHECK(ir::display_title(m) == "20241211.md");  // nothing else to go by: the file name
}
