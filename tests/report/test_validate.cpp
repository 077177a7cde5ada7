// Every report the tests write passes the schemas: ODF 1.3 (jing) for the ODT, OOXML (xmllint) for the DOCX, with
// the summary's chart, tables and contents, in English and in German.
#include <doctest/doctest.h>

#include "docx/support.hpp"
#include "odt/support.hpp"
#include "report/support.hpp"

namespace fs = std::filesystem;

TEST_CASE("a quarter's reports pass the ODF 1.3 and OOXML schemas, in English and in German") {
  std::vector<std::pair<std::string, std::string>> odts;
  for (std::string lang : {"en", "de"}) {
    std::string args = "--quarter 2023Q2 --lang " + lang;
    std::string odt = report_test::report(minutes_test::corpus_dir(), args, "q2.odt");
    std::string docx = report_test::report(minutes_test::corpus_dir(), args, "q2.docx");
    // The chart is a picture in both packages.
    CHECK(minutes_test::parts(odt).count("Pictures/minutes-1.png") == 1);
    CHECK(minutes_test::parts(docx).count("word/media/minutes1.png") == 1);
    odts.emplace_back("q2-" + lang, odt);
    CHECK_MESSAGE(docx_test::schema_errors(docx, "q2-" + lang).empty(), docx_test::schema_errors(docx, "q2-" + lang));
  }
  odt_test::check_packages_valid(odts);
}

TEST_CASE("the DOCX contents carry page numbers laid out by LibreOffice, in the PAGEREF fields' results") {
  std::string docx = report_test::report(minutes_test::corpus_dir(), "--quarter 2023Q2", "q2.docx");
  auto doc = docx_test::xml(minutes_test::parts(docx)["word/document.xml"]);
  size_t fields = 0, numbered = 0;
  for (auto link : doc->select_nodes("//w:p[w:pPr/w:pStyle/@w:val='TOC2']/w:hyperlink")) {
    ++fields;
    std::string instr = link.node().select_node(".//w:instrText").node().text().get();
    CHECK(instr.find("PAGEREF _TocEntry") != std::string::npos);
    std::string shown;
    bool result = false;
    for (auto r : link.node().children("w:r")) {
      if (auto fc = r.child("w:fldChar"))
        result = std::string(fc.attribute("w:fldCharType").value()) == "separate";
      else if (result)
        shown += r.child("w:t").text().get();
    }
    if (!shown.empty() && std::all_of(shown.begin(), shown.end(), ::isdigit)) ++numbered;
  }
  CHECK(fields > 70);
  CHECK(numbered == fields);
  // ... and they are the pages the chapters are on when LibreOffice lays the document out again.
  minutes_test::require_tool("pdftotext");
  auto pdf = minutes_test::libreoffice_convert({{"q2", docx}}, "docx", "pdf", "pdf");
  fs::path file = minutes_test::scratch("docx-pages") / "q2.pdf";
  minutes_test::spit(file, pdf["q2"]);
  std::string all;
  REQUIRE(minutes_test::run("pdftotext '" + file.string() + "' -", &all) == 0);
  std::vector<std::string> pages;
  for (size_t start = 0, ff; start < all.size(); start = ff + 1) {
    ff = all.find('\f', start);
    if (ff == std::string::npos) ff = all.size();
    pages.push_back(all.substr(start, ff - start));
  }
  size_t checked = 0;
  for (auto link : doc->select_nodes("//w:p[w:pPr/w:pStyle/@w:val='TOC2']/w:hyperlink")) {
    std::string title, page;
    bool result = false, field = false;
    for (auto r : link.node().children("w:r")) {
      if (auto fc = r.child("w:fldChar")) {
        std::string type = fc.attribute("w:fldCharType").value();
        field = field || type == "begin";
        result = type == "separate";
      } else if (result) {
        page += r.child("w:t").text().get();
      } else if (!field) {
        title += r.child("w:t").text().get();
      }
    }
    int n = std::atoi(page.c_str());
    REQUIRE(n >= 1);
    REQUIRE(static_cast<size_t>(n) <= pages.size());
    CHECK_MESSAGE(pages[static_cast<size_t>(n - 1)].find(title) != std::string::npos, title << " on page " << n);
    ++checked;
  }
  CHECK(checked == fields);
}
