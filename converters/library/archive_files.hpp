// `minutes build` inside the library: hashing, the output folder's lock and file operations (never outside OUT),
// the manifest's lines and their journal, display.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <minutes/archive.hpp>
#include <minutes/ir.hpp>

namespace minutes::archive {

// A fast non-cryptographic content hash (XXH64) as 16 hex digits.
std::string hash_bytes(std::string_view bytes);

// The hash of the library's version and the running binary's size and modification time; computed once.
const std::string& binary_hash();

// True when path is a regular file (not following a final symlink).
bool regular_file(const std::string& path);

// Creates out/<rel_dir> folder by folder, refusing any component that exists as a symlink or a non-folder;
// an error sentence then, else empty.
std::string ensure_output_dir(const std::string& out, std::string_view rel_dir);

// What remove_output() did.
enum class Removal { removed, missing, changed };

// Removes out/<w.path> when every folder between lies inside out as a real folder (no symlink) and the file still
// holds the bytes the build wrote (w.hash), then its folders as they become empty; `changed`: kept, not ours now.
Removal remove_output(const std::string& out, const Written& w);

// Takes OUT's lock (out/.minutes-lock); when another build holds it, tells `waiting` who, then waits for it.
// An error sentence when the lock cannot be taken.
std::string lock_output(const std::string& out, const std::function<void(const std::string&)>& waiting,
                        OutputLock& lock);

// The regular files in the folders `dirs` of OUT ("" is OUT itself), as paths relative to OUT. Temporary files
// that a killed build left there (".NAME.tmp-XXXXXX" beside a file minutes writes) are removed on the way.
std::unordered_set<std::string> list_outputs(const std::string& out, const std::set<std::string>& dirs);

// The manifest's lines (manifest.cpp): a source's record, a source whose outputs are being rewritten, a source
// whose outputs were removed, and an aggregate's record (empty: being rewritten).
std::string source_line(const std::string& rel, const SourceRecord& record);
std::string invalid_line(const std::string& rel);
std::string gone_line(const std::string& rel);
std::string aggregate_line(const std::string& name, const AggregateRecord& record);

// The last manifest's entry of each source, in the order of `sources` (end() where it has none): the two are
// walked side by side in path order, a source looked up only where the orders part (one new, one gone).
std::vector<std::map<std::string, SourceRecord>::const_iterator> records_of(std::span<const Source> sources,
                                                                            const Manifest& manifest);

// The summaries file: its first line, and one record (a line naming the source and the length, then the JSON
// writer's encoding of its summary); summary_records() finds each source's JSON again, unchecked.
inline constexpr std::string_view summaries_header = "minutes-summaries 1\n";
std::string summary_record(const std::string& rel, std::string_view json);
std::map<std::string, std::string_view> summary_records(std::string_view text);

// Appends lines to OUT's manifest as a build goes, from any thread, so that a killed build leaves it true.
class Journal {
 public:
  Journal() = default;
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;
  ~Journal();
  // Opens the manifest at path for appending; an error sentence when it cannot.
  std::string open(const std::string& path);
  // Appends one line; an error sentence when it could not be written (then nothing may rely on it).
  std::string append(const std::string& line);
  // True once open() succeeded.
  bool is_open() const { return fd_ >= 0; }
  // Lines appended so far.
  std::size_t lines() const { return lines_; }

 private:
  std::mutex mutex_;
  int fd_ = -1;
  std::string path_;
  std::size_t lines_ = 0;
};

// A diagnostic as it is shown: a path relative to SRC (a source's) joined to SRC.
ir::Diagnostic shown(ir::Diagnostic d, const std::string& src);

}  // namespace minutes::archive
