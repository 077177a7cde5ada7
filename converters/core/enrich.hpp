// Enrichment: what is derived from a meeting after reading (events, action items), shared by every reader.
#pragma once

#include <minutes/ir.hpp>

namespace minutes {

// Fills meeting.events from the meeting's sections and items; warns about events without a date.
void extract_events(ir::Meeting& meeting);

// Fills meeting.actions from "TODO"/"Action"/"AI" items.
void extract_actions(ir::Meeting& meeting);

// Runs every enrichment step in order.
void enrich(ir::Meeting& meeting);

}  // namespace minutes
