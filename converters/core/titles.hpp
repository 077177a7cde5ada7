// Dates, series and names in meeting titles, file names and meta lines, shared by every reader.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>

#include "converters/core/strings.hpp"

namespace minutes {

// A date found inside a string and where it was.
struct FoundDate {
  ir::Date date;
  size_t begin = 0;
  size_t end = 0;
};

// The first plausible date with a year in a title, file name or meta line, found by the date scanner of events
// (dates::find_dates): 2023-05-04, 2023/05/04, 20230504, 04.05.2023, 4 May 2023, 5 Jänner 2024, May 4th, 2023,
// Thu, 4 May 2023 (e-mail). begin..end covers a range or a time that goes with the date.
std::optional<FoundDate> find_date(std::string_view s);

// The series name left when the date is cut out of a title ("SCS Tech Weekly (2023-05-04)" -> "SCS Tech Weekly").
std::string series_from_title(std::string_view title, const FoundDate& found);

// The date in a file name such as "20230504.md" or "path/2023-05-04-notes.txt".
std::optional<ir::Date> date_from_file_name(std::string_view path);

// The date in the name of a path's own folder ("hackathons/2024-04-16-arnsberg/notes.md": 2024-04-16).
std::optional<ir::Date> date_from_folder_name(std::string_view path);

// Settles a meeting's date against its file name's: the file name's date wins when they differ, with a
// warning on `line` (titles are often copied from last week's minutes; file names are set on commit);
// it is also the date when the minutes give none.
void settle_date_with_file_name(ir::Meeting& meeting, int line);

// A folder's name as a series name people read: "project-board" -> "Project Board", "sig-iam" -> "SIG IAM"
// (words split at '-', '_' and '.', capitalised; a few common abbreviations in their usual spelling).
std::string human_name(std::string_view folder);

// Names from a "Participants:" value: split at ',', ';', " and ", " & "; '@' dropped; empty ones skipped.
std::vector<std::string> split_names(std::string_view value);

}  // namespace minutes
