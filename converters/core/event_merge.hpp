// One real event, however many meetings mention it: mentions merged, with a stable UID and its history.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>

namespace minutes {

using ir::CuratedEvent;
using ir::Recurrence;

// An event as a calendar, a report or a page shows it once: the latest mention's details and every mention.
struct MergedEvent {
  ir::Event event;                   // the latest mention (its source, line and mentioned_on filled in); gaps (place,
                                     // link, end) filled from earlier mentions; a curated entry's details win
  std::string uid;                   // stable: from the first mention's normalised title and start day
  std::vector<ir::Event> mentions;   // every mention in the minutes, oldest meeting first (none for a curated event)
  int sequence = 0;                  // how often the details changed from one mention to the next
  std::optional<ir::Date> modified;  // the meeting that last changed them (else the first mention's)
  double confidence = 1.0;           // of its most confident mention (1 for a curated event)
  std::string reason;                // why it is an event, in words
  std::optional<Recurrence> repeat;  // a curated series
  std::string minutes;               // a series: the archive folder of its minutes
  bool curated = false;              // a person gave or corrected it
};

// The events of the meetings merged, in order of start (then start time, then UID). Mentions are one event when
// they share a link, a name (emoji, "SCS at", the year and punctuation aside) or a place and a word, on days that
// overlap; or when a later mention moved the date of an event with the same name before it happened. Two
// mentions in one meeting are two events. Curated events are added, corrected or suppressed last. Mentions
// without a valid date or title are left out with a warning in `diagnostics` (when given).
std::vector<MergedEvent> merge_events(std::span<const ir::Meeting> meetings,
                                      std::vector<ir::Diagnostic>* diagnostics = nullptr);
std::vector<MergedEvent> merge_events(std::span<const ir::Meeting> meetings, std::span<const CuratedEvent> curated,
                                      std::vector<ir::Diagnostic>* diagnostics = nullptr);

// A title reduced for comparing: ASCII lower case, words of letters and digits (UTF-8 kept) joined by spaces.
std::string normalise_title(std::string_view title);

// A title reduced to what names the event: normalised, without "SCS", "Sovereign Cloud Stack", "at", "the", a
// year, emoji ("🐱 SCS Summit 2025" -> "summit").
std::string core_name(std::string_view title);

// The UID of an event: "20230510-cloud-expo-europe-1a2b3c4d@minutes", from the normalised title and start day.
std::string event_uid(const ir::Event& event);

// The folder all absolute sources of the meetings share ("/home/x/minutes/"); empty when none is absolute.
std::string common_folder(std::span<const ir::Meeting> meetings);

// A mention's source as an output names it: relative to `common` when it is absolute below it, never absolute.
std::string mention_path(std::string_view source, std::string_view common);

}  // namespace minutes
