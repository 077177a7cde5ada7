// Event candidates of a meeting with their confidence and reason, and what judges a candidate.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>

#include "converters/core/dates.hpp"

namespace minutes {

// The confidence an event needs to be published (in meeting.events, in the calendar).
inline constexpr double publish_confidence = 0.5;

// What the meeting's events were found from: every candidate, published or not, and the warnings on the way.
struct EventCandidates {
  std::vector<ir::Event> events;  // in the meeting's order; confidence and reason filled in
  std::vector<ir::Diagnostic> diagnostics;
};

// Every event candidate the meeting's text gives (extract_events publishes the confident ones).
EventCandidates event_candidates(const ir::Meeting& meeting);

// Where in a meeting a candidate stands.
struct EventClues {
  bool listed = false;         // an item or line under an events heading ("Events", "Save the date")
  bool heading = false;        // its heading names the event and the line gives its date
  bool meeting_title = false;  // the meeting itself is the event ("SCS Community Hackathon #4")
  bool named_by_heading = false;  // a line about an event ("Great event at ...") under the heading that names it
};

// How sure a candidate is an event (0..1) and why, from its title, its line, its date and where it stands.
double judge_event(const ir::Event& event, std::string_view line, const dates::Found& date, const EventClues& clues,
                   std::string& reason);

}  // namespace minutes
