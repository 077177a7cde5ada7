// The CLI on Markdown input: bad input refused cleanly, outputs left alone on failure, `check` diagnostics.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "helpers.hpp"

using namespace md_test;
namespace fs = std::filesystem;

TEST_CASE("a binary file is refused: exit 1, a clear message, no output file") {
  auto dir = scratch("binary");
  write(dir / "photo.md", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  auto out = dir / "photo.json";
  auto r = run_cli("convert '" + (dir / "photo.md").string() + "' -o '" + out.string() + "'");
  CHECK(r.status == 1);
  CHECK(r.err.find("binary") != std::string::npos);
  CHECK(r.err.find("photo.md") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  for (const auto& e : fs::directory_iterator(dir)) CHECK_MESSAGE(e.path().filename() == "photo.md", e.path());
}

TEST_CASE("a missing file is a clear error with exit 1") {
  auto dir = scratch("missing");
  auto r = run_cli("convert '" + (dir / "nope.md").string() + "' -t json");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("nope.md") != std::string::npos);
  CHECK(r.err.find("error") != std::string::npos);
}

TEST_CASE("an existing output is left untouched when the run fails") {
  auto dir = scratch("untouched");
  write(dir / "bad.md", std::string("\0\0\0\0", 4));
  write(dir / "out.json", "previous content\n");
  auto r = run_cli("convert '" + (dir / "bad.md").string() + "' -o '" + (dir / "out.json").string() + "'");
  CHECK(r.status == 1);
  CHECK(slurp(dir / "out.json") == "previous content\n");
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    (void)e;
    ++files;
  }
  CHECK(files == 2);  // no temporary file left behind
}

TEST_CASE("check prints file:line:col: severity: message; invalid UTF-8 is a warning naming its line") {
  auto dir = scratch("check");
  auto path = (dir / "20230504.md").string();
  write(path, "# SCS Tech Weekly 2023-05-11\n\nok\nbad \xFF byte\n");
  auto r = run_cli("check '" + path + "'");
  CHECK(r.status == 0);  // warnings only
  std::string all = r.out + r.err;
  std::regex line_re(R"(^(.+):(\d+)(:(\d+))?: (error|warning|note): (.+)$)");
  bool utf8 = false, date = false;
  std::istringstream lines(all);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    std::smatch m;
    CHECK_MESSAGE(std::regex_match(line, m, line_re), line);
    if (line.find("UTF-8") != std::string::npos) {
      utf8 = true;
      CHECK(line.rfind(path + ":4", 0) == 0);
      CHECK(m[5] == "warning");
    }
    if (line.find("file name") != std::string::npos) {
      date = true;
      CHECK(line.rfind(path + ":1", 0) == 0);
    }
  }
  CHECK(utf8);
  CHECK(date);
  // The repaired text carries U+FFFD into the output.
  auto j = run_cli("convert '" + path + "' -t json");
  CHECK(j.status == 0);
  CHECK(j.out.find("bad \xEF\xBF\xBD byte") != std::string::npos);
  auto doc = nlohmann::json::parse(j.out);
  REQUIRE(doc["diagnostics"].is_array());
  bool listed = false;
  for (const auto& d : doc["diagnostics"]) {
    CHECK(d.contains("severity"));
    CHECK(d.contains("column"));
    CHECK(d.contains("message"));
    if (d["message"].get<std::string>().find("UTF-8") != std::string::npos) listed = d["line"] == 4;
  }
  CHECK(listed);
  CHECK(doc["blocks"][0]["type"] == "paragraph");
  CHECK(doc["blocks"][0]["line"] == 3);
  CHECK(doc["blocks"][0]["text"] == "ok bad \xEF\xBF\xBD byte");
}

TEST_CASE("check on a binary file exits 1 with an error line") {
  auto dir = scratch("check-binary");
  auto path = (dir / "x.md").string();
  write(path, std::string("ab\0cd", 5));
  auto r = run_cli("check '" + path + "'");
  CHECK(r.status == 1);
  CHECK((r.out + r.err).find(path + ": error: ") != std::string::npos);
}
