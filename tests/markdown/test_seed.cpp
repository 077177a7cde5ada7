// The seed meeting, samples/20230504.md (the SCS Tech Weekly of 2023-05-04), read directly and through the CLI.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "helpers.hpp"

using namespace md_test;
using minutes::ir::BlockKind;

namespace {

const std::string seed_path = std::string(MINUTES_SOURCE_DIR) + "/samples/20230504.md";

const std::vector<std::string> teams = {"Team IaaS", "Team Ops", "SIG Monitoring", "Team IAM",
                                        "SIG Standardization & Certification"};

}  // namespace

TEST_CASE("the seed meeting: title, series, date, scribe") {
  auto m = read(slurp(seed_path), seed_path);
  CHECK(m.title == "SCS Tech Weekly 2023-05-04");
  CHECK(m.series == "SCS Tech Weekly");
  REQUIRE(m.date.has_value());
  CHECK(minutes::ir::iso(*m.date) == "2023-05-04");
  CHECK(m.scribes == std::vector<std::string>{"jschoone"});
  CHECK(m.blocks.empty());
  for (const auto& d : m.diagnostics) CHECK_MESSAGE(d.severity != minutes::ir::Severity::error, d.message);
}

TEST_CASE("the seed meeting: team sections with their minutes link or status") {
  auto m = read(slurp(seed_path), seed_path);
  // "## Meta", the five teams, then "# News", "# Events", "# Hiring/Tenders/Finance" at level 1.
  std::vector<std::string> top;
  for (const auto& s : m.sections) top.push_back(s.title);
  std::vector<std::string> expected = {"Meta"};
  expected.insert(expected.end(), teams.begin(), teams.end());
  expected.insert(expected.end(), {"News", "Events", "Hiring/Tenders/Finance"});
  CHECK(top == expected);
  for (const auto& name : teams) {
    auto* s = find_section(m.sections, name);
    REQUIRE_MESSAGE(s, name);
    CHECK(s->level == 2);
    REQUIRE_MESSAGE(s->minutes.has_value(), name);
    // The minutes line is not repeated as content: the first block is the list.
    REQUIRE(!s->blocks.empty());
    CHECK(s->blocks.front().kind == BlockKind::list);
  }
  auto* iaas = find_section(m.sections, "Team IaaS");
  CHECK(iaas->minutes->url == "https://github.com/SovereignCloudStack/minutes/blob/main/iaas/20230503.md");
  CHECK(iaas->minutes->status.empty());
  CHECK(find_section(m.sections, "Team Ops")->minutes->status == "Not merged yet");
  for (const char* none : {"SIG Monitoring", "Team IAM", "SIG Standardization & Certification"}) {
    CHECK(find_section(m.sections, none)->minutes->status == "None");
    CHECK(find_section(m.sections, none)->minutes->url.empty());
  }
  CHECK(find_section(m.sections, "Meta")->blocks.empty());  // "Minutes: @jschoone" became the scribe
  CHECK(iaas->line == 7);
}

TEST_CASE("the seed meeting: Team IaaS has 9 top-level items and three list levels") {
  auto m = read(slurp(seed_path), seed_path);
  auto* iaas = find_section(m.sections, "Team IaaS");
  REQUIRE(iaas);
  REQUIRE(iaas->blocks.size() == 1);
  const auto& list = iaas->blocks[0];
  REQUIRE(list.kind == BlockKind::list);
  CHECK_FALSE(list.ordered);
  CHECK(list.tight);
  REQUIRE(list.items.size() == 9);
  CHECK(minutes::ir::item_text(list.items[0]) == "Started new Sprint Bratislava");
  const auto& metrics = list.items[4];
  CHECK(minutes::ir::item_text(metrics) == "Metrics collection");
  REQUIRE(metrics.blocks.size() == 2);
  REQUIRE(metrics.blocks[1].kind == BlockKind::list);
  const auto& level2 = metrics.blocks[1].items;
  REQUIRE(level2.size() == 2);
  CHECK(minutes::ir::item_text(level2[0]) == "ceilometer has an issue since 2017");
  CHECK(minutes::ir::item_text(level2[1]) == "cloudkitty is out of scope");
  REQUIRE(level2[0].blocks.size() == 2);
  REQUIRE(level2[0].blocks[1].kind == BlockKind::list);
  const auto& level3 = level2[0].blocks[1].items;
  REQUIRE(level3.size() == 3);
  CHECK(minutes::ir::item_text(level3[0]) == "related to rabbit outage");
  CHECK(level3[0].line == 22);
  // "Bratislava" is strong.
  const auto& first = list.items[0].blocks[0].inlines;
  REQUIRE(first.size() == 2);
  CHECK(first[1].kind == minutes::ir::InlineKind::strong);
}

