// Nothing lost, nothing doubled: the text after a team's "Minutes:" link, Meta shown once, empty headings dropped
// with their siblings kept in order, nested ordered lists numbered 1. 2. 3., single table borders, a meeting's
// events once each in date order; as LibreOffice shows the ODT and the DOCX.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>
#include <sstream>

#include "report/support.hpp"

using namespace report_test;

namespace {

const char* minutes_md = R"(# Team Weekly 2023-04-06

## Meta

- Minutes: Jonas

## Team IaaS

Minutes: <https://example.org/iaas/20230405.md> (waiting to be merged)

- Connection problems

## AOB

## Team Ops

Minutes: https://example.org/ops/20221109.md + https://example.org/ops/20221116.md

1. first
   1. one
   2. two
2. second

| a | b |
|---|---|
| 1 | 2 |

## Events

- OpenInfra Days – Berlin, 13.06.2023
- Cloud Expo Europe – Frankfurt, 10.05.2023
- Cloud Expo Europe – Frankfurt, 10.05.2023
)";

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    line = std::regex_replace(line, std::regex(R"(^\s+|\s+$|\xEF\xBB\xBF)"), "");
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

size_t index_of(const std::vector<std::string>& v, const std::string& line) {
  return static_cast<size_t>(std::find(v.begin(), v.end(), line) - v.begin());
}

}  // namespace

TEST_CASE("the ODT and the DOCX keep what follows a Minutes: link, drop empty headings, number and date in order") {
  fs::path dir = scratch("nothing-lost");
  spit(dir / "20230406.md", minutes_md);
  std::map<std::string, std::string> odt, docx;
  for (std::string ext : {"odt", "docx"}) {
    Run r = run_cli("convert '" + (dir / "20230406.md").string() + "' -o '" + (dir / ("m." + ext)).string() + "'");
    REQUIRE(r.status == 0);
    (ext == "odt" ? odt : docx)["m"] = slurp(dir / ("m." + ext));
  }
  auto texts = std::vector<std::string>{libreoffice_convert(odt, "odt", "txt:Text", "txt")["m"],
                                        libreoffice_convert(docx, "docx", "txt:Text", "txt")["m"]};
  for (const auto& text : texts) {
    auto l = lines(text);
    CAPTURE(text);
    CHECK(index_of(l, "Minutes: https://example.org/iaas/20230405.md (waiting to be merged)") < l.size());
    CHECK(index_of(l, "Minutes: https://example.org/ops/20221109.md + https://example.org/ops/20221116.md") < l.size());
    CHECK(std::count(l.begin(), l.end(), "Scribe: Jonas") == 1);
    CHECK(text.find("Minutes: Jonas") == std::string::npos);
    CHECK(index_of(l, "AOB") == l.size());                      // empty: dropped
    CHECK(index_of(l, "Team IaaS") < index_of(l, "Team Ops"));  // its siblings kept, in order
    CHECK(index_of(l, "1. one") < l.size());                    // the nested list keeps its numbers
    CHECK(index_of(l, "2. two") < l.size());
    // The events table: each event once, by date.
    CHECK(std::count(l.begin(), l.end(), "Cloud Expo Europe") == 1);
    CHECK(index_of(l, "Cloud Expo Europe") < index_of(l, "OpenInfra Days"));
  }
  // Single borders: the ODT's tables collapse the borders of neighbouring cells into one.
  CHECK(parts(odt["m"])["content.xml"].find("table:border-model=\"collapsing\"") != std::string::npos);
}
