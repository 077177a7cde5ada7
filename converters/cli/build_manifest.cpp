// The build manifest as JSON (nlohmann) and XXH64 content hashes.
#include "converters/cli/build_manifest.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <sys/stat.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <minutes/minutes.hpp>

#ifndef MINUTES_VERSION
#define MINUTES_VERSION "unknown"
#endif

namespace minutes::build {

namespace {
using json = nlohmann::json;
constexpr int manifest_layout = 1;
}  // namespace

std::string hash_bytes(std::string_view bytes) {
  return fmt::format("{:016x}", static_cast<unsigned long long>(XXH64(bytes.data(), bytes.size(), 0)));
}

const std::string& binary_hash() {
  static const std::string hash = [] {
    // The version, and the executable's size and modification time: a new build of the binary rebuilds all.
    struct stat st {};
    std::string key = MINUTES_VERSION;
    if (::stat("/proc/self/exe", &st) == 0)
      key += fmt::format("|{}|{}.{:09}", st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    return hash_bytes(key);
  }();
  return hash;
}

std::optional<Manifest> parse_manifest(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("layout", 0) != manifest_layout) return std::nullopt;
  try {
    Manifest m;
    m.binary = j.at("binary").get<std::string>();
    m.options = j.at("options").get<std::string>();
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
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::string dump_manifest(const Manifest& m) {
  json j;
  j["layout"] = manifest_layout;
  j["minutes"] = MINUTES_VERSION;
  j["binary"] = m.binary;
  j["options"] = m.options;
  json sources = json::object();
  for (const auto& [rel, s] : m.sources)
    sources[rel] = {{"size", s.size}, {"mtime_ns", s.mtime_ns}, {"hash", s.hash},   {"ok", s.ok},
                    {"events", s.events}, {"warnings", s.warnings}, {"outputs", s.outputs}};
  j["sources"] = std::move(sources);
  j["aggregates"] = m.aggregates;
  return j.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace minutes::build
