// Text every writer puts out: one rule for control characters, XML escaping, and slugs for ids and names.
#pragma once

#include <string>
#include <string_view>

#include "converters/core/strings.hpp"

namespace minutes::formats {

// Text fit for every output: valid UTF-8 without C0 controls other than tab and line feed, without DEL, C1
// controls (U+0080..U+009F), U+FFFE and U+FFFF; a broken UTF-8 sequence becomes U+FFFD. A carriage return (a
// line end's remnant) is dropped silently; every other change is counted in `changed`.
std::string clean_text(std::string_view text, int* changed = nullptr);

// clean_text with & < > escaped, in the same pass: XML character data (or HTML text) written by hand.
std::string escape_xml(std::string_view text, int* changed = nullptr);

// A short id of ASCII letters, digits and '-' (the core's: "Team IaaS" -> "team-iaas").
using minutes::slug;

}  // namespace minutes::formats
