// `minutes build` on small archives made here: tree mirroring, skip rule, parallel determinism, incremental
// rebuilds, removal, broken files, path safety, progress output and minutes.yaml.
#include <doctest/doctest.h>

#include <thread>

#include "archive/build_test_util.hpp"

using namespace build_test;

namespace {

const std::vector<std::string> formats = {".odt", ".docx", ".html"};

// An archive of three meetings in two folders plus files the skip rule and --exclude leave out.
void make_archive(const TempDir& t) {
  write(t / "src/team-a/20240307.md", meeting_md("Team A Weekly 2024-03-07"));
  write(t / "src/team-a/20240314.md", meeting_md("Team A Weekly 2024-03-14"));
  write(t / "src/team-b/notes/20240308.txt", meeting_txt("Team B sync 2024-03-08"));
  write(t / "src/README.md", "# About these minutes\n\nNot a meeting.\n");
  write(t / "src/team-a/template.md", "# Team A Weekly YYYY-MM-DD\n");
  write(t / "src/team-a/meeting-template.md", "# Template\n");
  write(t / "src/LICENSE.md", "CC BY-ND 4.0\n");
  write(t / "src/drafts/20240320.md", meeting_md("Draft 2024-03-20"));
  write(t / "src/team-b/20240315-private.md", meeting_md("Private 2024-03-15"));
  write(t / "src/.hidden/20240301.md", meeting_md("Hidden 2024-03-01"));
  write(t / "src/team-a/notes.json", "{}");
}

std::vector<std::string> build_args(const TempDir& t, const std::string& out, std::vector<std::string> more = {}) {
  std::vector<std::string> args = {(t / "src").string(), "-o", (t / out).string(), "--exclude", "drafts", "--exclude",
                                   "team-b/*-private.md"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

bool has_output(const TempDir& t, const std::string& out, const std::string& stem) {
  for (const auto& f : formats)
    if (!fs::exists(t / (out + "/" + stem + f)) || fs::file_size(t / (out + "/" + stem + f)) == 0) return false;
  return true;
}

}  // namespace

TEST_CASE("build mirrors the tree, skips README/templates/--exclude and writes the aggregates") {
  TempDir t;
  make_archive(t);
  Run r = minutes_build(build_args(t, "out", {"-j", "2"}));
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(has_output(t, "out", "team-a/20240307"));
  CHECK(has_output(t, "out", "team-a/20240314"));
  CHECK(has_output(t, "out", "team-b/notes/20240308"));
  for (const auto& skipped : {"README", "team-a/template", "team-a/meeting-template", "LICENSE", "drafts/20240320",
                              "team-b/20240315-private", ".hidden/20240301"})
    for (const auto& f : formats) CHECK_MESSAGE(!fs::exists(t / (std::string("out/") + skipped + f)), skipped);
  CHECK(!fs::exists(t / "out/drafts"));
  for (const auto& aggregate : {"calendar.ics", "feed.xml", "index.html"}) {
    CHECK(fs::exists(t / (std::string("out/") + aggregate)));
    CHECK(fs::file_size(t / (std::string("out/") + aggregate)) > 0);
  }
  // The ODT and DOCX are zip packages; the HTML page links to its siblings.
  CHECK(slurp(t / "out/team-a/20240307.odt").starts_with("PK"));
  CHECK(slurp(t / "out/team-a/20240307.docx").starts_with("PK"));
  std::string index = slurp(t / "out/index.html");
  CHECK(index.starts_with("<!DOCTYPE html>"));
  CHECK(index.find("href=\"team-a/20240307.html\"") != std::string::npos);
  CHECK(index.find("href=\"team-a/20240307.odt\"") != std::string::npos);
  CHECK(index.find("href=\"team-b/notes/20240308.docx\"") != std::string::npos);
  CHECK(index.find("Team A Weekly 2024-03-14") != std::string::npos);
  CHECK(index.find("href=\"feed.xml\"") != std::string::npos);
  CHECK(index.find("href=\"calendar.ics\"") != std::string::npos);
  CHECK(index.find("Draft") == std::string::npos);
  // The calendar holds the events of every meeting; the feed has one item per meeting.
  std::string ics = slurp(t / "out/calendar.ics");
  CHECK(ics.find("BEGIN:VCALENDAR") == 0);
  CHECK(ics.find("Hackathon") != std::string::npos);
  std::string feed = slurp(t / "out/feed.xml");
  size_t items = 0;
  for (size_t p = feed.find("<item>"); p != std::string::npos; p = feed.find("<item>", p + 1)) ++items;
  CHECK(items == 3);
  // The summary counts the meetings.
  CHECK(r.err.find("3 meetings") != std::string::npos);
}

TEST_CASE("the skip rule matches whole names; --verbose says what was skipped and why") {
  TempDir t;
  make_archive(t);
  write(t / "src/team/security-sync-2024-03-14.md", meeting_md("Security sync 2024-03-14"));
  write(t / "src/team/sourcery-2024-03-15.md", meeting_md("Sourcery 2024-03-15"));
  write(t / "src/team/templates-review-2024-03-16.md", meeting_md("Templates review 2024-03-16"));
  write(t / "src/team/README.de.md", "# Über diese Protokolle\n");
  write(t / "src/team/changelog.txt", "1.0: first\n");
  write(t / "src/team/weekly_template.md", "# Weekly YYYY-MM-DD\n");
  Run r = minutes_build(build_args(t, "out", {"--verbose"}));
  INFO(r.err);
  CHECK(r.code == 0);
  for (const auto& stem :
       {"team/security-sync-2024-03-14", "team/sourcery-2024-03-15", "team/templates-review-2024-03-16"})
    CHECK_MESSAGE(has_output(t, "out", stem), stem);
  for (const auto& stem : {"team/README.de", "team/changelog", "team/weekly_template"})
    CHECK_MESSAGE(!fs::exists(t / ("out/" + std::string(stem) + ".odt")), stem);
  std::string src = (t / "src").string();
  for (const auto& line :
       {"/README.md: note: skipped: a README file, not minutes",
        "/team/README.de.md: note: skipped: a README file, not minutes",
        "/team/changelog.txt: note: skipped: a CHANGELOG file, not minutes",
        "/team-a/template.md: note: skipped: a template, not minutes",
        "/team/weekly_template.md: note: skipped: a template, not minutes",
        "/drafts/: note: skipped: excluded by 'drafts'",
        "/team-b/20240315-private.md: note: skipped: excluded by 'team-b/*-private.md'",
        "/.hidden/: note: skipped: hidden", "/team-a/notes.json: note: skipped: no reader takes this kind of file"})
    CHECK_MESSAGE(r.err.find(src + line) != std::string::npos, line);
  CHECK(r.err.find(src + "/team/security-sync-2024-03-14.md: note: built") != std::string::npos);
  CHECK(r.err.find("6 meetings") != std::string::npos);
  // Without --verbose, nothing of it.
  r = minutes_build(build_args(t, "out"));
  CHECK(r.err.find("skipped") == std::string::npos);
}

TEST_CASE("upcoming events on the index are relative to the newest meeting or SOURCE_DATE_EPOCH") {
  TempDir t;
  write(t / "src/team/20240307.md", meeting_md("Team Weekly 2024-03-07", "2024-05-10"));
  Run r = minutes_build({(t / "src").string(), "-o", (t / "out").string()});
  REQUIRE(r.code == 0);
  std::string index = slurp(t / "out/index.html");
  auto upcoming = index.substr(index.find("id=\"upcoming\""));
  upcoming = upcoming.substr(0, upcoming.find("</section>"));
  CHECK(upcoming.find("2024-05-10") != std::string::npos);  // after the meeting
  CHECK(upcoming.find("2023-01-01") == std::string::npos);  // before it
  // 2024-06-01 00:00 UTC: the hackathon is past then.
  r = minutes_build({(t / "src").string(), "-o", (t / "out2").string()}, "1717200000");
  REQUIRE(r.code == 0);
  index = slurp(t / "out2/index.html");
  upcoming = index.substr(index.find("id=\"upcoming\""));
  upcoming = upcoming.substr(0, upcoming.find("</section>"));
  CHECK(upcoming.find("2024-06-01") != std::string::npos);
  CHECK(upcoming.find("2024-05-10") == std::string::npos);
}

TEST_CASE("-j 1 and -j 2 give byte-identical output") {
  TempDir t;
  make_archive(t);
  std::string links;  // many autolinks in every file: parallel Markdown parses must not lose any
  for (int n = 0; n < 400; ++n)
    links += "- item " + std::to_string(n) + " www.example.org/" + std::to_string(n) + " and https://example.com/x\n";
  for (int k = 10; k < 40; ++k)
    write(t / ("src/team-c/202404" + std::to_string(k) + ".md"), meeting_md("Team C " + std::to_string(k)) + links);
  for (const auto& pair : {std::pair{"one", "1"}, {"two", "2"}, {"four", "4"}}) {
    const char* jobs = pair.second;  // not a structured binding: clang 14 cannot capture one in REQUIRE_MESSAGE
    auto run = minutes_build(build_args(t, pair.first, {"-j", jobs}));
    REQUIRE_MESSAGE(run.code == 0, "-j " << jobs << ": " << run.err);
  }
  auto one = contents(t / "one"), two = contents(t / "two"), four = contents(t / "four");
  // 33 meetings; calendar, 3 feeds, events, search, index; 3 series with 3 feeds and a page; manifest, summaries
  // and lock
  CHECK(one.size() == 3 * 33 + 7 + 3 * 4 + 3);
  for (const auto& entry : one) {
    const std::string& rel = entry.first;
    const std::string& bytes = entry.second;
    CHECK_MESSAGE(two[rel] == bytes, rel);
    CHECK_MESSAGE(four[rel] == bytes, rel);
  }
  CHECK(one["team-c/20240410.html"].find("href=\"https://example.org/notes\"") != std::string::npos);
}

TEST_CASE("an unchanged rebuild writes nothing; a touched file rewrites no output") {
  TempDir t;
  make_archive(t);
  REQUIRE(minutes_build(build_args(t, "out")).code == 0);
  auto before = snapshot(t / "out");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  Run r = minutes_build(build_args(t, "out"));
  CHECK(r.code == 0);
  CHECK(r.err.find("3 meetings up to date, nothing written") != std::string::npos);
  CHECK(snapshot(t / "out") == before);

  // Same bytes, new modification time: the hash says unchanged, so only the manifest is updated.
  write(t / "src/team-a/20240307.md", slurp(t / "src/team-a/20240307.md"));
  r = minutes_build(build_args(t, "out"));
  CHECK(r.code == 0);
  auto after = snapshot(t / "out");
  for (const auto& entry : before)
    if (entry.first != ".minutes-manifest") CHECK_MESSAGE(after.at(entry.first) == entry.second, entry.first);
  CHECK(r.err.find("0 built") != std::string::npos);
}

TEST_CASE("a changed file rebuilds its outputs and the aggregates, nothing else") {
  TempDir t;
  make_archive(t);
  REQUIRE(minutes_build(build_args(t, "out")).code == 0);
  auto before = snapshot(t / "out");
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  write(t / "src/team-a/20240314.md", meeting_md("Team A Weekly 2024-03-14 (renamed)"));
  Run r = minutes_build(build_args(t, "out"));
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(r.err.find("1 built") != std::string::npos);
  auto after = snapshot(t / "out");
  for (const auto& f : formats)
    CHECK(after.at("team-a/20240314" + f).mtime_ns != before.at("team-a/20240314" + f).mtime_ns);
  for (const auto& stem : {"team-a/20240307", "team-b/notes/20240308"})
    for (const auto& f : formats) CHECK(after.at(stem + f) == before.at(stem + f));
  CHECK(after.at("index.html").mtime_ns != before.at("index.html").mtime_ns);
  CHECK(slurp(t / "out/index.html").find("(renamed)") != std::string::npos);
  CHECK(slurp(t / "out/feed.xml").find("(renamed)") != std::string::npos);
  CHECK(after.at(".minutes-manifest").mtime_ns != before.at(".minutes-manifest").mtime_ns);
}

TEST_CASE("an incremental build gives the same bytes as a full build of the same sources") {
  TempDir t;
  make_archive(t);
  for (int k = 1; k <= 4; ++k)
    write(t / ("src/team-c/2024040" + std::to_string(k) + ".md"),
          meeting_md("Team C 2024-04-0" + std::to_string(k), "2024-06-1" + std::to_string(k)));
  REQUIRE(minutes_build(build_args(t, "inc", {"--feed-items", "2"})).code == 0);
  // The oldest meeting changes, one goes, one comes: the feed's newest two are known only by their summaries.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  write(t / "src/team-a/20240307.md", meeting_md("Team A Weekly 2024-03-07 (changed)", "2024-07-01"));
  fs::remove(t / "src/team-c/20240402.md");
  write(t / "src/team-d/20240305.txt", meeting_txt("Team D 2024-03-05"));
  Run r = minutes_build(build_args(t, "inc", {"--feed-items", "2"}));
  INFO(r.err);
  CHECK(r.code == 0);
  // The changed, the new, and the two pages beside the gone one (their previous/next links change).
  CHECK(r.err.find("4 built") != std::string::npos);
  // Read again: the newest two of the archive's and of each series' feeds that this run did not read.
  CHECK(r.err.find("reading 3 files") != std::string::npos);
  REQUIRE(minutes_build(build_args(t, "full", {"--feed-items", "2"})).code == 0);
  auto inc = contents(t / "inc"), full = contents(t / "full");
  for (const auto& entry : full)
    if (entry.first != ".minutes-manifest")  // its lines come in another order
      CHECK_MESSAGE((inc.count(entry.first) && inc.at(entry.first) == entry.second), entry.first);
  CHECK(inc.size() == full.size());
  CHECK(slurp(t / "inc/calendar.ics").find("20240701") != std::string::npos);
}

TEST_CASE("a deleted or newly excluded source loses its outputs") {
  TempDir t;
  make_archive(t);
  REQUIRE(minutes_build(build_args(t, "out")).code == 0);
  fs::remove(t / "src/team-b/notes/20240308.txt");
  Run r = minutes_build(build_args(t, "out"));
  CHECK(r.code == 0);
  CHECK(r.err.find("1 removed") != std::string::npos);
  for (const auto& f : formats) CHECK(!fs::exists(t / ("out/team-b/notes/20240308" + f)));
  CHECK(!fs::exists(t / "out/team-b"));  // emptied folders go too
  CHECK(slurp(t / "out/index.html").find("20240308") == std::string::npos);
  CHECK(has_output(t, "out", "team-a/20240307"));
  r = minutes_build(build_args(t, "out", {"--exclude", "20240314.md"}));
  CHECK(r.code == 0);
  CHECK(!fs::exists(t / "out/team-a/20240314.odt"));
  CHECK(has_output(t, "out", "team-a/20240307"));
}

TEST_CASE("a broken file is reported, the rest is built, the exit code is 1") {
  TempDir t;
  make_archive(t);
  write(t / "src/team-a/20240321.md", std::string("PK\x03\x04\0\0\xff\xfe binary\0data", 20));
  Run r = minutes_build(build_args(t, "out"));
  CHECK(r.code == 1);
  CHECK(r.err.find("team-a/20240321.md") != std::string::npos);
  CHECK(r.err.find("error") != std::string::npos);
  CHECK(r.err.find("1 errors") != std::string::npos);
  CHECK(!fs::exists(t / "out/team-a/20240321.odt"));
  CHECK(has_output(t, "out", "team-a/20240307"));
  CHECK(has_output(t, "out", "team-b/notes/20240308"));
  CHECK(fs::exists(t / "out/index.html"));
  // Still broken on the next run: reported again, exit 1, while the rest stays up to date.
  r = minutes_build(build_args(t, "out"));
  CHECK(r.code == 1);
  CHECK(r.err.find("team-a/20240321.md") != std::string::npos);
  // Fixed: it builds.
  write(t / "src/team-a/20240321.md", meeting_md("Team A Weekly 2024-03-21"));
  r = minutes_build(build_args(t, "out"));
  CHECK(r.code == 0);
  CHECK(has_output(t, "out", "team-a/20240321"));
}

TEST_CASE("hostile names, titles and symlinks cannot make it write outside OUT") {
  TempDir t;
  write(t / "outside/secret.md", meeting_md("Outside 2024-01-01"));
  write(t / "src/team/20240307.md", meeting_md("../../../../escaped 2024-03-07"));
  write(t / "src/team/..evil.md", meeting_md("Dots"));
  write(t / "src/team/a b & 'c' <d>.md", meeting_md("Odd name 2024-03-09"));
  write(t / "src/team/-o.md", meeting_md("Dash 2024-03-10"));
  fs::create_symlink(t / "outside/secret.md", t / "src/team/link.md");
  fs::create_directory_symlink(t / "outside", t / "src/linked-folder");
  fs::create_directories(t / "out");
  fs::create_directory_symlink(t / "outside", t / "out/team");  // a planted symlink inside OUT
  auto outside_before = snapshot(t / "outside");
  Run r = minutes_build({(t / "src").string(), "-o", (t / "out").string()});
  INFO(r.err);
  CHECK(r.code == 1);  // the planted symlink refuses the team folder
  CHECK(r.err.find("symlink") != std::string::npos);
  CHECK(snapshot(t / "outside") == outside_before);
  CHECK(!fs::exists(t / "escaped 2024-03-07.html"));
  CHECK(r.err.find("link.md") != std::string::npos);  // the escaping symlink is reported, not followed

  fs::remove(t / "out/team");
  r = minutes_build({(t / "src").string(), "-o", (t / "out").string()});
  CHECK(r.code == 0);
  CHECK(snapshot(t / "outside") == outside_before);
  CHECK(has_output(t, "out", "team/20240307"));
  CHECK(has_output(t, "out", "team/a b & 'c' <d>"));
  CHECK(has_output(t, "out", "team/-o"));
  CHECK(!fs::exists(t / "out/team/link.odt"));
  CHECK(!fs::exists(t / "out/team/..evil.odt"));  // hidden names are skipped
  CHECK(!fs::exists(t / "out/linked-folder"));
  for (const auto& entry : snapshot(t.path)) {
    const std::string& rel = entry.first;
    CHECK_MESSAGE((rel.starts_with("out/") || rel.starts_with("src/") || rel.starts_with("outside/")), rel);
  }
  CHECK(slurp(t / "out/index.html").find("href=\"team/a%20b%20%26%20%27c%27%20%3Cd%3E.html\"") != std::string::npos);
}

TEST_CASE("progress: plain lines when not on a terminal, a redrawn bar on one, nothing with --quiet") {
  TempDir t;
  make_archive(t);
  Run r = minutes_build(build_args(t, "out"));
  CHECK(r.code == 0);
  CHECK(r.err.find("minutes: building 3 files") != std::string::npos);
  CHECK(r.err.find("building 3/3 files") != std::string::npos);
  CHECK(r.err.find('\r') == std::string::npos);
  Run q = minutes_build(build_args(t, "quiet", {"--quiet"}));
  CHECK(q.code == 0);
  CHECK(q.err.empty());
  CHECK(has_output(t, "quiet", "team-a/20240307"));
  // On a terminal (script(1) gives the command a pseudo-terminal): '\r'-redrawn bar with counts and rate.
  std::string cmd = "script -qec " +
                    quote("env -u SOURCE_DATE_EPOCH " + quote(MINUTES_BINARY) + " build " +
                          quote((t / "src").string()) + " -o " + quote((t / "tty").string())) +
                    " /dev/null > " + quote((t / "tty.log").string());
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::string screen = slurp(t / "tty.log");
  CHECK(screen.find('\r') != std::string::npos);
  CHECK(screen.find("files/s") != std::string::npos);
  CHECK(screen.find("[########################]") != std::string::npos);
}

TEST_CASE("minutes.yaml sets names and organisation; flags override it") {
  TempDir t;
  write(t / "src/team/20240307.md", meeting_md("Team Weekly 2024-03-07"));
  write(t / "src/minutes.yaml",
        "title: Team minutes archive\norganisation: Example Cloud Project\nfunder: Funded by the Example Fund\n"
        "calendar:\n  name: Example events\nfeed:\n  title: Example weekly news\n  items: 5\n"
        "exclude:\n  - '*-draft.md'\nunknown_key: 1\n");
  write(t / "src/team/20240308-draft.md", meeting_md("A draft 2024-03-08"));
  Run r = minutes_build({(t / "src").string(), "-o", (t / "out").string()});
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(r.err.find("unknown setting 'unknown_key'") != std::string::npos);
  CHECK(slurp(t / "out/calendar.ics").find("X-WR-CALNAME:Example events") != std::string::npos);
  CHECK(slurp(t / "out/feed.xml").find("Example weekly news") != std::string::npos);
  std::string index = slurp(t / "out/index.html");
  CHECK(index.find("<title>Team minutes archive</title>") != std::string::npos);
  CHECK(index.find("Example Cloud Project") != std::string::npos);
  CHECK(index.find("Funded by the Example Fund") != std::string::npos);
  CHECK(slurp(t / "out/team/20240307.html").find("Example Cloud Project") != std::string::npos);
  CHECK(!fs::exists(t / "out/team/20240308-draft.odt"));
  // A flag wins over the file, and changed options rebuild everything.
  r = minutes_build({(t / "src").string(), "-o", (t / "out").string(), "--calendar-name", "Flag events"});
  CHECK(r.code == 0);
  CHECK(r.err.find("1 built") != std::string::npos);
  CHECK(slurp(t / "out/calendar.ics").find("X-WR-CALNAME:Flag events") != std::string::npos);
  CHECK(slurp(t / "out/feed.xml").find("Example weekly news") != std::string::npos);
}

TEST_CASE("minutes titled with their date alone take their series from the top folder, or from minutes.yaml") {
  TempDir t;
  write(t / "src/iaas/20241211.md", "# 2024-12-11\n\n## Participants\n\n* @someone\n\n## Notes\n\n* Sprint review\n");
  write(t / "src/iaas/20241204.md", "## Notes\n\n* No title at all\n");
  write(t / "src/ops/20241212.md", "# Team Ops Weekly 2024-12-12\n\n## Notes\n\n* A title that names its series\n");
  write(t / "src/ops/workshop.md", "# API Minihackathon @ GONICUS\n\n## Notes\n\n* A one-off with its own name\n");
  Run r = minutes_build({(t / "src").string(), "-o", (t / "out").string()});
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::string feed = slurp(t / "out/feed.xml");
  CHECK(feed.find("<title>IaaS \u2013 2024-12-11</title>") != std::string::npos);
  CHECK(feed.find("<title>IaaS \u2013 2024-12-04</title>") != std::string::npos);
  CHECK(feed.find("<title>Team Ops Weekly 2024-12-12</title>") != std::string::npos);
  CHECK(slurp(t / "out/index.html").find("IaaS \u2013 2024-12-11") != std::string::npos);
  CHECK(slurp(t / "out/index.html").find(">API Minihackathon @ GONICUS</a>") != std::string::npos);
  // Named in minutes.yaml: the name is used, and the changed setting rebuilds every output.
  write(t / "src/minutes.yaml", "series:\n  iaas: Team IaaS\n  ops: Never used\n");
  r = minutes_build({(t / "src").string(), "-o", (t / "out").string()});
  REQUIRE(r.code == 0);
  CHECK(r.err.find("4 built") != std::string::npos);
  feed = slurp(t / "out/feed.xml");
  CHECK(feed.find("<title>Team IaaS \u2013 2024-12-11</title>") != std::string::npos);
  CHECK(feed.find("<title>Team Ops Weekly 2024-12-12</title>") != std::string::npos);
  CHECK(feed.find("Never used") == std::string::npos);
  CHECK(slurp(t / "out/iaas/20241211.html").find("Team IaaS \u2013 2024-12-11") != std::string::npos);
  // A wrong shape is reported with its line, not ignored.
  write(t / "src/minutes.yaml", "series:\n  - iaas\n");
  r = minutes_build({(t / "src").string(), "-o", (t / "out").string()});
  CHECK(r.err.find("minutes.yaml:2") != std::string::npos);
  CHECK(r.err.find("series: expected a mapping") != std::string::npos);
}

TEST_CASE("meetings that share a title are told apart on the index") {
  TempDir t;
  // A title copied from last week's minutes, and slide decks whose title slide names the project, not the call.
  write(t / "src/weekly/20230202.md", "# SCS Tech Weekly 2023-02-02\n\n## Notes\n\n* one\n");
  write(t / "src/weekly/20230209.md", "# SCS Tech Weekly 2023-02-02\n\n## Notes\n\n* two\n");
  write(t / "src/calls/20241212.md", "# Sovereign Cloud Stack\n\n## Community Call 2024-12-12\n\n* three\n");
  write(t / "src/calls/20241219.md", "# Sovereign Cloud Stack\n\n## Community Call 2024-12-19\n\n* four\n");
  Run r = minutes_build({(t / "src").string(), "-o", (t / "out").string()});
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::string index = slurp(t / "out/index.html");
  CHECK(index.find(">SCS Tech Weekly 2023-02-02 (20230202)</a>") != std::string::npos);
  CHECK(index.find(">SCS Tech Weekly 2023-02-02 (20230209)</a>") != std::string::npos);
  // The decks are named with the series and date that the dated heading of their title slide gives.
  CHECK(index.find(">Sovereign Cloud Stack \u2013 Community Call 2024-12-12</a>") != std::string::npos);
  CHECK(index.find(">Sovereign Cloud Stack \u2013 Community Call 2024-12-19</a>") != std::string::npos);
}
