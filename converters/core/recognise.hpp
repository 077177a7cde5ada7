// Recognition: the meeting a reader's document describes (title, date, sections, meta lines, people, mentions),
// found the same way for every reader.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <minutes/ir.hpp>

namespace minutes {

// What the key of a "Key: value" meta line stands for.
enum class MetaKey { none, date, minutes, scribe, participants };

// The key of a meta line ("Scribe: Alice", "Teilnehmende: ...") and where its value starts (after the ':').
struct MetaLabel {
  MetaKey key = MetaKey::none;
  size_t value = 0;
};

// The meta key a line starts with, in English or German (Minutes, Scribe(s), Protokoll, Protokollant(in),
// Note taker, Notes by, Present, Participants, Attendees, Teilnehmer, Teilnehmende, Anwesend, Date, Datum).
MetaLabel meta_label(std::string_view line);

// True for a line recognition reads as a field: a meta key with a value (a Date: line only with a date in it).
bool is_meta_line(std::string_view line);

// True for a section title that names the meeting's meta data ("Meta", "Metadata", "Organisation").
bool is_meta_title(std::string_view title);

// True for a section title that introduces the participants ("Participants (github handles preferred)").
bool is_participants_title(std::string_view title);

// Mentions split out of one meeting at most: each costs two inlines, and a file of nothing but handles stays linear.
inline constexpr size_t max_mentions = 100'000;

// Splits `@handle` mentions out of every text inline of the blocks (not inside links, e-mail addresses or URLs), at
// most max_mentions; returns the line of the first handle left as text, or 0.
int split_mentions(ir::Blocks& blocks);

// Takes the meta lines out of the meeting's content into its fields: scribes, participants, the sections' minutes
// links and status. Returns the first "Date:" line's date and line (in the preamble or a Meta section), if any.
struct DateLine {
  ir::Date date;
  int line = 0;
};
std::optional<DateLine> recognise_meta(ir::Meeting& meeting);

// Drops bidi controls and zero-width characters (decode.hpp's invisible_format) from texts of a meeting that name it
// or its events (a title, a place), with one warning at `line` naming `what` when there were any.
void drop_invisible_in(ir::Meeting& m, std::initializer_list<std::string*> texts, int line, std::string_view what);

// Recognises the meeting in a document (declared for library users in <minutes/convert.hpp>).
ir::Meeting recognise(ir::Document document);

}  // namespace minutes
