// A deterministic zip packer for ODT and DOCX packages (libzip): fixed entry order, fixed timestamps.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace minutes::formats {

// One entry of a package.
struct ZipEntry {
  std::string name;
  std::string data;
  bool store = false;  // true: no compression (ODF's mimetype)
  // The first bytes that recur unchanged in every report (the styles before the report title, say): compressed
  // once per process and reused. The package's bytes depend on the data and this count only, never on what the
  // process packed before.
  size_t recurring_prefix = 0;
};

// Packs entries in the given order, every entry stamped with mtime (seconds since the epoch, UTC);
// throws std::runtime_error only if libzip itself fails.
std::string zip_package(const std::vector<ZipEntry>& entries, int64_t mtime);

// The entries of a zip archive (for --reference-doc and tests); empty when it is not a zip.
std::vector<ZipEntry> unzip(const std::string& bytes);

}  // namespace minutes::formats
