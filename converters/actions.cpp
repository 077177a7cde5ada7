// Placeholder for action-item extraction until it lands.
#include "converters/enrich.hpp"

namespace minutes {
void extract_actions(ir::Meeting&) {}
}  // namespace minutes
