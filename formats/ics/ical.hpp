// RFC 5545 building blocks of the iCalendar writer: TEXT escaping, line folding, UIDs and VTIMEZONE.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <minutes/ir.hpp>

namespace minutes::formats::ics {

// A TEXT value (RFC 5545 3.3.11): backslash, ';', ',' escaped, newlines as "\n", other control characters dropped.
std::string escape_text(std::string_view text);

// One content line, folded so that no line exceeds 75 octets (never inside a UTF-8 sequence), each ending in CRLF.
std::string fold_line(std::string_view line);

// True for the names that mean UTC ("UTC", "Etc/UTC", "GMT", "Z"...).
bool is_utc(std::string_view tzid);

// A VTIMEZONE component (folded lines) for an IANA zone with every transition from from_year to to_year;
// nullopt when the tz database does not know the zone.
std::optional<std::string> vtimezone(const std::string& tzid, int from_year, int to_year);

// A local date and time in an IANA zone as a UTC DATE-TIME ("20241222T225959Z"); nullopt for an unknown zone.
std::optional<std::string> utc_date_time(const std::string& tzid, const ir::Date& date, const ir::Time& time, int second);

// True when the tz database knows the zone.
bool known_zone(const std::string& tzid);

}  // namespace minutes::formats::ics
