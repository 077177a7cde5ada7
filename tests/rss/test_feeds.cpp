// The three feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1) as readers see them: feedparser, jing with the Atom schema of
// RFC 4287, JSON Feed's required fields; links to the site's pages with site_url; every input of `convert`.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "clients/clients.hpp"
#include "rss/feed_checks.hpp"
#include <minutes/minutes.hpp>
#include "formats/formats.hpp"

using namespace minutes;
using nlohmann::json;
using test::feedparser, test::jing, test::jsonfeed;

namespace {

ir::Meeting meeting(std::string source, std::optional<ir::Date> date, std::string title) {
  ir::Meeting m;
  m.title = std::move(title);
  m.series = "Team IaaS";
  m.source = std::move(source);
  m.date = date;
  m.scribes = {"alice"};
  ir::Section s;
  s.title = "Sprint";
  s.level = 2;
  ir::Block p;
  ir::Inline text{ir::InlineKind::text, "See ", "", "", {}, 3, 1};
  ir::Inline link{ir::InlineKind::link, "", "20241204.md#decisions", "", {}, 3, 5};
  link.children.push_back({ir::InlineKind::text, "last week", "", "", {}, 3, 6});
  ir::Inline other{ir::InlineKind::link, "", "../docs/plan.pdf", "", {}, 3, 20};
  other.children.push_back({ir::InlineKind::text, "the plan", "", "", {}, 3, 21});
  ir::Inline image{ir::InlineKind::image, "board", "img/board.png", "", {}, 3, 30};
  image.width = 960;
  image.height = 540;
  ir::Inline here{ir::InlineKind::link, "", "#sprint", "", {}, 3, 40};
  here.children.push_back({ir::InlineKind::text, "above", "", "", {}, 3, 41});
  p.inlines = {text, link, other, image, here};
  s.blocks.push_back(p);
  m.sections.push_back(s);
  return m;
}

std::vector<ir::Meeting> meetings() {
  return {meeting("iaas/20241211.md", ir::Date{2024, 12, 11}, "2024-12-11"),
          meeting("iaas/20241204.md", ir::Date{2024, 12, 4}, "2024-12-04"),
          meeting("iaas/notes.md", std::nullopt, "Loose notes")};
}

Site site_of(const std::vector<ir::Meeting>& ms) {
  Site site;
  for (const auto& m : ms) {
    std::string stem = m.source.substr(0, m.source.find_last_of('.'));
    site.pages.push_back({m.source, stem + ".html", "iaas", stem.substr(5)});
  }
  std::sort(site.pages.begin(), site.pages.end(), [](auto& a, auto& b) { return a.source < b.source; });
  site.series_names["iaas"] = "Team IaaS";
  return site;
}

}  // namespace

