// The build manifest as JSON (nlohmann) and the options key derived from the table of settings.
#include <minutes/archive.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <minutes/files.hpp>
#include <minutes/version.hpp>

#include "converters/library/archive_files.hpp"

namespace minutes::archive {

namespace {
using json = nlohmann::json;
constexpr int manifest_layout = 2;  // 2: the summaries' hash
}  // namespace

std::optional<Manifest> parse_manifest(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("layout", 0) != manifest_layout) return std::nullopt;
  try {
    Manifest m;
    m.binary = j.at("binary").get<std::string>();
    m.options = j.at("options").get<std::string>();
    m.summaries = j.value("summaries", std::string());
    for (const auto& [rel, r] : j.at("sources").items()) {
      SourceRecord s;
      s.size = r.at("size").get<uint64_t>();
      s.mtime_ns = r.at("mtime_ns").get<int64_t>();
      s.hash = r.at("hash").get<std::string>();
      s.ok = r.at("ok").get<bool>();
      s.events = r.value("events", 0);
      s.warnings = r.value("warnings", 0);
      s.outputs = r.at("outputs").get<std::vector<std::string>>();
      m.sources.emplace(rel, std::move(s));
    }
    for (const auto& [name, h] : j.at("aggregates").items()) m.aggregates.emplace(name, h.get<std::string>());
    return m;
  } catch (const json::exception&) { return std::nullopt; }
}

std::string dump_manifest(const Manifest& m) {
  json j;
  j["layout"] = manifest_layout;
  j["minutes"] = minutes::version;
  j["binary"] = m.binary;
  j["options"] = m.options;
  j["summaries"] = m.summaries;
  json sources = json::object();
  for (const auto& [rel, s] : m.sources)
    sources[rel] = {{"size", s.size},     {"mtime_ns", s.mtime_ns}, {"hash", s.hash},      {"ok", s.ok},
                    {"events", s.events}, {"warnings", s.warnings}, {"outputs", s.outputs}};
  j["sources"] = std::move(sources);
  j["aggregates"] = m.aggregates;
  return j.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string options_key(const Settings& settings) {
  std::string key;
  for (const auto& s : settings_table()) {
    if (!s.rebuilds) continue;
    std::string value = setting_text(s, settings);
    key += fmt::format("{}{}={}\x1e", s.key, s.env, value);
    if ((s.type == SettingType::file || s.type == SettingType::files) && !value.empty()) {
      for (size_t at = 0, nl; at < value.size(); at = nl + 1) {  // a list: one path a line
        nl = std::min(value.find('\n', at), value.size());
        auto file = read_file(value.substr(at, nl - at));
        key += hash_bytes(file.bytes ? *file.bytes : file.error) + "\x1e";
      }
    }
  }
  return hash_bytes(key);
}

}  // namespace minutes::archive
