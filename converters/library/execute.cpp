// Runs a planned build: the sources' outputs in parallel, then the summaries, the aggregates and the manifest.
#include <minutes/archive.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <set>
#include <mutex>
#include <thread>

#include <minutes/files.hpp>

#include "converters/core/titles.hpp"
#include "converters/library/archive_files.hpp"
#include "converters/library/site.hpp"
#include "formats/common/report.hpp"
#include "formats/formats.hpp"

namespace minutes::archive {

namespace {

// What one source gave in this run.
struct Result {
  bool rebuilt = false;  // its outputs were (to be) written in this run
  bool ok = false;       // no error
  int events = -1;       // events of the meeting when it was read in this run
  std::string hash;
  std::optional<ir::Meeting> meeting;  // read in this run
  std::optional<ir::Meeting> summary;  // from the last build's summaries (an unchanged source)
  std::vector<ir::Diagnostic> diagnostics;
  std::vector<std::string> outputs;
};

ir::Diagnostic error_at(const std::string& file, std::string message) {
  return {ir::Severity::error, file, 0, 0, std::move(message)};
}

// Runs f(i) for i in [0, n) on `jobs` threads while the calling thread reports progress.
template <class F>
void parallel_for(size_t n, unsigned jobs, Progress& progress, F&& f) {
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

// The sections' titles and nesting without their content.
std::vector<ir::Section> headings(const std::vector<ir::Section>& sections) {
  std::vector<ir::Section> out;
  for (const auto& s : sections) {
    ir::Section h;
    h.title = s.title;
    h.level = s.level;
    h.line = s.line;
    h.sections = headings(s.sections);
    out.push_back(std::move(h));
  }
  return out;
}

// The meeting without its content: what the calendar, the index and the search page read, kept in the summaries.
ir::Meeting summarise(const ir::Meeting& meeting) {
  ir::Meeting m;
  m.title = meeting.title;
  m.series = meeting.series;
  m.date = meeting.date;
  m.source = meeting.source;
  m.events = meeting.events;
  m.actions = meeting.actions;
  m.sections = headings(meeting.sections);  // the search page's topics
  ir::Block words;                          // and its words
  words.kind = ir::BlockKind::paragraph;
  words.inlines.push_back({ir::InlineKind::text, formats::search_words(meeting)});
  m.blocks.push_back(std::move(words));
  return m;
}

class Executor {
 public:
  Executor(const Build& build, Progress& progress)
      : b_(build), progress_(progress), results_(build.sources.size()), site_(build.site), context_(build.context) {
    context_.site = &site_;
  }

  Report run() {
    for (const auto& o : b_.plan.remove) remove_output(b_.out, o);
    build_sources();
    bool stale = b_.plan.aggregates ||
                 std::any_of(results_.begin(), results_.end(), [](const Result& r) { return r.rebuilt || !r.ok; });
    if (stale) {
      write_aggregates();
    } else {
      next_.aggregates = b_.previous->aggregates;
      next_.summaries = b_.previous->summaries;
    }
    report_sources();
    write_manifest();
    report_.wrote = report_.wrote || stale || !report_.built.empty() || !b_.plan.gone.empty();
    report_.removed = b_.plan.gone;
    report_.sources = b_.sources.size();
    for (const auto& d : b_.diagnostics) count(d);
    return std::move(report_);
  }

 private:
  const SourceRecord* last(const Source& s) const {
    if (!b_.previous) return nullptr;
    auto it = b_.previous->sources.find(s.rel);
    return it != b_.previous->sources.end() ? &it->second : nullptr;
  }

  void count(const ir::Diagnostic& d) {
    if (d.severity == ir::Severity::error) report_.errors++;
    if (d.severity == ir::Severity::warning) report_.warnings++;
  }

  // Adds a diagnostic to the report as it is shown (a source's path joined to SRC).
  void show(ir::Diagnostic d) { report_.diagnostics.push_back(shown(std::move(d), b_.src)); }

  // A diagnostic of this run beside the sources': shown and counted.
  void tell(ir::Diagnostic d) {
    count(d);
    show(std::move(d));
  }

  // In an archive, the top folder is the series ("iaas/20230503.md"), named in minutes.yaml or made human ("IaaS").
  std::string folder_series(const std::string& rel) const {
    auto slash = rel.find('/');
    if (slash == std::string::npos) return {};
    std::string folder = rel.substr(0, slash);
    auto it = b_.settings.series.find(folder);
    return it != b_.settings.series.end() ? it->second : human_name(folder);
  }

  // Reads one source into r (its hash, and the meeting unless `hash_only`); false when it cannot be used.
  bool read(const Source& s, Result& r, bool hash_only) {
    auto [bytes, error] = read_file(s.path);
    if (!bytes) {
      r.diagnostics.push_back(error_at(s.rel, error));
      return false;
    }
    r.hash = hash_bytes(*bytes);
    if (hash_only) return true;
    ir::Meeting m = load(*bytes, ReadOptions{s.rel}, *reader_for_path(s.rel));
    // Only for a meeting that names nothing but its date: a one-off's own title ("API Minihackathon") stays.
    if (m.series.empty() && ir::title_only_dates(m)) m.series = folder_series(s.rel);
    for (auto& d : m.diagnostics)
      if (d.file.empty()) d.file = s.rel;
    r.diagnostics.insert(r.diagnostics.end(), m.diagnostics.begin(), m.diagnostics.end());
    if (has_error(m.diagnostics)) return false;
    r.events = static_cast<int>(m.events.size());
    r.meeting = std::move(m);
    return true;
  }

  // A source that may have changed: hashed, and when it changed (or must be built), read and written.
  void build_source(const Source& s, const SourcePlan& sp, Result& r) {
    if (sp.step == Step::check) {
      if (!read(s, r, true)) return;
      if (r.hash == sp.hash) {
        r.ok = true;
        r.outputs = last(s)->outputs;
        return;
      }
    }
    r.rebuilt = true;
    if (!read(s, r, false)) return;
    WriteOptions o = b_.settings.options;
    o.title.clear();  // --title names the archive; each meeting keeps its own
    o.output_stem = s.stem;
    for (char c : s.stem)
      if (c == '/') o.root_prefix += "../";
    bool ok = true;
    for (const auto& t : sp.targets) {
      Output out = write(*t.writer, std::span<const ir::Meeting>(&*r.meeting, 1), o, context_);
      for (auto& d : out.diagnostics)
        if (d.file.empty()) d.file = s.rel;
      r.diagnostics.insert(r.diagnostics.end(), out.diagnostics.begin(), out.diagnostics.end());
      if (has_error(out.diagnostics)) {
        ok = false;
        continue;
      }
      if (std::string error = write_atomic(b_.out + "/" + t.path, out.bytes); !error.empty()) {
        r.diagnostics.push_back(error_at(s.rel, error));
        ok = false;
        continue;
      }
      r.outputs.push_back(t.path);
    }
    r.diagnostics.insert(r.diagnostics.end(), sp.notes.begin(), sp.notes.end());
    r.ok = ok;
  }

  void build_sources() {
    std::vector<size_t> todo;
    for (size_t i = 0; i < b_.sources.size(); ++i) {
      const SourcePlan& sp = b_.plan.sources[i];
      if (sp.step == Step::keep) {
        results_[i].ok = true;
        results_[i].hash = sp.hash;
        results_[i].outputs = last(b_.sources[i])->outputs;
        continue;
      }
      const std::string& stem = b_.sources[i].stem;
      auto slash = stem.find_last_of('/');
      if (slash != std::string::npos)
        if (auto error = ensure_output_dir(b_.out, std::string_view(stem).substr(0, slash)); !error.empty()) {
          results_[i].diagnostics.push_back(error_at(b_.sources[i].rel, error));
          continue;
        }
      todo.push_back(i);
    }
    progress_.start("building", todo.size());
    parallel_for(todo.size(), b_.jobs, progress_, [&](size_t k) {
      size_t i = todo[k];
      build_source(b_.sources[i], b_.plan.sources[i], results_[i]);
    });
    progress_.finish(todo.size());
  }

  // Reads the meetings of these sources again (nothing is written for them).
  void read_again(const std::vector<size_t>& which) {
    progress_.start("reading", which.size());
    parallel_for(which.size(), b_.jobs, progress_, [&](size_t k) {
      Result& r = results_[which[k]];
      Result probe;
      if (read(b_.sources[which[k]], probe, false)) {
        r.meeting = std::move(probe.meeting);
        r.events = probe.events;
      } else {
        r.diagnostics.insert(r.diagnostics.end(), probe.diagnostics.begin(), probe.diagnostics.end());
        r.ok = false;
      }
    });
    progress_.finish(which.size());
  }

  // The last build's summaries by source, when the manifest vouches for the file.
  std::map<std::string, ir::Meeting> last_summaries() const {
    std::map<std::string, ir::Meeting> out;
    if (b_.plan.force || !b_.previous || b_.previous->summaries.empty()) return out;
    std::string path = b_.out + "/" + std::string(summaries_name);
    auto text = read_file(path).bytes;
    if (!text || hash_bytes(*text) != b_.previous->summaries) return out;
    auto read = formats::read_json(*text, ReadOptions{path});
    if (has_error(read.diagnostics)) return out;
    for (auto& m : read.meetings) {
      std::string source = m.source;
      out.emplace(std::move(source), std::move(m));
    }
    return out;
  }

  // Writes one aggregate file unless the same bytes are there; true when the file is there now. A diagnostic
  // that another aggregate already gave (the feeds share their model) is told once.
  bool write_aggregate(const Writer& w, std::span<const ir::Meeting> meetings, const WriteOptions& o,
                       const std::string& name) {
    attempted_.insert(name);
    Output result = write(w, meetings, o, context_);
    for (auto& d : result.diagnostics)
      if (told_.insert(d.file + "\n" + d.message).second) tell(std::move(d));
    if (has_error(result.diagnostics)) return false;
    std::string hash = hash_bytes(result.bytes);
    next_.aggregates[name] = hash;
    if (b_.previous && b_.previous->aggregates.count(name) && b_.previous->aggregates.at(name) == hash &&
        regular_file(b_.out + "/" + name))
      return true;
    if (auto slash = name.find_last_of('/'); slash != std::string::npos)
      if (auto error = ensure_output_dir(b_.out, std::string_view(name).substr(0, slash)); !error.empty()) {
        tell(error_at(b_.out + "/" + name, error));
        return false;
      }
    if (std::string error = write_atomic(b_.out + "/" + name, result.bytes); !error.empty()) {
      tell(error_at(b_.out + "/" + name, error));
      return false;
    }
    return true;
  }

  // The options of one aggregate file: its own URL and the relative path back to OUT.
  WriteOptions file_options(WriteOptions o, const std::string& name) const {
    std::string site = o.site_url.empty() || o.site_url.ends_with('/') ? o.site_url : o.site_url + "/";
    if (o.feed_self.empty() && !site.empty()) o.feed_self = site + name;
    o.output_stem = name.substr(0, name.find_last_of('.'));
    for (char c : name)
      if (c == '/') o.root_prefix += "../";
    return o;
  }

  void write_aggregates() {
    // Every meeting: read in this run, else from the last build's summaries, else read again.
    auto summaries = last_summaries();
    std::vector<size_t> to_read;
    for (size_t i = 0; i < b_.sources.size(); ++i) {
      Result& r = results_[i];
      if (!r.ok || r.meeting) continue;
      // Not read in this run means unchanged since the last build, whose summaries the manifest vouches for.
      auto it = summaries.find(b_.sources[i].rel);
      if (it != summaries.end())
        r.summary = std::move(it->second);
      else
        to_read.push_back(i);
    }
    read_again(to_read);

    std::vector<ir::Meeting> meetings, kept;  // full where read in this run, else summaries; and what is kept
    std::vector<size_t> owner;
    std::vector<char> full;  // meetings[k] was read in this run
    for (size_t i = 0; i < b_.sources.size(); ++i) {
      Result& r = results_[i];
      if (!r.ok || (!r.meeting && !r.summary)) continue;
      full.push_back(r.meeting ? 1 : 0);
      kept.push_back(r.meeting ? summarise(*r.meeting) : *r.summary);
      meetings.push_back(r.meeting ? std::move(*r.meeting) : std::move(*r.summary));
      r.meeting.reset();
      r.summary.reset();
      owner.push_back(i);
    }
    write_summaries(kept);
    name_series(site_, meetings, b_.settings);

    WriteOptions o = b_.settings.options;
    if (o.title.empty()) o.title = human_name(std::filesystem::path(b_.src).lexically_normal().filename().string());
    if (o.feed_title.empty()) o.feed_title = o.title;  // --title names the archive, and so its feed
    if (o.site_url.empty())
      tell({ir::Severity::note, "", 0, 0,
            "the feeds link to the minutes' sources: set site_url (--site-url) to where OUT is published, and they "
            "link to its pages"});
    for (size_t k = 0; k < meetings.size(); ++k) o.archive_outputs[meetings[k].source] = results_[owner[k]].outputs;

    // The newest meetings of the archive and of each series, with their content: those known only by their
    // summary are read again (once, whichever feeds they are in).
    std::map<std::string, std::vector<size_t>> by_series;  // top folder -> positions in `meetings`, in date order
    std::vector<size_t> newest;
    auto ordered = formats::in_date_order(meetings);
    // Undated meetings count as the oldest: a feed lists them only while it has room.
    std::stable_partition(ordered.begin(), ordered.end(), [](const ir::Meeting* m) { return !m->date; });
    for (const ir::Meeting* m : ordered)
      if (auto folder = top_folder(m->source); !folder.empty())
        by_series[folder].push_back(static_cast<size_t>(m - meetings.data()));
    size_t n = o.feed_items > 0 ? static_cast<size_t>(o.feed_items) : meetings.size();  // 0: all, as the feeds read it
    auto last_n = [n](const std::vector<size_t>& list) {
      return std::vector<size_t>(list.end() - static_cast<std::ptrdiff_t>(std::min(n, list.size())), list.end());
    };
    for (const ir::Meeting* m : ordered) newest.push_back(static_cast<size_t>(m - meetings.data()));
    newest = last_n(newest);
    std::set<size_t> in_full(newest.begin(), newest.end());
    for (const auto& [folder, list] : by_series)
      for (size_t pos : last_n(list)) in_full.insert(pos);
    std::vector<size_t> summarised;
    for (size_t pos : in_full)
      if (!full[pos]) summarised.push_back(owner[pos]);
    read_again(summarised);
    auto with_content = [&](size_t pos) -> ir::Meeting {
      auto& read = results_[owner[pos]].meeting;
      if (!read) return meetings[pos];
      ir::Meeting m = std::move(*read);
      read.reset();
      m.series = meetings[pos].series;  // as named above
      return m;
    };
    std::map<size_t, ir::Meeting> contents;  // position -> the meeting with its content
    for (size_t pos : in_full) contents.emplace(pos, with_content(pos));
    auto gather = [&](const std::vector<size_t>& positions, bool with_content) {
      std::vector<ir::Meeting> out;
      for (size_t pos : positions) out.push_back(with_content ? contents.at(pos) : summarise(meetings[pos]));
      return out;
    };
    std::map<std::string, std::vector<ir::Meeting>> series_newest, series_all;
    for (const auto& [folder, list] : by_series) {
      series_newest[folder] = gather(last_n(list), true);
      series_all[folder] = gather(list, false);
    }
    std::vector<ir::Meeting> archive_newest = gather(newest, true);

    for (const Writer* w : b_.aggregates) {
      bool there = true;
      if (!w->archive_name.empty()) {
        std::string name(w->archive_name);
        there = write_aggregate(*w, w->newest_in_full ? std::span<const ir::Meeting>(archive_newest) : meetings,
                                file_options(o, name), name);
      }
      if (!w->per_series.empty())
        for (auto& [folder, list] : w->newest_in_full ? series_newest : series_all) {
          std::string name = series_file(*w, folder);
          WriteOptions so = file_options(o, name);
          so.feed_title = site_.series_names[folder];
          if (!so.site_url.empty() && so.feed_link.empty()) so.feed_link = resolve_page(so.site_url, folder);
          write_aggregate(*w, list, so, name);
        }
      if (there && !w->archive_name.empty()) o.archive_links.emplace_back(w->archive_name);
    }
    // A series that is gone (its last source removed or excluded) loses its page and feeds.
    if (b_.previous)
      for (const auto& [name, hash] : b_.previous->aggregates)
        if (!attempted_.contains(name)) remove_output(b_.out, name);
  }

  // The URL of a series' page on the site.
  static std::string resolve_page(std::string site, const std::string& folder) {
    if (!site.ends_with('/')) site += '/';
    return site + folder + "/";
  }

  void write_summaries(std::span<const ir::Meeting> kept) {
    std::string path = b_.out + "/" + std::string(summaries_name);
    std::string text = formats::write_json(kept, {}).bytes;
    auto old = read_file(path).bytes;
    if (!old || *old != text)
      if (std::string error = write_atomic(path, text); !error.empty()) {
        tell(error_at(path, error));
        return;  // no hash: the next build does not trust what is there
      }
    next_.summaries = hash_bytes(text);
  }

  void report_sources() {
    for (size_t i = 0; i < b_.sources.size(); ++i) {
      const Source& s = b_.sources[i];
      Result& r = results_[i];
      int file_warnings = 0;  // counted below, or those of the last build for a source not read again
      for (auto& d : r.diagnostics) {
        if (d.severity == ir::Severity::warning) file_warnings++;
        if (d.severity == ir::Severity::error) report_.errors++;
        show(std::move(d));
      }
      const SourceRecord* rec = last(s);
      SourceRecord n;
      n.size = s.size;
      n.mtime_ns = s.mtime_ns;
      n.hash = r.hash;
      n.ok = r.ok;
      n.outputs = r.outputs;
      n.warnings = r.rebuilt || !rec ? file_warnings : rec->warnings;
      n.events = r.events >= 0 ? r.events : rec ? rec->events : 0;
      if (rec) {
        if (!r.ok) {  // broken now: its old outputs stay until it builds again
          for (const auto& o : rec->outputs)
            if (std::find(n.outputs.begin(), n.outputs.end(), o) == n.outputs.end()) n.outputs.push_back(o);
        } else {  // what it no longer has (the formats changed)
          for (const auto& o : b_.plan.sources[i].obsolete) remove_output(b_.out, o);
        }
      }
      report_.warnings += n.warnings;
      if (r.rebuilt) report_.built.push_back(s.rel);
      if (r.ok) {
        report_.meetings++;
        report_.events += static_cast<size_t>(n.events);
      }
      next_.sources.emplace(s.rel, std::move(n));
    }
  }

  void write_manifest() {
    next_.binary = b_.binary;
    next_.options = b_.options;
    std::string text = dump_manifest(next_);
    if (b_.previous_text && *b_.previous_text == text) return;
    std::string path = b_.out + "/" + std::string(manifest_name);
    if (std::string error = write_atomic(path, text); !error.empty()) tell(error_at(path, error));
    report_.wrote = true;
  }

  const Build& b_;
  Progress& progress_;
  std::vector<Result> results_;
  Manifest next_;
  Report report_;
  Site site_;                        // the build's site, its series named from the meetings once they are read
  WriteContext context_;             // the build's, with site_
  std::set<std::string> told_;       // the aggregates' diagnostics told so far
  std::set<std::string> attempted_;  // the aggregate files written (or tried) in this run
};

}  // namespace

Report execute(const Build& build, Progress& progress) {
  if (build.refusal) return {};
  return Executor(build, progress).run();
}

}  // namespace minutes::archive
