// `minutes build`: what the aggregates need of each meeting, kept in OUT/.minutes-summaries so that a rebuild
// after one change re-reads only the changed file and the feed's newest meetings, not the whole archive.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <minutes/ir.hpp>

namespace minutes::build {

// The summaries file's name inside OUT.
inline constexpr const char* summaries_name = ".minutes-summaries";

// One meeting as the calendar and the index see it, and the content hash of its source.
struct Summary {
  std::string hash;
  ir::Meeting meeting;  // title, series, date, source, events and actions only
};

// The meeting without its content: what write_ics and the index read.
ir::Meeting summarise(const ir::Meeting& meeting);

// Summaries by source path as JSON text (keys sorted).
std::string dump_summaries(const std::map<std::string, Summary>& summaries);

// Parses summaries; empty when absent or unreadable (then the meetings are read again).
std::map<std::string, Summary> parse_summaries(std::string_view text);

}  // namespace minutes::build
