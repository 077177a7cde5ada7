// ODT and DOCX say the same: LibreOffice's text export of both, for the seed and a quarter, in English and German,
// is the same text (up to spacing, which the formats lay out differently, and the contents' page numbers).
#include <doctest/doctest.h>

#include <regex>
#include <sstream>

#include "report/support.hpp"

using namespace report_test;

namespace {

// The lines of a text export with their spacing normalised; the page number after a contents entry left out.
std::vector<std::string> normalised(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text.rfind("\xEF\xBB\xBF", 0) == 0 ? text.substr(3) : text);
  for (std::string line; std::getline(in, line);) {
    line = std::regex_replace(line, std::regex(R"(\t\d*\s*$)"), "");
    line = std::regex_replace(line, std::regex(R"(\s+)"), " ");
    line = std::regex_replace(line, std::regex(R"(^ | $)"), "");
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// The first line where two texts differ, with a little context, for the failure message.
std::string first_difference(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  if (i == a.size() && i == b.size()) return {};
  return "line " + std::to_string(i + 1) + ":\n  odt:  " + (i < a.size() ? a[i] : "(end)") +
         "\n  docx: " + (i < b.size() ? b[i] : "(end)");
}

void same_text(const std::map<std::string, std::string>& odt, const std::map<std::string, std::string>& docx) {
  auto odt_text = libreoffice_convert(odt, "odt", "txt:Text", "txt");
  auto docx_text = libreoffice_convert(docx, "docx", "txt:Text", "txt");
  for (const auto& entry : odt_text) {  // no structured binding: clang cannot capture one in CAPTURE
    const std::string& stem = entry.first;
    auto a = normalised(entry.second), b = normalised(docx_text.at(stem));
    CAPTURE(stem);
    CHECK(a.size() > 10);
    std::string difference = first_difference(a, b);
    CHECK_MESSAGE(difference.empty(), difference);
  }
}

}  // namespace

TEST_CASE("the seed's ODT and DOCX say the same, in English and in German") {
  std::map<std::string, std::string> odt, docx;
  for (std::string lang : {"en", "de"}) {
    fs::path out = scratch("parity-seed-" + lang);
    for (std::string ext : {"odt", "docx"}) {
      Run r = run_cli("convert '" + seed_path().string() + "' --lang " + lang + " -o '" +
                      (out / ("seed." + ext)).string() + "'");
      REQUIRE(r.status == 0);
      (ext == "odt" ? odt : docx)["seed-" + lang] = slurp(out / ("seed." + ext));
    }
  }
  same_text(odt, docx);
}

TEST_CASE("a quarter's ODT and DOCX reports say the same, in English and in German") {
  std::map<std::string, std::string> odt, docx;
  for (std::string lang : {"en", "de"}) {
    odt["q2-" + lang] = report(corpus_dir(), "--quarter 2023Q2 --lang " + lang, "q2.odt");
    docx["q2-" + lang] = report(corpus_dir(), "--quarter 2023Q2 --lang " + lang, "q2.docx");
  }
  auto text = libreoffice_convert({{"q2-de", odt["q2-de"]}}, "odt", "txt:Text", "txt");
  CHECK(text["q2-de"].find("Der Zeitraum in Zahlen") != std::string::npos);  // the German words, not the English
  CHECK(text["q2-de"].find("The period in figures") == std::string::npos);
  same_text(odt, docx);
}
