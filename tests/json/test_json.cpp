// The JSON encoding of the IR in both directions: what the writer writes, the reader reads back to the same bytes.
#include <doctest/doctest.h>

#include <minutes/minutes.hpp>

#include "formats/formats.hpp"
#include "tests/support.hpp"

using namespace minutes;
using minutes_test::slurp;
namespace fs = std::filesystem;

namespace {

// Every meeting the tests have: the corpus and the samples, as `minutes convert` reads them.
std::vector<ir::Meeting> all_meetings() {
  std::vector<fs::path> files;
  for (const auto& root :
       {fs::path(MINUTES_SHARED_DIR) / "corpus/scs-minutes", fs::path(MINUTES_SOURCE_DIR) / "samples"})
    for (const auto& e : fs::recursive_directory_iterator(root))
      if (e.is_regular_file() && reader_for_path(e.path().string())) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<ir::Meeting> out;
  for (const auto& f : files) out.push_back(load(slurp(f), {f.string()}, *reader_for_path(f.string())));
  return out;
}

std::string json_of(std::span<const ir::Meeting> meetings) { return formats::write_json(meetings, {}).bytes; }

std::string problems(const formats::JsonMeetings& read) {
  std::string out;
  for (const auto& d : read.diagnostics) out += d.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("JSON read back and written again gives the same bytes, for every corpus and sample file") {
  auto meetings = all_meetings();
  REQUIRE(meetings.size() > 780);
  size_t events = 0;
  for (const auto& m : meetings) {
    std::string first = json_of({&m, 1});
    auto read = formats::read_json(first, {m.source});
    INFO(m.source);
    REQUIRE(problems(read) == "");
    REQUIRE(read.meetings.size() == 1);
    CHECK(json_of(read.meetings) == first);
    CHECK(read.meetings[0].events.size() == m.events.size());
    for (size_t k = 0; k < m.events.size(); ++k) {
      CHECK(read.meetings[0].events[k].mentioned_on == m.events[k].mentioned_on);
      CHECK(read.meetings[0].events[k].source == m.events[k].source);
    }
    events += m.events.size();
  }
  CHECK(events > 300);
  // Several meetings are an array, and come back as many.
  std::string array = json_of({meetings.data(), 3});
  auto read = formats::read_json(array, {"three.json"});
  CHECK(read.meetings.size() == 3);
  CHECK(json_of(read.meetings) == array);
}

TEST_CASE("the calendar and the index of meetings read back from JSON are the same bytes") {
  // What `minutes build` keeps between runs: the meetings without their content.
  auto meetings = all_meetings();
  std::vector<ir::Meeting> summaries;
  for (const auto& m : meetings) {
    ir::Meeting s;
    s.title = m.title, s.series = m.series, s.date = m.date, s.source = m.source;
    s.events = m.events, s.actions = m.actions;
    summaries.push_back(std::move(s));
  }
  auto back = formats::read_json(json_of(summaries), {"summaries"});
  REQUIRE(problems(back) == "");
  WriteOptions o;
  o.todos = true;
  CHECK(formats::write_ics(back.meetings, o).bytes == formats::write_ics(meetings, o).bytes);
  CHECK(formats::write_index(back.meetings, o).bytes == formats::write_index(meetings, o).bytes);
}

TEST_CASE("what is not the JSON writer's encoding is refused with where and why, never a crash") {
  CHECK(problems(formats::read_json("{\"title\": ", {"x.json"})) == "not JSON (or not UTF-8)\n");
  CHECK(problems(formats::read_json("\"a string\"", {"x.json"})) == "JSON: expected an object\n");
  CHECK(
      problems(formats::read_json(R"({"title": 5, "events": [{"title": "E", "start": "soon"}]})", {"x.json"})) ==
      "title: expected a string\nevents[0].start: expected a date YYYY-MM-DD\nevents[0].start: an event needs a start date\n");
  CHECK(problems(formats::read_json(R"({"sections": [{"blocks": [{"type": "poem", "line": 1e99}]}]})", {"x.json"})) ==
        "sections[0].blocks[0].type: not a kind of block\nsections[0].blocks[0].line: expected a whole number\n");
  CHECK(problems(formats::read_json(R"({"blocks": [{"type": "paragraph", "line": 4294967296}]})", {"x.json"})) ==
        "blocks[0].line: a number out of range\n");
  // Deeper than any reader nests: refused, not walked.
  std::string deep = "{\"blocks\": ";
  for (int k = 0; k < 300; ++k) deep += "[{\"type\": \"quote\", \"blocks\": ";
  deep += "[]";
  for (int k = 0; k < 300; ++k) deep += "}]";
  deep += "}";
  CHECK(problems(formats::read_json(deep, {"deep.json"})).find("nested deeper than 200 levels") != std::string::npos);
  // Keys the writer leaves out (or a tool drops) take their defaults.
  auto read = formats::read_json(R"({"title": "T", "events": [{"title": "E", "start": "2024-05-10"}]})", {"x.json"});
  CHECK(problems(read) == "");
  REQUIRE(read.meetings[0].events.size() == 1);
  CHECK(read.meetings[0].events[0].start == ir::Date{2024, 5, 10});
}
