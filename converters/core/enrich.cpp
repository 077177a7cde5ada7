// Runs the enrichment steps over a freshly read meeting.
#include "converters/core/enrich.hpp"

namespace minutes {

void enrich(ir::Meeting& meeting) {
  extract_events(meeting);
  extract_actions(meeting);
}

}  // namespace minutes
