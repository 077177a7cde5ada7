// Placeholder for the Markdown reader until it lands.
#include "formats/formats.hpp"

namespace minutes::formats {

ir::Meeting read_markdown(std::string_view, const ReadOptions& options) {
  ir::Meeting m;
  m.source = options.source;
  ir::warn(m, 0, 0, "the Markdown reader is not implemented yet", ir::Severity::error);
  return m;
}

}  // namespace minutes::formats
