// `minutes build`: the manifest OUT/.minutes-manifest (content hashes of inputs and options) and hashing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minutes::build {

// What the last build knew about one source.
struct SourceRecord {
  uint64_t size = 0;                 // stat size when last seen
  int64_t mtime_ns = 0;              // stat mtime when last seen
  std::string hash;                  // content hash (XXH64, hex)
  bool ok = false;                   // read without errors and every output written
  int events = 0;                    // events the meeting holds
  int warnings = 0;                  // warnings its reading and writing gave
  std::vector<std::string> outputs;  // paths relative to OUT that it wrote
};

// The manifest of one output folder.
struct Manifest {
  std::string binary;                             // hash of the minutes binary and its version
  std::string options;                            // hash of the writer options and formats
  std::map<std::string, SourceRecord> sources;    // by path relative to SRC
  std::map<std::string, std::string> aggregates;  // "calendar.ics" -> hash of what was written
};

// The manifest's file name inside OUT.
inline constexpr const char* manifest_name = ".minutes-manifest";

// A fast non-cryptographic content hash (XXH64) as 16 hex digits.
std::string hash_bytes(std::string_view bytes);

// The hash of the running binary's version, size and modification time; computed once.
const std::string& binary_hash();

// Parses a manifest; nullopt when absent, unreadable or of another layout (then everything is rebuilt).
std::optional<Manifest> parse_manifest(std::string_view text);

// The manifest as JSON text (keys sorted, so the same state gives the same bytes).
std::string dump_manifest(const Manifest& manifest);

}  // namespace minutes::build
