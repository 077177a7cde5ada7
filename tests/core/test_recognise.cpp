// Recognition, once for every reader: title, date, meta lines in English and German, participants, mentions.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <minutes/convert.hpp>

#include "converters/core/recognise.hpp"
#include "converters/core/titles.hpp"
#include "formats/formats.hpp"

namespace ir = minutes::ir;
using Names = std::vector<std::string>;

namespace {

ir::Meeting markdown(std::string_view text, const char* source = "notes.md") {
  return minutes::recognise(minutes::formats::read_markdown(text, {source}));
}

ir::Meeting draft(std::string_view text, const char* source = "notes.txt") {
  return minutes::recognise(minutes::formats::read_text(text, {source}));
}

// Every paragraph's and item's text in the meeting, one per line, to see what stayed content.
std::string content(const ir::Meeting& m) {
  std::string out;
  auto add = [&](const ir::Blocks& blocks) {
    for (const auto& b : blocks) out += ir::plain_text(b) + "\n";
  };
  add(m.blocks);
  ir::for_each_section(m.sections, [&](const ir::Section& s) { add(s.blocks); });
  return out;
}

const ir::Section* section(const ir::Meeting& m, std::string_view title) {
  const ir::Section* found = nullptr;
  ir::for_each_section(m.sections, [&](const ir::Section& s) {
    if (!found && s.title == title) found = &s;
  });
  return found;
}

}  // namespace

TEST_CASE("meta lines in English and German fill the same fields from Markdown and from a draft") {
  struct Case {
    const char* line;
    Names scribes, participants;
  };
  const Case cases[] = {
      {"Scribe: Alice Wong", {"Alice Wong"}, {}},
      {"Scribes: Alice Wong and Bob Meyer", {"Alice Wong", "Bob Meyer"}, {}},
      {"Note taker: @awong", {"awong"}, {}},
      {"Notes by: Alice Wong", {"Alice Wong"}, {}},
      {"Minutes: @awong, @bmeyer", {"awong", "bmeyer"}, {}},
      {"Protokoll: J\xC3\xB6rg", {"J\xC3\xB6rg"}, {}},
      {"Protokollantin: Eva Schulz", {"Eva Schulz"}, {}},
      {"Present: Bob Meyer, Carol Diaz", {}, {"Bob Meyer", "Carol Diaz"}},
      {"Participants: @bmeyer; Carol Diaz", {}, {"bmeyer", "Carol Diaz"}},
      {"Attendees: Bob Meyer & Carol Diaz", {}, {"Bob Meyer", "Carol Diaz"}},
      {"Teilnehmende: Anja, J\xC3\xB6rg und Matthias", {}, {"Anja", "J\xC3\xB6rg", "Matthias"}},
      {"Teilnehmer: Anja", {}, {"Anja"}},
      {"Anwesend: Anja, Kurt", {}, {"Anja", "Kurt"}},
  };
  for (const auto& c : cases) {
    INFO(c.line);
    std::string body = std::string(c.line) + "\n\nWe talked.\n";
    for (const auto& m : {markdown("# Team Ops 2024-03-14\n\n" + body), draft("Team Ops 2024-03-14\n\n" + body)}) {
      CHECK(m.scribes == c.scribes);
      CHECK(m.participants == c.participants);
      CHECK(content(m) == "We talked.\n");  // the line left the content: its information is in the fields
    }
  }
}

TEST_CASE("meta lines anywhere in a paragraph; a key alone over a list names the participants and stays") {
  auto m = markdown(
      "# Weekly 2024-03-14\n\nHello all,\nScribe: Alice\nPresent: Bob, Carol\nthanks.\n\n"
      "## Team Ops\n\nAttendees:\n- Dan\n- Eve\n");
  CHECK(m.scribes == Names{"Alice"});
  CHECK(m.participants == Names{"Bob", "Carol", "Dan", "Eve"});
  CHECK(content(m) == "Hello all, thanks.\nAttendees:\nDan\nEve\n");
  auto d = draft(
      "Weekly 2024-03-14\n\nHello all,\nScribe: Alice\nthanks.\n\nTeam Ops\n--------\nAttendees:\n  - Dan\n  - Eve\n");
  CHECK(d.scribes == Names{"Alice"});
  CHECK(d.participants == Names{"Dan", "Eve"});
}

