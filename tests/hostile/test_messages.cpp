// Messages safe to print and clear: control and bidi characters in file names escaped, invisible characters
// dropped from titles, calendar entries and output names; what is wrong, where, and what to do.
#include "converters/core/decode.hpp"
#include "hostile/run.hpp"

using namespace hostile;

namespace {

const std::string rlo = "\xE2\x80\xAE", zwsp = "\xE2\x80\x8B";  // U+202E RIGHT-TO-LEFT OVERRIDE, U+200B

// True when text holds a byte a terminal acts on (C0 controls but the line end, DEL) or a bidi override.
bool raw_controls(const std::string& text) {
  for (unsigned char c : text)
    if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
  return has(text, rlo);
}

}  // namespace

TEST_CASE("printable escapes controls, C1, bidi and zero-width characters and bytes that are not UTF-8") {
  CHECK(minutes::printable("a\x1b[2Jb") == "a\\x1b[2Jb");
  CHECK(minutes::printable("x" + rlo + "y" + zwsp) == "x\\u202ey\\u200b");
  CHECK(minutes::printable("\xC2\x85 \xFF \t") == "\\u0085 \\xff \\x09");
  CHECK(minutes::printable("Zoë 会议 — ok") == "Zoë 会议 — ok");
  int dropped = 0;
  CHECK(minutes::drop_invisible("Ti" + zwsp + "tle" + rlo, &dropped) == "Title");
  CHECK(dropped == 2);
}

TEST_CASE("a file name with escape sequences is printed escaped by check, convert and build") {
  fs::path dir = scratch("msg-names");
  fs::create_directories(dir / "src");
  std::string evil = "x\x1b]0;pwn\x07\x1b[2J" + rlo + ".md";
  spit(dir / "src" / evil, "# Team Weekly 2024-03-07\n\nbad \xFF byte\n");  // a warning naming the file
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"check", (dir / "src" / evil).string()},
           {"convert", (dir / "src" / evil).string(), "-o", (dir / "m.odt").string()},
           {"build", (dir / "src").string(), "-o", (dir / "out").string()}}) {
    CAPTURE(args[0]);
    Ended r = run(args);
    CHECK(r.status == 0);
    CHECK(has(r.err, "x\\x1b]0;pwn\\x07\\x1b[2J\\u202e.md"));
    CHECK_FALSE(raw_controls(r.err));
  }
  Ended missing = run({"convert", (dir / ("no\x1b[31m" + rlo + ".md")).string(), "-t", "json"});
  CHECK(missing.status == 1);
  CHECK(has(missing.err, "no\\x1b[31m\\u202e.md: error: does not exist"));
  CHECK_FALSE(raw_controls(missing.err));
}

TEST_CASE("bidi controls and zero-width characters leave titles, SUMMARY, LOCATION and output names, with a warning") {
  fs::path dir = scratch("msg-bidi");
  fs::create_directories(dir / "src");
  spit(dir / "src" / ("team" + rlo + "dm.md"),
       "# Team " + zwsp + "Weekly" + rlo + " 2024-03-07\n\n## Events\n\n- Hack" + rlo + "athon in Ber" + zwsp +
           "lin, 2024-05-14\n");
  Ended r = run({"build", (dir / "src").string(), "-o", (dir / "out").string(), "--formats", "html,json"});
  CHECK(r.status == 0);
  CHECK(has(r.err, "its outputs are named without them"));
  CHECK(has(r.err, "the title held bidi controls or zero-width characters"));
  CHECK(has(r.err, "the event's name or place held bidi controls"));
  CHECK(fs::exists(dir / "out/teamdm.html"));
  std::string ics = slurp(dir / "out/calendar.ics");
  CHECK(has(ics, "SUMMARY:Hackathon"));
  CHECK(has(ics, "Berlin"));
  for (const auto& e : fs::recursive_directory_iterator(dir / "out")) {
    CAPTURE(e.path());
    CHECK_FALSE(has(e.path().filename().string(), rlo));
  }
  for (std::string line; const auto& field : {"SUMMARY:", "LOCATION:"}) {
    size_t at = ics.find(field);
    REQUIRE(at != std::string::npos);
    line = ics.substr(at, ics.find("\r\n", at) - at);
    CHECK_FALSE(has(line, rlo));
    CHECK_FALSE(has(line, zwsp));
  }
  CHECK(has(slurp(dir / "out/teamdm.json"), "\"title\": \"Team Weekly 2024-03-07\""));
}

TEST_CASE("build: OUT a file, a symlink loop, a failed source and -j 0 each get one clear message") {
  fs::path dir = scratch("msg-build");
  fs::create_directories(dir / "src");
  spit(dir / "src/a.md", meeting());
  spit(dir / "src/bin.md", std::string("# x\0\x01\x02", 7));
  fs::create_symlink("loop2.md", dir / "src/loop1.md");
  fs::create_symlink("loop1.md", dir / "src/loop2.md");
  spit(dir / "outfile", "");
  Ended file = run({"build", (dir / "src").string(), "-o", (dir / "outfile").string()});
  CHECK(file.status == 1);
  CHECK(has(file.err, "the output folder " + (dir / "outfile").string() + " exists and is not a folder"));
  CHECK(std::count(file.err.begin(), file.err.end(), '\n') == 1);
  Ended b = run({"build", (dir / "src").string(), "-o", (dir / "out").string()});
  CHECK(b.status == 1);
  CHECK(has(b.err, "loop1.md: warning: skipped: a loop of symbolic links"));
  CHECK_FALSE(has(b.err, "leads outside the source folder"));
  CHECK(has(b.err, "bin.md: error: this looks like a binary file"));
  CHECK(has(b.err, "(1 built, 0 up to date, 1 failed, 0 removed)"));
  // A new OUT under a folder that may not be written names that folder and why, not "No such file".
  fs::create_directories(dir / "ro");
  fs::permissions(dir / "ro", fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                  fs::perm_options::remove);
  Ended ro = run({"build", (dir / "src").string(), "-o", (dir / "ro/new").string()}, {.as_nobody = true});
  CHECK(ro.status == 1);
  CHECK(has(ro.err, "cannot create the output folder " + (dir / "ro/new").string() + ": cannot create " +
                        (dir / "ro/new").string() + ": Permission denied"));
  Ended j = run({"build", (dir / "src").string(), "-o", (dir / "out").string(), "-j", "0"});
  CHECK(j.status == 2);
  CHECK(has(j.err, "'0' is not a count: say a whole number from 1 to 1000000"));
  CHECK_FALSE(has(j.err, "e+308"));
}
