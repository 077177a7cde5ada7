// Plans a build of an archive: from the sources, the last manifest and this run's settings to what is to be done.
#include <minutes/archive.hpp>

#include <algorithm>
#include <iterator>
#include <fmt/format.h>

#include "converters/library/archive_files.hpp"

namespace minutes::archive {

namespace {

std::string_view folder_of(std::string_view rel) {
  auto slash = rel.find('/');
  return slash == std::string_view::npos ? std::string_view() : rel.substr(0, slash);
}

// True when `output` can be one of the outputs of a source with this stem ("team/1." + "odt"): a document
// writer's extension, no hidden name, no aggregate. A manifest cannot make a build remove any other file
// (".htaccess", "notes.txt", "index.html").
bool own_output(std::string_view stem, std::string_view output, std::span<const Writer* const> aggregates) {
  if (output.size() <= stem.size() + 1 || !output.starts_with(stem) || output[stem.size()] != '.' ||
      output.find('/', stem.size()) != std::string_view::npos || !safe_relative(output) ||
      output.front() == '.' || output.find("/.") != std::string_view::npos)
    return false;
  const Writer* w = writer_for_path(output);
  return w && w->scope == WriterScope::document &&
         std::none_of(aggregates.begin(), aggregates.end(), [&](const Writer* a) {
           return a->archive_name == output || (!a->per_series.empty() && series_file(*a, folder_of(output)) == output);
         });
}

std::string_view stem_of(std::string_view rel) { return rel.substr(0, rel.find_last_of('.')); }

// The sources before and after `rel` in its top folder (its series), whose pages its page links to.
template <class It, class Key>
std::pair<std::string_view, std::string_view> neighbours(It begin, It at, It end, Key key) {
  std::string_view folder = folder_of(key(*at)), before, after;
  if (folder.empty()) return {};
  if (at != begin && folder_of(key(*std::prev(at))) == folder) before = key(*std::prev(at));
  if (std::next(at) != end && folder_of(key(*std::next(at))) == folder) after = key(*std::next(at));
  return {before, after};
}

}  // namespace

Plan plan(const PlanInput& in) {
  Plan p;
  const Manifest* last = in.previous;
  p.force = !last || last->binary != in.binary || last->options != in.options;

  p.sources.resize(in.sources.size());
  for (size_t i = 0; i < in.sources.size(); ++i) {
    const Source& s = in.sources[i];
    SourcePlan& sp = p.sources[i];
    for (const Writer* w : in.documents) {
      std::string path = s.stem + std::string(w->extensions.front());
      auto top = path.find('/');
      auto taken = std::find_if(in.aggregates.begin(), in.aggregates.end(), [&](const Writer* a) {
        return a->archive_name == path ||
               (!a->per_series.empty() && top != std::string::npos && series_file(*a, path.substr(0, top)) == path);
      });
      if (taken != in.aggregates.end()) {
        sp.notes.push_back({ir::Severity::warning, s.rel, 0, 0,
                            fmt::format("no {} output: {} is the archive's {}", w->name, path, (*taken)->name)});
        continue;
      }
      sp.targets.push_back({w, std::move(path)});
    }
  }

  // Every output a current source should have (made when a removal is considered: an unchanged archive has none).
  std::set<std::string_view> keep;
  auto kept = [&](const std::string& output) {  // also one that is one of them now
    if (keep.empty())
      for (const auto& sp : p.sources)
        for (const auto& t : sp.targets) keep.insert(t.path);
    return keep.contains(output);
  };

  size_t known = 0;  // current sources the manifest knows
  std::vector<std::map<std::string, SourceRecord>::const_iterator> records;  // the manifest's entry of each
  if (last) records = records_of(in.sources, *last);
  for (size_t i = 0; i < in.sources.size(); ++i) {
    const Source& s = in.sources[i];
    SourcePlan& sp = p.sources[i];
    if (!last || records[i] == last->sources.end()) continue;  // new: built
    auto last_at = records[i];
    const SourceRecord* rec = &last_at->second;
    known++;
    auto rel_of = [](const auto& entry) -> std::string_view {
      if constexpr (requires { entry.rel; })
        return entry.rel;
      else
        return entry.first;
    };
    bool same_neighbours = neighbours(in.sources.begin(), in.sources.begin() + static_cast<std::ptrdiff_t>(i),
                                      in.sources.end(), rel_of) ==
                           neighbours(last->sources.begin(), last_at, last->sources.end(), rel_of);
    bool intact =
        same_neighbours && rec->ok && rec->outputs.size() == sp.targets.size() &&
        std::equal(sp.targets.begin(), sp.targets.end(), rec->outputs.begin(), [&](const Target& t, const Written& o) {
          return t.path == o.path && !in.missing.contains(o.path);
        });
    if (!p.force && intact) {
      sp.step = rec->size == s.size && rec->mtime_ns == s.mtime_ns ? Step::keep : Step::check;
      sp.hash = rec->hash;
      continue;  // its outputs are its targets: none obsolete
    }
    for (const auto& o : rec->outputs) {
      bool target =
          std::any_of(sp.targets.begin(), sp.targets.end(), [&](const Target& t) { return t.path == o.path; });
      if (!target && own_output(s.stem, o.path, in.aggregates) && !kept(o.path)) sp.obsolete.push_back(o);
    }
  }

  if (last && known < last->sources.size()) {
    std::set<std::string_view> current;
    for (const auto& s : in.sources) current.insert(s.rel);
    for (const auto& [rel, rec] : last->sources) {
      if (current.contains(rel)) continue;
      p.gone.push_back(rel);
      for (const auto& o : rec.outputs)
        if (own_output(stem_of(rel), o.path, in.aggregates) && !kept(o.path)) p.remove.push_back(o);
    }
  }

  // Stale: an archive file not written last time, or any file of the last build's aggregates missing now.
  p.aggregates = p.force || !p.gone.empty() ||
                 std::any_of(in.aggregates.begin(), in.aggregates.end(),
                             [&](const Writer* a) {
                               std::string name(a->archive_name);
                               return !name.empty() && !last->aggregates.contains(name);
                             }) ||
                 std::any_of(last->aggregates.begin(), last->aggregates.end(),
                             [&](const auto& entry) { return in.missing.contains(entry.first); });
  return p;
}

}  // namespace minutes::archive
