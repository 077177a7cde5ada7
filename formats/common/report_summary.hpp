// What a report of several meetings shows besides them: the title block, chapters by series, the summary a funder
// reads in one minute (figures, events, chart) and the appendix (action items, decisions), as IR blocks.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include <minutes/ir.hpp>
#include <minutes/options.hpp>

#include "converters/core/actions.hpp"
#include "converters/core/decisions.hpp"
#include "converters/core/event_merge.hpp"
#include "formats/common/words.hpp"

namespace minutes::formats {

// The lines of the title block, the same in every document writer.
struct TitleBlock {
  std::string title;                                       // the report or meeting title, without its period
  std::string subtitle;                                    // the period (a report), else the series or "Minutes"
  std::vector<std::pair<std::string, std::string>> lines;  // label, value ("Organisation", "...")
  bool report = false;                                     // several meetings, or a period asked for
};

// The title block of a document of these meetings.
TitleBlock title_block(std::span<const ir::Meeting> meetings, const WriteOptions& options, const Words& words);

// The document's own title (page header, metadata): the title, and for a report its period ("Team IaaS, 1 April
// 2023 – 30 June 2023").
std::string document_title(const TitleBlock& block);

// A series of the report and its meetings, in date order.
struct SeriesChapter {
  std::string name;
  std::vector<const ir::Meeting*> meetings;
};

// The meetings grouped by series (alphabetically, meetings without a series last), each in date order.
std::vector<SeriesChapter> chapters(std::span<const ir::Meeting> meetings);

// A meeting's heading in a report: "Team IaaS – 2023-04-05" for minutes titled with a date alone, else its title
// with its date ("SCS Tech Weekly 2023-05-04"); never a bare date or a file name.
std::string chapter_title(const ir::Meeting& meeting, const std::string& series);

// A decision and the meeting that took it.
struct TakenDecision {
  const ir::Meeting* meeting = nullptr;
  Decision decision;
};

// Everything the summary and the appendix say, counted once.
struct Summary {
  std::string period;                       // "1 April 2023 – 30 June 2023" in the document's words
  std::vector<SeriesChapter> series;        // as chapters() gives them
  std::vector<std::string> participants;    // distinct (ignoring case and '@'), sorted
  std::vector<std::string> scribes;         // distinct, sorted
  std::vector<MergedEvent> events;          // merged across the meetings, held in the period, by date
  std::vector<FollowedAction> actions;      // raised in the period, each task once
  size_t closed = 0;                        // of them, done by the end of the period
  std::vector<TakenDecision> decisions;     // in chapter order
  std::vector<std::string> months;          // "2023-04"... every month of the period
  std::vector<std::vector<int>> per_month;  // meetings per series (as `series`) per month (as `months`)
};

// Counts what the meetings hold, for the period options.from..options.to (else their first and last dates).
Summary summarise(std::span<const ir::Meeting> meetings, const WriteOptions& options, const Words& words);

// The period as the document's words say it ("4 May 2023", "1 April 2023 – 30 June 2023").
std::string period_text(const ir::Date& from, const ir::Date& to, const Words& words);

// The summary's blocks: the figures table and the meetings per series table (the chart goes after them), then
// the events of the period.
struct SummaryBlocks {
  ir::Blocks figures;  // before the chart
  ir::Blocks events;   // after the chart, under their own heading (empty: no events)
};
SummaryBlocks summary_blocks(const Summary& summary, const Words& words);

// The appendix's blocks: the action items (open, then done) and the decisions, each under its heading.
std::vector<std::pair<std::string, ir::Blocks>> appendix_blocks(const Summary& summary, const Words& words);

// The chart of meetings per month per series as a PNG picture (deterministic bytes), with its width and height.
struct Chart {
  std::string png;
  int width = 0;
  int height = 0;
  std::string error;  // why there is no picture (libgd cannot be opened), for a warning
};
Chart meetings_chart(const Summary& summary, const Words& words);

// True for a section with nothing under it: no minutes link or status, no content, no section that has some
// (a heading such as "### AOB" left empty); documents leave it out, its siblings keep their order.
bool empty_section(const ir::Section& section);

// What follows a team's minutes link (or stands alone): " (waiting to be merged)", " + https://…", "None".
std::string minutes_status_text(const ir::MinutesRef& minutes);

// The events of one meeting for its own events table: merged (each once), in date order.
std::vector<ir::Event> meeting_events(const ir::Meeting& meeting);

}  // namespace minutes::formats