TEST_CASE("RSS, Atom and JSON Feed of the same meetings: valid, newest first, linking the site's pages") {
  auto ms = meetings();
  Site site = site_of(ms);
  WriteContext context{nullptr, nullptr, &site};
  WriteOptions o;
  o.site_url = "https://minutes.example.org/";
  o.base_url = "https://git.example.org/minutes/blob/main/";
  o.title = "Example minutes";
  o.feed_title = "Team IaaS";
  const std::string page = "https://minutes.example.org/iaas/20241211.html";

  o.feed_self = "https://minutes.example.org/feeds/iaas.xml";
  auto rss = formats::write_rss(ms, o, context);
  json r = feedparser("site.xml", rss.bytes, "rss20");
  o.feed_self = "https://minutes.example.org/feeds/iaas.atom";
  auto atom = formats::write_atom(ms, o, context);
  std::string atom_path = test::write_output("feeds", "site.atom", atom.bytes);
  CHECK_MESSAGE(jing(atom_path).empty(), jing(atom_path));
  json a = feedparser("site.atom", atom.bytes, "atom10");
  o.feed_self = "https://minutes.example.org/feeds/iaas.json";
  auto jf = formats::write_jsonfeed(ms, o, context);
  json j = jsonfeed("site.json", jf.bytes);  // feedparser 6.0 reads no JSON Feed: the spec's checks instead
  CHECK(j["feed_url"] == "https://minutes.example.org/feeds/iaas.json");

  for (const json* f : {&r, &a, &j}) {
    CAPTURE((*f)["version"]);
    CHECK((*f)["title"] == "Team IaaS");
    CHECK((*f)["link"] == "https://minutes.example.org/");
    CHECK((*f)["subtitle"] == "The newest minutes of Team IaaS in Example minutes, one entry per meeting");
    REQUIRE((*f)["entries"].size() == 3);
    // The titles read "Series – date"; the undated notes come last.
    CHECK((*f)["entries"][0]["title"] == "Team IaaS \u2013 2024-12-11");
    CHECK((*f)["entries"][1]["title"] == "Team IaaS \u2013 2024-12-04");
    CHECK((*f)["entries"][2]["title"] == "Loose notes");
    CHECK((*f)["entries"][0]["link"] == page);
    CHECK((*f)["entries"][0]["id"] == page);
    CHECK((*f)["entries"][0]["published"] ==
          (f == &j ? json("2024-12-11T00:00:00Z") : json::array({2024, 12, 11, 0, 0, 0})));
    REQUIRE((*f)["entries"][0]["content"].size() == 1);
    std::string content = (*f)["entries"][0]["content"][0];
    // A link to the archive's minutes goes to its page (anchor kept), any other relative link to the sources.
    CHECK(content.find("href=\"https://minutes.example.org/iaas/20241204.html#decisions\"") != std::string::npos);
    CHECK(content.find("href=\"https://git.example.org/minutes/blob/main/docs/plan.pdf\"") != std::string::npos);
    CHECK(content.find("src=\"https://git.example.org/minutes/blob/main/iaas/img/board.png\"") != std::string::npos);
    CHECK(content.find("width=\"960\"") != std::string::npos);
    CHECK(content.find("href=\"" + page + "#sprint\"") != std::string::npos);  // within the meeting: its page
    CHECK((*f)["entries"][0]["summary"].get<std::string>().find("Sprint") != std::string::npos);
  }
  CHECK(r["self"] == json::array({"https://minutes.example.org/feeds/iaas.xml"}));
  CHECK(a["self"] == json::array({"https://minutes.example.org/feeds/iaas.atom"}));
  // Undated: a warning that says so.
  bool warned = false;
  for (const auto& d : rss.diagnostics)
    warned = warned || (d.file == "iaas/notes.md" && d.message.find("no date") == 0);
  CHECK(warned);
  CHECK(formats::write_jsonfeed(ms, o, context).bytes == jf.bytes);  // same input, same bytes
}

TEST_CASE("without site_url the entries link to the sources under base_url, as before") {
  auto ms = meetings();
  WriteOptions o;
  o.base_url = "https://git.example.org/minutes/blob/main/";
  auto atom = formats::write_atom(ms, o);
  CHECK(jing(test::write_output("feeds", "sources.atom", atom.bytes)).empty());
  json a = feedparser("sources.atom", atom.bytes, "atom10");
  CHECK(a["entries"][0]["link"] == "https://git.example.org/minutes/blob/main/iaas/20241211.md");
  json j = jsonfeed("sources.json", formats::write_jsonfeed(ms, o).bytes);
  CHECK(j["entries"][0]["link"] == "https://git.example.org/minutes/blob/main/iaas/20241211.md");
  // Nothing absolute at all: relative links, still valid.
  auto bare = formats::write_atom(ms, {});
  CHECK(jing(test::write_output("feeds", "bare.atom", bare.bytes)).empty());
  feedparser("bare.atom", bare.bytes, "atom10");
  jsonfeed("bare.json", formats::write_jsonfeed(ms, {}).bytes);
}

