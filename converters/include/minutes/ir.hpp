// The IR: the syntax a reader produces (Document) and the meeting recognised from it (Meeting), plain value types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minutes::ir {

// How serious a diagnostic is; errors make `minutes check` exit 1.
enum class Severity { note, warning, error };

// One message about the input or the output, pointing back at the source.
struct Diagnostic {
  Severity severity = Severity::warning;
  std::string file;  // source path as given (may be empty for output-side messages)
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based; 0 when unknown
  std::string message;
};

// A calendar date (proleptic Gregorian); validity is checked by whoever builds it.
struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  auto operator<=>(const Date&) const = default;
};

// A wall-clock time of day.
struct Time {
  int hour = 0;    // 0..23 (24:00 is written as the next day's 00:00)
  int minute = 0;  // 0..59
  auto operator<=>(const Time&) const = default;
};

// The kinds of inline content.
enum class InlineKind {
  text,           // text
  emphasis,       // children
  strong,         // children
  strikethrough,  // children
  code,           // text
  link,           // url, title, children
  image,          // url, title, text = alt text
  mention,        // text = handle without the '@'
  line_break,     // hard break
  soft_break,     // a source line end inside a paragraph (rendered as a space)
};

// One inline node; children only for emphasis, strong, strikethrough and link.
struct Inline {
  InlineKind kind = InlineKind::text;
  std::string text;
  std::string url;
  std::string title;
  std::vector<Inline> children;
  int line = 0;
  int column = 0;
  int width = 0;   // image: the width in pixels the source asks for (HedgeDoc's "=960x540"); 0: not given
  int height = 0;  // image: the height likewise
};

using Inlines = std::vector<Inline>;

// The kinds of block content.
enum class BlockKind {
  paragraph,  // inlines
  list,       // ordered, start, tight, items
  code,       // text = literal, info = language
  quote,      // children
  table,      // rows
  image,      // inlines holds one image inline (a paragraph that is only an image)
  rule,       // nothing
  html,       // raw = the source HTML (kept aside), inlines = its visible text
  heading,    // level, inlines; only in a Document (recognition turns headings into sections)
};

struct Block;

// One list item: its own paragraphs and nested lists, in order.
struct ListItem {
  std::vector<Block> blocks;
  std::optional<bool> checked;  // task list item "[ ]" / "[x]"
  int line = 0;
};

// Cell alignment of a table column.
enum class Align { none, left, center, right };

// One table cell.
struct TableCell {
  Inlines inlines;
};

// One table row; the first rows may be header rows.
struct TableRow {
  std::vector<TableCell> cells;
  bool header = false;
  int line = 0;
};

// One block node.
struct Block {
  BlockKind kind = BlockKind::paragraph;
  int line = 0;
  int column = 0;
  Inlines inlines;                // paragraph, image, html (visible text)
  std::string text;               // code literal
  std::string info;               // code info string
  std::string raw;                // html source
  bool ordered = false;           // list
  int start = 1;                  // ordered list start number
  int level = 0;                  // heading level 1..6
  bool tight = true;              // list
  std::vector<ListItem> items;    // list
  std::vector<Block> children;    // quote
  std::vector<TableRow> rows;     // table
  std::vector<Align> alignments;  // table, one per column
};

using Blocks = std::vector<Block>;

// What a reader makes of bytes: syntax only. Headings are blocks in the flat sequence; what a title, a
// "Minutes:" line or a scribe is, is left to recognition (minutes::recognise).
struct Document {
  std::string source;                           // path as given on the command line
  std::map<std::string, std::string> metadata;  // front matter or e-mail headers, flattened to strings
  Blocks blocks;                                // top-level blocks and headings in source order, each with its line
  std::vector<Diagnostic> diagnostics;
};

// A team's own minutes, named under its heading: a link or a status ("Not merged yet", "None").
struct MinutesRef {
  std::string url;
  std::string status;
};

// A section of the meeting: a heading and what follows it up to the next heading of the same or a higher level.
struct Section {
  std::string title;      // plain text of the heading
  Inlines title_inlines;  // the heading as inlines
  int level = 1;          // 1..6 as in the source
  int line = 0;
  std::optional<MinutesRef> minutes;
  Blocks blocks;
  std::vector<Section> sections;
};

