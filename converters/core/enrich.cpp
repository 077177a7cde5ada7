// Runs the enrichment steps over a freshly read meeting.
#include "converters/core/enrich.hpp"

#include "converters/core/recognise.hpp"

namespace minutes {

void enrich(ir::Meeting& meeting) {
  extract_events(meeting);
  for (auto& e : meeting.events) drop_invisible_in(meeting, {&e.title, &e.location}, e.line, "the event's name or place");
  extract_actions(meeting);
}

}  // namespace minutes
