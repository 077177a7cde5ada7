// Tests of the RSS writer: parsed by python3-feedparser (bozo 0), item order and limit, links, hostile input.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>

#include "clients/clients.hpp"
#include <minutes/minutes.hpp>
#include "formats/formats.hpp"

using namespace minutes;
using nlohmann::json;

namespace {

ir::Inline text(std::string t) {
  ir::Inline in;
  in.text = std::move(t);
  return in;
}

ir::Inline anchor(std::string url, std::string label) {
  ir::Inline in;
  in.kind = ir::InlineKind::link;
  in.url = std::move(url);
  in.children.push_back(text(std::move(label)));
  return in;
}

ir::Block paragraph(ir::Inlines inlines) {
  ir::Block b;
  b.inlines = std::move(inlines);
  return b;
}

ir::Meeting meeting(std::string source, std::optional<ir::Date> date, std::string news) {
  ir::Meeting m;
  m.title = "Weekly " + (date ? ir::iso(*date) : std::string("undated"));
  m.series = "SCS Tech Weekly";
  m.source = std::move(source);
  m.date = date;
  ir::Section team;
  team.title = "Team IaaS";
  team.level = 2;
  team.blocks.push_back(paragraph({text(news), anchor("../iaas/notes.md", "the notes")}));
  ir::Section ops = team;
  ops.title = "Team Ops";
  ops.blocks = {paragraph({text("Zuul hands-on")})};
  m.sections = {team, ops};
  return m;
}

json parse_feed(const std::string& name, const std::string& bytes) {
  pugi::xml_document doc;
  REQUIRE_MESSAGE(doc.load_string(bytes.c_str()), "not well-formed XML");
  auto path = test::write_output("rss", name, bytes);
  json feed = test::check("/usr/bin/python3", "check_feed.py", path);
  CHECK_MESSAGE(feed["bozo"] == 0, feed["bozo_exception"]);
  CHECK(feed["version"] == "rss20");
  return feed;
}

}  // namespace

TEST_CASE("a feed of several meetings: newest first, limited, absolute links, stable guids") {
  std::vector<ir::Meeting> ms = {meeting("community-call/20230504.md", ir::Date{2023, 5, 4}, "Sprint Bratislava"),
                                 meeting("community-call/20230511.md", ir::Date{2023, 5, 11}, "Sprint Cork"),
                                 meeting("community-call/20230420.md", ir::Date{2023, 4, 20}, "Sprint Aachen"),
                                 meeting("drafts/undated.md", std::nullopt, "No date")};
  formats::WriteOptions o;
  o.base_url = "https://github.com/SovereignCloudStack/minutes/blob/main/";
  o.feed_self = "https://minutes.example.org/feed.xml";
  o.feed_items = 3;
  auto out = formats::write_rss(ms, o);
  json feed = parse_feed("feed.xml", out.bytes);
  CHECK(feed["title"] == "SCS Tech Weekly");
  CHECK(feed["language"] == "en");
  CHECK(feed["self"] == json::array({"https://minutes.example.org/feed.xml"}));
  CHECK(feed["updated"] == "Thu, 11 May 2023 00:00:00 +0000");
  REQUIRE(feed["entries"].size() == 3);
  CHECK(feed["entries"][0]["title"] == "Weekly 2023-05-11");
  CHECK(feed["entries"][1]["title"] == "Weekly 2023-05-04");
  CHECK(feed["entries"][2]["title"] == "Weekly 2023-04-20");
  const json& e = feed["entries"][1];
  CHECK(e["link"] == "https://github.com/SovereignCloudStack/minutes/blob/main/community-call/20230504.md");
  CHECK(e["id"] == e["link"]);
  CHECK(e["published"] == json::array({2023, 5, 4, 0, 0, 0}));
  CHECK(e["tags"] == json::array({"Team IaaS", "Team Ops"}));
  CHECK(e["summary"].get<std::string>().find("Team IaaS: Sprint Bratislava") != std::string::npos);
  REQUIRE(e["content"].size() == 1);
  std::string content = e["content"][0];
  CHECK(content.find("href=\"https://github.com/SovereignCloudStack/minutes/blob/main/iaas/notes.md\"") !=
        std::string::npos);  // relative link made absolute against the meeting's own URL
  CHECK(content.find("Team Ops") != std::string::npos);
  CHECK(formats::write_rss(ms, o).bytes == out.bytes);
  std::vector<ir::Meeting> shuffled = {ms[2], ms[3], ms[0], ms[1]};
  CHECK(formats::write_rss(shuffled, o).bytes == out.bytes);
}

