// Placeholder for the rss writer until it lands; reports an error instead of output.
#include "formats/formats.hpp"

namespace minutes::formats {

Output write_rss(std::span<const ir::Meeting>, const WriteOptions&) {
  Output out;
  out.diagnostics.push_back({ir::Severity::error, "", 0, 0, "the rss writer is not implemented yet"});
  return out;
}

}  // namespace minutes::formats
