// The helpers every writer shares (formats/common): one URL policy, one text rule, one event text, the translations.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <set>

#include <minutes/minutes.hpp>
#include "formats/common/text.hpp"
#include "formats/common/url.hpp"
#include "formats/common/words.hpp"
#include "formats/common/zip.hpp"
#include "formats/formats.hpp"

using namespace minutes;

namespace {

ir::Event event(ir::Date start, std::optional<ir::Date> end = {}, std::optional<ir::Time> from = {},
                std::optional<ir::Time> to = {}) {
  ir::Event e;
  e.title = "Summit";
  e.start = start;
  e.end = end;
  e.start_time = from;
  e.end_time = to;
  e.location = "Berlin";
  return e;
}

std::string part(const std::string& package, const std::string& name) {
  for (auto& e : formats::unzip(package))
    if (e.name == name) return e.data;
  return {};
}

// An iCalendar stream with its folded lines joined again.
std::string unfolded(std::string ics) {
  for (size_t at; (at = ics.find("\r\n ")) != std::string::npos;) ics.erase(at, 3);
  return ics;
}

}  // namespace

TEST_CASE("an event's date and time in words, in English and German") {
  const auto& en = formats::words_for("en-GB");
  const auto& de = formats::words_for("de-AT");
  CHECK(en.language == "en");
  CHECK(de.language == "de");
  CHECK(formats::words_for("xx").language == "en");
  CHECK(formats::event_when(event({2023, 5, 4}), en) == "4 May 2023");
  CHECK(formats::event_when(event({2023, 5, 10}, ir::Date{2023, 5, 11}, ir::Time{9, 0}, ir::Time{17, 0}), en) ==
        "10\u201311 May 2023, 09:00\u201317:00");
  CHECK(formats::event_when(event({2023, 5, 30}, ir::Date{2023, 6, 2}, ir::Time{9, 30}), en) ==
        "30 May \u2013 2 June 2023, 09:30");
  CHECK(formats::event_when(event({2023, 12, 30}, ir::Date{2024, 1, 2}), en) ==
        "30 December 2023 \u2013 2 January 2024");
  CHECK(formats::event_when(event({2023, 5, 4}, ir::Date{2023, 5, 4}), en) == "4 May 2023");  // the end is the start
  CHECK(formats::event_when(event({2023, 5, 10}, ir::Date{2023, 5, 11}, ir::Time{9, 0}, ir::Time{17, 0}), de) ==
        "10.\u201311. Mai 2023, 09:00\u201317:00 Uhr");
  CHECK(formats::event_when(event({2023, 5, 30}, ir::Date{2023, 6, 2}), de) == "30. Mai \u2013 2. Juni 2023");
  CHECK(formats::event_when(event({2023, 2, 30}), en) == "2023-02-30");  // not a date: as written, never a crash
}

TEST_CASE("ODT, DOCX, HTML and the calendar render the same event with the same words") {
  ir::Meeting m;
  m.title = "Weekly 2023-05-04";
  m.date = ir::Date{2023, 5, 4};
  m.source = "weekly.md";
  m.events.push_back(event({2023, 5, 10}, ir::Date{2023, 5, 11}, ir::Time{9, 0}, ir::Time{17, 0}));
  std::vector<ir::Meeting> ms = {m};
  for (const std::string lang : {"en", "de-DE"}) {
    CAPTURE(lang);
    formats::WriteOptions o;
    o.lang = lang;
    std::string when = formats::event_when(m.events.front(), formats::words_for(lang));
    CHECK(when ==
          (lang == "en" ? "10\u201311 May 2023, 09:00\u201317:00" : "10.\u201311. Mai 2023, 09:00\u201317:00 Uhr"));
    CHECK(part(formats::write_odt(ms, o).bytes, "content.xml").find(">" + when + "<") != std::string::npos);
    CHECK(part(formats::write_docx(ms, o).bytes, "word/document.xml").find(">" + when + "<") != std::string::npos);
    CHECK(formats::write_html(ms, o).bytes.find("<time datetime=\"2023-05-10\">" + when + "</time>") !=
          std::string::npos);
    std::string escaped = when;  // a TEXT value escapes the comma
    escaped.replace(escaped.find(','), 1, "\\,");
    CHECK(unfolded(formats::write_ics(ms, o).bytes).find("DESCRIPTION:" + escaped) != std::string::npos);
  }
}

