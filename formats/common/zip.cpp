// Packs and reads zip archives in memory: libdeflate compresses the parts, libzip lays out and reads the archive.
#include "formats/common/zip.hpp"

#include <libdeflate.h>
#include <zip.h>
#include <zlib.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <fmt/format.h>

#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "formats/common/cache.hpp"

namespace minutes::formats {

namespace {

// A part compressed as a raw deflate stream, with what the zip directory needs.
struct Deflated {
  std::string data;      // the part itself when cached, to tell a hash collision from a recurring part
  std::string deflated;  // raw deflate data
  size_t size = 0;       // of the part
  uint32_t crc = 0;
};

// The whole of data as a raw deflate stream that ends in a final block; null when the compressor fails.
std::shared_ptr<const Deflated> deflate_final(std::string_view data) {
  // libdeflate compresses a whole buffer in one call without zlib's per-stream set-up, twice as fast at level 1
  // and a little smaller; one compressor per thread.
  struct Free {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
  };
  thread_local std::unique_ptr<libdeflate_compressor, Free> compressor(libdeflate_alloc_compressor(1));
  if (!compressor) return nullptr;
  // Compressed into a buffer of the thread's that only grows: sizing each part's output to its bound would zero
  // that many bytes every time.
  thread_local std::string scratch;
  if (size_t bound = libdeflate_deflate_compress_bound(compressor.get(), data.size()); scratch.size() < bound)
    scratch.resize(bound);
  size_t n = libdeflate_deflate_compress(compressor.get(), data.data(), data.size(), scratch.data(), scratch.size());
  if (n == 0) return nullptr;
  auto out = std::make_shared<Deflated>();
  out->size = data.size();
  out->crc = libdeflate_crc32(0, data.data(), data.size());
  out->deflated.assign(scratch.data(), n);
  if (scratch.size() > (8u << 20)) std::string().swap(scratch);  // a huge part's buffer is not kept
  return out;
}

// data as deflate blocks that are not final and end on a byte boundary (zlib's sync flush), so that another
// stream can follow: the compressed form of a part's beginning that recurs in every report. With a cache done once,
// so at zlib's best level; null when zlib fails.
std::shared_ptr<const Deflated> deflate_open_ended(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) return nullptr;
  auto out = std::make_shared<Deflated>();
  out->size = data.size();
  out->crc = libdeflate_crc32(0, data.data(), data.size());
  // deflateBound covers a finished stream; a sync flush adds an empty stored block (5 bytes) at most
  out->deflated.resize(deflateBound(&z, data.size()) + 64);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out->deflated.data());
  z.avail_out = static_cast<uInt>(out->deflated.size());
  int rc = deflate(&z, Z_SYNC_FLUSH);
  bool done = rc == Z_OK && z.avail_in == 0 && z.avail_out > 0;
  out->deflated.resize(out->deflated.size() - z.avail_out);
  deflateEnd(&z);
  if (!done) return nullptr;
  return out;
}

using Compress = std::shared_ptr<const Deflated> (*)(std::string_view);

// Parts recur from document to document (styles, settings, footers): the second time the same bytes are packed,
// their compression is kept for as long as the cache lives. Bounded, thread-safe.
class RecurringParts {
 public:
  explicit RecurringParts(Compress compress) : compress_(compress) {}

  std::shared_ptr<const Deflated> deflate(std::string_view data) {
    size_t key = XXH3_64bits(data.data(), data.size());
    {
      std::lock_guard lock(mutex_);
      if (auto it = kept_.find(key); it != kept_.end() && it->second->data == data) return it->second;
    }
    auto part = compress_(data);
    if (!part) return part;
    std::lock_guard lock(mutex_);
    if (seen_.size() > 65536) seen_.clear();
    if (!seen_.insert(key).second) {
      if (kept_.size() >= 256) kept_.clear();
      auto kept = std::make_shared<Deflated>(*part);
      kept->data = data;
      kept_[key] = kept;
    }
    return part;
  }

 private:
  Compress compress_;
  std::mutex mutex_;
  std::unordered_set<size_t> seen_;
  std::unordered_map<size_t, std::shared_ptr<const Deflated>> kept_;
};

// What a cache keeps for the packer: whole parts, and recurring beginnings.
struct Recurring {
  std::unique_ptr<RecurringParts> whole = std::make_unique<RecurringParts>(deflate_final);
  std::unique_ptr<RecurringParts> beginnings = std::make_unique<RecurringParts>(deflate_open_ended);
};