TEST_CASE("hostile text gives valid Atom and JSON feeds") {
  auto ms = meetings();
  ms[0].title = "Evil ]]> \x01 & <script>alert(1)</script>";
  ms[0].sections[0].title = "Team <b>\x02";
  auto atom = formats::write_atom(ms, {});
  CHECK(atom.bytes.find('\x01') == std::string::npos);
  CHECK(jing(test::write_output("feeds", "hostile.atom", atom.bytes)).empty());
  json a = feedparser("hostile.atom", atom.bytes, "atom10");
  CHECK(a["entries"][0]["title"].get<std::string>().find("Evil ]]>  & <script>") == 0);
  json j = jsonfeed("hostile.json", formats::write_jsonfeed(ms, {}).bytes);
  CHECK(j["entries"][0]["title"].get<std::string>().find("Evil ]]>  & <script>") == 0);
}

TEST_CASE("convert -t rss with explicit inputs keeps every one of them unless --feed-items says otherwise") {
  auto dir = std::filesystem::path(MINUTES_BUILD_DIR) / "test-out" / "feeds" / "many";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string inputs;
  for (int day = 1; day <= 60; ++day) {
    char name[32];
    std::snprintf(name, sizeof name, "2024%02d%02d.md", (day - 1) / 28 + 1, (day - 1) % 28 + 1);
    std::ofstream(dir / name) << "# Weekly\n\n## News\n\n- item " << day << "\n";
    inputs += " '" + (dir / name).string() + "'";
  }
  for (const auto& [flags, expected] : {std::pair{std::string(), 60}, std::pair{std::string(" --feed-items 7"), 7}}) {
    int status = 0;
    test::run("'" + std::string(MINUTES_BINARY) + "' convert" + inputs + " -t rss -o '" + (dir / "feed.xml").string() +
                  "'" + flags + " 2>/dev/null",
              status);
    REQUIRE(status == 0);
    std::ifstream in(dir / "feed.xml");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    json f = feedparser("many.xml", bytes, "rss20");
    CHECK(f["entries"].size() == static_cast<size_t>(expected));
  }
}

TEST_CASE("feeds sharing one cache: the same bytes as without it, and an edited meeting is never served stale") {
  auto ms = meetings();
  Site site = site_of(ms);
  WriteOptions o;
  o.site_url = "https://minutes.example.org/";
  Cache cache;
  WriteContext alone{nullptr, nullptr, &site}, shared{nullptr, &cache, &site};
  for (auto write : {&formats::write_rss, &formats::write_atom, &formats::write_jsonfeed})
    CHECK(write(ms, o, shared).bytes == write(ms, o, alone).bytes);  // the first call fills the cache, then reused
  std::string before = formats::write_jsonfeed(ms, o, shared).bytes;

  // The same source edited (one word, then one image's size): its entry is made again, in every format.
  ms[0].sections[0].blocks[0].inlines[0].text = "Read ";
  std::string after = formats::write_jsonfeed(ms, o, shared).bytes;
  CHECK(after != before);
  CHECK(after.find("Read ") != std::string::npos);
  CHECK(after == formats::write_jsonfeed(ms, o, alone).bytes);
  ms[0].sections[0].blocks[0].inlines[3].width = 480;
  CHECK(formats::write_atom(ms, o, shared).bytes == formats::write_atom(ms, o, alone).bytes);
  CHECK(formats::write_rss(ms, o, shared).bytes.find("480") != std::string::npos);

  // A caller that knows each source's content (minutes build) keys the entries by it: a new key, a new entry.
  std::map<std::string, std::string, std::less<>> keys = {{"iaas/20241211.md", "v1"}};
  WriteContext keyed{nullptr, &cache, &site, &keys};
  std::string v1 = formats::write_rss(ms, o, keyed).bytes;
  ms[0].sections[0].blocks[0].inlines[0].text = "Look at ";
  CHECK(formats::write_rss(ms, o, keyed).bytes == v1);  // the caller said the content is the same
  keys["iaas/20241211.md"] = "v2";
  CHECK(formats::write_rss(ms, o, keyed).bytes.find("Look at ") != std::string::npos);
}
