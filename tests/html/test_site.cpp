// The site `minutes build` makes, as a browser sees it: axe-core's WCAG 2.1 A/AA rules in headless Chromium on
// each kind of page, previous/next and series pages, links between minutes, and the search with its one script.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "archive/build_test_util.hpp"
#include "clients/clients.hpp"

namespace {

namespace fs = std::filesystem;
using build_test::slurp;

// A small archive: two meetings of one series that link to each other (one with a code block too wide for the
// page), and the seed's weekly with its events.
void make_archive(const fs::path& src) {
  build_test::write(src / "iaas/20241204.md",
                    "# Team IaaS 2024-12-04\n\n## Sprint\n\n- Plans for [next week](20241211.md#next-steps)\n"
                    "- Kubernetes upgrade done, zebrafish release\n\n```\n" +
                        std::string(400, 'x') + "\n```\n");  // a code block that scrolls
  build_test::write(src / "iaas/20241211.md",
                    "# 2024-12-11\n\n## Next steps\n\n- Review of the [sprint](./20241204.md)\n");
  build_test::write(src / "community-call/20230504.md", slurp(fs::path(MINUTES_SOURCE_DIR) / "samples/20230504.md"));
}

// The violations of WCAG 2.1 A and AA that axe-core finds on a page in headless Chromium, as JSON text ("[]":
// none). axe runs in a copy of the page beside it, which it writes its result into.
std::string axe_violations(const fs::path& page) {
  std::string axe = std::string(MINUTES_SOURCE_DIR) + "/tests/clients/node_modules/axe-core/axe.min.js";
  REQUIRE_MESSAGE(fs::exists(axe), "axe-core is missing: run `npm ci` in tests/clients (scripts/setup does)");
  std::string html = slurp(page);
  auto end = html.rfind("</body>");
  REQUIRE(end != std::string::npos);
  html.insert(end, "<script src=\"file://" + axe +
                       "\"></script><script>axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', "
                       "'wcag21a', 'wcag21aa']}}).then(function (r) { var p = document.createElement('pre'); p.id = "
                       "'axe-result'; p.textContent = JSON.stringify(r.violations.map(function (v) { return v.id + "
                       "': ' + v.nodes[0].html; })); document.body.appendChild(p); });</script>");
  fs::path copy = page.parent_path() / ("axe-" + page.filename().string());
  build_test::write(copy, html);
  std::string dom = minutes::test::chromium_dom(copy.string(), "--virtual-time-budget=30000");
  fs::remove(copy);
  std::smatch m;
  REQUIRE_MESSAGE(std::regex_search(dom, m, std::regex("<pre id=\"axe-result\">([^<]*)</pre>")),
                  "axe-core gave no result on " << page);
  return m[1].str();
}

}  // namespace

TEST_CASE("the site's pages pass axe-core and link to each other, the search works in Chromium") {
  build_test::TempDir dir;
  make_archive(dir / "src");
  int status = 0;
  std::string log =
      minutes::test::run("'" + std::string(MINUTES_BINARY) + "' build '" + (dir / "src").string() + "' -o '" +
                             (dir / "out").string() + "' --site-url https://minutes.example.org/ -j 1 --quiet 2>&1",
                         status);
  REQUIRE_MESSAGE(status == 0, log);
  fs::path out = dir / "out";

  // axe-core on each kind of page: the index, the events, the search, a series, meetings.
  for (const char* page : {"index.html", "events.html", "search.html", "iaas/index.html", "iaas/20241204.html",
                           "community-call/20230504.html"}) {
    CAPTURE(page);
    REQUIRE(fs::exists(out / page));
    CHECK(axe_violations(out / page) == "[]");
  }

  // Previous and next within the series; links between minutes go to their pages, anchors kept.
  std::string first = slurp(out / "iaas/20241204.html"), second = slurp(out / "iaas/20241211.html");
  CHECK(first.find("<a href=\"../iaas/20241211.html\" rel=\"next\">") != std::string::npos);
  CHECK(first.find("rel=\"prev\"") == std::string::npos);
  CHECK(second.find("<a href=\"../iaas/20241204.html\" rel=\"prev\">") != std::string::npos);
  CHECK(first.find("href=\"20241211.html#next-steps\"") != std::string::npos);
  CHECK(second.find("href=\"20241204.html\">sprint</a>") != std::string::npos);
  CHECK(first.find(".md\"") == std::string::npos);
  CHECK(first.find("<a href=\"../iaas/index.html\">All minutes of IaaS</a>") != std::string::npos);
  // One title per page: the h1, no h2 that repeats it.
  CHECK(first.find("<h1>Team IaaS 2024-12-04</h1>") != std::string::npos);
  CHECK(first.find("<h2>Team IaaS 2024-12-04</h2>") == std::string::npos);
  // The series' page lists both, newest first, and links its feeds; the index links the series and every feed.
  std::string series = slurp(out / "iaas/index.html");
  auto newer = series.find("href=\"../iaas/20241211.html\""), older = series.find("href=\"../iaas/20241204.html\"");
  CHECK(newer != std::string::npos);
  CHECK(older != std::string::npos);
  CHECK(newer < older);
  CHECK(series.find("href=\"../feeds/iaas.atom\"") != std::string::npos);
  std::string index = slurp(out / "index.html");
  CHECK(index.find("href=\"iaas/index.html\"") != std::string::npos);
  for (const char* type : {"application/rss+xml", "application/atom+xml", "application/feed+json"})
    CHECK_MESSAGE(index.find("<link rel=\"alternate\" type=\"" + std::string(type)) != std::string::npos, type);
  for (const char* feed : {"feed.xml", "atom.xml", "feed.json", "feeds/iaas.xml", "feeds/iaas.atom", "feeds/iaas.json"})
    CHECK_MESSAGE(fs::exists(out / feed), feed);

  // The search page is the only one with a script; Chromium runs it on "?q=".
  for (const auto& entry : fs::recursive_directory_iterator(out))
    if (entry.path().extension() == ".html" && entry.path().filename() != "search.html")
      CHECK_MESSAGE(slurp(entry.path()).find("<script") == std::string::npos, entry.path());
  std::string found =
      minutes::test::chromium_dom((out / "search.html").string(), "--virtual-time-budget=5000", "?q=Zebrafish");
  CHECK(found.find("<a href=\"iaas/20241204.html\">") != std::string::npos);
  CHECK(found.find("<a href=\"iaas/20241211.html\">") == std::string::npos);
}
