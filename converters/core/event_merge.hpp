// One real event, however many meetings mention it: mentions merged, with a stable UID and its history.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>

namespace minutes {

// An event as a calendar, a report or a page shows it once: the latest mention's details and every mention.
struct MergedEvent {
  ir::Event event;                   // the latest mention (its source, line and mentioned_on filled in)
  std::string uid;                   // stable: from the normalised title and the start day
  std::vector<ir::Event> mentions;   // every mention, oldest meeting first
  int sequence = 0;                  // how often the details changed from one mention to the next
  std::optional<ir::Date> modified;  // the meeting that last changed them (else the first mention's)
};

// The events of the meetings merged, in order of start (then start time, then UID). Mentions without a valid
// date or title are left out with a warning in `diagnostics` (when given).
std::vector<MergedEvent> merge_events(std::span<const ir::Meeting> meetings,
                                      std::vector<ir::Diagnostic>* diagnostics = nullptr);

// A title reduced for comparing: ASCII lower case, words of letters and digits (UTF-8 kept) joined by spaces.
std::string normalise_title(std::string_view title);

// The UID of an event: "20230510-cloud-expo-europe-1a2b3c4d@minutes", from the normalised title and start day.
std::string event_uid(const ir::Event& event);

}  // namespace minutes
