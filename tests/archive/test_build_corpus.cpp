// `minutes build` over the real SCS minutes archive: every meeting gets its ODT, DOCX and HTML, plus the aggregates.
#include <doctest/doctest.h>

#include "archive/build_test_util.hpp"

using namespace build_test;

TEST_CASE("the whole SCS corpus builds, with every output present and non-empty") {
  fs::path corpus = fs::path(MINUTES_SHARED_DIR) / "corpus/scs-minutes";
  REQUIRE(fs::is_directory(corpus));
  TempDir t;
  Run r = minutes_build({corpus.string(), "-o", (t / "out").string(), "-j", "2"});
  INFO(r.err.substr(r.err.size() > 3000 ? r.err.size() - 3000 : 0));
  CHECK(r.code == 0);
  // Every .md except the template and the corpus' own SOURCE.md (the documented skip rule) is a meeting.
  size_t meetings = 0;
  for (const auto& e : fs::recursive_directory_iterator(corpus)) {
    if (!e.is_regular_file() || e.path().extension() != ".md") continue;
    std::string name = e.path().filename().string();
    if (name == "template.md" || name == "SOURCE.md") continue;
    ++meetings;
    std::string stem = (e.path().parent_path().lexically_relative(corpus) / e.path().stem()).generic_string();
    for (const auto& ext : {".odt", ".docx", ".html"}) {
      fs::path out = t / ("out/" + stem + ext);
      CHECK_MESSAGE((fs::exists(out) && fs::file_size(out) > 0), out.string());
    }
  }
  CHECK(meetings > 700);
  CHECK(r.err.find(std::to_string(meetings) + " meetings") != std::string::npos);
  for (const auto& aggregate : {"calendar.ics", "feed.xml", "index.html"})
    CHECK(fs::file_size(t / (std::string("out/") + aggregate)) > 1000);
  std::string index = slurp(t / "out/index.html");
  CHECK(index.find("href=\"community-call/20230504.html\"") != std::string::npos);
  // A sequential build gives the same pages (the Markdown reader's cmark-gfm is not thread-safe by itself).
  Run one = minutes_build({corpus.string(), "-o", (t / "one").string(), "-j", "1", "--formats", "html", "-q"});
  CHECK(one.code == 0);
  for (const auto& entry : contents(t / "one")) {
    const std::string& rel = entry.first;  // not a structured binding: clang 14 cannot capture one in CHECK_MESSAGE
    if (rel.ends_with(".html") && rel != "index.html") CHECK_MESSAGE(slurp(t / ("out/" + rel)) == entry.second, rel);
  }
  // An unchanged rebuild of the corpus writes nothing.
  auto before = snapshot(t / "out");
  r = minutes_build({corpus.string(), "-o", (t / "out").string(), "-j", "2"});
  CHECK(r.code == 0);
  CHECK(r.err.find("up to date, nothing written") != std::string::npos);
  CHECK(snapshot(t / "out") == before);
}