TEST_CASE("Minutes: a link or status under a team heading, the scribe under Meta or as mentions") {
  for (const auto& m :
       {markdown("# Weekly 2024-03-14\n\n## Meta\n\n- Minutes: Jonas\n\n## Team IaaS\n\n"
                 "Minutes: <https://x.org/iaas/20240313.md> (waiting to be merged)\n\n- item\n\n"
                 "## Team Ops\n\nMinutes: Not merged yet\n\n## Team IAM\n\n- item\n\nMinutes: later\n"),
        draft("Weekly 2024-03-14\n\nMeta\n----\n- Minutes: Jonas\n\nTeam IaaS\n---------\n"
              "Minutes: https://x.org/iaas/20240313.md (waiting to be merged)\n\n- item\n\n"
              "Team Ops\n--------\nMinutes: Not merged yet\n\nTeam IAM\n--------\n- item\n\nMinutes: later\n")}) {
    CHECK(m.scribes == Names{"Jonas"});
    const ir::Section* meta = section(m, "Meta");
    REQUIRE(meta);
    CHECK(meta->blocks.empty());  // "Meta - Minutes: Jonas" is not printed again beside "Scribe: Jonas"
    CHECK(ir::consumed_meta(*meta));
    const ir::Section* iaas = section(m, "Team IaaS");
    REQUIRE(iaas);
    REQUIRE(iaas->minutes);
    CHECK(iaas->minutes->url == "https://x.org/iaas/20240313.md");
    CHECK(iaas->minutes->status == "waiting to be merged");
    REQUIRE(iaas->blocks.size() == 1);
    const ir::Section* ops = section(m, "Team Ops");
    REQUIRE(ops);
    REQUIRE(ops->minutes);
    CHECK(ops->minutes->status == "Not merged yet");
    CHECK(ops->blocks.empty());
    const ir::Section* iam = section(m, "Team IAM");
    REQUIRE(iam);
    CHECK_FALSE(iam->minutes);  // not right under the heading: content
    CHECK(content(m).find("Minutes: later") != std::string::npos);
  }
}

TEST_CASE("a Date: line dates the meeting in the preamble or under Meta; elsewhere it is an event's") {
  for (const auto& m : {markdown("# Weekly\n\nDatum: 5. M\xC3\xA4rz 2024\n\n## Events\n\nSummit\n\nDate: 2024-07-15\n"),
                        draft("Weekly\nDatum: 5. M\xC3\xA4rz 2024\n\nEvents\n------\nSummit\n\nDate: 2024-07-15\n")}) {
    REQUIRE(m.date);
    CHECK(ir::iso(*m.date) == "2024-03-05");
    CHECK(m.diagnostics.empty());
    CHECK(content(m) == "Summit\nDate: 2024-07-15\n");
  }
  // The title's date wins over a differing date line, with a warning on that line.
  auto w = markdown("# Weekly 2024-03-14\n\nDate: 2024-03-15\n");
  CHECK(ir::iso(*w.date) == "2024-03-14");
  REQUIRE(w.diagnostics.size() == 1);
  CHECK(w.diagnostics[0].line == 3);
}

TEST_CASE("participants from Participants sections in both languages, not from Presentation sections") {
  for (const char* heading : {"Participants (github handles preferred)", "Teilnehmende", "Anwesend", "Attendees"}) {
    INFO(heading);
    auto m = markdown(std::string("# Weekly 2024-03-14\n\n## ") + heading +
                      "\n\n- @garloff (joined later)\n- Anna Smith\n\n"
                      "## Presentation of the dashboard\n\n- very well received\n");
    CHECK(m.participants == Names{"garloff", "Anna Smith"});
    REQUIRE(section(m, heading));
    CHECK(section(m, heading)->blocks.size() == 1);  // the list stays: it is the section's content
  }
}

TEST_CASE("the title: the first level-1 heading, else the front matter's; series and date from it") {
  auto m = markdown("Intro\n\n## Before\n\n# SCS Tech Weekly 2023-05-04\n\n## After\n");
  CHECK(m.title == "SCS Tech Weekly 2023-05-04");
  CHECK(m.series == "SCS Tech Weekly");
  REQUIRE(m.sections.size() == 2);  // the title is no section
  auto f = markdown("---\ntitle: Team IaaS\ndate: 2024-02-01\n---\n\n## Topic\n");
  CHECK(f.title == "Team IaaS");
  CHECK(ir::iso(*f.date) == "2024-02-01");
  // An e-mail's subject is its title, whatever level-1 headings its body has.
  auto e = draft("From: a@example.org\nSubject: Re: Team Ops 2024-03-14\n\nTeams\n=====\n- a\n");
  CHECK(e.title == "Team Ops 2024-03-14");
  REQUIRE(e.sections.size() == 1);
  CHECK(e.sections[0].title == "Teams");
}

