// The aggregates of a build (calendar, feeds, index, site pages), each file written only when what it is made from changed, from
// compact summaries of the meetings (the newest shown in full kept whole), and the summaries file.
#include <algorithm>
#include <filesystem>

#include <minutes/archive.hpp>
#include <minutes/files.hpp>

#include "converters/core/titles.hpp"

#include "converters/library/archive_execute.hpp"
#include "converters/library/archive_files.hpp"
#include "formats/common/report.hpp"
#include "formats/formats.hpp"

namespace minutes::archive::execution {

namespace {

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

// How many of the newest meetings this writer shows in full; 0 (feed_items: 0) means all of them.
size_t newest_of(const Writer& w, const Build& b) {
  int n = b.settings.options.*(w.newest_in_full);
  return n > 0 ? static_cast<size_t>(n) : b.sources.size();
}

}  // namespace

ir::Meeting summarise(const ir::Meeting& meeting) {
  ir::Meeting m;
  m.title = meeting.title;
  m.series = meeting.series;
  m.date = meeting.date;
  m.source = meeting.source;
  m.language = meeting.language;
  m.events = meeting.events;
  m.actions = meeting.actions;
  m.sections = headings(meeting.sections);  // the search page's topics
  ir::Block words;                          // and its words
  words.kind = ir::BlockKind::paragraph;
  ir::Inline text;
  text.text = formats::search_words(meeting);
  words.inlines.push_back(std::move(text));
  m.blocks.push_back(std::move(words));
  return m;
}

size_t newest_wanted(const Build& b) {
  size_t n = 0;
  for (const Writer* w : b.aggregates)
    if (w->newest_in_full) n = std::max(n, newest_of(*w, b));
  return n;
}

bool newest_per_series(const Build& b) {
  return std::any_of(b.aggregates.begin(), b.aggregates.end(),
                     [](const Writer* w) { return w->newest_in_full && !w->per_series.empty(); });
}

void Executor::read_again(const std::vector<size_t>& which, std::map<size_t, ir::Meeting>* full) {
  progress_.start("reading", which.size());
  std::mutex mutex;
  parallel_for(which.size(), b_.jobs, &progress_, [&](size_t k) {
    size_t i = which[k];
    Result& r = results_[i];
    std::string hash;
    std::vector<ir::Diagnostic> diagnostics;
    if (auto m = read(b_.sources[i], hash, diagnostics, false)) {
      if (!summaries_written_) {  // for the aggregates and the summaries file, when they are still to come
        r.summary = summarise(*m);
        std::string json = formats::write_json(std::span<const ir::Meeting>(&*r.summary, 1), {}).bytes;
        if (hash_bytes(json) == record(i)->summary) r.summary_json = std::move(json);
      }
      if (full) {
        std::lock_guard lock(mutex);
        full->emplace(i, std::move(*m));
      }
    } else {
      r.diagnostics.insert(r.diagnostics.end(), diagnostics.begin(), diagnostics.end());
      r.ok = false;
    }
  });
  progress_.finish(which.size());
}

// Read once, and only before write_summaries() (which frees it).
const std::map<std::string, std::string_view>& Executor::old_summaries() {
  if (!old_summaries_loaded_) {
    old_summaries_loaded_ = true;
    if (auto text = read_file(b_.out + "/" + std::string(summaries_name)).bytes) {
      old_summaries_text_ = std::move(*text);
      old_summaries_ = summary_records(old_summaries_text_);
    }
  }
  return old_summaries_;
}

std::string_view Executor::old_summary(size_t i) {
  const SourceRecord* rec = record(i);
  auto it = old_summaries().find(b_.sources[i].rel);
  if (!rec || it == old_summaries().end() || rec->summary.empty() || hash_bytes(it->second) != rec->summary) return {};
  return it->second;
}

void Executor::load_summaries(const std::vector<size_t>& members) {
  std::vector<size_t> again;
  for (size_t i : members) {
    Result& r = results_[i];
    if (r.summary) continue;
    std::string_view json = old_summary(i);
    auto decoded = json.empty() ? formats::JsonMeetings{} : formats::read_json(json, ReadOptions{b_.sources[i].rel});
    if (decoded.meetings.size() == 1 && !has_error(decoded.diagnostics))
      r.summary = std::move(decoded.meetings.front());
    else
      again.push_back(i);
  }
  read_again(again, nullptr);
}

std::map<size_t, ir::Meeting> Executor::read_full(const std::vector<Job>& jobs) {
  std::set<size_t> again;
  for (const auto& job : jobs)
    if (job.write && job.full)
      for (size_t i : job.members)
        if (!newest_.find(record(i)->date, b_.sources[i].rel)) again.insert(i);
  std::map<size_t, ir::Meeting> read;
  read_again(std::vector<size_t>(again.begin(), again.end()), &read);
  return read;
}

std::vector<ir::Meeting> Executor::full_meetings(const Job& job, const std::map<size_t, ir::Meeting>& read) const {
  std::vector<ir::Meeting> out;
  for (size_t i : job.members) {
    if (const ir::Meeting* m = newest_.find(record(i)->date, b_.sources[i].rel))
      out.push_back(*m);
    else if (auto it = read.find(i); it != read.end())
      out.push_back(it->second);
  }
  return out;
}

std::string Executor::key_of(const Job& job) const {
  std::string k = b_.binary + '\n' + b_.options + '\n' + job.name + '\n';
  for (const auto& l : job.links) k += l + '\n';
  for (size_t i : job.members) {
    const SourceRecord& r = *record(i);
    k += b_.sources[i].rel;
    k += '\0';
    k += job.full ? r.hash : r.summary;
    if (!job.full)
      for (const auto& o : r.outputs) (k += '\0') += o.path;
    k += '\n';
  }
  return hash_bytes(k);
}

bool Executor::write_job(Job& job, std::span<const ir::Meeting> meetings, WriteOptions o, Cache* entries) {
  o.archive_links = job.links;
  for (const auto& m : meetings)
    if (const SourceRecord* r = record_of(m.source))
      for (const auto& w : r->outputs) o.archive_outputs[m.source].push_back(w.path);
  WriteContext context = context_;
  if (job.full) context.cache = entries;  // what the feeds make of a meeting is kept as long as their list is written
  Output result = write(*job.writer, meetings, o, context);
  job.diagnostics = std::move(result.diagnostics);
  if (has_error(job.diagnostics)) return false;
  std::string path = b_.out + "/" + job.name, hash = hash_bytes(result.bytes);
  const AggregateRecord* rec = fresh_ ? nullptr : last_aggregate(job.name);
  bool same = rec && rec->hash == hash && regular_file(path);
  if (!same) {
    if (rec)
      if (auto error = journal_.append(aggregate_line(job.name, {})); !error.empty()) {
        job.diagnostics.push_back(error_at(path, error));
        return false;
      }
    if (std::string error = write_atomic(path, result.bytes); !error.empty()) {
      job.diagnostics.push_back(error_at(path, error));
      return false;
    }
    landed();
  }
  if (auto error = journal_.append(aggregate_line(job.name, {hash, job.key})); !error.empty())
    job.diagnostics.push_back(error_at(manifest_path(), error));
  std::lock_guard lock(aggregates_mutex_);
  aggregates_[job.name] = {hash, job.key};
  return true;
}

const AggregateRecord* Executor::last_aggregate(const std::string& name) const {
  if (!b_.previous) return nullptr;
  auto it = b_.previous->aggregates.find(name);
  return it != b_.previous->aggregates.end() ? &it->second : nullptr;
}

const SourceRecord* Executor::record_of(const std::string& rel) const {
  auto it = std::lower_bound(b_.sources.begin(), b_.sources.end(), rel,
                             [](const Source& s, const std::string& r) { return s.rel < r; });
  return it != b_.sources.end() && it->rel == rel ? record(static_cast<size_t>(it - b_.sources.begin())) : nullptr;
}

std::vector<size_t> Executor::newest_members(const std::vector<size_t>& members, size_t n) const {
  std::vector<size_t> out = members;
  auto before = [&](size_t a, size_t b) {
    return earlier(record(a)->date, b_.sources[a].rel, record(b)->date, b_.sources[b].rel);
  };
  if (out.size() > n) {
    std::nth_element(out.begin(), out.end() - static_cast<std::ptrdiff_t>(n), out.end(), before);
    out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(n));
  }
  std::sort(out.begin(), out.end(), before);
  return out;
}

