// What the ODT and DOCX tests of hostile input share: zip archives built byte by byte (bombs, lying sizes), deep
// nesting, a resources wrapper that counts fetches, and a search of diagnostics.
#pragma once

#include <zlib.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include <minutes/minutes.hpp>

namespace hostile {

// One entry as it lands in the archive: compressed bytes and the sizes and CRC the headers declare.
struct RawEntry {
  std::string name;
  std::string data;     // as stored (deflated when method is 8)
  uint16_t method = 0;  // 0 stored, 8 deflated
  uint32_t crc = 0;
  uint32_t size = 0;  // declared uncompressed size
};

inline void put16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>(v >> 8 & 0xff);
}

inline void put32(std::string& out, uint32_t v) {
  put16(out, v & 0xffff);
  put16(out, v >> 16);
}

// A zip archive of the entries, with the headers saying exactly what each entry declares.
inline std::string zip(const std::vector<RawEntry>& entries) {
  std::string out, directory;
  for (const auto& e : entries) {
    uint32_t offset = static_cast<uint32_t>(out.size());
    auto header = [&](std::string& to, bool central) {
      put32(to, central ? 0x02014b50 : 0x04034b50);
      if (central) put16(to, 20);  // made by
      put16(to, 20);               // needed to extract
      put16(to, 0);                // flags
      put16(to, e.method);
      put16(to, 0);     // time
      put16(to, 0x21);  // date: 1980-01-01
      put32(to, e.crc);
      put32(to, static_cast<uint32_t>(e.data.size()));
      put32(to, e.size);
      put16(to, static_cast<uint32_t>(e.name.size()));
      put16(to, 0);  // extra
      if (central) {
        put16(to, 0);  // comment
        put16(to, 0);  // disk
        put16(to, 0);  // internal attributes
        put32(to, 0);  // external attributes
        put32(to, offset);
      }
      to += e.name;
    };
    header(out, false);
    out += e.data;
    header(directory, true);
  }
  uint32_t at = static_cast<uint32_t>(out.size());
  out += directory;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<uint32_t>(entries.size()));
  put16(out, static_cast<uint32_t>(entries.size()));
  put32(out, static_cast<uint32_t>(directory.size()));
  put32(out, at);
  put16(out, 0);
  return out;
}

// A stored entry with its true size and CRC.
inline RawEntry stored(std::string name, const std::string& data) {
  return {std::move(name), data, 0,
          static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()))),
          static_cast<uint32_t>(data.size())};
}

// An entry of `mib` MiB of one repeated byte, deflated as a stream (never held whole): a zip bomb of about a
// thousandth of its size. The headers declare its true size and CRC (sizes past 4 GiB are not supported).
inline RawEntry bomb(std::string name, uint32_t mib, char byte = ' ') {
  std::string chunk(1u << 20, byte);
  uLong chunk_crc = crc32(0, reinterpret_cast<const Bytef*>(chunk.data()), static_cast<uInt>(chunk.size()));
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
  RawEntry e{std::move(name), {}, 8, 0, static_cast<uint32_t>(uint64_t(mib) << 20)};
  uLong crc = 0;
  char out[1 << 16];
  for (uint32_t i = 0; i < mib; ++i) {
    crc = i == 0 ? chunk_crc : crc32_combine(crc, chunk_crc, static_cast<z_off_t>(chunk.size()));
    z.next_in = reinterpret_cast<Bytef*>(chunk.data());
    z.avail_in = static_cast<uInt>(chunk.size());
    int flush = i + 1 == mib ? Z_FINISH : Z_NO_FLUSH;
    do {
      z.next_out = reinterpret_cast<Bytef*>(out);
      z.avail_out = sizeof out;
      deflate(&z, flush);
      e.data.append(out, sizeof out - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  e.crc = static_cast<uint32_t>(crc);
  return e;
}

// `depth` nested elements named `name` (no recursion needed to build or to read them back).
inline std::string nested(const std::string& name, int depth) {
  std::string out;
  out.reserve(static_cast<size_t>(depth) * (2 * name.size() + 5));
  for (int i = 0; i < depth; ++i) out += "<" + name + ">";
  for (int i = 0; i < depth; ++i) out += "</" + name + ">";
  return out;
}

// A 2x3 PNG (only the header matters for the frame size).
inline std::string tiny_png() {
  return std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x02\0\0\0\x03\x08\x02\0\0\0", 29) + std::string(16, '\0');
}

// An image inline.
inline minutes::ir::Inline image(std::string url, std::string alt) {
  minutes::ir::Inline i;
  i.kind = minutes::ir::InlineKind::image;
  i.url = std::move(url);
  i.text = std::move(alt);
  return i;
}

// Counts the fetches that pass through to the real resources.
struct Counting final : minutes::Resources {
  explicit Counting(const minutes::Resources& files) : inner(files) {}
  minutes::Fetched fetch(std::string_view reference, std::string_view source) const override {
    ++fetches;
    return inner.fetch(reference, source);
  }
  const minutes::Resources& inner;
  mutable std::atomic<int> fetches{0};
};

// How many diagnostics mention every one of the words (in the message or the file).
inline size_t saying(const std::vector<minutes::ir::Diagnostic>& diagnostics, const std::vector<std::string>& words) {
  size_t n = 0;
  for (const auto& d : diagnostics) {
    bool all = true;
    for (const auto& w : words) all = all && (d.message + " " + d.file).find(w) != std::string::npos;
    n += all;
  }
  return n;
}

}  // namespace hostile