// One part: whole, or its recurring beginning followed by the rest as a final stream; null when compression fails.
std::shared_ptr<const Deflated> deflate_entry(const ZipEntry& e, const Recurring* recurring) {
  std::string_view data = e.data;
  bool split = e.recurring_prefix > 0 && e.recurring_prefix < data.size();
  if (!split) return recurring ? recurring->whole->deflate(data) : deflate_final(data);
  auto prefix = data.substr(0, e.recurring_prefix);
  auto head = recurring ? recurring->beginnings->deflate(prefix) : deflate_open_ended(prefix);
  auto tail = deflate_final(data.substr(e.recurring_prefix));
  if (!head || !tail) return nullptr;
  auto out = std::make_shared<Deflated>();
  out->size = data.size();
  out->crc = libdeflate_crc32(head->crc, data.data() + e.recurring_prefix, data.size() - e.recurring_prefix);
  out->deflated = head->deflated + tail->deflated;
  return out;
}

// A libzip source that hands over data already deflated, with its size and CRC, so libzip copies it as it is.
struct RawSource {
  std::shared_ptr<const Deflated> part;
  time_t mtime;
  zip_uint64_t pos = 0;
  zip_error_t error;
};

zip_int64_t raw_source(void* user, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* s = static_cast<RawSource*>(user);
  const std::string& bytes = s->part->deflated;
  switch (cmd) {
    case ZIP_SOURCE_OPEN: s->pos = 0; return 0;
    case ZIP_SOURCE_READ: {
      zip_uint64_t n = std::min<zip_uint64_t>(len, bytes.size() - s->pos);
      std::memcpy(data, bytes.data() + s->pos, n);
      s->pos += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE: return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC | ZIP_STAT_MTIME;
      st->size = s->part->size;
      st->comp_size = bytes.size();
      st->comp_method = ZIP_CM_DEFLATE;
      st->crc = s->part->crc;
      st->mtime = s->mtime;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR: return zip_error_to_data(&s->error, data, len);
    case ZIP_SOURCE_FREE:
      zip_error_fini(&s->error);
      delete s;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default: zip_error_set(&s->error, ZIP_ER_OPNOTSUPP, 0); return -1;
  }
}

// zip_open_from_source with one caller at a time: libzip before 1.9 (Debian 12 has 1.7.3) fills two static
// bitmaps on its first calls without a lock, so two threads opening archives at once can see a half-made one and
// fail with "Read-only archive" (libzip issue #289); it failed ~2 builds in 100 at -j2.
zip_t* open_from_source(zip_source_t* source, int flags, zip_error_t* error) {
  static std::mutex opening;
  std::lock_guard lock(opening);
  return zip_open_from_source(source, flags, error);
}

}  // namespace

