// `minutes build`: finding the minutes files under SRC, the skip rule, --exclude globs and safe output folders.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>

namespace minutes::build {

// One minutes file found under SRC.
struct Source {
  std::string rel;       // path relative to SRC with '/' separators, e.g. "community-call/20230504.md"
  std::string path;      // SRC joined with rel, for reading
  std::string stem;      // rel without its extension: outputs are OUT/<stem>.<format>
  uint64_t size = 0;     // stat size
  int64_t mtime_ns = 0;  // stat modification time in nanoseconds
};

// What discovery found: the sources in byte order of rel, and notes about what it passed over.
struct Discovery {
  std::vector<Source> sources;
  std::vector<ir::Diagnostic> diagnostics;
};

// True for a file name that is not minutes by the documented rule: README*, LICENSE*, LICENCE*, COPYING*,
// CHANGELOG*, CONTRIBUTING*, CODE_OF_CONDUCT*, AUTHORS*, NOTICE*, SECURITY*, SOURCE* and any name whose stem
// starts or ends with "template" (case-insensitive).
bool skipped_by_name(std::string_view file_name);

// True when rel (or, for a glob without '/', any of its components) matches one of the globs.
bool excluded(std::string_view rel, const std::vector<std::string>& globs);

// True for a relative path that stays inside its root: not empty, not absolute, no "." or ".." or empty component.
bool safe_relative(std::string_view rel);

// Walks src (not following folder symlinks; file symlinks only when they resolve inside src), skipping hidden
// entries, the output folder out, files no reader takes, skipped_by_name files and excluded paths.
Discovery discover(const std::string& src, const std::string& out, const std::vector<std::string>& excludes);

// Creates out/<rel_dir> folder by folder, refusing any component that exists as a symlink or a non-folder;
// false with an error message then.
bool ensure_output_dir(const std::string& out, std::string_view rel_dir, std::string& error);

}  // namespace minutes::build
