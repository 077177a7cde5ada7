// The executor of a planned build, shared by execute.cpp (the sources and the manifest) and archive_aggregates.cpp
// (the aggregates and the summaries file).
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <minutes/archive.hpp>

#include "converters/library/archive_files.hpp"
#include "converters/library/site.hpp"

namespace minutes::archive::execution {

// What one source gave in this run.
struct Result {
  bool rebuilt = false;                // its outputs were (to be) written in this run
  bool ok = false;                     // no error
  std::optional<ir::Meeting> summary;  // what the aggregates read of it: from this run, or loaded for them
  std::string summary_json;            // its record for the summaries file, when it was read in this run
  std::vector<ir::Diagnostic> diagnostics;
  std::optional<SourceRecord> record;  // what the manifest says of it now, when that changed in this run
};

inline ir::Diagnostic error_at(const std::string& file, std::string message) {
  return {ir::Severity::error, file, 0, 0, std::move(message)};
}

// Runs f(i) for i in [0, n) on `jobs` threads while the calling thread reports progress (when there is one).
template <class F>
void parallel_for(size_t n, unsigned jobs, Progress* progress, F&& f) {
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
      if (progress) progress->update(done.load());
  }
  for (auto& t : threads) t.join();
}

// A test's way to kill a build at a chosen point: with MINUTES_TEST_KILL_AFTER=N in the environment the process
// ends by SIGKILL as the N-th file of this run lands in OUT (outputs, aggregates, summaries, manifest).
void landed();

// The meeting without its content: what the calendar, the index and the search page read (its headings and
// words), kept in the summaries.
ir::Meeting summarise(const ir::Meeting& meeting);

// True when the meeting (date, path) comes before the other in the order of formats::in_date_order: the dated
// by date, then the undated; then by path. Dates are "YYYY-MM-DD" or empty.
inline bool earlier(std::string_view date_a, std::string_view rel_a, std::string_view date_b, std::string_view rel_b) {
  if (date_a.empty() != date_b.empty()) return !date_a.empty();
  if (date_a != date_b) return date_a < date_b;
  return rel_a < rel_b;
}

// The newest meetings read in this run with their content, for the aggregates that show the newest in full:
// at most n of the archive's (and, with `per_series`, of each series') are kept, the others dropped as they come.
// Once the sources are read, settle() lays each list out as one vector in date order, which the feeds then read
// in place.
class Newest {
 public:
  Newest(size_t n, bool per_series) : n_(n), per_series_(per_series) {}
  // One meeting, kept once however many lists it is in (its series' and the archive's).
  void offer(const std::string& date, ir::Meeting&& meeting) {
    if (n_ == 0) return;
    std::string folder = per_series_ ? top_folder(meeting.source) : std::string();
    Key key{date, meeting.source};
    std::lock_guard lock(mutex_);
    bool in_series = !folder.empty() && wanted(kept_[folder], key), in_archive = wanted(kept_[""], key);
    if (!in_series && !in_archive) return;  // older than all the kept ones: not copied, not kept
    auto kept = std::make_shared<ir::Meeting>(std::move(meeting));
    if (in_series) keep(kept_[folder], key, kept);
    if (in_archive) keep(kept_[""], key, kept);
  }
  // After the last offer, on one thread: each list as one vector in date order (a meeting in two lists, its
  // series' and the archive's, copied once, every other one moved), `name` applied to each meeting.
  void settle(const std::function<void(ir::Meeting&)>& name) {
    for (auto& [folder, list] : kept_) {
      Settled& s = settled_[folder];
      s.meetings.reserve(list.size());
      for (auto& [key, kept] : list) {
        s.keys.push_back(key);
        s.meetings.push_back(kept.use_count() == 1 ? std::move(*kept) : *kept);
        kept.reset();
        name(s.meetings.back());
      }
    }
    kept_.clear();
  }
  // The kept meeting (date, path); null when it was not kept.
  const ir::Meeting* find(const std::string& date, const std::string& rel) const {
    Key key{date, rel};
    for (const std::string& folder : {per_series_ ? top_folder(rel) : std::string(), std::string()}) {
      if (auto list = settled_.find(folder); list != settled_.end()) {  // after settle(); kept_ is empty then
        const Settled& s = list->second;
        auto at = std::lower_bound(s.keys.begin(), s.keys.end(), key);
        if (at != s.keys.end() && at->date == date && at->rel == rel) return &s.meetings[at - s.keys.begin()];
      } else if (auto kept = kept_.find(folder); kept != kept_.end()) {
        if (auto it = kept->second.find(key); it != kept->second.end()) return it->second.get();
      }
    }
    return nullptr;
  }
  // After settle(): the last m meetings of a folder's list ("" the archive's) when their (date, path) are
  // key(0) ... key(m - 1), in order; else an empty span.
  template <class KeyOf>
  std::span<const ir::Meeting> run(const std::string& folder, size_t m, KeyOf key) const {
    auto list = settled_.find(folder);
    if (list == settled_.end() || m == 0 || m > list->second.meetings.size()) return {};
    const Settled& s = list->second;
    size_t at = s.meetings.size() - m;
    for (size_t k = 0; k < m; ++k) {
      auto [date, rel] = key(k);
      if (s.keys[at + k].date != date || s.keys[at + k].rel != rel) return {};
    }
    return std::span<const ir::Meeting>(s.meetings).subspan(at, m);
  }

