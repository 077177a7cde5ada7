// Reads minutes.yaml through the table of settings: every key checked against its row's type and allowed values.
#include <minutes/settings.hpp>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <type_traits>
#include <fmt/format.h>

#include <minutes/files.hpp>

#include "formats/common/yaml.hpp"

namespace minutes {

namespace {

int line_of(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

std::string joined(const std::vector<std::string_view>& names) {
  std::string out;
  for (auto n : names) out += fmt::format("{}{}", out.empty() ? "" : ", ", n);
  return out;
}

// Reads minutes.yaml's nodes into settings, one key at a time, collecting what is wrong.
class Reader {
 public:
  Reader(SettingsRead& out, const std::string& file, const std::string& src) : out_(out), file_(file), src_(src) {}

  void mapping(const YAML::Node& root) {
    for (const auto& kv : root) {
      if (!kv.first.IsScalar()) {
        warn(kv.first, "a setting's name must be a word");
        continue;
      }
      const std::string& key = kv.first.Scalar();
      if (const Setting* s = find_key(key)) {
        value(*s, kv.second);
      } else if (is_group(key)) {
        group(key, kv.second);
      } else {
        warn(kv.first, fmt::format("unknown setting '{}'", key));
      }
    }
  }

 private:
  static const Setting* find_key(std::string_view key) {
    for (const auto& s : settings_table())
      if (!s.key.empty() && (s.key == key || s.alias == key)) return &s;
    return nullptr;
  }

  static bool is_group(std::string_view key) {
    for (const auto& s : settings_table())
      if (s.key.size() > key.size() && s.key.starts_with(key) && s.key[key.size()] == '.') return true;
    return false;
  }

  void group(const std::string& key, const YAML::Node& node) {
    if (!node.IsMap()) {
      error(node, fmt::format("{}: expected a mapping", key));
      return;
    }
    for (const auto& kv : node) {
      std::string full = key + "." + (kv.first.IsScalar() ? kv.first.Scalar() : std::string("?"));
      if (const Setting* s = kv.first.IsScalar() ? find_key(full) : nullptr)
        value(*s, kv.second);
      else
        warn(kv.first, fmt::format("unknown setting '{}'", full));
    }
  }

  void value(const Setting& s, const YAML::Node& node) {
    std::string_view key = s.key;
    switch (s.type) {
      case SettingType::text:
      case SettingType::choice:
      case SettingType::file: {
        if (!node.IsScalar()) return error(node, fmt::format("{}: expected text", key));
        std::string v = node.Scalar();
        if (s.type == SettingType::choice && std::find(s.allowed.begin(), s.allowed.end(), v) == s.allowed.end())
          return error(node, fmt::format("{}: '{}' is not one of {}", key, v, joined(s.allowed)));
        if (s.type == SettingType::file && !v.empty()) {
          if (std::filesystem::path(v).is_relative()) v = (std::filesystem::path(src_) / v).string();
          std::error_code ec;
          if (!std::filesystem::is_regular_file(v, ec)) return error(node, fmt::format("{}: no file {}", key, v));
        }
        return set(s, v);
      }
      case SettingType::flag: {
        bool v = false;
        if (!node.IsScalar() || !YAML::convert<bool>::decode(node, v))
          return error(node, fmt::format("{}: expected true or false", key));
        return set(s, v);
      }
      case SettingType::count: {
        int v = 0;
        const std::string text = node.IsScalar() ? node.Scalar() : std::string();
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v <= 0)
          return error(node, fmt::format("{}: expected a positive number", key));
        return set(s, v);
      }
      case SettingType::files: {
        std::vector<std::string> list;
        if (node.IsScalar())
          list.push_back(node.Scalar());
        else if (node.IsSequence())
          for (const auto& item : node) {
            if (!item.IsScalar()) return error(item, fmt::format("{}: expected a list of files", key));
            list.push_back(item.Scalar());
          }
        else
          return error(node, fmt::format("{}: expected a list of files", key));
        for (auto& v : list) {
          if (std::filesystem::path(v).is_relative()) v = (std::filesystem::path(src_) / v).string();
          std::error_code ec;
          if (!std::filesystem::is_regular_file(v, ec)) return error(node, fmt::format("{}: no file {}", key, v));
        }
        return set(s, list);
      }
      case SettingType::globs:
      case SettingType::formats: {
        std::vector<std::string> list;
        if (node.IsScalar())
          list.push_back(node.Scalar());
        else if (node.IsSequence())
          for (const auto& item : node) {
            if (!item.IsScalar()) return error(item, fmt::format("{}: expected a list of strings", key));
            list.push_back(item.Scalar());
          }
        else
          return error(node, fmt::format("{}: expected a list of strings", key));
        if (s.type == SettingType::formats)
          for (const auto& name : list)
            if (std::find(s.allowed.begin(), s.allowed.end(), name) == s.allowed.end())
              return error(node,
                           fmt::format("{}: '{}' is not a per-meeting format ({})", key, name, joined(s.allowed)));
        return set(s, list);
      }
      case SettingType::names: {
        if (!node.IsMap()) return error(node, fmt::format("{}: expected a mapping of folder to series name", key));
        std::map<std::string, std::string> names;
        for (const auto& kv : node) {
          if (!kv.first.IsScalar() || !kv.second.IsScalar())
            return error(kv.second, fmt::format("{}: expected a name for each folder", key));
          names[kv.first.Scalar()] = kv.second.Scalar();
        }
        return set(s, names);
      }
      case SettingType::date:  // the report's selection is given on its command line only (no key)
      case SettingType::quarter:
      case SettingType::year:
      case SettingType::names_list:
      case SettingType::epoch:
      case SettingType::internal: return warn(node, fmt::format("unknown setting '{}'", key));
    }
  }

  // Stores v in the setting's field when the field has v's type.
  template <class V>
  void set(const Setting& s, const V& v) {
    std::visit(
        [&](auto field) {
          if constexpr (std::is_same_v<decltype(field), V WriteOptions::*>)
            out_.settings.options.*field = v;
          else if constexpr (std::is_same_v<decltype(field), V Settings::*>)
            out_.settings.*field = v;
        },
        s.field);
  }

  void warn(const YAML::Node& at, std::string message) {
    out_.diagnostics.push_back({ir::Severity::warning, file_, line_of(at), 0, std::move(message)});
  }
  void error(const YAML::Node& at, std::string message) {
    out_.diagnostics.push_back({ir::Severity::error, file_, line_of(at), 0, std::move(message)});
  }

  SettingsRead& out_;
  const std::string& file_;
  const std::string& src_;
};

}  // namespace

SettingsRead parse_settings(std::string_view yaml, const std::string& file, const std::string& src,
                            const Settings& defaults) {
  SettingsRead out;
  out.settings = defaults;
  // An archive's settings are a page of keys: far tighter bounds than front matter's.
  constexpr size_t max_bytes = 1u << 20;
  formats::yaml::Loaded parsed;
  if (yaml.size() > max_bytes)
    parsed.error = fmt::format("larger than {} bytes", max_bytes);
  else
    parsed = formats::yaml::load(yaml, {.depth = 32, .nodes = 10'000, .aliases = 1'000, .bytes = max_bytes});
  if (!parsed.error.empty()) {
    out.diagnostics.push_back(
        {ir::Severity::error, file, parsed.line, 0, fmt::format("cannot read the archive settings: {}", parsed.error)});
    return out;
  }
  if (!parsed.root.IsDefined() || parsed.root.IsNull()) return out;
  if (!parsed.root.IsMap()) {
    out.diagnostics.push_back({ir::Severity::error, file, 1, 0, "the archive settings must be a mapping of keys"});
    return out;
  }
  Reader(out, file, src).mapping(parsed.root);
  return out;
}

SettingsRead load_settings(const std::string& src, const Settings& defaults) {
  std::string path = (std::filesystem::path(src) / settings_name).string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {defaults, {}};
  FileRead file = read_file(path);
  if (!file.bytes) return {defaults, {{ir::Severity::error, path, 0, 0, file.error}}};
  return parse_settings(*file.bytes, path, src, defaults);
}

}  // namespace minutes