std::vector<Job> Executor::plan_jobs(const std::vector<size_t>& members) const {
  std::map<std::string, std::vector<size_t>> by_series;  // top folder -> members, in path order
  for (size_t i : members)
    if (auto folder = top_folder(b_.sources[i].rel); !folder.empty()) by_series[folder].push_back(i);
  std::vector<Job> jobs;
  for (const Writer* w : b_.aggregates) {
    std::vector<std::string> links;  // the archive's files of the writers before it
    for (const auto& j : jobs)
      if (j.folder.empty()) links.push_back(j.name);
    auto add = [&](std::string name, std::string folder, const std::vector<size_t>& from) {
      Job job;
      job.writer = w;
      job.name = std::move(name);
      job.folder = std::move(folder);
      job.full = w->newest_in_full != nullptr;
      job.members = job.full ? newest_members(from, newest_of(*w, b_)) : from;
      job.links = links;
      job.key = key_of(job);
      const AggregateRecord* rec = last_aggregate(job.name);
      job.write = b_.plan.aggregates || fresh_ || !rec || rec->inputs != job.key;
      job.there = !job.write;
      jobs.push_back(std::move(job));
    };
    if (!w->archive_name.empty()) add(std::string(w->archive_name), {}, members);
    if (!w->per_series.empty())
      for (const auto& [folder, list] : by_series) add(series_file(*w, folder), folder, list);
  }
  return jobs;
}

