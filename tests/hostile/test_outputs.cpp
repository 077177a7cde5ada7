// Outputs that would lose input or replace what is not a file: an input named as output (the same path, a hard or
// symbolic link, standard input's file), a folder, a FIFO, a device, /dev/stdout; and folders that cannot be written.
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <thread>

#include "hostile/run.hpp"

using namespace hostile;

TEST_CASE("an output that is an input is refused with exit 2 and the input kept: same path, hard link, symlink") {
  fs::path dir = scratch("same-file");
  std::string text = meeting();
  spit(dir / "m.md", text);
  fs::create_hard_link(dir / "m.md", dir / "hard.md");
  fs::create_symlink(dir / "m.md", dir / "soft.html");
  fs::create_directories(dir / "sub");
  for (std::string output : {(dir / "m.md").string(), (dir / "hard.md").string(), (dir / "soft.html").string(),
                             (dir / "sub/../m.md").string()}) {
    CAPTURE(output);
    Ended r = run({"convert", (dir / "m.md").string(), "-t", "html", "-o", output});
    CHECK(r.status == 2);
    CHECK(has(r.err, "is the input"));
    CHECK(slurp(dir / "m.md") == text);
    CHECK(fs::is_symlink(dir / "soft.html"));
  }
  // The reference document is an input too; so is the file standard input reads.
  Ended ref = run({"convert", (dir / "m.md").string(), "-o", (dir / "ref.odt").string(), "--reference-doc",
                   (dir / "ref.odt").string()},
                  {});
  spit(dir / "ref.odt", "PK");
  ref = run({"convert", (dir / "m.md").string(), "-o", (dir / "ref.odt").string(), "--reference-doc",
             (dir / "ref.odt").string()});
  CHECK(ref.status == 2);
  CHECK(slurp(dir / "ref.odt") == "PK");
  Ended piped = run({"convert", "-", "-f", "md", "-t", "html", "-o", (dir / "m.md").string()},
                    {.stdin_path = (dir / "m.md").string()});
  CHECK(piped.status == 2);
  CHECK(slurp(dir / "m.md") == text);
  // Another file is written as ever.
  Ended ok = run({"convert", (dir / "m.md").string(), "-o", (dir / "m.html").string()});
  CHECK(ok.status == 0);
  CHECK(has(slurp(dir / "m.html"), "<html"));
}

TEST_CASE("-o naming a folder says so and how to name the file, for a trailing slash or an existing folder") {
  fs::path dir = scratch("out-folder");
  spit(dir / "m.md", meeting());
  fs::create_directories(dir / "adir");
  for (std::string output : {(dir / "adir/").string(), (dir / "adir").string(), (dir / "nodir/").string()}) {
    CAPTURE(output);
    Ended r = run({"convert", (dir / "m.md").string(), "-t", "html", "-o", output});
    CHECK(r.status == 2);
    CHECK(has(r.err, "is a folder"));
    CHECK(has(r.err, "-o " + output));  // the example names a file in it
    CHECK_FALSE(has(r.err, "Not a directory"));
  }
  CHECK(fs::is_empty(dir / "adir"));
}

TEST_CASE("a new output in a folder that is missing or may not be written says which folder and why") {
  fs::path dir = scratch("out-parent");
  spit(dir / "m.md", meeting());
  Ended missing = run({"convert", (dir / "m.md").string(), "-o", (dir / "nodir/m.html").string()});
  CHECK(missing.status == 1);
  CHECK(has(missing.err, "the folder " + (dir / "nodir/").string() + " does not exist: create it first"));
  fs::create_directories(dir / "ro");
  fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                  fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  Ended ro = run({"convert", (dir / "m.md").string(), "-o", (dir / "ro/m.html").string()}, {.as_nobody = true});
  CHECK(ro.status == 1);
  CHECK(has(ro.err, "cannot create a file in " + (dir / "ro/").string() + ": permission denied"));
  CHECK(fs::is_empty(dir / "ro"));
}

