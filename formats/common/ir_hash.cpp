// The meeting's hash: one walk of the IR into a buffer, hashed by XXH3 in one call (a streaming update per field
// costs more than the copy); every string length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
#include "formats/common/ir_hash.hpp"

#include <string>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <fmt/format.h>

namespace minutes::formats {

namespace {

class Hasher {
 public:
  unsigned long long digest() const { return XXH3_64bits(bytes_.data(), bytes_.size()); }

  void add(long long n) { bytes_.append(reinterpret_cast<const char*>(&n), sizeof n); }
  void add(std::string_view s) {
    add(static_cast<long long>(s.size()));
    bytes_ += s;
  }
  void add(const std::optional<ir::Date>& d) {
    add(d ? (static_cast<long long>(d->year) * 10000 + d->month * 100 + d->day) : -1LL);
  }

  void add(const ir::Inlines& inlines) {
    add(static_cast<long long>(inlines.size()));
    for (const auto& i : inlines) {
      add(static_cast<long long>(i.kind));
      add(i.text);
      add(i.url);
      add(i.title);
      add((static_cast<long long>(i.line) << 32) ^ i.column);
      add((static_cast<long long>(i.width) << 32) ^ i.height);
      add(i.children);
    }
  }

  void add(const ir::Blocks& blocks) {
    add(static_cast<long long>(blocks.size()));
    for (const auto& b : blocks) {
      add(static_cast<long long>(b.kind));
      add((static_cast<long long>(b.line) << 32) ^ b.column);
      add(b.inlines);
      add(b.text);
      add(b.info);
      add(b.raw);
      add(static_cast<long long>(b.ordered) | static_cast<long long>(b.tight) << 1 |
          static_cast<long long>(b.level) << 2 | static_cast<long long>(b.start) << 8);
      add(static_cast<long long>(b.items.size()));
      for (const auto& item : b.items) {
        add(item.checked ? 1 + *item.checked : 0);
        add(item.line);
        add(item.blocks);
      }
      add(b.children);
      add(static_cast<long long>(b.rows.size()));
      for (const auto& row : b.rows) {
        add(static_cast<long long>(row.header) | static_cast<long long>(row.line) << 1);
        add(static_cast<long long>(row.cells.size()));
        for (const auto& cell : row.cells) add(cell.inlines);
      }
      add(static_cast<long long>(b.alignments.size()));
      for (auto a : b.alignments) add(static_cast<long long>(a));
    }
  }

  void add(const std::vector<ir::Section>& sections) {
    add(static_cast<long long>(sections.size()));
    for (const auto& s : sections) {
      add(s.title);
      add(s.title_inlines);
      add((static_cast<long long>(s.level) << 32) ^ s.line);
      add(s.minutes ? 1 : 0);
      if (s.minutes) {
        add(s.minutes->url);
        add(s.minutes->status);
      }
      add(s.blocks);
      add(s.sections);
    }
  }

 private:
  std::string bytes_;
};

}  // namespace

std::string fingerprint(const ir::Meeting& m) {
  Hasher h;
  h.add(m.title);
  h.add(m.series);
  h.add(m.date);
  h.add(static_cast<long long>(m.scribes.size()));
  for (const auto& s : m.scribes) h.add(s);
  h.add(static_cast<long long>(m.participants.size()));
  for (const auto& p : m.participants) h.add(p);
  h.add(m.source);
  h.add(m.language);
  h.add(static_cast<long long>(m.metadata.size()));
  for (const auto& [k, v] : m.metadata) {
    h.add(k);
    h.add(v);
  }
  h.add(m.blocks);
  h.add(m.sections);
  return fmt::format("{:016x}", h.digest());
}

}  // namespace minutes::formats