WriteOptions Executor::job_options(WriteOptions o, const Job& job) const {
  std::string site = o.site_url.empty() || o.site_url.ends_with('/') ? o.site_url : o.site_url + "/";
  if (o.feed_self.empty() && !site.empty()) o.feed_self = site + job.name;
  o.output_stem = job.name.substr(0, job.name.find_last_of('.'));
  for (char c : job.name)
    if (c == '/') o.root_prefix += "../";
  if (!job.folder.empty()) {
    auto it = site_.series_names.find(job.folder);
    o.feed_title = it != site_.series_names.end() ? it->second : job.folder;
    if (!site.empty() && o.feed_link.empty()) o.feed_link = site + job.folder + "/";
  }
  return o;
}

void Executor::remove_stale_aggregates(const std::vector<Job>& jobs) {
  if (!b_.previous) return;
  std::set<std::string_view> made;
  for (const auto& j : jobs) made.insert(j.name);
  std::vector<ir::Diagnostic> kept;
  for (const auto& [name, rec] : b_.previous->aggregates) {
    if (made.contains(name) || !safe_relative(name)) continue;
    remove_written({name, rec.hash}, kept);
    aggregates_.erase(name);
    if (auto error = journal_.append(aggregate_line(name, {})); !error.empty()) tell(error_at(manifest_path(), error));
  }
  for (auto& d : kept) tell(std::move(d));
}

