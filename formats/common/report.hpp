// What every document writer needs to know about a set of meetings: order, title, language, timestamp.
#pragma once

#include <cstdint>
#include <exception>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>
#include <minutes/options.hpp>
#include <minutes/resources.hpp>

namespace minutes::formats {

// The meetings in date order (undated last, then by source path); stable for equal keys.
std::vector<const ir::Meeting*> in_date_order(std::span<const ir::Meeting> meetings);

// The report title: --title, else the meeting's title for one meeting, else
// "<series>, <first date> to <last date>" (or "Meeting minutes, ..." when the series differ).
std::string report_title(std::span<const ir::Meeting> meetings, const WriteOptions& options);

// The period line of a report ("2023-05-04" or "2023-04-06 to 2023-06-29"); empty when no meeting is dated.
std::string report_period(std::span<const ir::Meeting> meetings);

// The document language: --lang, else the first meeting's front-matter language, else "en".
std::string report_language(std::span<const ir::Meeting> meetings, const WriteOptions& options);

// True for a BCP 47 language tag as documents carry it: 2-8 letters, then subtags of 1-8 letters or digits.
bool is_language_tag(std::string_view lang);

// Seconds since the epoch for every timestamp in the output: SOURCE_DATE_EPOCH if set, else the latest
// meeting date at 00:00 UTC, else 2000-01-01. Never the wall clock.
int64_t output_timestamp(std::span<const ir::Meeting> meetings, const WriteOptions& options);

// "YYYY-MM-DDThh:mm:ssZ" for a timestamp.
std::string iso_datetime(int64_t seconds);

// The distinct series of the meetings, in order of first appearance (for keywords).
std::vector<std::string> report_series(std::span<const ir::Meeting> meetings);

// The first few items joined with ", ", then "and N more" ("a, b, c and 4 more").
std::string first_few(const std::vector<std::string>& items, size_t few = 3);

// The distinct words of a meeting's text (its blocks and its sections'), lower case, in order of first appearance,
// words of three or more bytes, at most about `max` bytes: what the search page finds it by. A summary that keeps
// them as its one paragraph gives the same words again.
std::string search_words(const ir::Meeting& meeting, size_t max = 600);

// The bytes of a file a writer needs (a reference document, a picture) through the context's resources, resolved
// against the folder of `source` (empty: the current folder); without resources nothing is read.
Fetched fetch_file(const WriteContext& context, std::string_view reference, std::string_view source);

// Runs a writer's body: an exception that escapes it anyway (out of memory, a bug) becomes an error diagnostic,
// so that none crosses the writer's boundary.
template <class Body>
Output guarded(std::string_view writer, Body&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    Output out;
    out.diagnostics.push_back({ir::Severity::error, "", 0, 0, std::string(writer) + " writer failed: " + e.what()});
    return out;
  }
}

}  // namespace minutes::formats
