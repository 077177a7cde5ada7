// Small text helpers every layer uses: trimming, ASCII case folding and comparison (UTF-8 bytes kept as they are).
#pragma once

#include <string>
#include <string_view>

namespace minutes {

// Text without surrounding spaces, tabs, line ends and no-break spaces.
std::string_view trim(std::string_view s);

// ASCII lower case; other bytes (UTF-8 sequences) kept.
std::string lower(std::string_view s);

// True when a and b are equal, ASCII letters compared without case.
bool iequals(std::string_view a, std::string_view b);

// True when s starts with prefix, ASCII letters compared without case.
bool starts_with_icase(std::string_view s, std::string_view prefix);

}  // namespace minutes
