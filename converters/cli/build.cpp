// `minutes build SRC -o OUT`: a whole archive to per-meeting ODT/DOCX/HTML, calendar, feed and index, in
// parallel and incrementally (see build_*.hpp for discovery, manifest, settings, progress and the index).
#include <sys/stat.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <map>
#include <fmt/format.h>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "converters/cli/build_config.hpp"
#include "converters/cli/build_discover.hpp"
#include "converters/cli/build_index.hpp"
#include "converters/cli/build_manifest.hpp"
#include "converters/cli/build_progress.hpp"
#include "converters/cli/build_summary.hpp"
#include "converters/cli/commands.hpp"
#include <minutes/minutes.hpp>
#include "formats/common/report.hpp"

namespace minutes::cli {

namespace {

using build::Manifest;
using build::Source;
using build::SourceRecord;

// The command line of `minutes build`.
struct Args {
  std::string src, out;
  std::vector<std::string> excludes;
  std::vector<std::string> formats;
  unsigned jobs = 0;
  bool quiet = false;
  formats::WriteOptions options;
};

// What one source gave in this run.
struct FileResult {
  bool read = false;       // read in this run
  bool rebuilt = false;    // its outputs were written
  bool ok = false;         // no error
  int events = -1;         // events of the meeting when it was read in this run
  std::string hash;
  std::optional<ir::Meeting> meeting;  // read in this run
  std::optional<ir::Meeting> summary;  // from the last build's summaries (unchanged source)
  std::vector<ir::Diagnostic> diagnostics;
  std::vector<std::string> outputs;
};

// What every worker reads and never changes.
struct Context {
  std::string out;
  formats::WriteOptions options;
  std::vector<const Writer*> writers;
  std::map<std::string, std::string> series;  // minutes.yaml: top folder -> series name
  const Manifest* previous = nullptr;
  bool force = false;  // options or binary changed: rebuild everything
  WriteContext write;  // files only from inside SRC, one cache for the whole build
};

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// True when every folder between out and rel is a real folder (no symlink): safe to unlink out/rel.
bool plain_inside(const std::string& out, const std::string& rel) {
  if (!build::safe_relative(rel)) return false;
  std::string path = out;
  size_t start = 0;
  for (size_t slash; (slash = rel.find('/', start)) != std::string::npos; start = slash + 1) {
    path += "/" + rel.substr(start, slash - start);
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
  }
  return true;
}

// The outputs a source should have with the current formats ("index.html" at the root belongs to the index).
std::vector<std::string> expected_outputs(const Source& s, const Context& ctx) {
  std::vector<std::string> out;
  for (const auto* w : ctx.writers) {
    std::string path = s.stem + std::string(w->extensions.front());
    if (path == "index.html") continue;
    out.push_back(std::move(path));
  }
  return out;
}

std::string options_key(const formats::WriteOptions& o, const std::vector<const Writer*>& writers,
                        const std::map<std::string, std::string>& series) {
  std::string key = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|", o.title, o.organisation, o.funder,
                                o.paper, o.lang, o.reference_doc, o.calendar_name, o.timezone, o.todos, o.feed_title,
                                o.feed_link, o.feed_description, o.feed_self, o.base_url, o.feed_items,
                                o.source_date_epoch ? std::to_string(*o.source_date_epoch) : std::string("-"));
  for (const auto* w : writers) key += std::string(w->name) + ",";
  for (const auto& [folder, name] : series) key += fmt::format("{}={};", folder, name);
  if (!o.reference_doc.empty()) {
    auto file = read_file(o.reference_doc);
    key += build::hash_bytes(file.bytes ? *file.bytes : file.error);
  }
  return build::hash_bytes(key);
}

ir::Diagnostic error_at(const std::string& file, std::string message) {
  return {ir::Severity::error, file, 0, 0, std::move(message)};
}

// Reads and parses one source; false (with diagnostics) when it cannot be used.
bool read_source(const Source& s, FileResult& r, std::string* bytes_out) {
  auto [bytes, error] = read_file(s.path);
  r.read = true;
  if (!bytes) {
    r.diagnostics.push_back(error_at(s.rel, error));
    return false;
  }
  r.hash = build::hash_bytes(*bytes);
  if (bytes_out) *bytes_out = std::move(*bytes);
  return true;
}

// In an archive, the top folder is the series ("iaas/20230503.md"), named in minutes.yaml or as it is.
std::string folder_series(const std::string& rel, const std::map<std::string, std::string>& names) {
  auto slash = rel.find('/');
  if (slash == std::string::npos) return {};
  std::string folder = rel.substr(0, slash);
  auto it = names.find(folder);
  return it != names.end() ? it->second : folder;
}

bool parse_source(const Source& s, std::string_view bytes, const Context& ctx, FileResult& r) {
  const Reader* reader = reader_for_path(s.rel);
  try {
    ir::Meeting m = load(bytes, minutes::ReadOptions{s.rel}, *reader);  // readers are thread-safe (the Markdown one serialises cmark-gfm)
    // Only for a meeting that names nothing but its date: a one-off's own title ("API Minihackathon") stays.
    if (m.series.empty() && ir::title_only_dates(m)) m.series = folder_series(s.rel, ctx.series);
    for (auto& d : m.diagnostics)
      if (d.file.empty()) d.file = s.rel;
    r.diagnostics.insert(r.diagnostics.end(), m.diagnostics.begin(), m.diagnostics.end());
    if (has_error(m.diagnostics)) return false;
    r.events = static_cast<int>(m.events.size());
    r.meeting = std::move(m);
    return true;
  } catch (const std::exception& e) {
    r.diagnostics.push_back(error_at(s.rel, fmt::format("cannot read: {}", e.what())));
    return false;
  }
}

// Phase one for a source that may have changed: hash it, and when it did change, read it and write its outputs.
void build_source(const Source& s, const Context& ctx, FileResult& r) {
  std::string bytes;
  if (!read_source(s, r, &bytes)) return;
  const SourceRecord* rec = nullptr;
  if (ctx.previous)
    if (auto it = ctx.previous->sources.find(s.rel); it != ctx.previous->sources.end()) rec = &it->second;
  auto expected = expected_outputs(s, ctx);
  if (!ctx.force && rec && rec->ok && rec->hash == r.hash && rec->outputs == expected &&
      std::all_of(expected.begin(), expected.end(), [&](const std::string& o) { return exists(ctx.out + "/" + o); })) {
    r.ok = true;
    r.outputs = rec->outputs;
    return;
  }
  r.rebuilt = true;
  if (!parse_source(s, bytes, ctx, r)) return;
  bytes.clear();
  bytes.shrink_to_fit();
  formats::WriteOptions o = ctx.options;
  o.title.clear();
  o.output_stem = s.stem;
  o.root_prefix.clear();
  for (char c : s.stem)
    if (c == '/') o.root_prefix += "../";
  bool ok = true;
  for (const auto* w : ctx.writers) {
    std::string rel = s.stem + std::string(w->extensions.front());
    if (rel == "index.html") {
      r.diagnostics.push_back({ir::Severity::warning, s.rel, 0, 0, "no HTML page: index.html at the root is the archive index"});
      continue;
    }
    formats::Output out;
    try {
      out = write(*w, std::span<const ir::Meeting>(&*r.meeting, 1), o, ctx.write);
    } catch (const std::exception& e) {
      out.diagnostics.push_back(error_at(s.rel, fmt::format("{} writer failed: {}", w->name, e.what())));
    }
    for (auto& d : out.diagnostics)
      if (d.file.empty()) d.file = s.rel;
    r.diagnostics.insert(r.diagnostics.end(), out.diagnostics.begin(), out.diagnostics.end());
    if (has_error(out.diagnostics)) {
      ok = false;
      continue;
    }
    if (std::string error = write_atomic(ctx.out + "/" + rel, out.bytes); !error.empty()) {
      r.diagnostics.push_back(error_at(s.rel, error));
      ok = false;
      continue;
    }
    r.outputs.push_back(std::move(rel));
  }
  r.ok = ok;
}

// Runs f(i) for i in [0, n) on `jobs` threads while the calling thread draws progress.
template <class F>
void parallel_for(size_t n, unsigned jobs, build::Progress& progress, F&& f) {
  std::atomic<size_t> next{0}, done{0};
  std::mutex mutex;
  std::condition_variable finished;
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) {
      f(i);
      if (done.fetch_add(1) + 1 == n) {
        std::lock_guard lock(mutex);
        finished.notify_all();
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned k = 0; k < std::min<size_t>(jobs, n); ++k) threads.emplace_back(worker);
  {
    std::unique_lock lock(mutex);
    while (!finished.wait_for(lock, std::chrono::milliseconds(100), [&] { return done.load() == n; }))
      progress.update(done.load());
  }
  for (auto& t : threads) t.join();
}

// Removes out/rel (when it is not to be kept) and then its folders as they become empty.
void remove_output(const std::string& out, const std::string& rel) {
  if (!plain_inside(out, rel)) return;
  std::string path = out + "/" + rel;
  if (::unlink(path.c_str()) != 0) return;
  for (auto slash = rel.find_last_of('/'); slash != std::string::npos; slash = rel.find_last_of('/', slash - 1)) {
    if (::rmdir((out + "/" + rel.substr(0, slash)).c_str()) != 0 || slash == 0) break;
  }
}

void print(const ir::Diagnostic& d, const std::string& src, bool quiet) {
  if (quiet && d.severity != ir::Severity::error) return;
  ir::Diagnostic shown = d;
  if (!shown.file.empty() && shown.file.front() != '/') shown.file = (std::filesystem::path(src) / shown.file).string();
  std::fprintf(stderr, "%s\n", format_diagnostic(shown).c_str());
}

int run_build(const Args& args, const CLI::App& cmd) {
  auto started = std::chrono::steady_clock::now();
#ifdef __GLIBC__
  // The writers allocate and free large buffers (zlib windows, XML trees) per file; without this glibc hands
  // them back to the kernel each time and the next file page-faults them in again (a third of the CPU time).
  ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(args.src, ec)) {
    std::fprintf(stderr, "minutes: error: %s is not a folder\n", args.src.c_str());
    return exit_usage;
  }
  fs::create_directories(args.out, ec);
  fs::path src_c = fs::canonical(args.src, ec), out_c = fs::canonical(args.out, ec);
  if (ec) {
    std::fprintf(stderr, "minutes: error: cannot create %s: %s\n", args.out.c_str(), ec.message().c_str());
    return exit_bad_input;
  }
  if (src_c == out_c || src_c.string().starts_with(out_c.string() + "/")) {
    std::fprintf(stderr, "minutes: error: the output folder must not be the source folder or contain it\n");
    return exit_usage;
  }
  const std::string src = args.src, out = out_c.string();

