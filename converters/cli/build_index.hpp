// `minutes build`: OUT/index.html, the archive's front page (meetings by series and date, upcoming events).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <minutes/ir.hpp>
#include "formats/formats.hpp"

namespace minutes::build {

// One meeting on the index: the meeting and the outputs written for it (paths relative to OUT).
struct IndexEntry {
  const ir::Meeting* meeting = nullptr;
  std::string stem;                  // path relative to OUT without extension
  std::vector<std::string> outputs;  // e.g. "community-call/20230504.html"
};

// What the index links to besides the meetings.
struct IndexLinks {
  bool calendar = false;  // OUT/calendar.ics exists
  bool feed = false;      // OUT/feed.xml exists
};

// The index page: a standalone HTML5 document built with pugixml. Events that end on or after `today`
// are listed as upcoming (today: SOURCE_DATE_EPOCH's date, else the newest meeting's date).
std::string write_index(const std::vector<IndexEntry>& entries, const std::optional<ir::Date>& today,
                        const formats::WriteOptions& options, const IndexLinks& links);

// Percent-encodes a relative path for an href (keeps '/' and unreserved characters).
std::string href(std::string_view rel_path);

}  // namespace minutes::build
