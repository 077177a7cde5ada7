// Inputs that would block or read without bound (a FIFO, /dev/zero, standard input, a huge file), folders named as
// inputs, and UTF-16 without a byte-order mark, which is read rather than refused as binary.
#include <fcntl.h>
#include <sys/stat.h>

#include "converters/core/decode.hpp"
#include "hostile/run.hpp"

using namespace hostile;

namespace {

// A reference document or source that is a FIFO nobody writes, made in dir.
fs::path fifo_in(const fs::path& dir, const std::string& name) {
  fs::path p = dir / name;
  REQUIRE(::mkfifo(p.c_str(), 0644) == 0);
  return p;
}

std::string utf16(const std::string& ascii, bool big_endian) {
  std::string out;
  for (char c : ascii) {
    out += big_endian ? '\0' : c;
    out += big_endian ? c : '\0';
  }
  return out;
}

}  // namespace

TEST_CASE("a FIFO with no writer as input does not block: it reads as empty") {
  fs::path dir = scratch("in-fifo");
  fs::path fifo = fifo_in(dir, "m.md");
  Ended r = run({"convert", fifo.string(), "-t", "json"}, {.deadline_seconds = 20});
  CHECK_FALSE(r.blocked);
  CHECK(r.status == 0);
  CHECK(has(r.out, "\"blocks\": []"));
}

TEST_CASE("/dev/zero as input, as standard input and as reference document ends with an error naming it") {
  fs::path dir = scratch("in-zero");
  spit(dir / "m.md", meeting());
  Ended named = run({"convert", "/dev/zero", "-f", "md", "-t", "json"}, {.memory = 1u << 30, .deadline_seconds = 60});
  CHECK(named.status == 1);
  CHECK(has(named.err, "/dev/zero: error: is larger than 20 MiB"));
  CHECK(named.out.empty());
  Ended piped = run({"convert", "-", "-f", "md", "-t", "json"},
                    {.stdin_path = "/dev/zero", .memory = 1u << 30, .deadline_seconds = 60});
  CHECK(piped.status == 1);
  CHECK(has(piped.err, "-: error: is larger than 20 MiB"));
  Ended ref = run({"convert", (dir / "m.md").string(), "-o", (dir / "m.odt").string(), "--reference-doc", "/dev/zero"},
                  {.memory = 1u << 30, .deadline_seconds = 60});
  CHECK(ref.status == 0);  // the report is made with the default styles, and says why
  CHECK(has(ref.err, "/dev/zero"));
  CHECK(has(ref.err, "is a character device, not a regular file"));
}

TEST_CASE("a FIFO as reference document, or among the sources of a build, is passed over without blocking") {
  fs::path dir = scratch("ref-fifo");
  spit(dir / "m.md", meeting());
  fs::path fifo = fifo_in(dir, "ref.odt");
  Ended r = run({"convert", (dir / "m.md").string(), "-o", (dir / "m.odt").string(), "--reference-doc", fifo.string()},
                {.deadline_seconds = 20});
  CHECK_FALSE(r.blocked);
  CHECK(r.status == 0);
  CHECK(has(r.err, "is a FIFO, not a regular file"));
  fs::create_directories(dir / "src");
  spit(dir / "src/a.md", meeting());
  fifo_in(dir / "src", "b.md");
  spit(dir / "src/minutes.yaml", "reference_doc: " + fifo.string() + "\n");
  Ended b = run({"build", (dir / "src").string(), "-o", (dir / "out").string()}, {.deadline_seconds = 60});
  CHECK_FALSE(b.blocked);
  CHECK(fs::exists(dir / "out/a.odt"));
  CHECK_FALSE(fs::exists(dir / "out/b.odt"));
}

TEST_CASE("a source that is not a regular file is read by the library without blocking, as an error naming it") {
  fs::path dir = scratch("lib-fifo");
  fs::path fifo = fifo_in(dir, "x.md");
  minutes::FileRead regular_only = minutes::read_file(fifo.string());
  CHECK_FALSE(regular_only.bytes);
  CHECK(regular_only.error == "is a FIFO, not a regular file");
  minutes::FileRead stream = minutes::read_file(fifo.string(), {.streams = true});
  REQUIRE(stream.bytes);
  CHECK(stream.bytes->empty());
  CHECK(minutes::read_file(dir.string()).error == "is a folder, not a file");
  CHECK(minutes::read_file((dir / "none.md").string()).error == "does not exist");
  minutes::FileRead zero = minutes::read_file("/dev/zero", {.max_bytes = 1 << 20, .streams = true});
  CHECK_FALSE(zero.bytes);
  CHECK(has(zero.error, "is larger than 1 MiB"));
}

TEST_CASE("an input larger than 20 MiB is refused from its size, before it is read; 20 MiB is read") {
  fs::path dir = scratch("in-huge");
  std::string text = meeting() + std::string(minutes::max_input_bytes - meeting().size(), 'a');
  spit(dir / "edge.md", text);
  spit(dir / "over.md", text + "a");
  Ended over = run({"convert", (dir / "over.md").string(), "-t", "ics"}, {.memory = 1u << 30});
  CHECK(over.status == 1);
  CHECK(has(over.err, "over.md: error: is larger than 20 MiB, the most minutes reads; not read"));
  Ended edge = run({"convert", (dir / "edge.md").string(), "-t", "ics"}, {.memory = 1u << 30});
  CHECK(edge.status == 0);
  CHECK(has(edge.out, "BEGIN:VEVENT"));
}

TEST_CASE("a folder as input says so and points to minutes build") {
  fs::path dir = scratch("in-folder");
  fs::create_directories(dir / "minutes.md");
  Ended r = run({"convert", (dir / "minutes.md").string(), "-t", "json"});
  CHECK(r.status == 1);
  CHECK(has(r.err, "is a folder, not a file"));
  CHECK(has(r.err, "minutes build"));
}

TEST_CASE("UTF-16 without a byte-order mark is read, in either byte order, with a note; binary is still refused") {
  fs::path dir = scratch("in-utf16");
  std::string draft = "Team Weekly 2024-03-07\r\n\r\nHello world\r\n";
  spit(dir / "le.txt", utf16(draft, false));
  spit(dir / "be.md", utf16("# " + draft, true));
  Ended le = run({"convert", (dir / "le.txt").string(), "-t", "json"});
  CHECK(le.status == 0);
  CHECK(has(le.out, "\"title\": \"Team Weekly 2024-03-07\""));
  CHECK(has(le.err, "note: no byte-order mark: read as UTF-16LE"));
  Ended be = run({"convert", (dir / "be.md").string(), "-t", "json"});
  CHECK(be.status == 0);
  CHECK(has(be.out, "Hello world"));
  CHECK(has(be.err, "read as UTF-16BE"));
  // Binary data has NUL bytes too, but not on every other byte: refused as before (so is UTF-32).
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 37) % 256);
  spit(dir / "bin.md", binary);
  Ended bin = run({"convert", (dir / "bin.md").string(), "-t", "json"});
  CHECK(bin.status == 1);
  CHECK(has(bin.err, "binary file"));
  std::string utf32;
  for (char c : std::string("# Title\n")) utf32 += std::string(1, c) + std::string(3, '\0');
  CHECK(minutes::decode(utf32, "x").binary);
  // UTF-16 has an even length: a short file of an odd one with a NUL is binary, whatever the pattern.
  CHECK(minutes::decode(std::string("ab\0cd", 5), "x").binary);
  CHECK(minutes::decode(utf16("ab", true), "x").encoding == "UTF-16BE");
}
