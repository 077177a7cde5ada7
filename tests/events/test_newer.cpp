// The cases newer minutes showed (issue 11), written in our own words: names, places, dates, what is no event.
#include <doctest/doctest.h>

#include <algorithm>

#include <minutes/minutes.hpp>
#include "converters/core/event_merge.hpp"
#include "converters/core/event_places.hpp"
#include "converters/core/events.hpp"

using namespace minutes;

namespace {

ir::Meeting md(const std::string& text, const std::string& source = "team/20250115.md") {
  return load(text, ReadOptions{source}, *find_reader("markdown"));
}

const ir::Event* titled(const ir::Meeting& m, const std::string& title) {
  for (const auto& e : m.events)
    if (e.title == title) return &e;
  return nullptr;
}

std::string titles(const ir::Meeting& m) {
  std::string out;
  for (const auto& e : m.events) out += "'" + e.title + "' " + ir::iso(e.start) + " (" + e.reason + ")\n";
  return out;
}

bool warned_at(const ir::Meeting& m, int line, const std::string& part) {
  return std::any_of(m.diagnostics.begin(), m.diagnostics.end(), [&](const ir::Diagnostic& d) {
    return d.line == line && d.message.find(part) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("a heading's event takes the dated line that belongs to it, not a rejected option") {
  auto m =
      md("# Team sync 2025-01-15\n\n"
         "## Community hackathon in the first half of the year (@alex)\n\n"
         "- 7th to 11th April is the vPTG. So not a good option\n"
         "- Apr 29+30? Erlangen?\n");
  INFO(titles(m));
  REQUIRE(m.events.size() == 1);
  const auto& e = m.events[0];
  CHECK(e.title == "Community hackathon");
  CHECK(e.start == ir::Date{2025, 4, 29});
  CHECK(e.end == ir::Date{2025, 4, 30});
  CHECK(e.location == "Erlangen");
}

TEST_CASE("precision on everyday minutes: dates about something else are no events") {
  auto m =
      md("# SIG Standards 2025-03-06\n\n"
         "## Next meetings (housekeeping)\n\n"
         "- 2025-03-13 regular slot\n- 2025-03-20 regular slot\n\n"
         "## Standards\n\n"
         "- the current PR standards#1026 of 2025-02-27 was presented in the Forum's call\n"
         "- relaxing the frequency of test runs (photo taken at the Hackathon on 2025-02-12)\n"
         "- Sprint ends 2025-03-14\n"
         "- Registration deadline for the Summit: 2025-04-01\n");
  INFO(titles(m));
  CHECK(m.events.empty());
  // They are candidates, left out with a reason.
  auto all = event_candidates(m);
  CHECK(std::any_of(all.events.begin(), all.events.end(), [](const ir::Event& e) {
    return e.confidence < publish_confidence && e.reason.find("against") != std::string::npos;
  }));
}

TEST_CASE("recall beyond events sections: conventions, fests, date forms, relative days") {
  auto m =
      md("# Board 2025-09-18\n\n"
         "## Outreach\n\n"
         "- 2025-10-02 Smart Country Convention\n"
         "- Our bug squashing fest is today between 11am and 3pm\n"
         "- Community Days Feb. 17 \xE2\x80\x93 until 18, 2026 in F\xC3\xBCrth\n"
         "- Save the date: ALASCA Summit November 3rd and 4th, 2026\n"
         "- The registration for the Feedback workshop on 2026-02-24 is now online\n"
         "- \xF0\x9F\x90\xB1 SCS Summit 2026 in Cologne, 2026-05-19\n"
         "- AI @alex: collect input for the SCS Summit\n",
         "board/20250918.md");
  INFO(titles(m));
  const ir::Event* scc = titled(m, "Smart Country Convention");
  REQUIRE(scc);
  CHECK(scc->start == ir::Date{2025, 10, 2});
  const ir::Event* fest = titled(m, "bug squashing fest");
  REQUIRE(fest);
  CHECK(fest->start == ir::Date{2025, 9, 18});  // today: the meeting's day
  CHECK(fest->start_time == ir::Time{11, 0});
  CHECK(fest->end_time == ir::Time{15, 0});
  const ir::Event* days = titled(m, "Community Days");
  REQUIRE(days);
  CHECK(days->start == ir::Date{2026, 2, 17});
  CHECK(days->end == ir::Date{2026, 2, 18});
  CHECK(days->location == "F\xC3\xBCrth");
  const ir::Event* alasca = titled(m, "ALASCA Summit");
  REQUIRE(alasca);
  CHECK(alasca->start == ir::Date{2026, 11, 3});
  CHECK(alasca->end == ir::Date{2026, 11, 4});
  const ir::Event* feedback = titled(m, "Feedback workshop");
  REQUIRE(feedback);
  CHECK(feedback->start == ir::Date{2026, 2, 24});
  const ir::Event* summit = titled(m, "SCS Summit 2026");  // no emoji; Cologne as GeoNames spells it
  REQUIRE(summit);
  CHECK(summit->location == "K\xC3\xB6ln");
  for (const auto& e : m.events) CHECK(e.title.find("AI @") == std::string::npos);
}

TEST_CASE("places come from the gazetteer: words and people are no places") {
  auto m =
      md("# Events 2025-05-02\n\n"
         "## Events\n\n"
         "- Cloud meetup, 2025-05-20 \xE2\x80\x93 Featuring Kurt and Friederike\n"
         "- Agenda: Security workshop 2025-05-21\n"
         "- Tech summit 2025-05-22 at Frankfurt/Main\n"
         "- Hackathon 1 \xE2\x80\x93 Berlin, 2026-01-05\n"
         "- Hackathon 2 \xE2\x80\x93 Bonn, 2026-01-05\n");
  INFO(titles(m));
  for (const auto& e : m.events) {
    CHECK(e.location != "Featuring Kurt and Friederike");
    CHECK(e.location != "Agenda");
  }
  const ir::Event* tech = titled(m, "Tech summit");
  REQUIRE(tech);
  CHECK(tech->location == "Frankfurt am Main");
  // Two events on one day in one meeting stay two, in the meeting and in the calendar.
  REQUIRE(titled(m, "Hackathon 1"));
  REQUIRE(titled(m, "Hackathon 2"));
  CHECK(titled(m, "Hackathon 2")->location == "Bonn");
  std::vector<ir::Meeting> ms = {m};
  auto merged = merge_events(ms);
  CHECK(std::count_if(merged.begin(), merged.end(),
                      [](const MergedEvent& e) { return e.event.title.starts_with("Hackathon"); }) == 2);
  CHECK(places::find("Koeln")->name == "K\xC3\xB6ln");
  CHECK(places::find("M\xC3\xBCnchen")->name == "Munich");
  CHECK(places::find("Ungarn")->name == "Hungary");
  CHECK(places::find("Well") == nullptr);
  CHECK(places::find("Date") == nullptr);
}

TEST_CASE("impossible dates and times are warnings naming the line, never events") {
  auto m =
      md("# Events 2025-05-02\n\n"
         "## Events\n\n"
         "- Meetup 0000-01-01\n"
         "- Workshop 2026-03-05 24:00\n"
         "- Workshop 2026-03-06 25:99\n"
         "- Hackathon 20.-10.07.2025\n"
         "- Summit 31.02.2026\n"
         "- Conference 2026-13-01\n"
         "- Barcamp Feb 30, 2026\n");
  INFO(titles(m));
  CHECK(m.events.empty());
  for (int line = 5; line <= 11; ++line) CHECK_MESSAGE(warned_at(m, line, "impossible date"), "line " << line);
}

TEST_CASE("a long title is cut at a word, never inside a character, with its brackets balanced") {
  std::string name =
      "Gro\xC3\x9F"
      "e Konferenz (";
  for (int i = 0; i < 30; ++i)
    name +=
        "\xC3\xBC"
        "ber ";
  auto m = md("# Events 2025-05-02\n\n## Events\n\n- " + name + "Summit) 2025-06-01\n");
  REQUIRE(m.events.size() == 1);
  const std::string& t = m.events[0].title;
  CHECK(t.size() <= 80);
  CHECK(std::count(t.begin(), t.end(), '(') == std::count(t.begin(), t.end(), ')'));
  unsigned char last = static_cast<unsigned char>(t.back());
  CHECK((last < 0x80));  // ends on a whole character (here: a word's last ASCII letter)
}

TEST_CASE("one real event is one merged event however it is titled; its UID stays when it is retitled or moved") {
  auto a =
      md("# Weekly 2025-01-09\n\n## Events\n\n- SCS Summit 2025 \xE2\x80\x93 Berlin, 2025-05-20\n", "cc/20250109.md");
  auto b = md("# Weekly 2025-02-06\n\n## Events\n\n- \xF0\x9F\x8E\x89 SCS at the Summit, 20.-21.05.2025 in Berlin\n",
              "cc/20250206.md");
  auto c = md("# Weekly 2025-03-06\n\n## Events\n\n- SCS Summit 2025 \xE2\x80\x93 Berlin, 2025-05-27\n",
              "cc/20250306.md");  // moved a week, announced before the first date
  std::vector<ir::Meeting> ab = {a, b};
  auto two = merge_events(ab);
  REQUIRE(two.size() == 1);
  CHECK(two[0].mentions.size() == 2);
  CHECK(two[0].event.end == ir::Date{2025, 5, 21});
  std::vector<ir::Meeting> abc = {a, b, c};
  auto three = merge_events(abc);
  REQUIRE(three.size() == 1);
  CHECK(three[0].uid == two[0].uid);
  CHECK(three[0].event.start == ir::Date{2025, 5, 27});
  CHECK(three[0].sequence > two[0].sequence);
  CHECK(three[0].modified == ir::Date{2025, 3, 6});
}

TEST_CASE("two mentions of one event on one day at one place merge though one name has a typo") {
  auto a = md("# Weekly 2025-03-06\n\n## Events\n\n- 4th SCS Hackathon at Gonicus, 2025-04-16 in Arnsberg\n",
              "cc/20250306.md");
  auto b = md("# Weekly 2025-03-13\n\n## Events\n\n- SCS Hackthon, 2025-04-16 in Arnsberg\n", "cc/20250313.md");
  auto c = md("# Weekly 2025-03-13\n\n## Events\n\n- Hackathon, 2025-04-16 in Erlangen\n", "cc/20250320.md");
  std::vector<ir::Meeting> ab = {a, b};
  auto merged = merge_events(ab);
  REQUIRE(merged.size() == 1);
  CHECK(merged[0].mentions.size() == 2);
  std::vector<ir::Meeting> ac = {a, c};  // another place: another event
  CHECK(merge_events(ac).size() == 2);
}

TEST_CASE("a line that asks who goes or says what to add is named by its event, or is no event") {
  auto m =
      md("# Weekly 2025-02-06\n\n## Events\n\n"
         "- Anyone at CS3 in Geneva March 11-13?\n"
         "- Workshops\n  - Add one workshop (Nov 8?)\n\n"
         "## Hacking\n\nHacking session planned Tuesday next week (2025-02-11).\n");
  INFO(titles(m));
  const auto* cs3 = titled(m, "CS3");
  REQUIRE(cs3 != nullptr);
  CHECK(cs3->location == "Geneva");
  CHECK(cs3->start == ir::Date{2025, 3, 11});
  CHECK(titled(m, "Hacking session") != nullptr);
  for (const auto& e : m.events) CHECK(e.title.find("Add") == std::string::npos);
}
