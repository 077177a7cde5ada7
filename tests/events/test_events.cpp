// Event and action extraction on built meetings and on the samples: titles, places, links, warnings, non-events.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <minutes/minutes.hpp>
#include "converters/core/enrich.hpp"

using namespace minutes;

namespace {

ir::Inlines text(const std::string& s) {
  ir::Inline i;
  i.text = s;
  return {i};
}

ir::Block list(const std::vector<std::string>& items, int first_line) {
  ir::Block b;
  b.kind = ir::BlockKind::list;
  b.line = first_line;
  for (const auto& s : items) {
    ir::ListItem it;
    it.line = first_line++;
    ir::Block p;
    p.kind = ir::BlockKind::paragraph;
    p.line = it.line;
    p.inlines = text(s);
    it.blocks.push_back(p);
    b.items.push_back(it);
  }
  return b;
}

ir::Section section(const std::string& title, int level, int line, ir::Blocks blocks) {
  ir::Section s;
  s.title = title;
  s.level = level;
  s.line = line;
  s.blocks = std::move(blocks);
  return s;
}

ir::Meeting load_sample(const std::string& name) {
  std::ifstream in(std::string(MINUTES_SOURCE_DIR) + "/samples/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  REQUIRE_FALSE(ss.str().empty());
  return load(ss.str(), minutes::ReadOptions{"samples/" + name}, *find_reader("markdown"));
}

const ir::Event* find(const ir::Meeting& m, const std::string& title) {
  for (const auto& e : m.events)
    if (e.title == title) return &e;
  return nullptr;
}

bool warned(const ir::Meeting& m, const std::string& message, int line) {
  return std::any_of(m.diagnostics.begin(), m.diagnostics.end(), [&](const ir::Diagnostic& d) {
    return d.message == message && d.line == line && d.severity == ir::Severity::warning;
  });
}

}  // namespace

TEST_CASE("items under an events heading: title, place, dates; implausible dates and non-events are left out") {
  ir::Meeting m;
  m.source = "community-call/20231026.md";
  m.date = ir::Date{2023, 10, 26};
  m.sections.push_back(
      section("Team IaaS", 1, 3,
              {list({"Sprint Bratislava ends 2023-11-03", "continue in CW45",
                     "No community call on 2023-11-02 (holiday)", "Deadline for the tender: 2023-11-30"},
                    4)}));
  m.sections.push_back(section("Events - meet us where you can!", 1, 10,
                               {list({"Smart Country Convention - Berlin, 7-9.11.2023, Manuela will present SCS",
                                      "Gaia-X Summit in Alicante Nov 9+10, Alex will represent SCS",
                                      "Open Source Day - Berlin, 16.11.2923, members meeting of the OSBA",
                                      "(Lingen, 23.11.2023) it.emsland meetup"},
                                     11)}));
  extract_events(m);
  REQUIRE(m.events.size() == 3);
  const auto& scc = m.events[0];
  CHECK(scc.title == "Smart Country Convention");
  CHECK(scc.location == "Berlin");
  CHECK(scc.start == ir::Date{2023, 11, 7});
  CHECK(scc.end == ir::Date{2023, 11, 9});
  CHECK(scc.all_day());
  CHECK(scc.line == 11);
  CHECK(scc.source == m.source);
  CHECK(scc.mentioned_on == m.date);
  const auto& gx = m.events[1];
  CHECK(gx.title == "Gaia-X Summit");
  CHECK(gx.location == "Alicante");
  CHECK(gx.end == ir::Date{2023, 11, 10});
  CHECK(m.events[2].start == ir::Date{2023, 11, 23});
  CHECK(m.events[2].location == "Lingen");
  CHECK(std::any_of(m.diagnostics.begin(), m.diagnostics.end(), [](const ir::Diagnostic& d) {
    return d.line == 13 && d.message.find("implausible date '16.11.2923'") != std::string::npos;
  }));
}

TEST_CASE("a heading with items is one event; paragraphs with event words count outside event sections") {
  ir::Meeting m;
  m.source = "x.txt";
  m.date = ir::Date{2023, 9, 7};
  ir::Section events = section("Events", 1, 1, {});
  ir::Block link = list({"Dresden, 08.11.2023", "https://events.scs.community/hackathon-3/"}, 3);
  link.items[1].blocks[0].inlines = {
      ir::Inline{ir::InlineKind::link, "", "https://events.scs.community/hackathon-3/", "", text("registration")}};
  events.sections.push_back(section("SCS Hackathon", 2, 2, {link}));
  events.sections.push_back(section("SCS at Cloud Expo Europe", 2, 6, {list({"own OSBA pavilion"}, 7)}));
  m.sections.push_back(events);
  ir::Block para;
  para.kind = ir::BlockKind::paragraph;
  para.line = 10;
  para.inlines = text("Open Operations Meetup on Monday 2023-10-02 at 15 CEST");
  m.sections.push_back(section("Open Operations", 1, 9, {para}));
  extract_events(m);
  REQUIRE(m.events.size() == 2);
  CHECK(m.events[0].title == "SCS Hackathon");
  CHECK(m.events[0].location == "Dresden");
  CHECK(m.events[0].start == ir::Date{2023, 11, 8});
  CHECK(m.events[0].url == "https://events.scs.community/hackathon-3/");
  CHECK(m.events[1].title == "Open Operations Meetup");
  REQUIRE(m.events[1].start_time);
  CHECK(*m.events[1].start_time == ir::Time{15, 0});
  CHECK(m.events[1].timezone == "Europe/Berlin");
  CHECK(warned(m, "event 'SCS at Cloud Expo Europe' has no date", 6));
}

TEST_CASE("the seed: Cloud Expo Europe and Hackathon #6 have no date, so they warn and stay out") {
  auto m = load_sample("20230504.md");
  CHECK(m.events.empty());  // "to be continued in CW20" is no event
  CHECK(warned(m, "event 'SCS at Cloud Expo Europe' has no date", 98));
  CHECK(warned(m, "event 'Hackathon #6' has no date", 102));
}

TEST_CASE("the annotated sample puts Cloud Expo Europe and Hackathon #6 into the calendar") {
  auto m = load_sample("events-example.md");
  CHECK(m.events.size() == 3);
  const auto* expo = find(m, "SCS at Cloud Expo Europe");
  REQUIRE(expo);
  CHECK(expo->start == ir::Date{2023, 5, 10});
  CHECK(expo->end == ir::Date{2023, 5, 11});
  CHECK(expo->location == "Frankfurt am Main");
  CHECK(expo->url == "https://www.cloudexpoeurope.de/");
  const auto* hack = find(m, "Hackathon #6");
  REQUIRE(hack);
  CHECK(hack->start == ir::Date{2023, 5, 3});
  CHECK(hack->end == ir::Date{2023, 5, 4});
  CHECK(hack->location == "Bilbao");
  const auto* summit = find(m, "SCS Summit");
  REQUIRE(summit);
  CHECK(summit->start == ir::Date{2023, 5, 23});
  CHECK(std::none_of(m.diagnostics.begin(), m.diagnostics.end(),
                     [](const ir::Diagnostic& d) { return d.message.find("has no date") != std::string::npos; }));
  // action items of the sample
  REQUIRE(m.actions.size() == 2);
  CHECK(m.actions[0].owner == "berendt");
  CHECK(m.actions[1].owner == "fkr");
  CHECK(m.actions[1].text == "to send the container layer survey to the mailing list");
}

TEST_CASE("action items: markers, owners, done, and lines that are no actions") {
  ir::Meeting m;
  m.date = ir::Date{2023, 5, 4};
  ir::Block b = list(
      {"TODO: Create story for automated upgrade testing", "AI @garloff: ask GXFS for progress",
       "@tibeer to review proposal from @garloff", "write draft standard (AI @kgube via @anjastrunk)",
       "Action: send the survey by 2023-05-12", "AI models were discussed", "@fkr reported on Zuul", "the AI team met"},
      1);
  b.items[4].checked = true;
  m.sections.push_back(section("Team", 1, 1, {b}));
  extract_actions(m);
  REQUIRE(m.actions.size() == 5);
  CHECK(m.actions[0].owner.empty());
  CHECK(m.actions[0].text == "Create story for automated upgrade testing");
  CHECK(m.actions[1].owner == "garloff");
  CHECK(m.actions[1].text == "ask GXFS for progress");
  CHECK(m.actions[2].owner == "tibeer");
  CHECK(m.actions[3].owner == "kgube");
  CHECK(m.actions[3].text == "write draft standard");
  CHECK(m.actions[4].done);
  CHECK(m.actions[4].due == ir::Date{2023, 5, 12});
}

TEST_CASE("a plain-text draft gives the same events as Markdown (extraction runs on the IR)") {
  const std::string draft =
      "SCS Tech Weekly 2023-05-04\n\nNEWS\n\nSCS Summit:\n  - Berlin, 23.-24.05.2023, few places left\n"
      "  - https://events.scs.community/scs-summit-2023/\n\nEVENTS\n\nSCS at Cloud Expo Europe:\n"
      "  - Frankfurt am Main, 10.-11.05.2023\n  - own OSBA pavilion\n  - https://www.cloudexpoeurope.de/\n\n"
      "Hackathon #6:\n  - Bilbao, 3.-4. May 2023\n  - Hybrid session, Max is on site\n\n"
      "TEAM IAAS\n\n  - to be continued in CW20\n  - Hotel discount only till 31st of May\n"
      "  - TODO: @berendt review the ADR before CW20\n";
  const auto* reader = find_reader("text");
  REQUIRE(reader);
  auto m = load(draft, minutes::ReadOptions{"draft.txt"}, *reader);
  REQUIRE(m.events.size() == 3);
  CHECK(m.events[0].title == "SCS Summit");
  CHECK(m.events[0].url == "https://events.scs.community/scs-summit-2023/");
  CHECK(m.events[1].title == "SCS at Cloud Expo Europe");
  CHECK(m.events[1].location == "Frankfurt am Main");
  CHECK(m.events[1].line == 12);
  CHECK(m.events[2].title == "Hackathon #6");
  CHECK(m.events[2].end == ir::Date{2023, 5, 4});
  REQUIRE(m.actions.size() == 1);
  CHECK(m.actions[0].owner == "berendt");
}

TEST_CASE("deadlines and other dated lines under an event heading are no events") {
  ir::Meeting m;
  m.date = ir::Date{2024, 3, 21};
  m.sections.push_back(section("SCS Hackathon April @ Gonicus - Join us!", 1, 1,
                               {list({"Registration here: https://events.scs.community/4hackathon/",
                                      "Hotel rooms are only available with discount till 31st of March!"},
                                     2)}));
  extract_events(m);
  CHECK(m.events.empty());
}
