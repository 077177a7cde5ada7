// The library's entry points: the registry of readers and writers, reading bytes into a meeting, writing meetings.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>
#include <minutes/options.hpp>
#include <minutes/resources.hpp>

namespace minutes {

// A reader in the registry: bytes in one syntax to a document (syntax only; it never prints, exits or throws).
struct Reader {
  std::string_view name;                     // "markdown"
  std::vector<std::string_view> aliases;     // "md", ...
  std::vector<std::string_view> extensions;  // ".md", ...
  ir::Document (*read)(std::string_view bytes, const ReadOptions& options);
};

// Recognises the meeting in a document, the same way for every reader: title, series and date; sections nested
// by level; the meta lines (Minutes, Scribe, Protokoll, Participants, Teilnehmende, Date...), taken out of the
// content into their fields; participants; @mentions split out of the text.
ir::Meeting recognise(ir::Document document);

// What a writer makes of the meetings it is given.
enum class WriterScope {
  document,   // one document of any number of meetings (one meeting's page, or a report of a period)
  aggregate,  // one file over a whole archive's meetings (a calendar, a news feed, the index page)
};

// A writer in the registry.
struct Writer {
  std::string_view name;                     // "odt"
  std::vector<std::string_view> extensions;  // ".odt"; the first is the one `minutes build` writes
  bool binary;                               // never written to a terminal
  WriterScope scope;
  Output (*write)(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context);
  std::string_view description;  // for --help
  // Aggregates in `minutes build`: the file it makes in OUT, and the option that says how many of the newest
  // meetings it shows with their content (the others: title, series, date, events and actions suffice).
  std::string_view archive_name = {};
  int WriteOptions::*newest_in_full = nullptr;
  // Aggregates in `minutes build`: also one file per series (top folder) of its meetings, "{}" standing for the
  // folder ("feeds/{}.xml"); empty: none.
  std::string_view per_series = {};
};

// The file an aggregate writes for one series (top folder) in `minutes build`: "feeds/iaas.xml".
std::string series_file(const Writer& writer, std::string_view folder);

// Every reader and writer, in the order --help lists them.
const std::vector<Reader>& readers();
const std::vector<Writer>& writers();

// Looks a reader up by name or alias, or by a path's extension; nullptr when none fits.
const Reader* find_reader(std::string_view name);
const Reader* reader_for_path(std::string_view path);
// Looks a writer up by name or alias, or by a path's extension; nullptr when none fits.
const Writer* find_writer(std::string_view name);
const Writer* writer_for_path(std::string_view path);

// Reads bytes with a reader, recognises the meeting and enriches it (events, actions); problems are in its diagnostics.
ir::Meeting load(std::string_view bytes, const ReadOptions& options, const Reader& reader);

// Writes meetings with a writer; problems are in the output's diagnostics (an error: do not use the bytes).
Output write(const Writer& writer, std::span<const ir::Meeting> meetings, const WriteOptions& options,
             const WriteContext& context = {});

// "file:line:col: severity: message", on one line and safe to print (the file and message as printable()).
std::string format_diagnostic(const ir::Diagnostic& d);

// Text safe to print on a terminal, on one line: control characters, bidi controls and zero-width characters
// escaped as \x1b, \u202e (a file name or quoted text in a message).
std::string printable(std::string_view text);

}  // namespace minutes
