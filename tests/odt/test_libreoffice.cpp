// LibreOffice reads what the ODT writer makes: every seed list item in order, three list levels, restarted numbering.
#include "formats/common/report_summary.hpp"
#include "tests/odt/support.hpp"

using namespace odt_test;
using minutes::formats::write_odt;
using minutes::formats::WriteOptions;

namespace {

// Converts ODT files to text with a headless LibreOffice (one run for all); the text of each, by stem.
std::map<std::string, std::string> to_text(const std::map<std::string, std::string>& odts) {
  return minutes_test::libreoffice_convert(odts, "odt", "txt:Text", "txt");
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l.substr(0, l.find_last_not_of("\r") + 1));
  return out;
}

}  // namespace

TEST_CASE("LibreOffice: every list item of the seed in order, nested levels kept; numbering restarts") {
  auto seed = load_markdown(seed_path());
  // Two ordered lists with a paragraph between them: each starts at 1.
  ir::Meeting numbered;
  numbered.title = "Numbered";
  numbered.blocks = {list({item("alpha"), item("beta")}, true), para({txt("between")}),
                     list({item("gamma"), item("delta")}, true)};
  auto text = to_text(
      {{"seed", write_odt(std::vector{seed}, {}).bytes}, {"numbered", write_odt(std::vector{numbered}, {}).bytes}});

  auto items = minutes_test::list_items(seed);
  REQUIRE(items.size() > 60);
  int max_depth = 0;
  for (const auto& e : items) max_depth = std::max(max_depth, e.depth);
  CHECK(max_depth >= 2);  // the seed has three levels

  auto lines = lines_of(text["seed"]);
  size_t at = 0;
  for (const auto& e : items) {
    bool found = false;
    for (; at < lines.size(); ++at) {
      auto pos = lines[at].find(e.text);
      if (pos == std::string::npos) continue;
      // LibreOffice writes a list label indented four spaces per level ("    • ", "        ◦ ", ...).
      auto indent = lines[at].find_first_not_of(' ');
      CHECK_MESSAGE(indent == static_cast<size_t>(4 * (e.depth + 1)),
                    "'" << e.text << "' at the wrong level: " << lines[at]);
      found = true;
      ++at;
      break;
    }
    CHECK_MESSAGE(found, "list item missing or out of order in LibreOffice's text: " << e.text);
    if (!found) break;
  }

  auto n = text["numbered"];
  CHECK(n.find("1. alpha") != std::string::npos);
  CHECK(n.find("2. beta") != std::string::npos);
  CHECK(n.find("1. gamma") != std::string::npos);
  CHECK(n.find("2. delta") != std::string::npos);
}

TEST_CASE("LibreOffice: a report of several meetings opens with its contents and chapters") {
  std::vector<ir::Meeting> ms;
  for (const char* f : {"20230511.md", "20230504.md", "20230427.md"})
    ms.push_back(load_markdown(corpus_dir() / "community-call" / f));
  auto text = to_text({{"report", write_odt(ms, {}).bytes}})["report"];
  auto contents = text.find("Contents");
  REQUIRE(contents != std::string::npos);
  // The contents list, then the chapters, both in date order.
  std::vector<std::string> titles;
  for (auto* m : formats::in_date_order(ms)) titles.push_back(ir::display_title(*m));
  size_t at = contents;
  for (int round = 0; round < 2; ++round)
    for (const auto& t : titles) {
      auto pos = text.find(t, at);
      CHECK_MESSAGE(pos != std::string::npos, t << " (round " << round << ")");
      if (pos != std::string::npos) at = pos + t.size();
    }
}

TEST_CASE("LibreOffice: a document LibreOffice saved works as --reference-doc and the result still validates") {
  require_tool("soffice");
  fs::path dir = scratch("lo-reference");
  // LibreOffice saves our document again as its own ODT: styles.xml then carries its extensions.
  spit(dir / "saved.odt",
       minutes_test::libreoffice_convert({{"seed", write_odt(std::vector{load_markdown(seed_path())}, {}).bytes}},
                                         "odt", "odt", "odt")["seed"]);
  WriteOptions o;
  o.reference_doc = (dir / "saved.odt").string();
  minutes::FileResources files({dir.string()});
  auto out = write_odt(std::vector{load_markdown(seed_path())}, o, {&files});
  for (const auto& d : out.diagnostics)
    CHECK_MESSAGE(d.message.find("reference document not used") == std::string::npos, d.message);
  check_package_valid(out.bytes, "LibreOffice reference doc");
}

TEST_CASE("LibreOffice: the contents of a report show the page each chapter starts on") {
  require_tool("soffice");
  require_tool("pdftotext");
  require_tool("pdfinfo");
  std::vector<ir::Meeting> ms;
  for (const char* f : {"20230511.md", "20230504.md", "20230427.md", "20230420.md"})
    ms.push_back(load_markdown(corpus_dir() / "community-call" / f));
  fs::path dir = scratch("toc-pages");
  WriteOptions letter;
  letter.paper = "letter";
  auto pdfs = minutes_test::libreoffice_convert(
      {{"report", write_odt(ms, {}).bytes}, {"letter", write_odt(std::vector{ms[0]}, letter).bytes}}, "odt", "pdf",
      "pdf");
  spit(dir / "report.pdf", pdfs["report"]);
  spit(dir / "letter.pdf", pdfs["letter"]);
  std::string log;
  // A4 by default, US letter when asked.
  REQUIRE(run("pdfinfo '" + (dir / "report.pdf").string() + "'", &log) == 0);
  CHECK(log.find("595.") != std::string::npos);  // 595.3 x 841.9 pt
  CHECK(log.find("(A4)") != std::string::npos);
  REQUIRE(run("pdfinfo '" + (dir / "letter.pdf").string() + "'", &log) == 0);
  CHECK(log.find("612 x 792") != std::string::npos);
  REQUIRE(run("pdftotext -layout '" + (dir / "report.pdf").string() + "' '" + (dir / "report.txt").string() + "'",
              &log) == 0);
  std::vector<std::string> pages;
  std::string all = slurp(dir / "report.txt");
  for (size_t start = 0, ff; start < all.size(); start = ff + 1) {
    ff = all.find('\f', start);
    if (ff == std::string::npos) ff = all.size();
    pages.push_back(all.substr(start, ff - start));
  }
  REQUIRE(pages.size() > ms.size());
  // The contents have a page of their own after the summary.
  size_t contents = 0;
  while (contents < pages.size() && pages[contents].find("Contents\n") == std::string::npos) ++contents;
  REQUIRE(contents < pages.size());
  for (auto* m : formats::in_date_order(ms)) {
    std::string title = ir::display_title(*m);
    // The contents line: the title, dot leaders, the page number.
    auto at = pages[contents].find(title);
    REQUIRE_MESSAGE(at != std::string::npos, title);
    auto eol = pages[contents].find('\n', at);
    std::string line = pages[contents].substr(at, eol - at);
    auto digits = line.find_last_not_of("0123456789 ");
    int listed = std::atoi(line.substr(digits + 1).c_str());
    // The page where the chapter starts: the first after the contents with the title and the meeting's date line.
    std::string date_line = "Date: " + formats::period_text(*m->date, *m->date, formats::words_for("en"));
    int actual = 0;
    for (size_t p = contents + 1; p < pages.size() && !actual; ++p)
      if (pages[p].find(title) != std::string::npos && pages[p].find(date_line) != std::string::npos)
        actual = static_cast<int>(p) + 1;
    CHECK_MESSAGE(listed == actual,
                  title << ": contents say " << listed << ", chapter on page " << actual << " (" << line << ")");
  }
}
