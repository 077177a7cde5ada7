// The planning step of `minutes build` on its own: sources, a manifest and settings in, actions out (no disk).
#include <doctest/doctest.h>

#include <algorithm>

#include <minutes/minutes.hpp>

using namespace minutes;
using archive::Step;

namespace {

archive::Source source(const std::string& rel, uint64_t size = 10, int64_t mtime = 100) {
  return {rel, "src/" + rel, rel.substr(0, rel.find_last_of('.')), size, mtime};
}

// The registry's writers as `minutes build` uses them by default, and its aggregates.
struct Writers {
  std::vector<const Writer*> documents = {find_writer("odt"), find_writer("docx"), find_writer("html")};
  std::vector<const Writer*> aggregates;
  Writers() {
    for (const auto& w : writers())
      if (w.scope == WriterScope::aggregate) aggregates.push_back(&w);
  }
};

// A manifest as a build of these sources with these writers leaves it: everything written, nothing missing.
struct Built {
  archive::Manifest manifest;
  std::set<std::string> missing;
};

Built built(const std::vector<archive::Source>& sources, const Writers& w) {
  Built b;
  b.manifest.binary = "bin";
  b.manifest.options = "opts";
  for (const auto& s : sources) {
    archive::SourceRecord r{s.size, s.mtime_ns, "hash-" + s.rel, true, 0, 0, "summary", "", {}};
    for (const auto* d : w.documents) r.outputs.push_back({s.stem + std::string(d->extensions.front()), "h"});
    b.manifest.sources[s.rel] = r;
  }
  for (const auto* a : w.aggregates) b.manifest.aggregates[std::string(a->archive_name)] = {"h", "inputs"};
  return b;
}

archive::Plan plan_of(const std::vector<archive::Source>& sources, const Built* last, const Writers& w,
                      std::string options = "opts", std::string binary = "bin") {
  archive::PlanInput in;
  in.sources = sources;
  in.previous = last ? &last->manifest : nullptr;
  in.binary = binary;
  in.options = options;
  in.documents = w.documents;
  in.aggregates = w.aggregates;
  if (last) in.missing = last->missing;
  return archive::plan(in);
}

std::vector<std::string> paths(const std::vector<archive::Written>& written) {
  std::vector<std::string> out;
  for (const auto& w : written) out.push_back(w.path);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Step> steps(const archive::Plan& p) {
  std::vector<Step> out;
  for (const auto& s : p.sources) out.push_back(s.step);
  return out;
}

}  // namespace

TEST_CASE("the aggregates of the registry each name the file minutes build gives them") {
  Writers w;
  std::vector<std::string> names;
  for (const auto* a : w.aggregates) names.emplace_back(a->archive_name);
  // The series' pages are only per series ("team/index.html"): no archive file.
  CHECK(names == std::vector<std::string>{"calendar.ics", "feed.xml", "atom.xml", "feed.json", "", "events.html",
                                          "search.html", "index.html"});
  for (const auto* d : w.documents) CHECK(d->archive_name.empty());
}

TEST_CASE("without a manifest everything is built, each source with every document writer") {
  Writers w;
  std::vector<archive::Source> sources = {source("a/1.md"), source("b/2.txt")};
  auto p = plan_of(sources, nullptr, w);
  CHECK(p.force);
  CHECK(p.aggregates);
  CHECK(steps(p) == std::vector<Step>{Step::build, Step::build});
  REQUIRE(p.sources[1].targets.size() == 3);
  CHECK(p.sources[1].targets[0].path == "b/2.odt");
  CHECK(p.sources[1].targets[2].writer == find_writer("html"));
  CHECK(p.gone.empty());
}

TEST_CASE("an unchanged archive is kept; a touched file is checked by its hash; nothing else is stale") {
  Writers w;
  std::vector<archive::Source> sources = {source("a/1.md"), source("a/2.md")};
  Built last = built(sources, w);
  auto p = plan_of(sources, &last, w);
  CHECK_FALSE(p.force);
  CHECK_FALSE(p.aggregates);
  CHECK(steps(p) == std::vector<Step>{Step::keep, Step::keep});
  sources[1].mtime_ns = 200;
  p = plan_of(sources, &last, w);
  CHECK(steps(p) == std::vector<Step>{Step::keep, Step::check});
  CHECK(p.sources[1].hash == "hash-a/2.md");
  CHECK_FALSE(p.aggregates);  // stale only if the check finds a change
}

TEST_CASE("another binary or other options rebuild everything") {
  Writers w;
  std::vector<archive::Source> sources = {source("a/1.md")};
  Built last = built(sources, w);
  for (auto p : {plan_of(sources, &last, w, "other options"), plan_of(sources, &last, w, "opts", "other binary")}) {
    CHECK(p.force);
    CHECK(p.aggregates);
    CHECK(steps(p) == std::vector<Step>{Step::build});
  }
}

TEST_CASE("a missing output, a broken last build or a missing aggregate is rebuilt") {
  Writers w;
  std::vector<archive::Source> sources = {source("a/1.md"), source("a/2.md"), source("a/3.md")};
  Built last = built(sources, w);
  last.missing.insert("a/1.docx");
  last.manifest.sources["a/2.md"].ok = false;
  auto p = plan_of(sources, &last, w);
  CHECK(steps(p) == std::vector<Step>{Step::build, Step::build, Step::keep});
  CHECK_FALSE(p.aggregates);
  last.missing.insert("feed.xml");
  CHECK(plan_of(sources, &last, w).aggregates);
}

TEST_CASE("a source that is gone loses its own outputs; the page beside it in its series is rebuilt") {
  Writers w;
  std::vector<archive::Source> before = {source("a/1.md"), source("a/2.md"), source("b/3.md")};
  Built last = built(before, w);
  // A tampered record names files that are not its outputs; a new source takes over the stem of a gone one.
  for (const auto& path : {"../outside/secret.md", "a/keep.txt", "index.html", "a/2/x.odt", "a/2.txt", "a/.2.odt"})
    last.manifest.sources["a/2.md"].outputs.push_back({path, "h"});
  last.manifest.sources[".htaccess"] = {1, 1, "h", true, 0, 0, "", "", {{".htaccess", "h"}}};
  last.manifest.sources["notes.md"] = {1, 1, "h", true, 0, 0, "", "", {{"notes.txt", "h"}, {".nojekyll", "h"}}};
  last.manifest.sources["index.md"] = {1, 1, "h", true, 0, 0, "", "", {{"index.html", "h"}, {"index.odt", "h"}}};
  std::vector<archive::Source> now = {source("a/1.md"), source("b/3.txt")};
  auto p = plan_of(now, &last, w);
  std::sort(p.gone.begin(), p.gone.end());
  CHECK(p.gone == std::vector<std::string>{".htaccess", "a/2.md", "b/3.md", "index.md", "notes.md"});
  // b/3.* belong to b/3.txt now; hidden files, other kinds and the aggregates are never a meeting's outputs.
  CHECK(paths(p.remove) == std::vector<std::string>{"a/2.docx", "a/2.html", "a/2.odt", "index.odt"});
  CHECK(p.aggregates);
  // a/1.md linked to a/2.md as its next page: it is built again, with no such link
  CHECK(steps(p) == std::vector<Step>{Step::build, Step::build});
}

TEST_CASE("outputs of a format no longer written are obsolete once the source builds") {
  Writers all;
  std::vector<archive::Source> sources = {source("a/1.md")};
  Built last = built(sources, all);
  Writers fewer;
  fewer.documents = {find_writer("odt")};
  auto p = plan_of(sources, &last, fewer, "fewer formats");
  CHECK(steps(p) == std::vector<Step>{Step::build});
  CHECK(paths(p.sources[0].obsolete) == std::vector<std::string>{"a/1.docx", "a/1.html"});
}

TEST_CASE("a meeting's page that would be the archive's index is left out, with a note") {
  Writers w;
  std::vector<archive::Source> sources = {source("index.md"), source("team/index.md")};
  auto p = plan_of(sources, nullptr, w);
  REQUIRE(p.sources[0].targets.size() == 2);
  CHECK(p.sources[0].targets[1].path == "index.docx");
  REQUIRE(p.sources[0].notes.size() == 1);
  CHECK(p.sources[0].notes[0].message == "no html output: index.html is the archive's index");
  // team/index.html is the page of the series "team"
  REQUIRE(p.sources[1].targets.size() == 2);
  REQUIRE(p.sources[1].notes.size() == 1);
  CHECK(p.sources[1].notes[0].message == "no html output: team/index.html is the archive's series");
}
