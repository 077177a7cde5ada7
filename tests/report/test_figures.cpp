// The summary's figures, counted by the test from the sources it writes (and, on the real archive, from file
// names), never by the code under test; the same in the ODT and the DOCX.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <sstream>
#include <tuple>

#include "report/support.hpp"

using namespace report_test;

namespace {

// One meeting of the test's archive, as the test knows it.
struct Source {
  std::string folder, day;  // "team-a", "2023-04-05"
  std::vector<std::string> participants;
  std::string scribe;
  std::vector<std::tuple<std::string, std::string, std::string>> events;  // title, day, city
  std::vector<std::tuple<std::string, std::string, bool>> actions;        // owner, task, reported done
  std::vector<std::string> decisions;
};

const std::vector<Source>& sources() {
  static const std::vector<Source> all = {
      {"team-a",
       "2023-04-05",
       {"alice", "Bob"},
       "alice",
       {{"Cloud Expo Europe", "2023-05-10", "Frankfurt"}},
       {{"bob", "write the status report", false}},
       {"we keep the weekly slot"}},
      {"team-a",
       "2023-04-12",
       {"alice", "carol"},
       "carol",
       {{"Cloud Expo Europe", "2023-05-10", "Frankfurt"}},
       {{"bob", "write the status report", true}, {"carol", "book the room for the summit", false}},
       {}},
      {"team-b",
       "2023-05-02",
       {"@dave", "Alice"},
       "dave",
       {{"OpenInfra Days", "2023-06-13", "Berlin"}, {"Gaia-X Summit", "2023-11-09", "Alicante"}},
       {{"dave", "send the invitation to the list", false}},
       {"use option a for the flavours"}},
      {"team-b",
       "2023-07-10",
       {"erin"},
       "erin",
       {{"Late Summit", "2023-07-20", "Köln"}},
       {{"erin", "check the late numbers", false}},
       {"a decision after the period"}},
  };
  return all;
}

std::string markdown(const Source& s) {
  std::string md = "# " + s.day + "\n\n## Meta\n\n- Scribe: " + s.scribe + "\n\n## Participants\n\n";
  for (const auto& p : s.participants) md += "- " + p + "\n";
  md += "\n## Events\n\n";
  for (const auto& [title, day, city] : s.events)
    md += "- " + title + " \u2013 " + city + ", " + day.substr(8, 2) + "." + day.substr(5, 2) + "." + day.substr(0, 4) +
          "\n";
  md += "\n## Topics\n\n";
  for (const auto& [owner, task, done] : s.actions)
    md += "- AI @" + owner + ": " + task + (done ? " - done" : "") + "\n";
  for (const auto& d : s.decisions) md += "- Decision: " + d + "\n";
  return md;
}

fs::path archive() {
  fs::path src = scratch("figures-archive");
  for (const auto& s : sources()) {
    std::string name = s.day.substr(0, 4) + s.day.substr(5, 2) + s.day.substr(8, 2) + ".md";
    spit(src / s.folder / name, markdown(s));
  }
  spit(src / "minutes.yaml", "organisation: Test Org\nseries:\n  team-a: Team A\n  team-b: Team B\n");
  return src;
}

std::string folded(std::string s) {
  if (!s.empty() && s.front() == '@') s.erase(0, 1);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

TEST_CASE("the summary's figures are those the test counts in the sources of the period, in ODT and DOCX") {
  fs::path src = archive();
  const std::string from = "2023-04-01", to = "2023-06-30";
  // The test's own count: meetings in the period, distinct people, events held in it (each once), tasks once.
  std::map<std::string, size_t> per_series;
  std::set<std::string> people, scribes, events, tasks, done;
  size_t decisions = 0, meetings = 0;
  for (const auto& s : sources()) {
    if (s.day < from || s.day > to) continue;
    ++meetings;
    ++per_series[s.folder == "team-a" ? "Team A" : "Team B"];
    for (const auto& p : s.participants) people.insert(folded(p));
    scribes.insert(folded(s.scribe));
    for (const auto& [title, day, city] : s.events)
      if (day >= from && day <= to) events.insert(title);
    for (const auto& [owner, task, is_done] : s.actions) {
      tasks.insert(owner + "|" + task);
      if (is_done) done.insert(owner + "|" + task);
    }
    decisions += s.decisions.size();
  }
  for (bool docx : {false, true}) {
    CAPTURE(docx);
    std::string bytes = report(src, "--from " + from + " --to " + to, docx ? "r.docx" : "r.odt");
    auto f = figures(bytes, docx, "The period in figures");
    CHECK(f["Meetings held"] == std::to_string(meetings));
    CHECK(f["Series"] == std::to_string(per_series.size()));
    CHECK(f["Participants (distinct)"] == std::to_string(people.size()));
    CHECK(f["Scribes (distinct)"] == std::to_string(scribes.size()));
    CHECK(f["Events of the period"] == std::to_string(events.size()));
    CHECK(f["Action items raised"] == std::to_string(tasks.size()));
    CHECK(f["Action items done"] == std::to_string(done.size()));
    CHECK(f["Decisions"] == std::to_string(decisions));
    auto series = figures(bytes, docx, "Series");
    for (const auto& [name, n] : per_series) CHECK(series[name] == std::to_string(n));
    CHECK(series["Total"] == std::to_string(meetings));
    // The events table: each event of the period once, in date order.
    auto all = tables(bytes, docx);
    auto it = std::find_if(all.begin(), all.end(), [](const auto& t) { return !t.empty() && t[0][0] == "Event"; });
    REQUIRE(it != all.end());
    std::vector<std::string> titles;
    for (size_t i = 1; i < it->size(); ++i) titles.push_back((*it)[i][0]);
    CHECK(titles == std::vector<std::string>{"Cloud Expo Europe", "OpenInfra Days"});
  }
}

TEST_CASE("on the real archive, the meetings per series of a quarter are the files the test counts by name") {
  fs::path root = corpus_dir();
  REQUIRE(fs::is_directory(root));
  std::map<std::string, size_t> expected;
  size_t total = 0;
  std::regex dated(R"(^(\d{4})-?(\d{2})-?(\d{2}))");
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file() || e.path().extension() != ".md") continue;
    std::string rel = fs::relative(e.path(), root).generic_string();
    std::smatch m;
    std::string name = e.path().filename().string();
    if (rel.find('/') == std::string::npos || !std::regex_search(name, m, dated)) continue;
    std::string day = m[1].str() + "-" + m[2].str() + "-" + m[3].str();
    if (day < "2023-04-01" || day > "2023-06-30") continue;
    ++expected[rel.substr(0, rel.find('/'))];
    ++total;
  }
  REQUIRE(total > 50);
  std::string odt = report(root, "--quarter 2023Q2", "q2.odt");
  auto f = figures(odt, false, "The period in figures");
  CHECK(f["Meetings held"] == std::to_string(total));
  auto series = figures(odt, false, "Series");
  for (const auto& entry : expected)  // no structured binding: clang cannot capture one in CHECK_MESSAGE
    CHECK_MESSAGE(series[entry.first] == std::to_string(entry.second), entry.first);
  CHECK(f["Series"] == std::to_string(expected.size()));
}

