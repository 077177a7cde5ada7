// Random hostile meetings through the HTML, RSS and iCalendar writers: always well-formed, never a script or a broken line.
#include <doctest/doctest.h>

#include <pugixml.hpp>
#include <algorithm>
#include <random>

#include "converters/core/decode.hpp"
#include "formats/formats.hpp"

using namespace minutes;

namespace {

struct Gen {
  std::mt19937 rng{20230504};
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }

  std::string text() {
    static const char* pieces[] = {"<script>alert(1)</script>",
                                   "]]>",
                                   "javascript:",
                                   "\x01",
                                   "\x7f",
                                   "\xC2\x85",
                                   "\xFF\xFE",
                                   "\xE2\x82",
                                   "&amp;",
                                   "\"'",
                                   "\\;,\n",
                                   "\r\n",
                                   "ä€😀",
                                   "<!--",
                                   "-->",
                                   "onload=",
                                   "\xEF\xBF\xBF",
                                   "word ",
                                   " ",
                                   "\t",
                                   "</style>",
                                   "<![CDATA["};
    std::string s;
    int n = pick(12);
    for (int i = 0; i < n; ++i) s += pieces[pick(static_cast<int>(std::size(pieces)))];
    return s;
  }

  std::string url() {
    static const char* urls[] = {"javascript:alert(1)",
                                 " JaVaScRiPt:x",
                                 "vbscript:x",
                                 "data:text/html,<script>",
                                 "data:image/png;base64,AA==",
                                 "https://ok.example/a?b=1&c=\"2\"",
                                 "../rel/x.md",
                                 "#frag",
                                 "//proto.example/x",
                                 "mailto:x@y.example",
                                 "file:///etc/passwd",
                                 ""};
    return urls[pick(static_cast<int>(std::size(urls)))] + (pick(3) == 0 ? text() : std::string());
  }

  ir::Inlines inlines(int depth) {
    ir::Inlines out;
    int n = 1 + pick(4);
    for (int i = 0; i < n; ++i) {
      ir::Inline in;
      in.kind = static_cast<ir::InlineKind>(pick(10));
      in.text = text();
      in.url = url();
      in.title = text();
      if (depth < 3 && (in.kind == ir::InlineKind::emphasis || in.kind == ir::InlineKind::strong ||
                        in.kind == ir::InlineKind::strikethrough || in.kind == ir::InlineKind::link))
        in.children = inlines(depth + 1);
      out.push_back(std::move(in));
    }
    return out;
  }

  ir::Blocks blocks(int depth) {
    ir::Blocks out;
    int n = 1 + pick(3);
    for (int i = 0; i < n; ++i) {
      ir::Block b;
      b.kind = static_cast<ir::BlockKind>(pick(8));
      b.inlines = inlines(0);
      b.text = text();
      b.info = text();
      b.raw = text();
      b.ordered = pick(2);
      b.start = pick(5) - 2;
      b.tight = pick(2);
      if (depth < 3) {
        for (int k = pick(3); k > 0; --k)
          b.items.push_back({blocks(depth + 1), pick(2) ? std::optional<bool>(pick(2)) : std::nullopt, 1});
        b.children = blocks(depth + 1);
      }
      for (int r = pick(3); r > 0; --r) {
        ir::TableRow row;
        row.header = pick(2);
        for (int c = pick(3); c > 0; --c) row.cells.push_back({inlines(1)});
        b.rows.push_back(row);
      }
      b.alignments = {ir::Align::right, ir::Align::center};
      out.push_back(std::move(b));
    }
    return out;
  }

  ir::Meeting meeting(int i) {
    ir::Meeting m;
    m.title = text();
    m.series = text();
    m.source = "dir/" + text() + ".md";
    if (pick(4)) m.date = ir::Date{2020 + pick(5), 1 + pick(12), 1 + pick(28)};
    m.scribes = {text()};
    m.language = pick(2) ? text() : "";
    m.blocks = blocks(0);
    for (int s = pick(4); s > 0; --s) {
      ir::Section sec;
      sec.title = text();
      sec.title_inlines = inlines(1);
      sec.level = 1 + pick(6);
      sec.blocks = blocks(0);
      if (pick(2)) sec.minutes = ir::MinutesRef{url(), text()};
      if (pick(2)) sec.sections.push_back(sec);
      m.sections.push_back(sec);
    }
    for (int e = pick(4); e > 0; --e) {
      ir::Event ev;
      ev.title = text();
      ev.start = {2023, 1 + pick(12), 1 + pick(31)};
      if (pick(2)) ev.end = ir::Date{2023, 1 + pick(12), 1 + pick(28)};
      if (pick(2)) ev.start_time = ir::Time{pick(24), pick(60)};
      if (pick(2)) ev.end_time = ir::Time{pick(24), pick(60)};
      static const char* zones[] = {"", "Europe/Berlin", "UTC", "America/New_York", "No/Such_Zone", "Asia/Kolkata"};
      ev.timezone = zones[pick(6)];
      ev.location = text();
      ev.url = url();
      ev.description = text();
      m.events.push_back(ev);
    }
    for (int a = pick(3); a > 0; --a)
      m.actions.push_back({text(), text(), std::nullopt, static_cast<bool>(pick(2)), i});
    return m;
  }
};

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    int n = utf8_sequence_length(s, i);
    if (n == 0) return false;
    i += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