  // Settings: minutes.yaml over the defaults, flags over both.
  build::Config config = build::load_config((fs::path(src) / build::config_name).string(), src, formats::WriteOptions{});
  int errors = 0, warnings = 0;
  for (const auto& d : config.diagnostics) {
    print(d, "", args.quiet);
    if (d.severity == ir::Severity::error) errors++;
    if (d.severity == ir::Severity::warning) warnings++;
  }
  FileResources files({src}, {}, src);
  Cache cache;
  Context ctx;
  ctx.write = {&files, &cache};
  ctx.out = out;
  ctx.options = config.options;
  ctx.series = config.series;
  build::override_from_flags(cmd, args.options, ctx.options);
  apply_environment(ctx.options);
  auto format_names = !args.formats.empty() ? args.formats : !config.formats.empty() ? config.formats
                                                                                     : std::vector<std::string>{"odt", "docx", "html"};
  for (const auto& name : format_names) {
    const Writer* w = find_writer(name);
    if (!w || w->name == "ics" || w->name == "rss") {
      std::fprintf(stderr, "minutes: error: '%s' is not a per-meeting format (odt, docx, html, json)\n", name.c_str());
      return exit_usage;
    }
    if (std::find(ctx.writers.begin(), ctx.writers.end(), w) == ctx.writers.end()) ctx.writers.push_back(w);
  }
  std::vector<std::string> excludes = config.excludes;
  excludes.insert(excludes.end(), args.excludes.begin(), args.excludes.end());