 private:
  struct Key {
    std::string date, rel;
    bool operator<(const Key& o) const { return earlier(date, rel, o.date, o.rel); }
  };
  using List = std::map<Key, std::shared_ptr<ir::Meeting>>;
  struct Settled {
    std::vector<Key> keys;  // in date order
    std::vector<ir::Meeting> meetings;
  };
  bool wanted(const List& list, const Key& key) const { return list.size() < n_ || list.begin()->first < key; }
  void keep(List& list, const Key& key, const std::shared_ptr<ir::Meeting>& meeting) {
    list.insert_or_assign(key, meeting);
    if (list.size() > n_) list.erase(list.begin());
  }
  size_t n_;
  bool per_series_;
  std::mutex mutex_;
  std::map<std::string, List> kept_;  // by series' folder ("" for the archive)
  std::map<std::string, Settled> settled_;  // the same lists after settle()
};

// How many of the newest meetings an aggregate of this build shows in full (of the archive or of a series).
size_t newest_wanted(const Build& b);

// True when an aggregate of this build shows the newest meetings of each series in full.
bool newest_per_series(const Build& b);

// One aggregate file of this run: its writer, the archive's file or a series' one, the meetings it is made from
// (indices of sources), the archive's files it links (those of the writers before it), the hash of all that,
// and what writing it gave.
struct Job {
  const Writer* writer = nullptr;
  std::string name;
  std::string folder;  // the series' top folder; empty: the archive's file
  bool full = false;   // the meetings with their content (else their summaries)
  std::vector<size_t> members;
  std::vector<std::string> links;
  std::string key;
  bool write = false;
  bool there = false;  // the file is in OUT, as this run means it
  std::vector<ir::Diagnostic> diagnostics;
};
// One build's run: what each source gave, the manifest's journal, the aggregates, the report.
class Executor {
 public:
  Executor(const Build& build, Progress& progress)
      : b_(build),
        progress_(progress),
        results_(build.sources.size()),
        newest_(newest_wanted(build), newest_per_series(build)),
        site_(build.site),
        context_(build.context) {
    context_.site = &site_;
    if (build.previous)  // looked up once: the aggregates ask for them again and again
      for (auto it : records_of(build.sources, *build.previous))
        last_.push_back(it != build.previous->sources.end() ? &it->second : nullptr);
  }

  // Runs the build.
  Report run();