TEST_CASE("a character device as output is written into, never replaced: /dev/null stays a device") {
  fs::path dir = scratch("out-device");
  spit(dir / "m.md", meeting());
  struct stat before {};
  REQUIRE(::stat("/dev/null", &before) == 0);
  for (std::string format : {"odt", "html"}) {
    Ended r = run({"convert", (dir / "m.md").string(), "-t", format, "-o", "/dev/null"});
    CHECK(r.status == 0);
  }
  struct stat after {};
  REQUIRE(::lstat("/dev/null", &after) == 0);
  CHECK(S_ISCHR(after.st_mode));
  CHECK(after.st_rdev == before.st_rdev);
  // No temporary file was left beside it either.
  for (const auto& e : fs::directory_iterator("/dev")) CHECK_FALSE(e.path().filename().string().starts_with(".null.tmp"));
}

TEST_CASE("/dev/stdout as output writes through to what standard output is; the link is not replaced") {
  fs::path dir = scratch("out-stdout");
  spit(dir / "m.md", meeting());
  REQUIRE(fs::is_symlink("/dev/stdout"));
  Ended r = run({"convert", (dir / "m.md").string(), "-t", "html", "-o", "/dev/stdout"});
  CHECK(r.status == 0);
  CHECK(has(r.out, "<html"));  // standard output is the test's file
  CHECK(fs::is_symlink("/dev/stdout"));
}

TEST_CASE("a FIFO as output: written into when it has a reader, an error without one, and never replaced") {
  fs::path dir = scratch("out-fifo");
  spit(dir / "m.md", meeting());
  fs::path fifo = dir / "out.html";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  Ended lonely = run({"convert", (dir / "m.md").string(), "-o", fifo.string()}, {.deadline_seconds = 20});
  CHECK_FALSE(lonely.blocked);
  CHECK(lonely.status == 1);
  CHECK(has(lonely.err, "is a FIFO that nobody reads"));
  CHECK(fs::is_fifo(fifo));
  std::string got;
  std::thread reader([&] { got = slurp(fifo); });  // opens for reading, blocking until the writer comes
  Ended fed = run({"convert", (dir / "m.md").string(), "-o", fifo.string()}, {.deadline_seconds = 20});
  reader.join();
  CHECK(fed.status == 0);
  CHECK(has(got, "<html"));
  CHECK(fs::is_fifo(fifo));
}

TEST_CASE("an output that is a symlink to a file: the file it leads to is replaced, the link stays") {
  fs::path dir = scratch("out-link");
  spit(dir / "m.md", meeting());
  spit(dir / "real.html", "old");
  fs::create_symlink("real.html", dir / "link.html");
  Ended r = run({"convert", (dir / "m.md").string(), "-o", (dir / "link.html").string()});
  CHECK(r.status == 0);
  CHECK(fs::is_symlink(dir / "link.html"));
  CHECK(has(slurp(dir / "real.html"), "<html"));
  fs::create_symlink("nowhere.html", dir / "dangling.html");
  Ended d = run({"convert", (dir / "m.md").string(), "-o", (dir / "dangling.html").string()});
  CHECK(d.status == 1);
  CHECK(has(d.err, "symbolic link"));
}

TEST_CASE("a binary format to /dev/stdout on a terminal is refused like one without -o") {
  // Without a terminal at hand, the library's own check: a binary output into a terminal device is refused.
  int fd = ::posix_openpt(O_RDWR | O_NOCTTY);
  REQUIRE(fd >= 0);
  REQUIRE(::grantpt(fd) == 0);
  REQUIRE(::unlockpt(fd) == 0);
  std::string tty = ::ptsname(fd);
  std::string error = minutes::write_output(tty, "PK\x03\x04", true);
  CHECK(has(error, "is a terminal"));
  CHECK(minutes::write_output(tty, "text\n", false).empty());
  ::close(fd);
}