  // What is there, and what the last build left.
  build::Discovery found = build::discover(src, out, excludes);
  for (const auto& d : found.diagnostics) {
    print(d, src, args.quiet);
    if (d.severity == ir::Severity::error) errors++;
    if (d.severity == ir::Severity::warning) warnings++;
  }
  std::string manifest_path = out + "/" + build::manifest_name, error;
  auto manifest_text = read_file(manifest_path).bytes;
  std::optional<Manifest> previous = manifest_text ? build::parse_manifest(*manifest_text) : std::nullopt;
  Manifest next;
  next.binary = build::binary_hash();
  next.options = options_key(ctx.options, ctx.writers, ctx.series);
  ctx.previous = previous ? &*previous : nullptr;
  ctx.force = !previous || previous->binary != next.binary || previous->options != next.options;

  const auto& sources = found.sources;
  std::vector<FileResult> results(sources.size());
  std::set<std::string> keep;  // every output a current source should have
  std::vector<size_t> to_check;
  for (size_t i = 0; i < sources.size(); ++i) {
    const Source& s = sources[i];
    auto expected = expected_outputs(s, ctx);
    keep.insert(expected.begin(), expected.end());
    const SourceRecord* rec = nullptr;
    if (previous)
      if (auto it = previous->sources.find(s.rel); it != previous->sources.end()) rec = &it->second;
    bool fresh = !ctx.force && rec && rec->ok && rec->size == s.size && rec->mtime_ns == s.mtime_ns &&
                 rec->outputs == expected &&
                 std::all_of(expected.begin(), expected.end(), [&](const std::string& o) { return exists(out + "/" + o); });
    if (fresh) {
      results[i].ok = true;
      results[i].hash = rec->hash;
      results[i].outputs = rec->outputs;
    } else {
      to_check.push_back(i);
    }
  }

