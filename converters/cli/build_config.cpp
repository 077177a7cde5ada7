// Reads SRC/minutes.yaml with yaml-cpp into writer options; command-line flags take precedence.
#include "converters/cli/build_config.hpp"

#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <filesystem>
#include <fmt/format.h>

namespace minutes::build {

namespace {

// One string setting: its YAML key (section.key for nested ones), its flag and the option it sets.
struct StringSetting {
  const char* key;
  const char* flag;
  std::string formats::WriteOptions::*member;
};

using W = formats::WriteOptions;
constexpr std::array<StringSetting, 13> string_settings = {{
    {"title", "--title", &W::title},
    {"organisation", "--organisation", &W::organisation},
    {"funder", "--funder", &W::funder},
    {"paper", "--paper", &W::paper},
    {"lang", "--lang", &W::lang},
    {"reference_doc", "--reference-doc", &W::reference_doc},
    {"timezone", "--timezone", &W::timezone},
    {"base_url", "--base-url", &W::base_url},
    {"calendar.name", "--calendar-name", &W::calendar_name},
    {"feed.title", "--feed-title", &W::feed_title},
    {"feed.link", "--feed-link", &W::feed_link},
    {"feed.description", "--feed-description", &W::feed_description},
    {"feed.self", "--feed-self", &W::feed_self},
}};

ir::Diagnostic problem(const std::string& file, int line, std::string message) {
  return {ir::Severity::warning, file, line, 0, std::move(message)};
}

int line_of(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

std::vector<std::string> string_list(const YAML::Node& n, const std::string& file, const char* key, Config& c) {
  std::vector<std::string> out;
  if (n.IsScalar()) {
    out.push_back(n.as<std::string>());
  } else if (n.IsSequence()) {
    for (const auto& item : n)
      if (item.IsScalar()) out.push_back(item.as<std::string>());
      else c.diagnostics.push_back(problem(file, line_of(item), fmt::format("{}: expected a list of strings", key)));
  } else {
    c.diagnostics.push_back(problem(file, line_of(n), fmt::format("{}: expected a list of strings", key)));
  }
  return out;
}

}  // namespace

Config load_config(const std::string& path, const std::string& src, const formats::WriteOptions& defaults) {
  Config c;
  c.options = defaults;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return c;
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    c.diagnostics.push_back({ir::Severity::error, path, e.mark.line >= 0 ? e.mark.line + 1 : 0, 0,
                             fmt::format("cannot read the archive settings: {}", e.msg)});
    return c;
  }
  if (root.IsNull()) return c;
  if (!root.IsMap()) {
    c.diagnostics.push_back({ir::Severity::error, path, 1, 0, "the archive settings must be a mapping of keys"});
    return c;
  }
  try {
    for (const auto& kv : root) {
      std::string key = kv.first.as<std::string>();
      const YAML::Node& value = kv.second;
      if (key == "organization") key = "organisation";
      if (key == "calendar" || key == "feed") {
        if (!value.IsMap()) {
          c.diagnostics.push_back(problem(path, line_of(value), fmt::format("{}: expected a mapping", key)));
          continue;
        }
        for (const auto& sub : value) {
          std::string full = key + "." + sub.first.as<std::string>();
          if (full == "feed.items") {
            int items = sub.second.as<int>(0);
            if (items > 0) c.options.feed_items = items;
            else c.diagnostics.push_back(problem(path, line_of(sub.second), "feed.items: expected a positive number"));
            continue;
          }
          bool known = false;
          for (const auto& s : string_settings)
            if (full == s.key && sub.second.IsScalar()) {
              c.options.*s.member = sub.second.as<std::string>();
              known = true;
            }
          if (!known) c.diagnostics.push_back(problem(path, line_of(sub.first), fmt::format("unknown setting '{}'", full)));
        }
        continue;
      }
      if (key == "exclude") {
        auto globs = string_list(value, path, "exclude", c);
        c.excludes.insert(c.excludes.end(), globs.begin(), globs.end());
        continue;
      }
      if (key == "series") {
        if (!value.IsMap()) {
          c.diagnostics.push_back(problem(path, line_of(value), "series: expected a mapping of folder to series name"));
          continue;
        }
        for (const auto& sub : value) {
          if (sub.second.IsScalar()) c.series[sub.first.as<std::string>()] = sub.second.as<std::string>();
          else c.diagnostics.push_back(problem(path, line_of(sub.second), "series: expected a name for each folder"));
        }
        continue;
      }
      if (key == "formats") {
        c.formats = string_list(value, path, "formats", c);
        continue;
      }
      if (key == "todos") {
        c.options.todos = value.as<bool>(false);
        continue;
      }
      bool known = false;
      for (const auto& s : string_settings)
        if (key == s.key && value.IsScalar()) {
          c.options.*s.member = value.as<std::string>();
          known = true;
        }
      if (!known) c.diagnostics.push_back(problem(path, line_of(kv.first), fmt::format("unknown setting '{}'", key)));
    }
  } catch (const YAML::Exception& e) {
    c.diagnostics.push_back({ir::Severity::error, path, e.mark.line >= 0 ? e.mark.line + 1 : 0, 0,
                             fmt::format("cannot read the archive settings: {}", e.msg)});
  }
  if (!c.options.reference_doc.empty() && c.options.reference_doc != defaults.reference_doc &&
      std::filesystem::path(c.options.reference_doc).is_relative())
    c.options.reference_doc = (std::filesystem::path(src) / c.options.reference_doc).string();
  return c;
}

void override_from_flags(const CLI::App& cmd, const formats::WriteOptions& flags, formats::WriteOptions& merged) {
  for (const auto& s : string_settings)
    if (cmd.count(s.flag) > 0) merged.*s.member = flags.*s.member;
  if (cmd.count("--todos") > 0) merged.todos = flags.todos;
  if (cmd.count("--feed-items") > 0) merged.feed_items = flags.feed_items;
}

}  // namespace minutes::build