Zipped zip_package(const std::vector<ZipEntry>& entries, int64_t mtime, Cache* cache) {
  std::shared_ptr<const Recurring> recurring;
  if (cache) recurring = cached<Recurring>(cache, "zip.recurring-parts", [] { return Recurring{}; });
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) return {{}, "zip: cannot create a buffer"};
  zip_source_keep(buffer);  // the archive's close would free it; we read the result from it afterwards
  zip_t* za = open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!za) {
    zip_source_free(buffer);
    zip_source_free(buffer);
    return {{}, "zip: cannot open the buffer"};
  }
  struct Free {
    zip_source_t* s;
    ~Free() { zip_source_free(s); }
  } keep{buffer};
  auto fail = [&](std::string why) {
    zip_discard(za);
    return Zipped{{}, "zip: " + why};
  };
  for (const auto& e : entries) {
    std::shared_ptr<const Deflated> part;
    if (!e.store) {
      part = deflate_entry(e, recurring.get());
      if (!part) return fail("cannot compress " + e.name);
    }
    if (part && part->deflated.size() >= part->size) part.reset();  // it does not shrink: stored
    zip_source_t* s = nullptr;
    if (part) {
      auto* raw = new RawSource{part, static_cast<time_t>(mtime), 0, {}};
      zip_error_init(&raw->error);
      s = zip_source_function(za, raw_source, raw);
      if (!s) {
        zip_error_fini(&raw->error);
        delete raw;
      }
    } else {
      s = zip_source_buffer(za, e.data.data(), e.data.size(), 0);
    }
    if (!s) return fail("cannot add " + e.name);
    zip_int64_t idx = zip_file_add(za, e.name.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (idx < 0) {
      zip_source_free(s);
      return fail("cannot add " + e.name);
    }
    auto i = static_cast<zip_uint64_t>(idx);
    if (!part) zip_set_file_compression(za, i, ZIP_CM_STORE, 0);
    zip_file_set_mtime(za, i, static_cast<time_t>(mtime), 0);
  }
  if (zip_close(za) != 0) return fail(zip_strerror(za));
  Zipped out;
  if (zip_source_open(buffer) != 0) return {{}, "zip: cannot read back the archive"};
  zip_source_seek(buffer, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  out.bytes.resize(static_cast<size_t>(size));
  zip_int64_t got = zip_source_read(buffer, out.bytes.data(), out.bytes.size());
  zip_source_close(buffer);
  if (got != size) return {{}, "zip: short read"};
  return out;
}

struct ZipReader::Archive {
  zip_t* za = nullptr;
  std::map<std::string, zip_uint64_t, std::less<>> index;  // name -> entry (the first of equal names)
  ~Archive() {
    if (za) zip_discard(za);
  }
};

ZipReader::ZipReader(std::string_view bytes, UnzipLimits limits)
    : archive_(std::make_unique<Archive>()), limits_(limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src) archive_->za = open_from_source(src, ZIP_RDONLY, &error);
  if (src && !archive_->za) zip_source_free(src);
  zip_error_fini(&error);
  if (!archive_->za) {
    error_ = "is not a zip archive";
    return;
  }
  zip_int64_t n = zip_get_num_entries(archive_->za, 0);
  if (n < 0 || static_cast<zip_uint64_t>(n) > limits_.max_entries) {
    error_ = fmt::format("has more than {} parts", limits_.max_entries);
    return;
  }
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(archive_->za, static_cast<zip_uint64_t>(i), 0);
    if (!name || !*name || std::string_view(name).ends_with('/')) continue;
    if (archive_->index.emplace(name, static_cast<zip_uint64_t>(i)).second) names_.push_back(name);
  }
  open_ = true;
}

ZipReader::~ZipReader() = default;

bool ZipReader::has(std::string_view name) const { return archive_->index.find(name) != archive_->index.end(); }

bool ZipReader::stored(std::string_view name) const {
  auto it = archive_->index.find(name);
  zip_stat_t st;
  return it != archive_->index.end() && zip_stat_index(archive_->za, it->second, 0, &st) == 0 &&
         (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_STORE;
}

std::optional<std::string> ZipReader::read(std::string_view name) {
  auto it = archive_->index.find(name);
  if (!open_ || it == archive_->index.end()) {
    error_ = fmt::format("has no part '{}'", name);
    return std::nullopt;
  }
  zip_file_t* f = zip_fopen_index(archive_->za, it->second, 0);
  if (!f) {
    error_ = fmt::format("has a part '{}' that cannot be read (encrypted, or compressed in an unknown way)", name);
    return std::nullopt;
  }
  std::string data, why;
  char buffer[65536];
  for (zip_int64_t got; why.empty() && (got = zip_fread(f, buffer, sizeof buffer)) != 0;) {
    auto n = static_cast<size_t>(got);
    if (got < 0)
      why = fmt::format("has a broken part '{}'", name);
    else if (data.size() + n > limits_.max_part)
      why = fmt::format("has a part '{}' that inflates to more than {} MiB", name, limits_.max_part >> 20);
    else if (total_ + n > limits_.max_total)
      why = fmt::format("has parts that inflate to more than {} MiB in all", limits_.max_total >> 20);
    else
      data.append(buffer, n);
    if (got > 0) total_ += n;
  }
  zip_fclose(f);
  zip_stat_t st;
  if (why.empty() && zip_stat_index(archive_->za, it->second, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
      st.size != data.size())
    why = fmt::format("has a part '{}' of another size than the archive declares", name);
  if (!why.empty()) {
    error_ = std::move(why);
    return std::nullopt;
  }
  return data;
}

bool plain_part_name(std::string_view name) {
  if (name.empty() || name.front() == '/') return false;
  for (char c : name)
    if (static_cast<unsigned char>(c) < 0x20 || c == '\\') return false;
  for (size_t start = 0; start <= name.size();) {
    size_t end = std::min(name.find('/', start), name.size());
    auto segment = name.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return true;
}

std::vector<ZipEntry> unzip(const std::string& bytes) {
  std::vector<ZipEntry> out;
  ZipReader zip(bytes);
  for (const auto& name : zip.names()) {
    auto data = zip.read(name);
    if (!data) return {};
    out.push_back({name, std::move(*data), zip.stored(name)});
  }
  return out;
}

}  // namespace minutes::formats