  // Outputs of sources that are gone (or now excluded) go too.
  size_t removed = 0;
  if (previous) {
    std::set<std::string> current;
    for (const auto& s : sources) current.insert(s.rel);
    for (const auto& [rel, rec] : previous->sources) {
      if (current.contains(rel)) continue;
      removed++;
      std::string own = rel.substr(0, rel.find_last_of('.')) + ".";  // a manifest cannot name other files
      for (const auto& o : rec.outputs)
        if (!keep.contains(o) && o.starts_with(own) && o.find('/', own.size()) == std::string::npos) remove_output(out, o);
    }
  }

  for (size_t i : to_check) {
    auto slash = sources[i].stem.find_last_of('/');
    if (slash == std::string::npos) continue;
    if (!build::ensure_output_dir(out, std::string_view(sources[i].stem).substr(0, slash), error)) {
      results[i].diagnostics.push_back(error_at(sources[i].rel, error));
      results[i].read = true;
    }
  }

  unsigned jobs = args.jobs ? args.jobs : std::max(1u, std::thread::hardware_concurrency());
  build::Progress progress(::isatty(STDERR_FILENO) != 0, args.quiet);
  progress.start("building", to_check.size());
  parallel_for(to_check.size(), jobs, progress, [&](size_t k) {
    FileResult& r = results[to_check[k]];
    if (r.diagnostics.empty()) build_source(sources[to_check[k]], ctx, r);
  });
  progress.finish(to_check.size());

  size_t rebuilt = 0;
  bool any_failed = false;
  for (size_t i = 0; i < sources.size(); ++i) {
    if (results[i].rebuilt) rebuilt++;
    if (!results[i].ok) any_failed = true;
  }
  std::vector<std::string> aggregate_names = {"calendar.ics", "feed.xml", "index.html"};
  bool aggregates_stale = ctx.force || rebuilt > 0 || removed > 0 || any_failed ||
                          !previous || previous->aggregates.size() != aggregate_names.size() ||
                          std::any_of(aggregate_names.begin(), aggregate_names.end(),
                                      [&](const std::string& n) { return !exists(out + "/" + n); });

