// Placeholder for the ics writer until it lands; reports an error instead of output.
#include "formats/formats.hpp"

namespace minutes::formats {

Output write_ics(std::span<const ir::Meeting>, const WriteOptions&) {
  Output out;
  out.diagnostics.push_back({ir::Severity::error, "", 0, 0, "the ics writer is not implemented yet"});
  return out;
}

}  // namespace minutes::formats