// An event the meeting mentions (a fair, a hackathon, a summit...).
struct Event {
  std::string title;
  Date start;
  std::optional<Date> end;         // inclusive last day; absent for a one-day event
  std::optional<Time> start_time;  // absent for an all-day event
  std::optional<Time> end_time;
  std::string timezone;  // IANA name the times are in; empty: the writer's default
  std::string location;
  std::string url;
  std::string description;
  std::string source;                // the minutes file that mentions it
  std::optional<Date> mentioned_on;  // the date of that meeting
  int line = 0;
  double confidence = 1.0;  // 0..1: how sure the extractor is that this is an event (1 for events given by hand)
  std::string reason;       // why, in words ("under an events heading; 'Summit' names an event; in Berlin")
  bool all_day() const { return !start_time.has_value(); }
};

// How a curated event repeats (yaml2ics `repeat:`): every `interval` units from its start up to `until`.
struct Recurrence {
  enum class Unit { days, weeks, months, years };
  Unit unit = Unit::weeks;
  int interval = 1;
  std::optional<Date> until;       // the last day an occurrence may start on
  std::optional<Time> until_time;  // its time of day, when given
  std::vector<Date> except;        // days without an occurrence (`except_on`)
};

// An event a person keeps by hand (a yaml2ics calendar): a new one, or a correction or suppression of one the
// minutes gave, found by its UID or its title.
struct CuratedEvent {
  Event event;                   // title, dates, times, zone, place, URL, description; source (the file) and line
  std::optional<Recurrence> repeat;
  std::string uid;               // given by hand: the VEVENT's UID, and the extracted event it corrects or suppresses
  std::string replaces;          // the title of an extracted event it corrects or suppresses
  bool suppress = false;         // the event it names is not published
  std::string minutes;           // a series: the archive folder of its minutes ("iaas")
};

// A curated calendar as read (yaml2ics): its name and zone, its events, the files it includes, its problems.
struct Calendar {
  std::string source;
  std::string name;
  std::string timezone;
  std::vector<CuratedEvent> events;
  std::vector<std::string> includes;  // as written, relative to the file's folder
  std::vector<Diagnostic> diagnostics;
};

// Something somebody has to do.
struct ActionItem {
  std::string owner;  // handle or name, without '@'; may be empty
  std::string text;
  std::optional<Date> due;
  bool done = false;
  int line = 0;
};

// One meeting, as read from one source file.
struct Meeting {
  std::string title;
  std::string series;
  std::optional<Date> date;
  std::vector<std::string> scribes;
  std::vector<std::string> participants;
  std::string source;                           // path as given on the command line
  std::string language;                         // from front matter; empty when unknown
  std::map<std::string, std::string> metadata;  // front matter, flattened to strings
  Blocks blocks;                                // content before the first section
  std::vector<Section> sections;
  std::vector<Event> events;
  std::vector<ActionItem> actions;
  std::vector<Diagnostic> diagnostics;
};

// Appends a diagnostic about this meeting's or document's source.
void warn(Meeting& m, int line, int column, std::string message, Severity severity = Severity::warning);
void warn(Document& d, int line, int column, std::string message, Severity severity = Severity::warning);

// The plain text of inlines: soft breaks as spaces, hard breaks as '\n', mentions with '@', images as alt text.
std::string plain_text(const Inlines& inlines);

// The plain text of one inline and its children.
std::string plain_text(const Inline& in);

// The plain text of a block (for a list: every item's text, one per line).
std::string plain_text(const Block& block);

// The text of a list item's own paragraphs, without its nested lists.
std::string item_text(const ListItem& item);

// "YYYY-MM-DD".
std::string iso(const Date& d);

// True for a real calendar date.
bool valid(const Date& d);

// Days since 1970-01-01 for a date, and back.
int64_t days_from_civil(const Date& d);
Date civil_from_days(int64_t days);

// 0 = Monday .. 6 = Sunday.
int weekday(const Date& d);

// Calls f(section) for every section, depth first, in document order.
template <class F>
void for_each_section(const std::vector<Section>& sections, F&& f) {
  for (const auto& s : sections) {
    f(s);
    for_each_section(s.sections, f);
  }
}

// True for a "Meta" section whose only content (the scribe line) recognition moved into the meeting's fields:
// documents leave out its empty heading.
bool consumed_meta(const Section& section);

// True when the title is empty or only a date ("2024-11-28", "28.11.2024").
bool title_only_dates(const Meeting& m);

// The meeting's display name. With a series and a date known: "Team IaaS \u2013 2024-11-28" for a title that is only a date;
// "Sovereign Cloud Stack \u2013 Community Call 2024-12-19" for a title without a date (a slide deck's title
// slide); a dated title as it is ("SCS Tech Weekly 2023-05-04"). Else the title, else the file name.
std::string display_title(const Meeting& m);

}  // namespace minutes::ir