TEST_CASE("hostile input gives a well-formed feed without script") {
  ir::Meeting m = meeting("evil.md", ir::Date{2023, 5, 4}, "<script>alert(1)</script> ]]> done \x01\x1b\xC2\x85");
  m.title = "Title with ]]> and \x02 control & <b>tags</b>";
  ir::Block raw;
  raw.kind = ir::BlockKind::html;
  raw.raw = "<script>alert(2)</script><img src=x onerror=alert(3)>";
  raw.inlines = {text("visible]]>text")};
  m.sections[0].blocks.push_back(raw);
  m.sections[0].blocks.push_back(
      paragraph({anchor("javascript:alert(4)", "click"), anchor("JaVa\tScRiPt:alert(5)", "x"),
                 anchor("data:text/html,<script>alert(6)</script>", "d")}));
  m.sections[0].title = "Team ]]> <script>";
  std::vector<ir::Meeting> ms = {m};
  formats::WriteOptions o;
  o.base_url = "https://example.org/minutes/";
  auto out = formats::write_rss(ms, o);
  CHECK(out.bytes.find('\x01') == std::string::npos);
  json feed = parse_feed("hostile.xml", out.bytes);
  REQUIRE(feed["entries"].size() == 1);
  const json& e = feed["entries"][0];
  CHECK(e["title"] == "Title with ]]> and  control & <b>tags</b> \u2013 SCS Tech Weekly 2023-05-04");
  // The description is HTML to a reader: the text's markup arrives escaped, shown as text.
  CHECK(e["summary"].get<std::string>().find("&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; done") != std::string::npos);
  // What we wrote (before feedparser's own sanitising): no element or URL that runs code.
  pugi::xml_document doc;
  REQUIRE(doc.load_string(out.bytes.c_str()));
  std::string content = doc.select_node("//item/content:encoded").node().text().get();
  std::string lower = content;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  CHECK(lower.find("<script") == std::string::npos);
  CHECK(lower.find("javascript:") == std::string::npos);
  CHECK(lower.find("onerror") == std::string::npos);
  CHECK(lower.find("href=\"data:") == std::string::npos);
  CHECK(content.find("&lt;script&gt;alert(1)") != std::string::npos);  // shown as text
  CHECK(content.find("visible]]&gt;text") != std::string::npos);
  CHECK(out.diagnostics.size() >= 3);  // the dropped links are reported
}

TEST_CASE("a feed of real minutes: at most feed_items, newest first, bozo 0") {
  auto dir = std::filesystem::path(MINUTES_SHARED_DIR) / "corpus/scs-minutes/community-call";
  REQUIRE(std::filesystem::is_directory(dir));
  std::vector<std::filesystem::path> files;
  for (const auto& f : std::filesystem::directory_iterator(dir))
    if (f.path().extension() == ".md" && f.path().filename().string().starts_with("20")) files.push_back(f.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 60);
  std::vector<ir::Meeting> ms;
  const Reader* md = find_reader("markdown");
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    ms.push_back(load(ss.str(), minutes::ReadOptions{"community-call/" + f.filename().string()}, *md));
  }
  formats::WriteOptions o;
  o.base_url = "https://github.com/SovereignCloudStack/minutes/blob/main/";
  o.feed_self = "https://example.org/feed.xml";
  json feed = parse_feed("corpus.xml", formats::write_rss(ms, o).bytes);
  REQUIRE(feed["entries"].size() == 50);
  for (size_t i = 1; i < feed["entries"].size(); ++i)
    CHECK(feed["entries"][i - 1]["published"] >= feed["entries"][i]["published"]);
  CHECK(feed["entries"][0]["link"].get<std::string>().ends_with(files.back().filename().string()));
}
