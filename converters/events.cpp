// Placeholder for event extraction until it lands.
#include "converters/enrich.hpp"

namespace minutes {
void extract_events(ir::Meeting&) {}
}  // namespace minutes