TEST_CASE("the seed meeting: News, Events and Hiring/Tenders/Finance with their subsections") {
  auto m = read(slurp(seed_path), seed_path);
  auto titles = [&](std::string_view name) {
    std::vector<std::string> out;
    auto* s = find_section(m.sections, name);
    REQUIRE_MESSAGE(s, name);
    CHECK(s->level == 1);
    for (const auto& sub : s->sections) {
      CHECK(sub.level == 2);
      CHECK(!sub.blocks.empty());
      out.push_back(sub.title);
    }
    return out;
  };
  CHECK(titles("News") == std::vector<std::string>{"SCS Market Adoption", "SCS Summit"});
  CHECK(titles("Events") == std::vector<std::string>{"SCS at Cloud Expo Europe", "Hackathon #6"});
  CHECK(titles("Hiring/Tenders/Finance") == std::vector<std::string>{"Tenders", "Finance", "Others"});
  auto* hack = find_section(m.sections, "Hackathon #6");
  REQUIRE(hack->blocks.size() == 1);
  CHECK(hack->blocks[0].items.size() == 4);
}

TEST_CASE("the seed meeting through the CLI as JSON") {
  auto r = run_cli("convert '" + seed_path + "' -t json");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["title"] == "SCS Tech Weekly 2023-05-04");
  CHECK(j["series"] == "SCS Tech Weekly");
  CHECK(j["date"] == "2023-05-04");
  CHECK(j["scribes"] == nlohmann::json::array({"jschoone"}));
  CHECK(j["participants"].is_array());
  CHECK(j["blocks"].is_array());
  CHECK(j["events"].is_array());
  CHECK(j["actions"].is_array());
  CHECK(j["diagnostics"].is_array());
  const auto& sections = j["sections"];
  REQUIRE(sections.is_array());
  REQUIRE(sections.size() == 9);
  CHECK(sections[0]["title"] == "Meta");
  CHECK(sections[0]["minutes"].is_null());
  const auto& iaas = sections[1];
  CHECK(iaas["title"] == "Team IaaS");
  CHECK(iaas["level"] == 2);
  CHECK(iaas["line"] == 7);
  CHECK(iaas["minutes"]["url"] == "https://github.com/SovereignCloudStack/minutes/blob/main/iaas/20230503.md");
  CHECK(iaas["minutes"]["status"].is_null());
  CHECK(sections[2]["minutes"]["status"] == "Not merged yet");
  CHECK(sections[3]["minutes"]["status"] == "None");
  const auto& list = iaas["blocks"][0];
  CHECK(list["type"] == "list");
  CHECK(list["ordered"] == false);
  REQUIRE(list["items"].size() == 9);
  const auto& metrics = list["items"][4];
  CHECK(metrics["text"] == "Metrics collection");
  const auto& level3 = metrics["blocks"][1]["items"][0]["blocks"][1]["items"][0];
  CHECK(level3["text"] == "related to rabbit outage");
  CHECK(level3["blocks"][0]["type"] == "paragraph");
  CHECK(level3["blocks"][0]["line"] == 22);
  CHECK(sections[6]["title"] == "News");
  CHECK(sections[6]["level"] == 1);
  CHECK(sections[6]["sections"].size() == 2);
  CHECK(sections[7]["sections"][1]["title"] == "Hackathon #6");
  CHECK(sections[8]["sections"].size() == 3);
}
