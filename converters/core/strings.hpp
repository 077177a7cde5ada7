// Small text helpers every layer uses: trimming, ASCII case folding and comparison (UTF-8 bytes kept as they are).
#pragma once

#include <cstdint>
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

// A short id of ASCII letters, digits and '-' ("Team IaaS" -> "team-iaas"; "section" when nothing is left).
std::string slug(std::string_view text);

// The 64-bit FNV-1a hash of bytes: stable across runs and machines, for ids in outputs.
std::uint64_t fnv1a(std::string_view bytes);

}  // namespace minutes
