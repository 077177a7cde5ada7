// Prepares a build of an archive: the folders, the settings, discovery, the last manifest and the plan.
#include <minutes/archive.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
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

// Creates OUT when missing; why it cannot be the output folder (a file, a parent that may not be written), or empty.
std::string make_output_folder(const std::string& out) {
  std::error_code ec;
  if (fs::is_directory(out, ec)) return {};
  if (fs::exists(fs::symlink_status(out, ec)))
    return fmt::format("the output folder {} exists and is not a folder: name a folder with -o", out);
  // Folder by folder, so that the message names the one that cannot be made (not a later "No such file").
  fs::path path;
  for (const auto& part : fs::path(out)) {
    path /= part;
    if (fs::is_directory(path, ec)) continue;
    if (fs::exists(fs::symlink_status(path, ec)))
      return fmt::format("cannot create the output folder {}: {} is not a folder", out, path.string());
    if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST)
      return fmt::format("cannot create the output folder {}: cannot create {}: {}", out, path.string(),
                         std::strerror(errno));
  }
  return {};
}

}  // namespace

Build prepare(const Request& request) {
  std::error_code ec;
  if (!fs::is_directory(request.src, ec)) return refuse(true, fmt::format("{} is not a folder", request.src));
  if (std::string why = make_output_folder(request.out); !why.empty()) return refuse(false, why);
  fs::path src_c = fs::canonical(request.src, ec), out_c = fs::canonical(request.out, ec);
  if (ec) return refuse(false, fmt::format("cannot open the output folder {}: {}", request.out, ec.message()));
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

  // One build of OUT at a time: the next reads the manifest this one leaves.
  if (auto error = lock_output(b.out, request.waiting, b.lock); !error.empty()) return refuse(false, error);

  // What is there, and what the last build left.
  Discovery found = discover(b.src, b.out, b.settings.exclude);
  b.sources = std::move(found.sources);
  b.skipped = std::move(found.skipped);
  b.site = make_site(b.sources, b.settings, std::find(b.documents.begin(), b.documents.end(), find_writer("html")) !=
                                                b.documents.end());
  for (auto& d : found.diagnostics) b.diagnostics.push_back(shown(std::move(d), b.src));
  if (auto text = read_file(b.out + "/" + std::string(manifest_name)).bytes) b.previous = parse_manifest(*text);
  b.binary = binary_hash();
  b.options = options_key(b.settings);

  PlanInput in;
  in.sources = b.sources;
  in.previous = b.previous ? &*b.previous : nullptr;
  in.binary = b.binary;
  in.options = b.options;
  in.documents = b.documents;
  in.aggregates = b.aggregates;
  // The folders of OUT that hold outputs, listed once (no stat per file); leftovers of a killed build go.
  std::set<std::string> dirs = {""};
  std::string_view last_dir;  // sources come in path order: a folder's come together
  for (const auto& s : b.sources) {
    std::string_view dir(s.stem.data(), std::min(s.stem.size(), s.stem.find_last_of('/')));
    if (dir != last_dir && dir != s.stem) dirs.emplace(last_dir = dir);
  }
  if (b.previous)  // and those of the last build's aggregates ("feeds/iaas.xml")
    for (const auto& [name, record] : b.previous->aggregates)
      if (auto slash = name.find_last_of('/'); slash != std::string::npos) dirs.insert(name.substr(0, slash));
  auto there = list_outputs(b.out, dirs);
  if (b.previous) {
    // Only what planning asks about: the outputs the manifest names for current sources, and the aggregates.
    for (auto it : records_of(b.sources, *b.previous))
      if (it != b.previous->sources.end())
        for (const auto& o : it->second.outputs)
          if (!there.contains(o.path)) in.missing.insert(o.path);
    for (const auto& [name, record] : b.previous->aggregates)  // the archive's files and the series' ones
      if (!there.contains(name)) in.missing.insert(name);
  }
  b.plan = plan(in);
  return b;
}

}  // namespace minutes::archive
