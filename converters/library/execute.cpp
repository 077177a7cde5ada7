// Runs a planned build: the sources' outputs in parallel, each recorded in the manifest as it lands; then the
// aggregates (archive_aggregates.cpp); then the manifest is written whole when it is due.
#include <signal.h>

#include <cstdlib>

#include <minutes/archive.hpp>
#include <minutes/files.hpp>

#include "converters/core/titles.hpp"
#include "converters/library/archive_execute.hpp"
#include "converters/library/archive_files.hpp"
#include "formats/formats.hpp"

namespace minutes::archive {

namespace execution {

void landed() {
  static const long limit = [] {
    const char* v = std::getenv("MINUTES_TEST_KILL_AFTER");
    return v ? std::atol(v) : 0;
  }();
  static std::atomic<long> count{0};
  if (limit > 0 && count.fetch_add(1) + 1 == limit) ::raise(SIGKILL);
}

Report Executor::run() {
  start_manifest();
  remove_gone();
  build_sources();
  write_aggregates();
  write_summaries();
  report_sources();
  finish_manifest();
  report_.wrote = report_.wrote || journal_.lines() > 0;
  report_.removed = b_.plan.gone;
  report_.sources = b_.sources.size();
  for (const auto& d : b_.diagnostics) count(d);
  return std::move(report_);
}

void Executor::start_manifest() {
  fresh_ = !b_.previous || b_.plan.force;
  if (fresh_) {
    Manifest m;
    m.binary = b_.binary;
    m.options = b_.options;
    if (b_.previous) m.sources = b_.previous->sources;
    for (auto& entry : m.sources) entry.second.ok = false;
    if (auto error = write_atomic(manifest_path(), dump_manifest(m)); !error.empty()) {
      tell(error_at(manifest_path(), error));
      return;  // no journal: nothing is written over
    }
    report_.wrote = true;
  }
  if (auto error = journal_.open(manifest_path()); !error.empty()) tell(error_at(manifest_path(), error));
}

void Executor::remove_written(const Written& w, std::vector<ir::Diagnostic>& diagnostics) {
  if (remove_output(b_.out, w) == Removal::changed)
    diagnostics.push_back({ir::Severity::warning, b_.out + "/" + w.path, 0, 0,
                           "kept: it changed since minutes wrote it, so it is not removed"});
}

void Executor::remove_gone() {
  std::vector<ir::Diagnostic> kept;
  for (const auto& o : b_.plan.remove) remove_written(o, kept);
  for (auto& d : kept) tell(std::move(d));
  for (const auto& rel : b_.plan.gone)
    if (auto error = journal_.append(gone_line(rel)); !error.empty()) tell(error_at(manifest_path(), error));
}

std::string Executor::folder_series(const std::string& rel) const {
  auto slash = rel.find('/');
  if (slash == std::string::npos) return {};
  std::string folder = rel.substr(0, slash);
  auto it = b_.settings.series.find(folder);
  return it != b_.settings.series.end() ? it->second : human_name(folder);
}

std::optional<ir::Meeting> Executor::read(const Source& s, std::string& hash, std::vector<ir::Diagnostic>& diagnostics,
                                          bool hash_only) const {
  auto [bytes, error] = read_file(s.path);
  if (!bytes) {
    diagnostics.push_back(error_at(s.rel, error));
    return std::nullopt;
  }
  hash = hash_bytes(*bytes);
  if (hash_only) return ir::Meeting{};
  ir::Meeting m = load(*bytes, ReadOptions{s.rel}, *reader_for_path(s.rel));
  // Only for a meeting that names nothing but its date: a one-off's own title ("API Minihackathon") stays.
  if (m.series.empty() && ir::title_only_dates(m)) m.series = folder_series(s.rel);
  for (auto& d : m.diagnostics)
    if (d.file.empty()) d.file = s.rel;
  diagnostics.insert(diagnostics.end(), m.diagnostics.begin(), m.diagnostics.end());
  if (has_error(m.diagnostics)) return std::nullopt;
  return m;
}

bool Executor::write_outputs(size_t i, const ir::Meeting& m, std::vector<Written>& written,
                             std::vector<ir::Diagnostic>& diags) {
  const Source& s = b_.sources[i];
  const SourcePlan& sp = b_.plan.sources[i];
  const SourceRecord* rec = last(i);
  WriteOptions o = b_.settings.options;
  o.title.clear();  // --title names the archive; each meeting keeps its own
  o.output_stem = s.stem;
  for (char c : s.stem)
    if (c == '/') o.root_prefix += "../";
  bool ok = true, vouched = !fresh_ && rec && rec->ok;
  for (const auto& t : sp.targets) {
    Output out = write(*t.writer, std::span<const ir::Meeting>(&m, 1), o, context_);
    for (auto& d : out.diagnostics)
      if (d.file.empty()) d.file = s.rel;
    diags.insert(diags.end(), out.diagnostics.begin(), out.diagnostics.end());
    if (has_error(out.diagnostics)) {
      ok = false;
      continue;
    }
    if (vouched) {
      if (auto error = journal_.append(invalid_line(s.rel)); !error.empty()) {
        diags.push_back(error_at(s.rel, error + " (so no output of it is written)"));
        return false;
      }
      vouched = false;
    }
    if (std::string error = write_atomic(b_.out + "/" + t.path, out.bytes); !error.empty()) {
      diags.push_back(error_at(s.rel, error));
      ok = false;
      continue;
    }
    landed();
    written.push_back({t.path, hash_bytes(out.bytes)});
  }
  return ok;
}

void Executor::build_source(size_t i) {
  const Source& s = b_.sources[i];
  const SourcePlan& sp = b_.plan.sources[i];
  const SourceRecord* rec = last(i);
  Result& r = results_[i];
  SourceRecord n;
  std::string hash;
  if (sp.step == Step::check) {
    if (read(s, hash, r.diagnostics, true) && hash == sp.hash) {  // touched, not changed
      n = *rec;
      n.size = s.size;
      n.mtime_ns = s.mtime_ns;
      r.ok = true;
      journal(i, std::move(n));
      return;
    }
  }
  if (sp.step != Step::check || !hash.empty()) {
    r.rebuilt = true;
    if (!journal_.is_open()) {
      r.diagnostics.push_back(error_at(s.rel, "the manifest cannot be updated, so no output of it is written"));
    } else if (auto m = read(s, hash, r.diagnostics, false)) {
      n.events = static_cast<int>(m->events.size());
      r.ok = write_outputs(i, *m, n.outputs, r.diagnostics);
      if (r.ok) {
        r.summary = summarise(*m);
        r.summary_json = formats::write_json(std::span<const ir::Meeting>(&*r.summary, 1), {}).bytes;
        n.summary = hash_bytes(r.summary_json);
        n.date = m->date ? ir::iso(*m->date) : std::string();
        newest_.offer(n.date, std::move(*m));
      }
    }
    r.diagnostics.insert(r.diagnostics.end(), sp.notes.begin(), sp.notes.end());
  }
  n.size = s.size;
  n.mtime_ns = s.mtime_ns;
  n.hash = hash;
  n.ok = r.ok;
  n.warnings = static_cast<int>(std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                                              [](const auto& d) { return d.severity == ir::Severity::warning; }));
  if (!r.rebuilt && rec) n.warnings = rec->warnings;
  if (!r.ok && !r.rebuilt && rec) n.events = rec->events;
  if (rec && !r.ok) {  // broken now: its old outputs stay known until it builds again
    for (const auto& o : rec->outputs)
      if (std::none_of(n.outputs.begin(), n.outputs.end(), [&](const Written& w) { return w.path == o.path; }))
        n.outputs.push_back(o);
  } else if (r.ok) {  // what it no longer has (the formats changed)
    for (const auto& o : sp.obsolete) remove_written(o, r.diagnostics);
  }
  journal(i, std::move(n));
}

void Executor::journal(size_t i, SourceRecord n) {
  Result& r = results_[i];
  if (auto error = journal_.append(source_line(b_.sources[i].rel, n)); !error.empty())
    r.diagnostics.push_back(error_at(b_.sources[i].rel, error));
  r.record = std::move(n);
}

void Executor::build_sources() {
  std::vector<size_t> todo;
  for (size_t i = 0; i < b_.sources.size(); ++i) {
    const SourcePlan& sp = b_.plan.sources[i];
    if (sp.step == Step::keep) {
      results_[i].ok = true;
      continue;
    }
    const std::string& stem = b_.sources[i].stem;
    auto slash = stem.find_last_of('/');
    if (slash != std::string::npos)
      if (auto error = ensure_output_dir(b_.out, std::string_view(stem).substr(0, slash)); !error.empty()) {
        results_[i].diagnostics.push_back(error_at(b_.sources[i].rel, error));
        if (const SourceRecord* rec = last(i)) {
          SourceRecord n = *rec;
          n.ok = false;
          journal(i, std::move(n));
        }
        continue;
      }
    todo.push_back(i);
  }
  progress_.start("building", todo.size());
  parallel_for(todo.size(), b_.jobs, &progress_, [&](size_t k) { build_source(todo[k]); });
  progress_.finish(todo.size());
}

void Executor::report_sources() {
  for (size_t i = 0; i < b_.sources.size(); ++i) {
    Result& r = results_[i];
    for (auto& d : r.diagnostics) {
      if (d.severity == ir::Severity::error) report_.errors++;
      show(std::move(d));
    }
    const SourceRecord* rec = record(i);
    if (rec) report_.warnings += rec->warnings;
    if (r.rebuilt && r.ok) report_.built.push_back(b_.sources[i].rel);
    if (r.ok && rec) {
      report_.meetings++;
      report_.events += static_cast<size_t>(rec->events);
    }
  }
}

void Executor::finish_manifest() {
  if (journal_.lines() == 0) return;
  size_t appended = journal_.lines() + (fresh_ ? 0 : b_.previous->appended);
  if (!fresh_ && appended <= std::max<size_t>(64, b_.sources.size() / 8)) return;
  Manifest m;
  m.binary = b_.binary;
  m.options = b_.options;
  m.aggregates = aggregates_;
  for (size_t i = 0; i < b_.sources.size(); ++i)
    if (const SourceRecord* rec = record(i)) m.sources.emplace(b_.sources[i].rel, *rec);
  if (std::string error = write_atomic(manifest_path(), dump_manifest(m)); !error.empty())
    tell(error_at(manifest_path(), error));
  landed();
}

}  // namespace execution

Report execute(const Build& build, Progress& progress) {
  if (build.refusal) return {};
  return execution::Executor(build, progress).run();
}

}  // namespace minutes::archive
