// Prepares a build of an archive: the folders, the settings, discovery, the last manifest and the plan.
#include <minutes/archive.hpp>

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <thread>

#include <minutes/events.hpp>
#include <minutes/files.hpp>

#include "converters/library/archive_files.hpp"
#include "converters/library/site.hpp"

namespace minutes::archive {

namespace fs = std::filesystem;

namespace {

Build refuse(bool usage, std::string message) {
  Build b;
  b.refusal = Refusal{usage, std::move(message)};
  return b;
}

}  // namespace

Build prepare(const Request& request) {
  std::error_code ec;
  if (!fs::is_directory(request.src, ec)) return refuse(true, fmt::format("{} is not a folder", request.src));
  fs::create_directories(request.out, ec);
  fs::path src_c = fs::canonical(request.src, ec), out_c = fs::canonical(request.out, ec);
  if (ec) return refuse(false, fmt::format("cannot create {}: {}", request.out, ec.message()));
  if (src_c == out_c || src_c.string().starts_with(out_c.string() + "/"))
    return refuse(true, "the output folder must not be the source folder or contain it");

  Build b;
  b.src = request.src;
  b.out = out_c.string();
  b.jobs = request.jobs ? request.jobs : std::max(1u, std::thread::hardware_concurrency());
  b.context = request.context;

  // Settings: minutes.yaml over the defaults, flags over both, then the environment.
  SettingsRead read = load_settings(b.src);
  b.settings = std::move(read.settings);
  b.diagnostics = std::move(read.diagnostics);
  for (const Setting* s : request.given) apply_setting(*s, request.flags, b.settings);
  apply_environment(b.settings.options);
  for (auto& d : load_calendars(b.settings)) b.diagnostics.push_back(std::move(d));  // calendar.include, --events

  // The writers: the formats named, and every aggregate of the registry.
  for (const auto& name : b.settings.formats) {
    const Writer* w = find_writer(name);
    if (!w || w->scope != WriterScope::document) {
      std::string names;
      for (const auto& d : writers())
        if (d.scope == WriterScope::document) names += fmt::format("{}{}", names.empty() ? "" : ", ", d.name);
      return refuse(true, fmt::format("'{}' is not a per-meeting format ({})", name, names));
    }
    if (std::find(b.documents.begin(), b.documents.end(), w) == b.documents.end()) b.documents.push_back(w);
  }
  for (const auto& w : writers())
    if (w.scope == WriterScope::aggregate && (!w.archive_name.empty() || !w.per_series.empty()))
      b.aggregates.push_back(&w);

  // What is there, and what the last build left.
  Discovery found = discover(b.src, b.out, b.settings.exclude);
  b.sources = std::move(found.sources);
  b.skipped = std::move(found.skipped);
  b.site = make_site(b.sources, b.settings, std::find(b.documents.begin(), b.documents.end(), find_writer("html")) !=
                                                b.documents.end());
  for (auto& d : found.diagnostics) b.diagnostics.push_back(shown(std::move(d), b.src));
  b.previous_text = read_file(b.out + "/" + std::string(manifest_name)).bytes;
  if (b.previous_text) b.previous = parse_manifest(*b.previous_text);
  b.binary = binary_hash();
  b.options = options_key(b.settings);

  PlanInput in;
  in.sources = b.sources;
  in.previous = b.previous ? &*b.previous : nullptr;
  in.binary = b.binary;
  in.options = b.options;
  in.documents = b.documents;
  in.aggregates = b.aggregates;
  if (b.previous) {
    // Only what planning asks about: the outputs the manifest names for current sources, and the aggregates.
    for (const auto& s : b.sources)
      if (auto it = b.previous->sources.find(s.rel); it != b.previous->sources.end())
        for (const auto& o : it->second.outputs)
          if (!safe_relative(o) || !regular_file(b.out + "/" + o)) in.missing.insert(o);
    for (const auto& [name, hash] : b.previous->aggregates)  // the archive's files and the series' ones
      if (!safe_relative(name) || !regular_file(b.out + "/" + name)) in.missing.insert(name);
  }
  b.plan = plan(in);
  return b;
}

}  // namespace minutes::archive