 private:
  // What the last build's manifest says of a source; null when it has none.
  const SourceRecord* last(size_t i) const { return last_.empty() ? nullptr : last_[i]; }
  // What the manifest says of a source now: changed in this run, else as the last build left it.
  const SourceRecord* record(size_t i) const { return results_[i].record ? &*results_[i].record : last(i); }
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
  std::string manifest_path() const { return b_.out + "/" + std::string(manifest_name); }
  // A build of everything first leaves a manifest of this run's binary and options that trusts nothing of the
  // last one (its files stay known, for removal); then lines are appended to it as files land.
  void start_manifest();
  // Removes a file a build wrote, unless it changed since (then it is no longer minutes' to remove).
  void remove_written(const Written& w, std::vector<ir::Diagnostic>& diagnostics);
  void remove_gone();
  // In an archive, the top folder is the series ("iaas/20230503.md"), named in minutes.yaml or made human ("IaaS").
  std::string folder_series(const std::string& rel) const;
  // Reads one source: its hash, and the meeting unless `hash_only`; nullopt (with diagnostics) when unusable.
  std::optional<ir::Meeting> read(const Source& s, std::string& hash, std::vector<ir::Diagnostic>& diagnostics,
                                  bool hash_only) const;
  // Writes the outputs of one meeting; false when one failed. The manifest stops vouching for the old ones first.
  bool write_outputs(size_t i, const ir::Meeting& m, std::vector<Written>& written, std::vector<ir::Diagnostic>& diags);
  // A source that may have changed: hashed, and when it changed (or must be built), read and written; its new
  // record goes to the manifest at once.
  void build_source(size_t i);
  // Records a source's new state in the manifest.
  void journal(size_t i, SourceRecord n);
  void build_sources();
  // Reads the meetings of these sources again (nothing is written for them); their summaries, and for those in
  // `full` the whole meeting too.
  void read_again(const std::vector<size_t>& which, std::map<size_t, ir::Meeting>* full);
  // The last build's summaries file, read once.
  const std::map<std::string, std::string_view>& old_summaries();
  // The summary of an unchanged source from the last build's file, when its record there is the one the
  // manifest vouches for.
  std::string_view old_summary(size_t i);
  // Gives every member a summary: from this run, the last build's file, or read again.
  void load_summaries(const std::vector<size_t>& members);
  // The meetings that the stale jobs show in full and this run did not keep: read again, once each.
  std::map<size_t, ir::Meeting> read_full(const std::vector<Job>& jobs);
  // The meetings that a job shows in full, in its order: kept from this run, else from those read again.
  std::vector<ir::Meeting> full_meetings(const Job& job, const std::map<size_t, ir::Meeting>& read) const;
  // The hash of everything an aggregate is made from: the binary and options, what it links, and per meeting its
  // path and its content's hash (shown in full) or its summary's hash and its files (the index lists them).
  std::string key_of(const Job& job) const;
  // Writes one aggregate (unless the same bytes are there), recorded in the manifest; false when it failed.
  // `entries`: where the jobs of one list of meetings (a series' RSS, Atom and JSON Feed, run one after another)
  // keep what they make of each meeting; freed when they are done. Null: nothing is kept.
  bool write_job(Job& job, std::span<const ir::Meeting> meetings, WriteOptions o, Cache* entries);
  const AggregateRecord* last_aggregate(const std::string& name) const;
  const SourceRecord* record_of(const std::string& rel) const;
  // The newest n members in the order of formats::in_date_order.
  std::vector<size_t> newest_members(const std::vector<size_t>& members, size_t n) const;
  // The aggregate files of this build, in registry order: per writer the archive's, then each series'.
  std::vector<Job> plan_jobs(const std::vector<size_t>& members) const;
  // The options of one aggregate file: its own URL, its series' title and page, the relative path back to OUT.
  WriteOptions job_options(WriteOptions o, const Job& job) const;
  // Removes the aggregate files of the last build that this one no longer makes (a series that is gone).
  void remove_stale_aggregates(const std::vector<Job>& jobs);
  void write_aggregates();
  // The summaries file, rewritten when a summary in it changed, came or went; unchanged records are copied. Once
  // a run: as soon as the aggregates have loaded the summaries, else after them; the JSON records are freed then.
  void write_summaries();
  void report_sources();
  // The manifest is written whole again after a build of everything, or once the lines appended to it outgrow a
  // share of it.
  void finish_manifest();

  const Build& b_;
  Progress& progress_;
  std::vector<Result> results_;
  std::vector<const SourceRecord*> last_;  // the last manifest's record of each source, when there was one
  Newest newest_;
  Journal journal_;
  bool fresh_ = false;  // the manifest was begun anew: nothing of the last build is trusted
  std::map<std::string, AggregateRecord> aggregates_;
  std::mutex aggregates_mutex_;
  bool summaries_written_ = false;  // write_summaries() ran: it runs once, before the aggregates when they are made
  bool old_summaries_loaded_ = false;
  std::string old_summaries_text_;
  std::map<std::string, std::string_view> old_summaries_;
  Report report_;
  Site site_;                   // the build's site, its series named from the meetings once they are read
  WriteContext context_;        // the build's, with site_ and content_keys_
  std::map<std::string, std::string, std::less<>> content_keys_;  // source -> hash of its bytes, for the aggregates
  std::set<std::string> told_;  // the aggregates' diagnostics told so far (the feeds share their model)
};

}  // namespace minutes::archive::execution
