// Plain-text drafts and their Markdown twins give the same meeting: sections, items, events, metadata.
#include <doctest/doctest.h>

#include <string>

#include <minutes/minutes.hpp>

#include <algorithm>
#include "text/outline.hpp"

namespace {

using namespace minutes;

// Loads a file through the pipeline (reader + enrichment), as `minutes convert` does.
ir::Meeting load_file(const std::string& path, std::string_view reader) {
  auto file = read_file(path);
  REQUIRE_MESSAGE(file.bytes.has_value(), path << ": " << file.error);
  auto& bytes = file.bytes;
  const Reader* r = find_reader(reader);
  REQUIRE(r != nullptr);
  return load(*bytes, minutes::ReadOptions{path}, *r);
}

size_t count_sections(const std::vector<ir::Section>& sections) {
  size_t n = 0;
  ir::for_each_section(sections, [&](const ir::Section&) { ++n; });
  return n;
}

// Every node from the source keeps its line.
void check_lines(const ir::Blocks& blocks) {
  for (const auto& b : blocks) {
    CHECK(b.line > 0);
    for (const auto& item : b.items) {
      CHECK(item.line > 0);
      check_lines(item.blocks);
    }
    check_lines(b.children);
    for (const auto& in : b.inlines) CHECK(in.line > 0);
  }
}

void check_twins(const std::string& name) {
  std::string dir = std::string(MINUTES_SOURCE_DIR) + "/samples/drafts/";
  ir::Meeting text = load_file(dir + name + ".txt", "text");
  ir::Meeting md = load_file(dir + name + ".md", "markdown");
  INFO("draft: " << name);
  CHECK_FALSE(has_error(text.diagnostics));
  CHECK_FALSE(has_error(md.diagnostics));
  // The drafts are real meetings, not near-empty files that would agree trivially.
  CHECK(text.date.has_value());
  CHECK(count_sections(text.sections) >= 3);
  CHECK(!text.events.empty());
  // Date, series, scribes, participants, the section tree with its minutes links, every block and event.
  CHECK(test::outline(text) == test::outline(md));
  check_lines(text.blocks);
  ir::for_each_section(text.sections, [](const ir::Section& s) {
    CHECK(s.line > 0);
    check_lines(s.blocks);
  });
  for (const auto& e : text.events) CHECK(e.line > 0);
}

}  // namespace

TEST_CASE("etherpad export and its Markdown twin agree") { check_twins("etherpad"); }
TEST_CASE("e-mail draft and its Markdown twin agree") { check_twins("email"); }
TEST_CASE("numbered outline and its Markdown twin agree") { check_twins("outline"); }
TEST_CASE("tab-indented CRLF draft and its Markdown twin agree") { check_twins("tabs-crlf"); }
TEST_CASE("Windows-1252 draft and its Markdown twin agree") { check_twins("latin1"); }
TEST_CASE("English meta lines: a draft and its Markdown twin agree") { check_twins("meta-en"); }
TEST_CASE("German meta lines: a draft and its Markdown twin agree") { check_twins("meta-de"); }

TEST_CASE("the meta lines of both languages reach the fields, from both twins") {
  std::string dir = std::string(MINUTES_SOURCE_DIR) + "/samples/drafts/";
  for (const char* reader : {"text", "markdown"}) {
    INFO(reader);
    auto en = load_file(dir + "meta-en." + (reader == std::string("text") ? "txt" : "md"), reader);
    CHECK(en.scribes == std::vector<std::string>{"Alice Wong", "Dana Scott"});  // Scribe:, Note taker:
    CHECK(en.participants == std::vector<std::string>{"Bob Meyer", "Carol Diaz", "fkr", "garloff", "Erik Lund"});
    auto de = load_file(dir + "meta-de." + (reader == std::string("text") ? "txt" : "md"), reader);
    REQUIRE(de.date);
    CHECK(ir::iso(*de.date) == "2024-03-05");                     // Datum: 5. März 2024
    CHECK(de.scribes == std::vector<std::string>{"Eva Schulz"});  // Protokollantin:
    CHECK(de.participants == std::vector<std::string>{"J\xC3\xB6rg", "Anja", "Matthias", "Kurt", "Lena"});
    REQUIRE(de.sections.size() == 3);
    REQUIRE(de.sections[0].minutes);
    CHECK(de.sections[0].minutes->url ==
          "https://github.com/SovereignCloudStack/minutes/blob/main/container/20240305.md");
    REQUIRE(de.sections[1].minutes);
    CHECK(de.sections[1].minutes->status == "None");
  }
}

TEST_CASE("the twins hold what their house style is about") {
  std::string dir = std::string(MINUTES_SOURCE_DIR) + "/samples/drafts/";
  auto email = load_file(dir + "email.txt", "text");
  CHECK(email.title == "SCS Tech Weekly 2024-04-11");  // from the Subject, "Re:" dropped
  CHECK(email.metadata["mail.from"] == "Anja Weber <anja.weber@example.org>");
  auto latin = load_file(dir + "latin1.txt", "text");
  CHECK(latin.metadata["encoding"] == "Windows-1252");
  CHECK(std::find(latin.participants.begin(), latin.participants.end(), "J\xC3\xB6rg") != latin.participants.end());
  bool noted = false;
  for (const auto& d : latin.diagnostics)
    noted |= d.severity == ir::Severity::note && d.message.find("Windows-1252") != std::string::npos;
  CHECK(noted);
  auto tabs = load_file(dir + "tabs-crlf.txt", "text");
  REQUIRE(tabs.sections.size() == 3);
  CHECK(tabs.sections[1].title == "Teams");
  CHECK(tabs.sections[1].level == 1);
  REQUIRE(tabs.sections[1].sections.size() == 2);
  CHECK(tabs.sections[1].sections[0].title == "Team IaaS");
  CHECK(tabs.sections[1].sections[0].line == 11);  // the heading line, not its underline
}
