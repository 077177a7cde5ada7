// `minutes build` as a library: a folder of minutes to per-meeting documents plus the aggregates (calendar,
// feed, index), incrementally and in parallel: prepare (settings, discovery, manifest, a pure plan), execute, report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <minutes/convert.hpp>
#include <minutes/ir.hpp>
#include <minutes/resources.hpp>
#include <minutes/settings.hpp>

namespace minutes::archive {

// One minutes file found under SRC.
struct Source {
  std::string rel;       // path relative to SRC with '/' separators, e.g. "community-call/20230504.md"
  std::string path;      // SRC joined with rel, for reading
  std::string stem;      // rel without its extension: outputs are OUT/<stem>.<format>
  uint64_t size = 0;     // stat size
  int64_t mtime_ns = 0;  // stat modification time in nanoseconds
};

// A file or folder that discovery passed over, and why ("a README file", "excluded by 'drafts'").
struct Skipped {
  std::string rel;
  std::string why;
};

// What discovery found: the sources in byte order of rel, what it passed over, and problems on the way.
struct Discovery {
  std::vector<Source> sources;
  std::vector<Skipped> skipped;
  std::vector<ir::Diagnostic> diagnostics;
};

// Why a file name is not minutes by the skip rule: its stem (the name up to its first dot, in any case) is
// exactly README, LICENSE, LICENCE, COPYING, CHANGELOG, CONTRIBUTING, CODE_OF_CONDUCT, AUTHORS, NOTICE, SECURITY
// or SOURCE, or begins or ends with the word "template". Empty when the name may be minutes.
std::string skip_reason(std::string_view file_name);

// The first glob that rel matches (a glob without '/' matches any one component); empty when none does.
std::string excluded_by(std::string_view rel, const std::vector<std::string>& globs);

// True for a relative path that stays inside its root: not empty, not absolute, no "." or ".." or empty component.
bool safe_relative(std::string_view rel);

// Walks src (not following folder symlinks; file symlinks only when they resolve inside src), passing over hidden
// entries, node_modules, the output folder out, files no reader takes, the skip rule and excluded paths.
Discovery discover(const std::string& src, const std::string& out, const std::vector<std::string>& excludes);

// A file a build wrote into OUT: its path relative to OUT and the hash of the bytes written. A build removes
// only such files, and only while they still hold those bytes.
struct Written {
  std::string path;
  std::string hash;
  bool operator==(const Written&) const = default;
};

// What the last build knew about one source.
struct SourceRecord {
  uint64_t size = 0;             // stat size when last seen
  int64_t mtime_ns = 0;          // stat mtime when last seen
  std::string hash;              // content hash (XXH64, hex)
  bool ok = false;               // read without errors and every output written
  int events = 0;                // events the meeting holds
  int warnings = 0;              // warnings its reading and writing gave
  std::string summary;           // hash of its record in the summaries file (empty: none)
  std::string date;              // the meeting's date (YYYY-MM-DD), empty when it has none: the feed's order
  std::vector<Written> outputs;  // what it wrote
};

// What the last build wrote for one aggregate: the bytes' hash and the hash of everything they were made from.
struct AggregateRecord {
  std::string hash;
  std::string inputs;
  bool operator==(const AggregateRecord&) const = default;
};

// The manifest of one output folder: what the last build wrote, so that the next one rewrites only what changed.
// A build appends to it as outputs land (a killed build leaves it true); a later build rewrites it whole.
struct Manifest {
  std::string binary;                                 // hash of the minutes library's version and binary
  std::string options;                                // options_key() of the settings it was built with
  std::map<std::string, SourceRecord> sources;        // by path relative to SRC
  std::map<std::string, AggregateRecord> aggregates;  // by file name ("calendar.ics", "feeds/iaas.xml")
  std::size_t appended = 0;                           // lines appended since it was last written whole
};

// The manifest's, the summaries' and the lock's file names inside OUT. The summaries are the JSON writer's
// encoding of each meeting's title, series, date, language, events and actions, one record per source, for the
// aggregates of a rebuild that reads only what changed.
inline constexpr std::string_view manifest_name = ".minutes-manifest";
inline constexpr std::string_view summaries_name = ".minutes-summaries";
inline constexpr std::string_view lock_name = ".minutes-lock";

// Parses a manifest, appended lines included; nullopt when it is unreadable or of another layout (then everything
// is rebuilt).
std::optional<Manifest> parse_manifest(std::string_view text);

// The manifest as text, one line per source and aggregate in key order (the same state gives the same bytes).
std::string dump_manifest(const Manifest& manifest);

// The hash of everything besides a source that decides its outputs: every setting of the table that `rebuilds`,
// and the bytes of a file such a setting names (the reference document).
std::string options_key(const Settings& settings);

// How a source is brought up to date.
enum class Step {
  keep,   // unchanged since the last build (size and time), its outputs are there: nothing to do
  check,  // size or time changed: hash it, and build it only when the content changed
  build,  // new, changed settings, broken last time or an output missing: read it and write every output
};

// One output of a source: the writer and the path relative to OUT.
struct Target {
  const Writer* writer = nullptr;
  std::string path;
};

// What is to be done for one source.
struct SourcePlan {
  Step step = Step::build;
  std::string hash;                   // keep and check: the content hash the last build recorded
  std::vector<Target> targets;        // what it should have, one per document writer
  std::vector<Written> obsolete;      // what the last build wrote for it and it no longer has: removed once it builds
  std::vector<ir::Diagnostic> notes;  // told when it is built (an output left out, and why)
};

// What planning is given: nothing is read from disk while planning.
struct PlanInput {
  std::span<const Source> sources;
  const Manifest* previous = nullptr;         // the last build's manifest; null: none
  std::string binary;                         // this library's binary hash
  std::string options;                        // options_key() of this run
  std::span<const Writer* const> documents;   // per-meeting writers
  std::span<const Writer* const> aggregates;  // writers over the whole archive
  std::set<std::string> missing;              // files the last manifest names that are not in OUT now
};

// The actions of one build.
struct Plan {
  bool force = false;               // no manifest, or another binary or options: everything is built
  std::vector<SourcePlan> sources;  // one per input source, in order
  std::vector<std::string> gone;    // sources of the last build that are no longer there (relative to SRC)
  std::vector<Written> remove;      // their outputs, which no current source has: removed
  bool aggregates = false;          // the aggregates are stale whatever the sources give (else: when one is
                                    // built or fails)
};

// Plans a build: a pure function of its input.
Plan plan(const PlanInput& input);

// What execute() reports as it goes; called on the thread that called execute().
class Progress {
 public:
  virtual ~Progress() = default;
  // A phase ("building", "reading") over `total` files begins.
  virtual void start(std::string_view phase, std::size_t total) { (void)phase, (void)total; }
  // `done` files of the phase are done (called about ten times a second).
  virtual void update(std::size_t done) { (void)done; }
  // The phase is over.
  virtual void finish(std::size_t done) { (void)done; }
};

// What a program asks for.
struct Request {
  std::string src;                    // the archive's folder
  std::string out;                    // the output folder (created when missing)
  Settings flags;                     // settings given on the command line
  std::vector<const Setting*> given;  // which of them were given: they win over minutes.yaml
  unsigned jobs = 0;                  // parallel jobs; 0: one per core
  WriteContext context;               // what the writers may read and keep (resources, cache)
  // Called once, with a sentence naming the holder, when another build holds OUT and this one waits for it.
  std::function<void(const std::string&)> waiting;
};

// The lock of an output folder (a record lock on OUT/.minutes-lock): one build at a time; released when destroyed.
class OutputLock {
 public:
  OutputLock() = default;
  explicit OutputLock(int fd) : fd_(fd) {}
  OutputLock(OutputLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  OutputLock& operator=(OutputLock&& other) noexcept;
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;
  ~OutputLock();

 private:
  int fd_ = -1;
};

// Why a build cannot start: a usage error (SRC is not a folder, OUT inside SRC's place, a format that is not
// per meeting) or an output folder that cannot be made.
struct Refusal {
  bool usage = true;
  std::string message;
};

// A prepared build: the settings, what was found, what the last build left, and the plan.
struct Build {
  std::optional<Refusal> refusal;         // set: nothing else is
  std::string src, out;                   // SRC as given, OUT made absolute
  Settings settings;                      // minutes.yaml over the defaults, flags over both, the environment
  std::vector<const Writer*> documents;   // per-meeting writers (from settings.formats)
  std::vector<const Writer*> aggregates;  // every writer over the whole archive, in registry order
  std::vector<Source> sources;
  Site site;  // the pages the sources make, their series and neighbours (for links between pages)
  std::vector<Skipped> skipped;
  std::vector<ir::Diagnostic> diagnostics;  // of the settings and discovery; paths as they are shown
  std::optional<Manifest> previous;
  std::string binary, options;
  Plan plan;
  unsigned jobs = 1;
  WriteContext context;
  OutputLock lock;  // held from before the manifest is read until the build is done
};

// Loads the settings, locks OUT (waiting for another build that holds it), finds the sources, reads the manifest
// and plans.
Build prepare(const Request& request);

// What a build did.
struct Report {
  std::vector<ir::Diagnostic> diagnostics;  // of the aggregates, then of each source in order, then of the manifest
  std::vector<std::string> built;           // sources read and written without an error in this run (rel. to SRC)
  std::vector<std::string> removed;         // sources gone since the last build (their outputs were removed)
  std::size_t sources = 0;                  // sources found
  std::size_t meetings = 0;                 // of them, built without errors now or before (the others failed)
  std::size_t events = 0;                   // events those meetings hold
  int warnings = 0;                         // of the settings, discovery and this run, and the last run's of the
                                            // sources not read again
  int errors = 0;
  bool wrote = false;  // any file in OUT was written or removed
};

// Runs a prepared build: writes what the plan says (in parallel), then the aggregates and the manifest.
Report execute(const Build& build, Progress& progress);

}  // namespace minutes::archive