void Executor::write_aggregates() {
  if (!fresh_ && b_.previous) aggregates_ = b_.previous->aggregates;
  std::vector<size_t> members;  // every meeting built without errors, now or before, in path order
  for (size_t i = 0; i < b_.sources.size(); ++i)
    if (results_[i].ok && record(i)) members.push_back(i);
  if (b_.settings.options.site_url.empty())
    tell({ir::Severity::note, "", 0, 0,
          "the feeds link to the minutes' sources: set site_url (--site-url) to where OUT is published, and they "
          "link to its pages"});

  // Which aggregates are stale: those whose inputs changed since they were written. A series that is gone (its
  // last source removed or excluded) loses its files.
  std::vector<Job> jobs = plan_jobs(members);
  remove_stale_aggregates(jobs);
  auto stale = [&] { return std::any_of(jobs.begin(), jobs.end(), [](const Job& j) { return j.write; }); };
  if (!stale()) return;

  // Their inputs: every summary (the series are named from them), the meetings shown in full; then the stale
  // ones written in parallel.
  load_summaries(members);
  write_summaries();  // now, so that their JSON is freed before the aggregates are made
  std::vector<ir::Meeting> summaries;
  std::map<size_t, size_t> summary_of;  // source index -> position in summaries
  for (size_t i : members)
    if (results_[i].ok) {
      summary_of[i] = summaries.size();
      summaries.push_back(std::move(*std::exchange(results_[i].summary, std::nullopt)));
    }
  name_series(site_, summaries, b_.settings);
  auto named = [&](ir::Meeting& m) {  // a meeting shown in full is named as its summary is
    if (auto it = site_.series_names.find(top_folder(m.source));
        it != site_.series_names.end() && ir::title_only_dates(m))
      m.series = it->second;
  };
  newest_.settle(named);
  // What each job is made from. Jobs of the same meetings (a series' RSS, Atom and JSON Feed) share one list; a
  // job that was not stale but is written again (an aggregate before it failed) gets its list then.
  std::map<size_t, ir::Meeting> read = read_full(jobs);  // once, whichever feeds they are in
  // A list is named here, one after another (reading again what a job that was not stale needs), and filled by
  // the task that writes it, so that any copying runs in parallel too. A series' summaries are a run of
  // `summaries` (its sources come together in path order) and the newest read in this run a run of what `newest_`
  // keeps: both are shown where they are; other lists are copies.
  struct List {
    std::vector<ir::Meeting> meetings;
    std::span<const ir::Meeting> view;
    bool filled = false;
  };
  std::map<std::pair<bool, std::vector<size_t>>, List> lists;
  std::vector<List*> list_of(jobs.size(), nullptr);
  auto content_of = [&](size_t k) {
    Job& job = jobs[k];
    if (!job.full && job.folder.empty()) return;  // the archive's summaries
    auto [list, made] = lists.try_emplace({job.full, job.members});
    list_of[k] = &list->second;
    if (!made || !job.full) return;
    std::vector<size_t> missing;  // a job that was not stale: its meetings were not read
    for (size_t i : job.members)
      if (!newest_.find(record(i)->date, b_.sources[i].rel) && !read.contains(i)) missing.push_back(i);
    if (!missing.empty()) read_again(missing, &read);
  };
  auto fill = [&](size_t k) {  // reads only what no task changes: the kept meetings, the summaries, the names
    List* list = list_of[k];
    if (!list || list->filled) return;
    list->filled = true;
    const Job& job = jobs[k];
    if (job.full) {  // the newest of the archive or a series, read in this run: shown where they are kept
      list->view = newest_.run(job.folder, job.members.size(), [&](size_t k) {
        size_t i = job.members[k];
        return std::pair<std::string_view, std::string_view>(record(i)->date, b_.sources[i].rel);
      });
      if (!list->view.empty() || job.members.empty()) return;
      list->meetings = full_meetings(job, read);  // else copies, some of them read again
      for (auto& m : list->meetings) named(m);
      list->view = list->meetings;
      return;
    }
    std::vector<size_t> at;  // the positions of its summaries
    for (size_t i : job.members)
      if (auto it = summary_of.find(i); it != summary_of.end()) at.push_back(it->second);
    if (std::adjacent_find(at.begin(), at.end(), [](size_t a, size_t b) { return b != a + 1; }) == at.end()) {
      list->view = at.empty() ? std::span<const ir::Meeting>() : std::span(summaries).subspan(at.front(), at.size());
    } else {
      for (size_t p : at) list->meetings.push_back(summaries[p]);
      list->view = list->meetings;
    }
  };
  for (size_t k = 0; k < jobs.size(); ++k) {
    Job& job = jobs[k];
    if (!job.write) continue;
    content_of(k);
    if (auto slash = job.name.find_last_of('/'); slash != std::string::npos)
      if (auto error = ensure_output_dir(b_.out, std::string_view(job.name).substr(0, slash)); !error.empty()) {
        job.diagnostics.push_back(error_at(b_.out + "/" + job.name, error));
        job.write = false;
      }
  }
  for (size_t i : members) content_keys_[b_.sources[i].rel] = record(i)->hash;
  context_.content_keys = &content_keys_;
  WriteOptions o = b_.settings.options;
  if (o.title.empty()) o.title = human_name(std::filesystem::path(b_.src).lexically_normal().filename().string());
  if (o.feed_title.empty()) o.feed_title = o.title;  // --title names the archive, and so its feed
  auto run = [&](size_t k, Cache* entries) {
    Job& job = jobs[k];
    job.there = write_job(job, list_of[k] ? list_of[k]->view : std::span<const ir::Meeting>(summaries),
                          job_options(o, job), entries);
  };
  // The stale jobs in parallel; those of one list of meetings (a series' feeds in three formats) one after another
  // in one task, sharing what they make of each meeting (its entry, its HTML) until the last of them is written.
  std::vector<std::vector<size_t>> tasks;
  std::map<const List*, size_t> task_of_list;
  for (size_t k = 0; k < jobs.size(); ++k) {
    if (!jobs[k].write) continue;
    if (!list_of[k]) {
      tasks.push_back({k});
    } else if (auto [it, made] = task_of_list.try_emplace(list_of[k], tasks.size()); made) {
      tasks.push_back({k});
    } else {
      tasks[it->second].push_back(k);
    }
  }
  parallel_for(tasks.size(), b_.jobs, nullptr, [&](size_t t) {
    Cache entries;
    fill(tasks[t].front());  // the task's jobs share one list
    for (size_t k : tasks[t]) run(k, &entries);
  });

  // An aggregate that failed is not linked: what assumed it was there is written again without it. A diagnostic
  // that another aggregate already gave (the feeds share their model) is told once.
  for (size_t k = 0; k < jobs.size(); ++k) {
    Job& job = jobs[k];
    std::vector<std::string> links;
    for (size_t e = 0; e < k; ++e)
      if (jobs[e].there && jobs[e].folder.empty() && jobs[e].writer != job.writer) links.push_back(jobs[e].name);
    if (links != job.links) {
      job.links = std::move(links);
      job.key = key_of(job);
      if (!list_of[k]) content_of(k);
      fill(k);
      run(k, nullptr);
    }
    for (auto& d : job.diagnostics)
      if (told_.insert(d.file + "\n" + d.message).second) tell(std::move(d));
  }
}

