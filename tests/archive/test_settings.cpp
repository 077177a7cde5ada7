// The table of settings: it covers every writer option, and minutes.yaml is checked against it.
#include <doctest/doctest.h>


#include <minutes/minutes.hpp>

#include "converters/library/bounded_yaml.hpp"

using namespace minutes;

namespace {

// Converts to anything: counts the fields of an aggregate by how many initialisers it takes.
struct any_value {
  template <class T>
  operator T() const;
};

template <class T, class... A>
constexpr size_t field_count() {
  if constexpr (requires { T{A{}..., any_value{}}; }) return field_count<T, A..., any_value>();
  else return sizeof...(A);
}

bool is_write_option(const Setting& s) {
  return std::visit([](auto field) { return requires(WriteOptions o) { o.*field; }; }, s.field);
}

SettingsRead yaml(const std::string& text, const std::string& src = ".") {
  return parse_settings(text, "minutes.yaml", src);
}

std::string messages(const SettingsRead& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += format_diagnostic(d) + "\n";
  return out;
}

}  // namespace

TEST_CASE("every field of WriteOptions has exactly one row in the table of settings") {
  size_t rows = 0;
  std::set<std::string> keys, flags;
  for (const auto& s : settings_table()) {
    if (is_write_option(s)) rows++;
    if (!s.key.empty()) CHECK_MESSAGE(keys.insert(std::string(s.key)).second, s.key);
    if (!s.flag.empty()) CHECK_MESSAGE(flags.insert(std::string(s.flag)).second, s.flag);
    CHECK_MESSAGE(!s.help.empty(), s.key);
    // What a user sets has a way in; what the build sets has none.
    CHECK((s.type == SettingType::internal) == (s.key.empty() && s.flag.empty() && s.env.empty()));
    if (s.type == SettingType::internal) CHECK_FALSE(s.rebuilds);
  }
  // A field added to WriteOptions without a row fails here: add the row (and so its flag, key and rebuild).
  CHECK(rows == field_count<WriteOptions>());
}

TEST_CASE("minutes.yaml: values are checked against the table") {
  auto r = yaml("title: Archive\norganization: Org\npaper: letter\nfeed:\n  items: 7\n  title: News\ntodos: yes\n"
                "formats: [odt, html]\nexclude: '*-draft.md'\nseries:\n  iaas: Team IaaS\n");
  CHECK(messages(r).empty());
  CHECK(r.settings.options.title == "Archive");
  CHECK(r.settings.options.organisation == "Org");
  CHECK(r.settings.options.paper == "letter");
  CHECK(r.settings.options.feed_items == 7);
  CHECK(r.settings.options.feed_title == "News");
  CHECK(r.settings.options.todos);
  CHECK(r.settings.formats == std::vector<std::string>{"odt", "html"});
  CHECK(r.settings.exclude == std::vector<std::string>{"*-draft.md"});
  CHECK(r.settings.series.at("iaas") == "Team IaaS");

  // A value the command line would refuse is an error in the file too, and the default stays.
  r = yaml("paper: a5\n");
  CHECK(messages(r) == "minutes.yaml:1: error: paper: 'a5' is not one of a4, letter\n");
  CHECK(r.settings.options.paper == "a4");
  r = yaml("formats: [odt, ics]\n");
  CHECK(messages(r) == "minutes.yaml:1: error: formats: 'ics' is not a per-meeting format (odt, docx, html, json)\n");
  CHECK(r.settings.formats == Settings{}.formats);
  // A wrong type says so (not "unknown setting").
  CHECK(messages(yaml("title:\n  - a\n  - b\n")) == "minutes.yaml:2: error: title: expected text\n");
  CHECK(messages(yaml("feed:\n  items: many\n")) == "minutes.yaml:2: error: feed.items: expected a positive number\n");
  CHECK(messages(yaml("todos: perhaps\n")) == "minutes.yaml:1: error: todos: expected true or false\n");
  CHECK(messages(yaml("calendar: Events\n")) == "minutes.yaml:1: error: calendar: expected a mapping\n");
  CHECK(messages(yaml("reference_doc: missing.odt\n", "/nowhere")) ==
        "minutes.yaml:1: error: reference_doc: no file /nowhere/missing.odt\n");
  // Unknown keys are warnings; the rest of the file still counts.
  r = yaml("colour: blue\nfeed:\n  size: 3\ntitle: Kept\n");
  CHECK(messages(r) == "minutes.yaml:1: warning: unknown setting 'colour'\n"
                       "minutes.yaml:3: warning: unknown setting 'feed.size'\n");
  CHECK(r.settings.options.title == "Kept");
  CHECK(messages(yaml("- a\n- b\n")) == "minutes.yaml:1: error: the archive settings must be a mapping of keys\n");
  CHECK(messages(yaml("title: [unclosed\n")).find("error: cannot read the archive settings") != std::string::npos);
  CHECK(messages(yaml("")).empty());
}

TEST_CASE("minutes.yaml: alias bombs, deep nesting and huge files are refused before they are expanded") {
  // A "billion laughs": 9 levels of 9 aliases each stand for 9^9 nodes in 370 bytes.
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    std::string prev(1, static_cast<char>(c - 1));
    bomb += std::string(1, c) + ": &" + c + " [*" + prev;
    for (int k = 0; k < 8; ++k) bomb += ", *" + prev;
    bomb += "]\n";
  }
  bomb += "title: *i\n";
  auto r = yaml(bomb);  // expanded, it would take gigabytes
  CHECK(messages(r).find("error: cannot read the archive settings: more than 10000 nodes (aliases expanded)") !=
        std::string::npos);
  CHECK(messages(yaml(std::string(100, '[') + std::string(100, ']'))).find("nested deeper than 32 levels") !=
        std::string::npos);
  CHECK(messages(yaml("title: '" + std::string(2u << 20, 'x') + "'\n")).find("larger than") != std::string::npos);
  // Within the limits, aliases are fine.
  r = yaml("defaults: &d Team\ntitle: *d\n");
  CHECK(r.settings.options.title == "Team");
  CHECK(messages(r) == "minutes.yaml:1: warning: unknown setting 'defaults'\n");
  auto parsed = library::parse_bounded_yaml("a: [1, 2]\n");
  CHECK(parsed.error.empty());
  CHECK(parsed.root["a"].size() == 2);
}