  if (aggregates_stale) {
    // The aggregates need every meeting: unchanged ones come from the last build's summaries when their hash
    // matches, else they are read again (nothing is written for them).
    std::map<std::string, build::Summary> summaries;
    if (!ctx.force)
      if (auto text = read_file(out + "/" + build::summaries_name).bytes) summaries = build::parse_summaries(*text);
    std::vector<size_t> to_read;
    for (size_t i = 0; i < sources.size(); ++i) {
      if (!results[i].ok || results[i].meeting) continue;
      auto it = summaries.find(sources[i].rel);
      if (it != summaries.end() && it->second.hash == results[i].hash) results[i].summary = std::move(it->second.meeting);
      else to_read.push_back(i);
    }
    auto read_meetings = [&](const std::vector<size_t>& which, const char* label) {
      progress.start(label, which.size());
      parallel_for(which.size(), jobs, progress, [&](size_t k) {
        size_t i = which[k];
        FileResult probe;
        std::string bytes;
        if (read_source(sources[i], probe, &bytes) && parse_source(sources[i], bytes, ctx, probe)) {
          results[i].meeting = std::move(probe.meeting);
          results[i].events = probe.events;
        } else {
          results[i].diagnostics.insert(results[i].diagnostics.end(), probe.diagnostics.begin(), probe.diagnostics.end());
          results[i].ok = false;
        }
      });
      progress.finish(which.size());
    };
    read_meetings(to_read, "reading");

    std::vector<ir::Meeting> meetings;  // full where read in this run, else summaries: the calendar reads either
    std::vector<size_t> owner;
    std::vector<char> is_full;
    std::map<std::string, build::Summary> next_summaries;
    for (size_t i = 0; i < sources.size(); ++i) {
      if (!results[i].ok) continue;
      if (results[i].meeting) {
        next_summaries[sources[i].rel] = {results[i].hash, build::summarise(*results[i].meeting)};
        meetings.push_back(std::move(*results[i].meeting));
        results[i].meeting.reset();
      } else if (results[i].summary) {
        next_summaries[sources[i].rel] = {results[i].hash, *results[i].summary};
        meetings.push_back(std::move(*results[i].summary));
      } else {
        continue;
      }
      owner.push_back(i);
      is_full.push_back(results[i].summary ? 0 : 1);
    }
    std::string summaries_text = build::dump_summaries(next_summaries);
    auto old_text = read_file(out + "/" + build::summaries_name).bytes;
    if (!old_text || *old_text != summaries_text) error = write_atomic(out + "/" + build::summaries_name, summaries_text);
    if (!error.empty())
      std::fprintf(stderr, "%s/%s: error: %s\n", out.c_str(), build::summaries_name, error.c_str());
    std::vector<build::IndexEntry> entries;
    for (size_t k = 0; k < meetings.size(); ++k)
      entries.push_back({&meetings[k], sources[owner[k]].stem, results[owner[k]].outputs});
    formats::WriteOptions o = ctx.options;
    if (o.feed_title.empty()) o.feed_title = o.title;
    o.title.clear();
    auto write_aggregate = [&](const std::string& name, formats::Output result) {
      for (auto& d : result.diagnostics) {
        print(d, src, args.quiet);
        if (d.severity == ir::Severity::error) errors++;
        if (d.severity == ir::Severity::warning) warnings++;
      }
      if (has_error(result.diagnostics)) return false;
      std::string hash = build::hash_bytes(result.bytes);
      next.aggregates[name] = hash;
      if (previous && previous->aggregates.count(name) && previous->aggregates.at(name) == hash && exists(out + "/" + name))
        return true;
      if (std::string err = write_atomic(out + "/" + name, result.bytes); !err.empty()) {
        std::fprintf(stderr, "%s/%s: error: %s\n", out.c_str(), name.c_str(), err.c_str());
        errors++;
        return false;
      }
      return true;
    };
    build::IndexLinks links;
    links.calendar = write_aggregate("calendar.ics", write(*find_writer("ics"), meetings, o, ctx.write));
    // The feed needs the content of its newest meetings: read again those known only by their summary.
    auto ordered = formats::in_date_order(meetings);
    size_t first = ordered.size() > static_cast<size_t>(o.feed_items) ? ordered.size() - o.feed_items : 0;
    std::vector<size_t> feed_sources, summarised;
    for (size_t k = first; k < ordered.size(); ++k) {
      auto pos = static_cast<size_t>(ordered[k] - meetings.data());
      size_t i = owner[pos];
      feed_sources.push_back(i);
      if (is_full[pos]) results[i].meeting = meetings[pos];
      else summarised.push_back(i);
    }
    read_meetings(summarised, "reading");
    std::vector<ir::Meeting> newest;
    for (size_t i : feed_sources)
      if (results[i].meeting) newest.push_back(std::move(*results[i].meeting));
    links.feed = write_aggregate("feed.xml", write(*find_writer("rss"), newest, o, ctx.write));
    std::optional<ir::Date> today;
    if (ctx.options.source_date_epoch) today = ir::civil_from_days(*ctx.options.source_date_epoch / 86400);
    for (const auto& m : meetings)
      if (!ctx.options.source_date_epoch && m.date && (!today || *m.date > *today)) today = m.date;
    formats::Output index;
    index.bytes = build::write_index(entries, today, ctx.options, links);
    write_aggregate("index.html", std::move(index));
  } else {
    next.aggregates = previous->aggregates;
  }