void Executor::write_summaries() {
  if (std::exchange(summaries_written_, true)) return;
  struct Release {  // however it ends: the JSON records are not needed again
    Executor& e;
    ~Release() {
      for (auto& r : e.results_) std::string().swap(r.summary_json);
      e.old_summaries_.clear();
      std::string().swap(e.old_summaries_text_);
    }
  } release{*this};
  size_t same = 0, before = 0;
  bool changed = false;
  for (size_t i = 0; i < b_.sources.size() && !changed; ++i) {
    const SourceRecord* now = results_[i].ok ? record(i) : nullptr;
    const SourceRecord* then = last(i);
    bool was = then && then->ok && !then->summary.empty() && !fresh_;
    if (now && was && now->summary == then->summary)
      same++;
    else if (now || was)
      changed = true;
  }
  if (!fresh_ && b_.previous)
    for (const auto& entry : b_.previous->sources) before += entry.second.ok && !entry.second.summary.empty();
  if (!changed && same == before) return;
  std::string text(summaries_header);
  for (size_t i = 0; i < b_.sources.size(); ++i) {
    const Result& r = results_[i];
    if (!r.ok) continue;
    const std::string& rel = b_.sources[i].rel;
    if (!r.summary_json.empty()) {  // read in this run
      text += summary_record(rel, r.summary_json);
    } else if (auto json = old_summary(i); !json.empty()) {
      text += summary_record(rel, json);
    }
  }
  std::string path = b_.out + "/" + std::string(summaries_name);
  if (std::string error = write_atomic(path, text); !error.empty()) return tell(error_at(path, error));
  landed();
  report_.wrote = true;
}

}  // namespace minutes::archive::execution
