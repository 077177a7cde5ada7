// `minutes build` under faults: a build killed at any point, builds of one OUT at once, a tampered manifest and
// the leftovers of a killed build never leave stale outputs or remove a file minutes did not write.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "archive/build_test_util.hpp"
#include "converters/library/archive_files.hpp"

using namespace build_test;
using namespace minutes;

namespace {

// Three meetings in two folders.
void make_archive(const TempDir& t) {
  write(t / "src/team-a/20240307.md", meeting_md("Team A Weekly 2024-03-07"));
  write(t / "src/team-a/20240314.md", meeting_md("Team A Weekly 2024-03-14"));
  write(t / "src/team-b/20240308.txt", meeting_txt("Team B sync 2024-03-08"));
}

std::vector<std::string> args(const TempDir& t, const std::string& out, std::vector<std::string> more = {}) {
  std::vector<std::string> a = {(t / "src").string(), "-o", (t / out).string(), "-j", "1"};
  a.insert(a.end(), more.begin(), more.end());
  return a;
}

// Every file of a tree but minutes' own hidden ones (manifest, summaries, lock).
std::map<std::string, std::string> outputs(const fs::path& root) {
  auto all = contents(root);
  std::erase_if(all, [](const auto& entry) { return entry.first.starts_with(".minutes-"); });
  return all;
}

// True when out holds exactly what a build of the same sources into a fresh folder gives.
bool same_as_fresh(const TempDir& t, const std::string& out, const std::vector<std::string>& more = {}) {
  std::error_code ec;
  fs::remove_all(t / "fresh", ec);
  Run fresh = minutes_build(args(t, "fresh", more));
  REQUIRE_MESSAGE(fresh.code == 0, fresh.err);
  auto got = outputs(t / out), want = outputs(t / "fresh");
  for (const auto& entry : want) {
    const std::string& rel = entry.first;  // not a structured binding: clang 14 cannot capture one in CHECK_MESSAGE
    CHECK_MESSAGE((got.count(rel) && got.at(rel) == entry.second), out << ": " << rel);
  }
  CHECK(got.size() == want.size());
  return got == want;
}

// A `minutes build` started in the background.
struct Background {
  pid_t pid = -1;
  fs::path err = stderr_file();
  explicit Background(const std::vector<std::string>& a) {
    std::string cmd = "exec " + build_command(a, err);
    pid = ::fork();
    if (pid == 0) {
      ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  // Waits for it to end; its exit code.
  int wait() {
    int status = 0;
    ::waitpid(pid, &status, 0);
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  ~Background() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      wait();
    }
    std::error_code ec;
    fs::remove(err, ec);
  }
};

}  // namespace

TEST_CASE("a build killed as any of its files lands, then an edit or its revert, rebuilds correctly") {
  TempDir t;
  make_archive(t);
  const std::string original = slurp(t / "src/team-a/20240314.md");
  const std::string edited = meeting_md("Team A Weekly 2024-03-14 (edited)", "2024-09-09");
  // An edit that changes a meeting's outputs and the aggregates lands file by file: the meeting's ODT, DOCX and
  // HTML, the calendar, the feed, the index, the summaries. Kill the build after each in turn.
  for (int kill_after = 1; kill_after <= 8; ++kill_after) {
    CAPTURE(kill_after);
    std::error_code ec;
    fs::remove_all(t / "out", ec);
    write(t / "src/team-a/20240314.md", original);
    REQUIRE(minutes_build(args(t, "out")).code == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    write(t / "src/team-a/20240314.md", edited);
    Run killed = minutes_build(args(t, "out"), "", "MINUTES_TEST_KILL_AFTER=" + std::to_string(kill_after));
    if (killed.code == 0) break;  // fewer files than that: every point is covered
    CHECK(killed.code == -1);
    // The revert: the same bytes (and size) as when the manifest was last written whole.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    write(t / "src/team-a/20240314.md", original);
    Run r = minutes_build(args(t, "out"));
    CHECK_MESSAGE(r.code == 0, r.err);
    CHECK(same_as_fresh(t, "out"));
    // And an edit again.
    write(t / "src/team-a/20240314.md", edited);
    CHECK(minutes_build(args(t, "out")).code == 0);
    CHECK(same_as_fresh(t, "out"));
  }
}

TEST_CASE("a manifest line cut short by a killed build does not swallow the next build's first line") {
  TempDir t;
  make_archive(t);
  const std::string original = slurp(t / "src/team-a/20240314.md");
  REQUIRE(minutes_build(args(t, "out")).code == 0);
  // The tail a build killed while appending leaves: a line without its end.
  std::ofstream(t / "out/.minutes-manifest", std::ios::app) << "source\tteam-a/2024";
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  write(t / "src/team-a/20240314.md", meeting_md("Team A Weekly 2024-03-14 (edited)", "2024-09-09"));
  // Killed as its first output lands: the line saying that meeting's outputs are no longer trusted must hold.
  CHECK(minutes_build(args(t, "out"), "", "MINUTES_TEST_KILL_AFTER=1").code == -1);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  write(t / "src/team-a/20240314.md", original);
  Run r = minutes_build(args(t, "out"));
  CHECK_MESSAGE(r.code == 0, r.err);
  CHECK(same_as_fresh(t, "out"));
}

TEST_CASE("a build of everything killed midway leaves no output trusted under the other options") {
  TempDir t;
  make_archive(t);
  for (int kill_after = 1; kill_after <= 4; ++kill_after) {
    CAPTURE(kill_after);
    std::error_code ec;
    fs::remove_all(t / "out", ec);
    REQUIRE(minutes_build(args(t, "out", {"--organisation", "Org A"})).code == 0);
    Run killed = minutes_build(args(t, "out", {"--organisation", "Org B"}), "",
                               "MINUTES_TEST_KILL_AFTER=" + std::to_string(kill_after));
    CHECK(killed.code == -1);
    // Back to the first options: what the killed build wrote is rebuilt, not taken as up to date.
    Run r = minutes_build(args(t, "out", {"--organisation", "Org A"}));
    CHECK_MESSAGE(r.code == 0, r.err);
    CHECK(same_as_fresh(t, "out", {"--organisation", "Org A"}));
  }
}

TEST_CASE("a second build of one OUT waits for the first, saying who holds it") {
  TempDir t;
  make_archive(t);
  REQUIRE(minutes_build(args(t, "out")).code == 0);
  // This test holds the lock as a running build would.
  int fd = ::open((t / "out/.minutes-lock").c_str(), O_RDWR);
  REQUIRE(fd >= 0);
  struct flock whole {};
  whole.l_type = F_WRLCK;
  whole.l_whence = SEEK_SET;
  REQUIRE(::fcntl(fd, F_SETLK, &whole) == 0);
  write(t / "src/team-a/20240314.md", meeting_md("Team A Weekly 2024-03-14 (while locked)"));
  Background second(args(t, "out"));
  std::string said;
  for (int i = 0; i < 600 && said.find("waiting for it") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    said = slurp(second.err);
  }
  CHECK(said.find("is being built by another minutes build (process " + std::to_string(::getpid()) + ")") !=
        std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(slurp(t / "out/team-a/20240314.html").find("(while locked)") == std::string::npos);  // it has not begun
  ::close(fd);  // the lock is released
  CHECK(second.wait() == 0);
  CHECK(slurp(t / "out/team-a/20240314.html").find("(while locked)") != std::string::npos);
}

TEST_CASE("two builds of one OUT with different options at once, then a third: every output has its options") {
  TempDir t;
  make_archive(t);
  for (int k = 10; k < 40; ++k)
    write(t / ("src/team-c/202404" + std::to_string(k) + ".md"), meeting_md("Team C " + std::to_string(k)));
  for (int trial = 0; trial < 3; ++trial) {
    CAPTURE(trial);
    {
      Background a(args(t, "out", {"--organisation", "Org A"}));
      Background b(args(t, "out", {"--organisation", "Org B"}));
      CHECK(a.wait() == 0);
      CHECK(b.wait() == 0);
    }
    const char* third = trial % 2 ? "Org A" : "Org B";
    Run r = minutes_build(args(t, "out", {"--organisation", third}));
    CHECK_MESSAGE(r.code == 0, r.err);
    size_t pages = 0;
    for (const auto& entry : outputs(t / "out")) {
      const std::string& rel = entry.first;
      if (!rel.ends_with(".html") || rel == "index.html" || rel.ends_with("/index.html") || rel == "events.html" ||
          rel == "search.html")
        continue;  // the site's pages: of the archive, not of a meeting
      ++pages;
      CHECK_MESSAGE(entry.second.find(third) != std::string::npos, rel);
    }
    CHECK(pages == 33);
    CHECK(same_as_fresh(t, "out", {"--organisation", third}));
  }
}

TEST_CASE("a tampered manifest cannot make a build remove a file it did not write, or one changed since") {
  TempDir t;
  make_archive(t);
  write(t / "outside/secret.odt", "secret");
  REQUIRE(minutes_build(args(t, "out")).code == 0);
  // Files a site keeps beside the outputs, and two a build wrote: one as written, one edited since.
  const std::map<std::string, std::string> others = {{".htaccess", "Deny from all\n"},
                                                     {".nojekyll", ""},
                                                     {"notes.txt", "mine\n"},
                                                     {"team-a/keep.txt", "mine too\n"},
                                                     {"team-a/gone.odt", "an old output\n"},
                                                     {"team-a/edited.html", "edited by hand\n"}};
  for (const auto& [rel, bytes] : others) write(t / ("out/" + rel), bytes);
  auto record = [&](std::vector<std::string> paths, const std::string& wrong = "") {
    archive::SourceRecord r{1, 1, "0", true, 0, 0, "", "", {}};
    for (const auto& p : paths) {
      std::string bytes = slurp(t / ("out/" + p));
      r.outputs.push_back({p, p == wrong ? archive::hash_bytes("what minutes wrote") : archive::hash_bytes(bytes)});
    }
    return r;
  };
  std::string lines = archive::source_line(".htaccess", record({".htaccess"})) +
                      archive::source_line("notes.md", record({"notes.txt", ".nojekyll"})) +
                      archive::source_line("index.md", record({"index.html", "calendar.ics"})) +
                      archive::source_line("team-a/gone.md", record({"team-a/gone.odt", "team-a/keep.txt"})) +
                      archive::source_line("team-a/edited.md", record({"team-a/edited.html"}, "team-a/edited.html")) +
                      "source\t../outside/secret.md\t1\t1\t0\t1\t0\t0\t\t\t../outside/secret.odt\t" +
                      archive::hash_bytes("secret") + "\n";
  std::ofstream(t / "out/.minutes-manifest", std::ios::app) << lines;
  Run r = minutes_build(args(t, "out"));
  INFO(r.err);
  CHECK(r.code == 0);
  CHECK(!fs::exists(t / "out/team-a/gone.odt"));  // the one file that was a removed meeting's output, as written
  for (const auto& kept : others)  // no structured binding: clang cannot capture one in CHECK_MESSAGE
    if (kept.first != "team-a/gone.odt") CHECK_MESSAGE(slurp(t / ("out/" + kept.first)) == kept.second, kept.first);
  CHECK(r.err.find("out/team-a/edited.html: warning: kept: it changed since minutes wrote it") != std::string::npos);
  CHECK(slurp(t / "outside/secret.odt") == "secret");
  for (const auto& aggregate : {"index.html", "calendar.ics"}) CHECK(fs::file_size(t / "out" / aggregate) > 100);
  for (const auto& [rel, bytes] : others)
    if (rel != "team-a/gone.odt") fs::remove(t / ("out/" + rel));
  CHECK(same_as_fresh(t, "out"));
}

TEST_CASE("the temporary files a killed build leaves are removed by the next; others stay") {
  TempDir t;
  make_archive(t);
  REQUIRE(minutes_build(args(t, "out")).code == 0);
  const std::vector<std::string> leftovers = {"team-a/.20240307.html.tmp-Ab3xYz", ".calendar.ics.tmp-000000",
                                              "..minutes-manifest.tmp-q1w2e3", "team-b/.20240308.docx.tmp-ZZZZZZ"};
  const std::vector<std::string> kept = {".notes.txt.tmp-abcdef", "team-a/.20240307.html.tmp-short",
                                         "team-a/.draft.tmp-abcdef", ".htaccess"};
  for (const auto& rel : leftovers) write(t / ("out/" + rel), "half written");
  for (const auto& rel : kept) write(t / ("out/" + rel), "not minutes'");
  Run r = minutes_build(args(t, "out"));
  CHECK(r.code == 0);
  for (const auto& rel : leftovers) CHECK_MESSAGE(!fs::exists(t / ("out/" + rel)), rel);
  for (const auto& rel : kept) CHECK_MESSAGE(fs::exists(t / ("out/" + rel)), rel);
}