TEST_CASE("one URL policy for every link and image: http, https, mailto and relative, after joining with a base") {
  using formats::resolve_url;
  using formats::safe_url;
  CHECK(resolve_url("https://h.example/a/b/c.md", "../d.md") == "https://h.example/a/d.md");
  CHECK(resolve_url("https://h.example/a/b/c.md", "/x") == "https://h.example/x");
  CHECK(resolve_url("https://h.example/a/b/c.md", "#top") == "https://h.example/a/b/c.md#top");
  CHECK(resolve_url("https://h.example/a/b/c.md", "//o.example/y") == "https://o.example/y");
  CHECK(resolve_url("https://h.example", "z") == "https://h.example/z");
  CHECK(safe_url("JAVASCRIPT:alert(1)").empty());
  CHECK(safe_url("\tjava\rscript:alert(1)").empty());
  CHECK(safe_url("vbscript:msgbox").empty());
  CHECK(safe_url("data:image/png;base64,AA==").empty());
  CHECK(safe_url("file:///etc/passwd").empty());
  CHECK(safe_url("ftp://h.example/x").empty());
  CHECK(safe_url("mailto:a@b.example") == "mailto:a@b.example");
  CHECK(safe_url("docs/ä.md", "https://h.example/m/x.md") == "https://h.example/m/docs/%C3%A4.md");
  CHECK(safe_url("java script:alert(1)") == "java%20script%3Aalert(1)");  // no scheme: a harmless relative path
  CHECK(safe_url("100% #a#b") == "100%25%20#a%23b");
  CHECK(safe_url("x.md", "javascript:alert(1)//") == "x.md");  // a base that is not http(s) is never joined
  CHECK(formats::join_url("https://h.example/m/", "./a b/#1 100%?.md") ==
        "https://h.example/m/a%20b/%231%20100%25%3F.md");
  CHECK(formats::local_href("x:y/z.odt") == "./x:y/z.odt");
  std::vector<ir::Diagnostic> diagnostics;
  CHECK(formats::checked_base("javascript:alert(1)//", "the base URL (--base-url)", diagnostics).empty());
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].message.find("the base URL (--base-url) 'javascript:alert(1)//' is not an http or https URL") !=
        std::string::npos);
  CHECK(formats::checked_base("https://h.example/", "x", diagnostics) == "https://h.example/");
  CHECK(diagnostics.size() == 1);
}

TEST_CASE("a javascript: base URL is refused with a warning; a javascript: link is dropped, its text kept") {
  ir::Meeting m;
  m.title = "Weekly 2023-05-04";
  m.date = ir::Date{2023, 5, 4};
  m.source = "team/weekly.md";
  ir::Section s;
  s.title = "Links";
  ir::Inline link{
      ir::InlineKind::link, "", "javascript:alert(1)", "", {{ir::InlineKind::text, "script", "", "", {}, 3, 1}}, 3, 1};
  ir::Inline relative{
      ir::InlineKind::link, "", "other.md", "", {{ir::InlineKind::text, "other", "", "", {}, 3, 9}}, 3, 9};
  ir::Block p;
  p.inlines = {link, relative};
  s.blocks = {p};
  m.sections = {s};
  std::vector<ir::Meeting> ms = {m};
  formats::WriteOptions o;
  o.base_url = "javascript:alert(2)//";
  auto html = formats::write_html(ms, o);
  auto rss = formats::write_rss(ms, o);
  for (const auto* out : {&html, &rss}) {
    CHECK(out->bytes.find("javascript") == std::string::npos);
    int base = 0, dropped = 0;
    for (const auto& d : out->diagnostics) {
      base += d.message.find("--base-url") != std::string::npos &&
              d.message.find("not an http or https URL") != std::string::npos;
      dropped += d.message.find("'javascript:alert(1)' kept as text") != std::string::npos;
    }
    CHECK(base == 1);
    CHECK(dropped == 1);
  }
  CHECK(html.bytes.find(">script<") != std::string::npos);
  CHECK(html.bytes.find("href=\"other.md\"") != std::string::npos);  // relative: kept as written, never joined
  CHECK(rss.bytes.find("<link>team/weekly.md</link>") != std::string::npos);
}

TEST_CASE("one text rule: control characters, DEL, C1, non-characters out; broken UTF-8 replaced; markup escaped") {
  int changed = 0;
  CHECK(formats::clean_text("a\x01"
                            "b\tc\r\nd\x7f"
                            "e\xC2\x85"
                            "f\xEF\xBF\xBF"
                            "g\xC3\xA4\xFF",
                            &changed) ==
        "ab\tc\nde"
        "f"
        "g\xC3\xA4\xEF\xBF\xBD");
  CHECK(changed == 5);  // \x01, DEL, U+0085, U+FFFF, the broken byte; the carriage return goes without a count
  changed = 0;
  CHECK(formats::escape_xml("<a href=\"x\">&\x02</a>", &changed) == "&lt;a href=\"x\"&gt;&amp;&lt;/a&gt;");
  CHECK(changed == 1);
  CHECK(formats::slug("Team IaaS: Ops & more!") == "team-iaas-ops-more");
  CHECK(formats::slug("\xC3\xA4\xC3\xB6") == "section");
}

TEST_CASE("every translations file has every key that en.yaml has, and no other") {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(MINUTES_SOURCE_DIR) / "templates/translations";
  auto keys = [](const fs::path& file) {
    std::set<std::string> out;
    for (const auto& kv : YAML::LoadFile(file.string())) out.insert(kv.first.as<std::string>());
    return out;
  };
  auto english = keys(dir / "en.yaml");
  CHECK(english.size() > 40);
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    CAPTURE(entry.path().filename().string());
    CHECK(keys(entry.path()) == english);
    ++files;
  }
  CHECK(files == static_cast<int>(formats::word_languages().size()));
  const auto& de = formats::words_for("de");
  CHECK(de.months[2] == "M\u00e4rz");
  CHECK(de.events == "Erw\u00e4hnte Veranstaltungen");
}
