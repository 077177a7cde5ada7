// The calendar before it is published: curated calendars read, events merged, every candidate with its reason.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <minutes/ir.hpp>
#include <minutes/options.hpp>
#include <minutes/settings.hpp>

namespace minutes {

// Reads the curated calendars (yaml2ics) that settings.calendar_include names, and the files they include (relative
// to the including file, at most 8 deep, each once), into settings.options.calendar; returns their problems.
std::vector<ir::Diagnostic> load_calendars(Settings& settings);

// One event of the calendar that would be published, or a candidate that would not.
struct ReviewedEvent {
  ir::Event event;                 // the details a calendar shows (a series: its first occurrence)
  std::string uid;                 // empty for a candidate left out
  double confidence = 0;           // 0..1
  std::string reason;              // why it is (or is not) an event
  std::vector<ir::Event> mentions; // every mention (source, line, meeting date)
  std::string repeats;             // a series in words ("every 2 weeks until 2024-12-22"); empty for one event
  bool curated = false;            // a curated calendar gave or corrected it
};

// What `minutes events` shows: the published events in order, the candidates left out, and the diagnostics.
struct EventReview {
  std::vector<ReviewedEvent> published;
  std::vector<ReviewedEvent> rejected;  // only when asked for, in source order
  std::vector<ir::Diagnostic> diagnostics;
};

// The calendar that meetings and options.calendar give, as the calendar writer would publish it; with `rejected`,
// also the candidates the extractor left out (meetings read in full are needed for those).
EventReview review_events(std::span<const ir::Meeting> meetings, const WriteOptions& options, bool rejected);

// The review as text for a person: one block per event (title, dates, place, URL, confidence, every mention as
// file:line), then the candidates left out and why.
std::string review_text(const EventReview& review, const WriteOptions& options);

// The review as JSON for tools: {"events": [...], "rejected": [...]}.
std::string review_json(const EventReview& review, const WriteOptions& options);

}  // namespace minutes