TEST_CASE("the summary's events of a quarter are the calendar's events of those days, once each, by date") {
  fs::path root = corpus_dir();
  // A curated calendar (--events) joins both: its event of the quarter is in the summary too.
  fs::path curated = scratch("report-curated") / "funder.yml";
  spit(curated, "name: Funder dates\ntimezone: Europe/Berlin\nevents:\n  - summary: Funder review\n"
                "    begin: 2023-05-24\n    location: Bonn\n");
  std::string events = " --events '" + curated.string() + "'";
  std::string files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    std::string name = e.path().filename().string();
    if (e.is_regular_file() && e.path().extension() == ".md" && name.rfind("20230", 0) == 0 &&
        std::string("456").find(name[5]) != std::string::npos && fs::relative(e.path(), root).has_parent_path())
      files += " '" + e.path().string() + "'";
  }
  Run ics = run_cli("convert" + files + " -t ics" + events);
  REQUIRE(ics.status == 0);
  // The calendar's events held in the quarter: unfolded lines, SUMMARY and the day of DTSTART/DTEND.
  std::string text = std::regex_replace(ics.out, std::regex("\r\n[ \t]"), "");
  std::vector<std::pair<std::string, std::string>> held;  // start day, title
  std::string title, start, end;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto day = [&] { return line.substr(line.find(':') + 1, 8); };
    if (line.rfind("SUMMARY:", 0) == 0) title = std::regex_replace(line.substr(8), std::regex(R"(\\(.))"), "$1");
    if (line.rfind("DTSTART", 0) == 0) start = day();
    if (line.rfind("DTEND", 0) == 0) end = day();
    if (line == "BEGIN:VEVENT") end.clear();
    // DTEND of an all-day event is exclusive: an event ending on 1 April did not touch the quarter
    if (line == "END:VEVENT" && start <= "20230630" && (end.empty() ? start : end) > "20230401")
      held.emplace_back(start, title);
  }
  std::stable_sort(held.begin(), held.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  REQUIRE(std::count(held.begin(), held.end(), std::pair<std::string, std::string>{"20230524", "Funder review"}) == 1);
  std::string odt = report(root, "--quarter 2023Q2" + events, "q2.odt");
  auto all = tables(odt, false);
  auto it = std::find_if(all.begin(), all.end(), [](const auto& t) { return !t.empty() && t[0][0] == "Event"; });
  REQUIRE(it != all.end());
  std::vector<std::string> shown, expected;
  for (size_t i = 1; i < it->size(); ++i) shown.push_back((*it)[i][0]);
  for (const auto& [day, t] : held) expected.push_back(t);
  CHECK(shown == expected);
}

TEST_CASE("the quarter's contents name each meeting readably: its series or title and its date once, by date") {
  std::string odt = report(corpus_dir(), "--quarter 2023Q2", "q2.odt");
  pugi::xml_document doc;
  const std::string content = parts(odt)["content.xml"];
  REQUIRE(doc.load_buffer(content.data(), content.size()));
  // A date as the minutes type it: hyphens, or the dashes some titles hold ("2023-04\u201303").
  std::regex day(R"((\d{4})(?:-|\xE2\x80\x93)(\d{2})(?:-|\xE2\x80\x93)(\d{2}))");
  size_t entries = 0;
  std::string previous_series, previous_day;
  for (auto p : doc.select_nodes("//text:index-body/text:p")) {
    std::string text = text_of(p.node().child("text:a"));
    if (std::string(p.node().attribute("text:style-name").value()) != "Contents_20_2") {
      previous_series = text, previous_day.clear();
      continue;
    }
    ++entries;
    CAPTURE(text);
    auto dates = std::distance(std::sregex_iterator(text.begin(), text.end(), day), std::sregex_iterator());
    CHECK(dates == 1);
    std::smatch m;
    REQUIRE(std::regex_search(text, m, day));
    CHECK(m.prefix().str().find_first_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos);
    CHECK(text.find(".md") == std::string::npos);
    std::string iso = m[1].str() + "-" + m[2].str() + "-" + m[3].str();
    CHECK(iso >= "2023-04-01");
    CHECK(iso <= "2023-06-30");
    CHECK_MESSAGE(iso >= previous_day, previous_series);  // in date order within their series
    previous_day = iso;
  }
  CHECK(entries == 77);
}