TEST_CASE("one mention rule for both readers: @handle in text, not in e-mail addresses, URLs or links") {
  const char* line = "Thanks @jschoone and @o-otte, mail a@b.de, see https://x.org/@foo or @scs.community.";
  for (const auto& m : {markdown(std::string("# T\n\n") + line + " [@link](https://x.org)\n"),
                        draft(std::string("T\n\n") + line + " <https://x.org/@bar>\n")}) {
    Names handles;
    for (const auto& in : m.blocks.at(0).inlines) {
      if (in.kind == ir::InlineKind::mention) handles.push_back(in.text);
      for (const auto& child : in.children) CHECK(child.kind != ir::InlineKind::mention);
    }
    CHECK(handles == Names{"jschoone", "o-otte"});
  }
  auto d = draft("T\n\nPing @fkr now\n");
  const auto& in = d.blocks.at(0).inlines;
  REQUIRE(in.size() == 3);
  CHECK(in[1].kind == ir::InlineKind::mention);
  CHECK(in[1].column == 6);  // the '@'
  CHECK(in[2].text == " now");
}

TEST_CASE("a huge name list is bounded, and recognition keeps every other word") {
  std::string names;
  for (int i = 0; i < 5000; ++i) names += (i % 100 == 0 ? "\nPresent: " : ", ") + ("Name" + std::to_string(i));
  auto m = markdown("# Weekly 2024-03-14\n\n" + names + "\n\nLast words\n");
  CHECK(m.participants.size() == 1000);
  CHECK(content(m) == "Last words\n");
}

TEST_CASE("meta keys: English and German, case-insensitive, a value needed") {
  CHECK(minutes::meta_label("Teilnehmende: a").key == minutes::MetaKey::participants);
  CHECK(minutes::meta_label("NOTE TAKER: a").key == minutes::MetaKey::scribe);
  CHECK(minutes::meta_label("Agenda: a").key == minutes::MetaKey::none);
  CHECK(minutes::is_meta_line("Protokoll: Max"));
  CHECK_FALSE(minutes::is_meta_line("Protokoll:"));
  CHECK_FALSE(minutes::is_meta_line("Date: soon"));  // a date line needs a date
  CHECK(minutes::is_participants_title("Participants - use of github handle is preferred"));
  CHECK_FALSE(minutes::is_participants_title("Presentation of status-page-web"));
}

TEST_CASE("dates from the title, the front matter, the file name, then the folder name; folder names made human") {
  CHECK(ir::iso(*markdown("# Notes 2024-04-17\n\ntext\n", "hackathons/2024-04-16-arnsberg/notes.md").date) ==
        "2024-04-17");
  CHECK(ir::iso(*markdown("---\ndate: 2024-04-18\n---\n# Notes\n", "hackathons/2024-04-16-arnsberg/notes.md").date) ==
        "2024-04-18");
  CHECK(ir::iso(*markdown("# Notes\n", "hackathons/2024-04-16-arnsberg/20240419.md").date) == "2024-04-19");
  CHECK(ir::iso(*markdown("# Notes\n", "hackathons/2024-04-16-arnsberg/kaasv2.md").date) == "2024-04-16");
  CHECK(!markdown("# Notes\n", "2024-04-16-arnsberg/team/kaasv2.md").date);      // only the file's own folder
  CHECK(!markdown("# Notes\n", "hackathons/2022-09-cloudmon/minutes.md").date);  // a month is no day
  CHECK(minutes::human_name("project-board") == "Project Board");
  CHECK(minutes::human_name("sig-iam") == "SIG IAM");
  CHECK(minutes::human_name("iaas") == "IaaS");
  CHECK(minutes::human_name("community_call") == "Community Call");
  CHECK(minutes::human_name("ops") == "Ops");
  CHECK(minutes::human_name("scs-minutes") == "SCS Minutes");  // a short word without a vowel is an acronym
}
