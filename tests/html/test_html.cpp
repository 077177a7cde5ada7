// Tests of the HTML writer: the seed's page as Chromium builds it, sanitising of hostile input, links to siblings.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "clients/clients.hpp"
#include <minutes/minutes.hpp>
#include "formats/formats.hpp"

using namespace minutes;

namespace {

ir::Meeting seed() {
  std::string path = std::string(MINUTES_SOURCE_DIR) + "/samples/20230504.md";
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return load(ss.str(), minutes::ReadOptions{"community-call/20230504.md"}, *find_reader("markdown"));
}

int count(const std::string& s, const std::string& what) {
  int n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), ::tolower);
  return s;
}

}  // namespace

TEST_CASE("the seed's page in Chromium: semantic sections for every heading, links, no script") {
  std::vector<ir::Meeting> ms = {seed()};
  formats::WriteOptions o;
  o.output_stem = "community-call/20230504";
  o.root_prefix = "../";
  auto out = formats::write_html(ms, o);
  CHECK(out.bytes.starts_with("<!DOCTYPE html>\n"));
  auto path = test::write_output("html", "20230504.html", out.bytes);
  std::string dom = test::chromium_dom(path);
  REQUIRE(!dom.empty());
  // Every heading of the source but the title is one <section> with an id (but "Meta", whose scribe line
  // went into the page header).
  int headings = 0;
  ir::for_each_section(ms[0].sections, [&](const ir::Section& s) { headings += !ir::consumed_meta(s); });
  CHECK(headings >= 15);
  CHECK(count(dom, "<section id=\"") == headings);  // the writer's own lists (events, actions) come with a class first
  for (const char* id : {"team-iaas", "team-ops", "sig-monitoring", "team-iam", "news", "hackathon-6"})
    CHECK_MESSAGE(dom.find(std::string("<section id=\"") + id + "\"") != std::string::npos, id);
  CHECK(dom.find("<main>") != std::string::npos);
  CHECK(dom.find("<header class=\"page\">") != std::string::npos);
  CHECK(dom.find("<h1>SCS Tech Weekly 2023-05-04</h1>") != std::string::npos);
  CHECK(lower(dom).find("<script") == std::string::npos);
  // A team's minutes link is a link; the feed, calendar and siblings are linked.
  CHECK(dom.find("<a href=\"https://github.com/SovereignCloudStack/minutes/blob/main/iaas/20230503.md\">") !=
        std::string::npos);
  CHECK(dom.find("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS feed\" href=\"../feed.xml\">") !=
        std::string::npos);
  CHECK(dom.find("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Atom feed\" href=\"../atom.xml\">") !=
        std::string::npos);
  CHECK(dom.find("<link rel=\"alternate\" type=\"application/feed+json\" title=\"JSON Feed\" href=\"../feed.json\">") !=
        std::string::npos);
  CHECK(dom.find("href=\"../calendar.ics\"") != std::string::npos);
  CHECK(dom.find("href=\"20230504.odt\"") != std::string::npos);
  CHECK(dom.find("href=\"20230504.docx\"") != std::string::npos);
  // No external request: nothing loads from elsewhere.
  CHECK(std::regex_search(dom, std::regex("src=\"(https?:)?//")) == false);
  CHECK(dom.find("rel=\"stylesheet\"") == std::string::npos);
  CHECK(dom.find("@import") == std::string::npos);
  CHECK(dom.find("<img") == std::string::npos);
  CHECK(formats::write_html(ms, o).bytes == out.bytes);
}

