// `minutes convert` on plain-text drafts: by extension, with -f txt for other names, -t json output.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/support.hpp"

namespace fs = std::filesystem;

namespace {

using minutes_test::Run;
using minutes_test::slurp;

// Runs the CLI with shell-quoted arguments, capturing its output.
Run run(const std::string& args) { return minutes_test::run_cli(args); }

// A scratch folder for these tests.
fs::path scratch() { return minutes_test::scratch("text-cli"); }

std::string draft(const char* name) { return std::string("'") + MINUTES_SOURCE_DIR + "/samples/drafts/" + name + "'"; }

}  // namespace

TEST_CASE("minutes convert draft.txt -t json gives the meeting") {
  Run r = run("convert " + draft("etherpad.txt") + " -t json");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["title"] == "SCS Tech Weekly 2024-03-14");
  CHECK(j["series"] == "SCS Tech Weekly");
  CHECK(j["date"] == "2024-03-14");
  CHECK(j["scribes"] == nlohmann::json::array({"fkr"}));
  REQUIRE(j["sections"].size() == 6);
  CHECK(j["sections"][1]["title"] == "Team IaaS");
  CHECK(j["sections"][1]["minutes"]["url"] ==
        "https://github.com/SovereignCloudStack/minutes/blob/main/iaas/20240313.md");
  CHECK(j["sections"][2]["minutes"]["status"] == "Not merged yet");
  auto items = j["sections"][1]["blocks"][0]["items"];
  REQUIRE(items.size() == 3);
  CHECK(items[1]["text"] == "Ceph Reef upgrade tested in the testbed");
  CHECK(items[1]["blocks"][1]["items"][0]["text"] == "two OSDs needed a manual restart");
  CHECK(j["events"].size() == 2);
}

TEST_CASE("-f txt reads a draft whatever its name; the Latin-1 note goes to stderr") {
  fs::path copy = scratch() / "draft.notes";
  fs::copy_file(fs::path(MINUTES_SOURCE_DIR) / "samples/drafts/latin1.txt", copy, fs::copy_options::overwrite_existing);
  Run without = run("convert '" + copy.string() + "' -t json");
  CHECK(without.status == 2);  // the format cannot be told from ".notes"
  Run r = run("convert -f txt '" + copy.string() + "' -t json");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["title"] == "Protokoll SIG Standardisierung");
  CHECK(j["date"] == "2024-07-04");
  CHECK(j["participants"][1] == "J\xC3\xB6rg");
  CHECK(r.err.find("Windows-1252") != std::string::npos);
  Run plain = run("convert -f plain " + draft("outline.txt") + " -t json");
  REQUIRE(plain.status == 0);
  CHECK(nlohmann::json::parse(plain.out)["sections"][1]["sections"][0]["title"] == "Team IaaS");
}

TEST_CASE("a binary file given as a draft is refused with no output") {
  fs::path bin = scratch() / "image.txt";
  std::ofstream(bin, std::ios::binary) << std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
  Run r = run("convert '" + bin.string() + "' -t json");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("binary") != std::string::npos);
}
