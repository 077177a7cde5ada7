// The table of settings: it covers every writer option, minutes.yaml is checked against it, and every setting
// that decides outputs rebuilds them when it changes (through the library and through the command line).
#include <doctest/doctest.h>

#include <type_traits>

#include <minutes/minutes.hpp>

#include "archive/build_test_util.hpp"

using namespace minutes;
using namespace build_test;

namespace {

// Converts to anything: counts the fields of an aggregate by how many initialisers it takes.
struct any_value {
  template <class T>
  operator T() const {
    return T{};
  }
};

template <class T, class... A>
constexpr size_t field_count() {
  if constexpr (requires { T{A{}..., any_value{}}; })
    return field_count<T, A..., any_value>();
  else
    return sizeof...(A);
}

bool is_write_option(const Setting& s) {
  return std::visit(
      [](auto field) {
        return requires(WriteOptions o) { o.*field; };
      },
      s.field);
}

SettingsRead yaml(const std::string& text, const std::string& src = ".") {
  return parse_settings(text, "minutes.yaml", src);
}

std::string messages(const SettingsRead& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += format_diagnostic(d) + "\n";
  return out;
}

// Changes one setting to another valid value (a file setting: to `file`).
void change(const Setting& s, Settings& settings, const std::string& file) {
  std::visit(
      [&](auto field) {
        auto& v = [&]() -> auto& {
          if constexpr (requires { settings.options.*field; })
            return settings.options.*field;
          else
            return settings.*field;
        }
        ();
        using V = std::remove_reference_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::string>) {
          v = s.type == SettingType::choice ? std::string(s.allowed.back())
              : s.type == SettingType::file ? file
                                            : v + "x";
        } else if constexpr (std::is_same_v<V, bool>) {
          v = !v;
        } else if constexpr (std::is_same_v<V, int>) {
          v += 1;
        } else if constexpr (std::is_same_v<V, std::optional<int64_t>>) {
          v = 1700000000;
        } else if constexpr (std::is_same_v<V, std::vector<std::string>>) {
          v = s.type == SettingType::formats ? std::vector<std::string>{"odt"}
              : s.type == SettingType::files ? std::vector<std::string>{file}
                                             : std::vector<std::string>{"x"};
        } else if constexpr (std::is_same_v<V, std::vector<ir::CuratedEvent>>) {
          v.emplace_back();
        } else if constexpr (std::is_same_v<V, std::map<std::string, std::string>>) {
          v["team"] = "Team Renamed";
        } else {
          v["x"] = {"y"};
        }
      },
      s.field);
}

struct Silent : archive::Progress {};

archive::Report build(const TempDir& t, const Settings& flags, std::vector<const Setting*> given) {
  archive::Request request{(t / "src").string(), (t / "out").string(), flags, std::move(given), 1, {}};
  archive::Build b = archive::prepare(request);
  REQUIRE_FALSE(b.refusal);
  Silent quiet;
  return archive::execute(b, quiet);
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
  auto r = yaml(
      "title: Archive\norganization: Org\npaper: letter\nfeed:\n  items: 7\n  title: News\ntodos: yes\n"
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
  CHECK(messages(r) ==
        "minutes.yaml:1: warning: unknown setting 'colour'\n"
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
  CHECK(messages(r).find("error: cannot read the archive settings: YAML that expands to more than 10000 nodes") !=
        std::string::npos);
  CHECK(messages(yaml(std::string(100, '[') + std::string(100, ']'))).find("nested deeper than 32 levels") !=
        std::string::npos);
  CHECK(messages(yaml("title: '" + std::string(2u << 20, 'x') + "'\n")).find("larger than") != std::string::npos);
  // Within the limits, aliases are fine.
  r = yaml("defaults: &d Team\ntitle: *d\n");
  CHECK(r.settings.options.title == "Team");
  CHECK(messages(r) == "minutes.yaml:1: warning: unknown setting 'defaults'\n");
}

TEST_CASE("each setting that decides outputs rebuilds every output when it changes; the others do not") {
  TempDir t;
  write(t / "src/team/20240307.md", meeting_md("Team Weekly 2024-03-07"));
  write(t / "src/team/20240314.txt", meeting_txt("Team sync 2024-03-14"));
  write(t / "ref.odt", "not really a document");
  REQUIRE(build(t, {}, {}).meetings == 2);
  CHECK(build(t, {}, {}).built.empty());
  for (const auto& s : settings_table()) {
    if (s.type == SettingType::internal) continue;
    Settings changed;
    change(s, changed, (t / "ref.odt").string());
    CAPTURE(s.key);
    CAPTURE(s.env);
    auto report = build(t, changed, {&s});
    CHECK(report.built.size() == (s.rebuilds ? 2u : 0u));
    build(t, {}, {});  // back to the defaults (which rebuilds again after a change)
  }
}

TEST_CASE("every flag of the table reaches the build: given once, the outputs are rebuilt") {
  TempDir t;
  write(t / "src/team/20240307.md", meeting_md("Team Weekly 2024-03-07"));
  write(t / "ref.odt", "not really a document");
  write(t / "calendar.yml", "name: Test\nevents:\n  - summary: Community Day\n    begin: 2024-05-02\n");
  std::vector<std::string> base = {(t / "src").string(), "-o", (t / "out").string()};
  REQUIRE(minutes_build(base).code == 0);
  for (const auto& s : settings_table()) {
    if (s.flag.empty() || !(s.commands & command_build)) continue;  // the report's period is not the build's
    std::vector<std::string> args = base;
    args.emplace_back(s.flag);
    switch (s.type) {
      case SettingType::flag: break;
      case SettingType::choice: args.emplace_back(s.allowed.back()); break;
      case SettingType::file: args.push_back((t / "ref.odt").string()); break;
      case SettingType::files: args.push_back((t / "calendar.yml").string()); break;
      case SettingType::count: args.emplace_back("7"); break;
      case SettingType::formats: args.emplace_back("odt,html"); break;
      default: args.emplace_back("changed"); break;
    }
    Run r = minutes_build(args);
    CAPTURE(s.flag);
    INFO(r.err);
    CHECK(r.err.find(s.rebuilds ? "1 built" : "up to date, nothing written") != std::string::npos);
    minutes_build(base);
  }
}