TEST_CASE("hostile input: no script, no event handler, no javascript: URL, text kept visible") {
  ir::Meeting m;
  m.title = "Evil </title><script>alert(0)</script>";
  m.source = "evil.md";
  m.date = ir::Date{2023, 5, 4};
  ir::Block raw;
  raw.kind = ir::BlockKind::html;
  raw.raw = "<script>alert(1)</script><img src=x onerror=alert(2)>";
  raw.inlines.push_back({ir::InlineKind::text, "visible words", "", "", {}, 1, 1});
  ir::Block p;
  auto link = [](std::string url, std::string label) {
    ir::Inline in{ir::InlineKind::link, "", std::move(url), "\" onmouseover=\"alert(3)", {}, 1, 1};
    in.children.push_back({ir::InlineKind::text, std::move(label), "", "", {}, 1, 1});
    return in;
  };
  p.inlines = {link("javascript:alert(4)", "js"),
               link(" jav\nascript:alert(5)", "js2"),
               link("vbscript:msgbox", "vb"),
               link("data:text/html;base64,PHNjcmlwdD4=", "data"),
               link("https://ok.example/a b", "fine"),
               {ir::InlineKind::image, "pic", "data:image/png;base64,iVBORw0KGgo=", "", {}, 1, 1},
               {ir::InlineKind::image, "svg", "data:image/svg+xml,<svg onload=alert(6)>", "", {}, 1, 1},
               {ir::InlineKind::image, "remote", "https://tracker.example/pixel.gif", "", {}, 1, 1},
               {ir::InlineKind::text, "<script>alert(7)</script> \x01 ok", "", "", {}, 1, 1}};
  ir::Inline badge = link("https://ci.example/job", "");  // a linked remote image: no <a> inside <a>
  badge.children = {{ir::InlineKind::image, "build status", "https://ci.example/badge.svg", "", {}, 1, 1}};
  p.inlines.push_back(badge);
  ir::Section s;
  s.title = "Team <b onclick=x>";
  s.level = 2;
  s.blocks = {raw, p};
  s.minutes = ir::MinutesRef{"javascript:alert(8)", ""};
  m.sections = {s};
  std::vector<ir::Meeting> ms = {m};
  auto out = formats::write_html(ms, {});
  pugi::xml_document doc;
  CHECK(doc.load_string(out.bytes.c_str()));  // also well-formed as XML
  auto path = test::write_output("html", "hostile.html", out.bytes);
  std::string dom = lower(test::chromium_dom(path));
  CHECK(dom.find("<script") == std::string::npos);
  CHECK(std::regex_search(dom, std::regex("(href|src)=\"[^\"]*(javascript|vbscript):")) == false);
  CHECK(std::regex_search(dom, std::regex("<[^>]*\\son[a-z]+=\"")) == false);  // no event handler attribute
  CHECK(dom.find("href=\"data:") == std::string::npos);
  CHECK(dom.find("svg") != std::string::npos);                   // the svg image's alt text...
  CHECK(dom.find("src=\"data:image/svg") == std::string::npos);  // ...but not the image
  CHECK(dom.find("src=\"data:") == std::string::npos);           // one URL policy: http, https, mailto, relative
  CHECK(dom.find("src=\"https://tracker.example") == std::string::npos);  // no external request
  CHECK(dom.find("href=\"https://tracker.example/pixel.gif\"") != std::string::npos);
  CHECK(dom.find("href=\"https://ok.example/a%20b\"") != std::string::npos);
  CHECK(dom.find("visible words") != std::string::npos);
  CHECK(dom.find("<a href=\"https://ci.example/job\" title=\"&quot; onmouseover=&quot;alert(3)\">build status</a>") !=
        std::string::npos);
  CHECK(dom.find("&lt;script&gt;alert(7)&lt;/script&gt;  ok") != std::string::npos);
  CHECK(dom.find("<title>evil &lt;/title&gt;&lt;script&gt;alert(0)&lt;/script&gt;</title>") != std::string::npos);
  CHECK(out.diagnostics.size() >= 5);
}

TEST_CASE("the text after a team's Minutes: link is kept: a status, a second link") {
  auto m = load(
      "# Team Weekly 2023-04-06\n\n## Team IaaS\n\nMinutes: <https://example.org/iaas/20230405.md> (waiting to be "
      "merged)\n\n- item\n\n## Team Ops\n\nMinutes: https://example.org/ops/1109.md + https://example.org/ops/1116.md\n",
      minutes::ReadOptions{"team/20230406.md"}, *find_reader("markdown"));
  std::string page = formats::write_html(std::vector<ir::Meeting>{m}, {}).bytes;
  CHECK(count(page, "(waiting to be merged)") == 1);
  CHECK(count(page, "+ https://example.org/ops/1116.md") == 1);
  CHECK(count(page, "href=\"https://example.org/iaas/20230405.md\"") == 1);
}

TEST_CASE("several meetings make one page in date order with unique ids") {
  std::vector<ir::Meeting> ms = {seed(), seed()};
  ms[1].date = ir::Date{2023, 4, 27};
  ms[1].title = "SCS Tech Weekly 2023-04-27";
  ms[1].source = "community-call/20230427.md";
  auto out = formats::write_html(ms, {});
  auto first = out.bytes.find("<article id=\"m2023-04-27\">");
  auto second = out.bytes.find("<article id=\"m2023-05-04\">");
  CHECK(first != std::string::npos);
  CHECK(second != std::string::npos);
  CHECK(first < second);
  std::set<std::string> ids;
  std::regex id("id=\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(out.bytes.begin(), out.bytes.end(), id); it != std::sregex_iterator(); ++it)
    CHECK_MESSAGE(ids.insert((*it)[1]).second, "duplicate id " << (*it)[1]);
}

TEST_CASE("every meeting of the corpus gives a well-formed page without script or event handler") {
  auto root = std::filesystem::path(MINUTES_SHARED_DIR) / "corpus/scs-minutes";
  REQUIRE(std::filesystem::is_directory(root));
  int pages = 0;
  for (const auto& f : std::filesystem::recursive_directory_iterator(root)) {
    if (f.path().extension() != ".md") continue;
    std::ifstream in(f.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::vector<ir::Meeting> ms = {
        load(ss.str(), minutes::ReadOptions{f.path().filename().string()}, *find_reader("markdown"))};
    auto out = formats::write_html(ms, {});
    pugi::xml_document doc;
    CHECK_MESSAGE(doc.load_string(out.bytes.c_str()), f.path());
    CHECK_MESSAGE(!doc.select_node("//script"), f.path());
    CHECK_MESSAGE(!doc.select_node("//@*[starts-with(name(), 'on')]"), f.path());
    CHECK_MESSAGE(!doc.select_node("//@href[contains(translate(., 'JAVSCRIPT', 'javscript'), 'javascript:')]"),
                  f.path());
    ++pages;
  }
  CHECK(pages > 700);
}
