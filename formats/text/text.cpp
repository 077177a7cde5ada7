// Placeholder for the plain-text reader until it lands; reports an error.
#include "formats/formats.hpp"

namespace minutes::formats {

ir::Meeting read_text(std::string_view, const ReadOptions& options) {
  ir::Meeting m;
  m.source = options.source;
  ir::warn(m, 0, 0, "the plain-text reader is not implemented yet", ir::Severity::error);
  return m;
}

}  // namespace minutes::formats
