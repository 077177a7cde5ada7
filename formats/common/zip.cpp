// Packs and unpacks zip archives in memory with libzip.
#include "formats/common/zip.hpp"

#include <zip.h>

#include <stdexcept>

namespace minutes::formats {


std::string zip_package(const std::vector<ZipEntry>& entries, int64_t mtime) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) throw std::runtime_error("zip: cannot create a buffer");
  zip_source_keep(buffer);  // the archive's close would free it; we read the result from it afterwards
  zip_t* za = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!za) {
    zip_source_free(buffer);
    zip_source_free(buffer);
    throw std::runtime_error("zip: cannot open the buffer");
  }
  struct Free {
    zip_source_t* s;
    ~Free() { zip_source_free(s); }
  } keep{buffer};
  for (const auto& e : entries) {
    zip_source_t* s = zip_source_buffer(za, e.data.data(), e.data.size(), 0);
    if (!s) throw std::runtime_error("zip: cannot add " + e.name);
    zip_int64_t idx = zip_file_add(za, e.name.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (idx < 0) {
      zip_source_free(s);
      throw std::runtime_error("zip: cannot add " + e.name);
    }
    // Small parts gain little from deflate, and each deflate stream costs a fixed set-up (zlib clears its
    // hash tables): store them. Level 1 keeps the rest fast; the packages stay small XML archives.
    bool store = e.store || e.data.size() < 1024;
    zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 1);
    zip_file_set_mtime(za, static_cast<zip_uint64_t>(idx), static_cast<time_t>(mtime), 0);
  }
  if (zip_close(za) != 0) {
    std::string msg = zip_strerror(za);
    zip_discard(za);
    throw std::runtime_error("zip: " + msg);
  }
  std::string out;
  if (zip_source_open(buffer) != 0) throw std::runtime_error("zip: cannot read back the archive");
  zip_source_seek(buffer, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  out.resize(static_cast<size_t>(size));
  zip_int64_t got = zip_source_read(buffer, out.data(), out.size());
  zip_source_close(buffer);
  if (got != size) throw std::runtime_error("zip: short read");
  return out;
}

std::vector<ZipEntry> unzip(const std::string& bytes) {
  std::vector<ZipEntry> out;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!src) return out;
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (!za) {
    zip_source_free(src);
    return out;
  }
  zip_int64_t n = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    if (zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
    zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
    if (!f) continue;
    ZipEntry e;
    e.name = st.name;
    e.data.resize(static_cast<size_t>(st.size));
    zip_int64_t got = zip_fread(f, e.data.data(), e.data.size());
    zip_fclose(f);
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) continue;
    e.store = st.comp_method == ZIP_CM_STORE;
    out.push_back(std::move(e));
  }
  zip_close(za);
  return out;
}

}  // namespace minutes::formats
