// The PDF of a report: PDF/A-2b through LibreOffice, every font embedded, the page count its footer states, the
// sources' words in its text; and a clear error when LibreOffice is missing.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>

#include "report/support.hpp"
#include "tests/words.hpp"

using namespace report_test;

namespace {

// The quarter's PDF, made once for the test cases below.
const std::string& quarter_pdf() {
  static const std::string pdf = report(corpus_dir(), "--quarter 2023Q2 -t pdf", "q2.report");
  return pdf;
}

fs::path quarter_pdf_file() {
  fs::path file = scratch_root() / "q2.pdf";
  if (!fs::exists(file)) spit(file, quarter_pdf());
  return file;
}

}  // namespace

TEST_CASE("the PDF says it is PDF/A-2b in its XMP metadata and embeds every font") {
  const std::string& pdf = quarter_pdf();
  REQUIRE(pdf.rfind("%PDF-", 0) == 0);
  CHECK(std::regex_search(pdf, std::regex(R"(pdfaid:part(>|=['"])2)")));
  CHECK(std::regex_search(pdf, std::regex(R"(pdfaid:conformance(>|=['"])B)")));
  require_tool("pdffonts");
  std::string fonts;
  REQUIRE(run("pdffonts '" + quarter_pdf_file().string() + "'", &fonts) == 0);
  std::istringstream lines(fonts);
  std::string header, rule, line;
  std::getline(lines, header);
  std::getline(lines, rule);
  size_t emb = header.find("emb");
  REQUIRE(emb != std::string::npos);
  int count = 0;
  while (std::getline(lines, line)) {
    if (line.size() < emb + 3) continue;
    ++count;
    CHECK_MESSAGE(line.substr(emb, 3) == "yes", line);
  }
  CHECK(count > 0);
}

TEST_CASE("the PDF has the pages its footer counts, and the text of the quarter's minutes") {
  require_tool("pdfinfo");
  require_tool("pdftotext");
  std::string info;
  REQUIRE(run("pdfinfo '" + quarter_pdf_file().string() + "'", &info) == 0);
  std::smatch m;
  REQUIRE(std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))")));
  int pages = std::stoi(m[1]);
  CHECK(pages > 77);  // a chapter per meeting, each on its own page, besides summary, contents and appendix
  std::string last;
  REQUIRE(run("pdftotext -f " + std::to_string(pages) + " -l " + std::to_string(pages) + " '" +
                  quarter_pdf_file().string() + "' -",
              &last) == 0);
  CHECK(last.find("Page " + std::to_string(pages) + " of " + std::to_string(pages)) != std::string::npos);

  // Every distinct visible word of the quarter's minutes (outside the top folder), as cmark-gfm renders them.
  std::string text;
  REQUIRE(run("pdftotext '" + quarter_pdf_file().string() + "' -", &text) == 0);
  Words in_pdf;
  add_words(in_pdf, text);
  Words wanted;
  fs::path root = corpus_dir();
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    std::string name = e.path().filename().string();
    if (!e.is_regular_file() || e.path().extension() != ".md" || name.rfind("20230", 0) != 0 ||
        std::string("456").find(name[5]) == std::string::npos || !fs::relative(e.path(), root).has_parent_path())
      continue;
    for (const auto& [word, n] : reference_words(slurp(e.path()))) wanted[word] += n;
  }
  REQUIRE(wanted.size() > 2000);
  std::string missing;
  size_t found = 0, shown = 0;
  for (const auto& [word, n] : wanted) {
    if (in_pdf.count(word)) {
      ++found;
    } else if (++shown <= 40) {
      missing += word + " ";
    }
  }
  double share = double(found) / double(wanted.size());
  MESSAGE("distinct words of the quarter's minutes in the PDF: " << found << " of " << wanted.size() << " ("
                                                                 << share * 100 << "%); missing: " << missing);
  CHECK(share >= 0.995);
}

TEST_CASE("without LibreOffice a PDF is refused with an error naming the program, and nothing is written") {
  fs::path out = scratch("no-office") / "q2.pdf";
  std::string said;
  int rc = run("env PATH=/nonexistent '" + std::string(MINUTES_BINARY) + "' report '" + corpus_dir().string() +
                   "' --quarter 2023Q2 -o '" + out.string() + "'",
               &said);
  CHECK(rc == 1);
  CHECK(said.find("LibreOffice") != std::string::npos);
  CHECK(said.find("soffice") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}