TEST_CASE("random hostile meetings give well-formed, safe pages, feeds and calendars") {
  Gen g;
  for (int round = 0; round < 100; ++round) {
    std::vector<ir::Meeting> ms;
    for (int k = 1 + g.pick(3); k > 0; --k) ms.push_back(g.meeting(round));
    formats::WriteOptions o;
    o.todos = true;
    o.base_url = g.pick(2) ? "https://example.org/m/" : "";
    o.feed_self = g.url();
    o.calendar_name = g.text();
    o.output_stem = g.pick(2) ? g.text() : "";
    o.root_prefix = g.pick(2) ? "../" : "";

    auto html = formats::write_html(ms, o);
    REQUIRE(valid_utf8(html.bytes));
    pugi::xml_document page;
    REQUIRE_MESSAGE(page.load_string(html.bytes.c_str()), html.bytes);
    CHECK(!page.select_node("//script"));
    CHECK(!page.select_node("//@*[starts-with(name(), 'on')]"));
    // A URL that runs code starts with its scheme (a "javascript:" later in a relative path is only a path).
    for (auto a : page.select_nodes("//@href | //@src")) {
      std::string v = a.attribute().value();
      std::transform(v.begin(), v.end(), v.begin(), ::tolower);
      CHECK_MESSAGE(!v.starts_with("javascript:"), v);
      CHECK_MESSAGE(!v.starts_with("vbscript:"), v);
      CHECK_MESSAGE((!v.starts_with("data:") || v.starts_with("data:image/png")), v);
    }
    CHECK(!page.select_node("//@href[starts-with(., 'data:') or starts-with(., 'file:')]"));
    for (auto style : page.select_nodes("//style"))
      CHECK(std::string(style.node().child_value()).find("</") == std::string::npos);

    auto rss = formats::write_rss(ms, o);
    REQUIRE(valid_utf8(rss.bytes));
    pugi::xml_document feed;
    REQUIRE_MESSAGE(feed.load_string(rss.bytes.c_str()), rss.bytes);
    CHECK(feed.select_nodes("//item").size() == ms.size());
    for (auto content : feed.select_nodes("//item/content:encoded")) {
      std::string html_fragment;  // "]]>" splits the CDATA in several sections
      for (auto part : content.node().children()) html_fragment += part.value();
      pugi::xml_document frag;
      CHECK(frag.load_string(("<div>" + html_fragment + "</div>").c_str()));
      CHECK(!frag.select_node("//script"));
      CHECK(!frag.select_node("//@*[starts-with(name(), 'on')]"));
    }

    auto ics = formats::write_ics(ms, o);
    REQUIRE(valid_utf8(ics.bytes));
    size_t pos = 0;
    while (pos < ics.bytes.size()) {
      auto end = ics.bytes.find("\r\n", pos);
      REQUIRE(end != std::string::npos);
      std::string_view line(ics.bytes.data() + pos, end - pos);
      CHECK(line.size() <= 75);
      CHECK(valid_utf8(line));
      CHECK(line.find('\n') == std::string_view::npos);
      CHECK(line.find('\r') == std::string_view::npos);
      pos = end + 2;
    }
    CHECK(ics.bytes.starts_with("BEGIN:VCALENDAR\r\n"));
    CHECK(ics.bytes.ends_with("END:VCALENDAR\r\n"));
    for (size_t u = ics.bytes.find("\r\nURL"); u != std::string::npos; u = ics.bytes.find("\r\nURL", u + 1))
      CHECK_MESSAGE((ics.bytes.compare(u, 20, "\r\nURL;VALUE=URI:http") == 0 ||
                     ics.bytes.compare(u, 22, "\r\nURL;VALUE=URI:mailto") == 0),
                    ics.bytes.substr(u, 80));
  }
}