  // Report in source order, then remember what was built.
  size_t meetings = 0, events = 0;
  for (size_t i = 0; i < sources.size(); ++i) {
    const Source& s = sources[i];
    FileResult& r = results[i];
    int file_warnings = 0;
    for (const auto& d : r.diagnostics) {
      print(d, src, args.quiet);
      if (d.severity == ir::Severity::error) errors++;
      if (d.severity == ir::Severity::warning) file_warnings++;
    }
    const SourceRecord* rec = nullptr;
    if (previous)
      if (auto it = previous->sources.find(s.rel); it != previous->sources.end()) rec = &it->second;
    SourceRecord n;
    n.size = s.size;
    n.mtime_ns = s.mtime_ns;
    n.hash = r.hash;
    n.ok = r.ok;
    n.outputs = r.outputs;
    n.warnings = r.rebuilt || !rec ? file_warnings : rec->warnings;
    n.events = r.events >= 0 ? r.events : rec ? rec->events : 0;
    if (rec)  // outputs the source no longer has
      for (const auto& o : rec->outputs) {
        if (std::find(n.outputs.begin(), n.outputs.end(), o) != n.outputs.end()) continue;
        if (!r.ok) n.outputs.push_back(o);            // broken now: its old outputs stay until it builds again
        else if (!keep.contains(o)) remove_output(out, o);  // the formats changed
      }
    warnings += n.warnings;
    if (r.ok) {
      meetings++;
      events += static_cast<size_t>(n.events);
    }
    next.sources.emplace(s.rel, std::move(n));
  }
  std::string text = build::dump_manifest(next);
  bool manifest_written = false;
  if (!manifest_text || *manifest_text != text) {
    if (error = write_atomic(manifest_path, text); !error.empty()) {
      std::fprintf(stderr, "%s: error: %s\n", manifest_path.c_str(), error.c_str());
      errors++;
    }
    manifest_written = true;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!args.quiet) {
    if (rebuilt == 0 && removed == 0 && !aggregates_stale && !manifest_written && errors == 0)
      std::fprintf(stderr, "minutes: %zu meetings up to date, nothing written (%.2f s)\n", meetings, seconds);
    else
      std::fprintf(stderr,
                   "minutes: %zu meetings (%zu built, %zu up to date, %zu removed), %zu events, %d warnings, %d errors "
                   "in %.2f s\n",
                   meetings, rebuilt, sources.size() - rebuilt, removed, events, warnings, errors, seconds);
  }
  return errors > 0 ? exit_bad_input : exit_ok;
}

}  // namespace

void add_build_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "build",
      "Build a whole minutes archive: every Markdown (.md) and plain-text (.txt) file under SRC becomes\n"
      "OUT/<path>.odt, .docx and .html; plus OUT/calendar.ics, OUT/feed.xml and OUT/index.html.\n"
      "Skipped: hidden files and folders, node_modules, README*, LICENSE*, LICENCE*, COPYING*, CHANGELOG*,\n"
      "CONTRIBUTING*, CODE_OF_CONDUCT*, AUTHORS*, NOTICE*, SECURITY*, SOURCE*, names starting or ending with\n"
      "'template', and --exclude globs. SRC/minutes.yaml may hold the writer options; flags override it.\n"
      "--title names the archive (index page, default feed title); each meeting keeps its own title.\n"
      "Incremental: only changed sources are rebuilt (OUT/.minutes-manifest).");
  cmd->add_option("src", args->src, "the archive's folder")->required();
  cmd->add_option("-o,--output", args->out, "output folder (created if needed)")->required();
  cmd->add_option("--exclude", args->excludes,
                  "skip paths matching GLOB (repeatable; without '/' it matches any file or folder name, with '/' "
                  "the path relative to SRC)")
      ->type_name("GLOB");
  cmd->add_option("--formats", args->formats, "per-meeting formats (default: odt,docx,html)")->delimiter(',');
  cmd->add_option("-j,--jobs", args->jobs, "parallel jobs (default: all cores)")->check(CLI::PositiveNumber);
  cmd->add_flag("-q,--quiet", args->quiet, "no progress, summary or warnings; errors only");
  add_write_options(*cmd, args->options);
  cmd->callback([args, cmd, &exit_code] { exit_code = run_build(*args, *cmd); });
}

}  // namespace minutes::cli
