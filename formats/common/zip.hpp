// Zip packages for ODT and DOCX (libzip): a deterministic packer, and a reader bounded in parts and inflated size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <minutes/resources.hpp>

namespace minutes::formats {

// One entry of a package.
struct ZipEntry {
  std::string name;
  std::string data;
  bool store = false;  // true: no compression (ODF's mimetype)
  // The first bytes that recur unchanged in every report (the styles before the report title, say): compressed
  // on their own, and with a cache only once. The package's bytes depend on the data and this count only, never on
  // what was packed before.
  size_t recurring_prefix = 0;
};

// A packed archive, or why not (libzip or the compressor failed).
struct Zipped {
  std::string bytes;
  std::string error;  // empty on success
};

// Packs entries in the given order, every entry stamped with mtime (seconds since the epoch, UTC). With a cache,
// parts that recur from package to package (styles, settings, footers, recurring beginnings) are compressed once.
Zipped zip_package(const std::vector<ZipEntry>& entries, int64_t mtime, Cache* cache = nullptr);

// How much of a zip archive given to us (a reference document) may be read.
struct UnzipLimits {
  size_t max_entries = 4096;
  size_t max_part = 16u << 20;   // inflated bytes of one part (16 MiB)
  size_t max_total = 64u << 20;  // inflated bytes of every part read (64 MiB)
};

// A zip archive opened for reading. Parts are inflated on demand and their real size is counted while inflating
// (the sizes the archive declares are not trusted), so a zip bomb stops at the limits.
class ZipReader {
 public:
  explicit ZipReader(std::string_view bytes, UnzipLimits limits = {});
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;
  // False when the bytes are no zip archive, or have more entries than the limit; error() says which.
  bool ok() const { return open_; }
  // Why the archive or the last part could not be read (a phrase: "is not a zip archive").
  const std::string& error() const { return error_; }
  // The entry names, in archive order (directories left out).
  const std::vector<std::string>& names() const { return names_; }
  // True when the archive has an entry of that name.
  bool has(std::string_view name) const;
  // True when the part is stored without compression.
  bool stored(std::string_view name) const;
  // The bytes of one part; nullopt (error() says why) when it is missing, broken or over a limit.
  std::optional<std::string> read(std::string_view name);

 private:
  struct Archive;
  std::unique_ptr<Archive> archive_;
  std::vector<std::string> names_;
  UnzipLimits limits_;
  size_t total_ = 0;
  bool open_ = false;
  std::string error_;
};

// True for a part name that means only itself: relative, without empty, "." or ".." segments, backslashes or
// control characters (a name a package may take over from a document given to us).
bool plain_part_name(std::string_view name);

// Every entry of a zip archive within the default limits (for tests); empty when it is not one or exceeds them.
std::vector<ZipEntry> unzip(const std::string& bytes);

}  // namespace minutes::formats
