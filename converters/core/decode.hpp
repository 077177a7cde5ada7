// Input decoding shared by the readers: bytes in any supported encoding to clean UTF-8 with LF line ends.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>

namespace minutes {

// What the decoder may guess.
struct DecodeOptions {
  bool detect_legacy = false;  // treat non-UTF-8 input as Windows-1252 (plain-text drafts) instead of repairing it
};

// The decoded text and what happened on the way.
struct Decoded {
  std::string text;                         // valid UTF-8, LF line ends, no BOM, no characters XML 1.0 forbids
  std::string encoding = "UTF-8";           // what the input was read as
  bool binary = false;                      // refused: NUL bytes, and not in the pattern of UTF-16
  std::vector<ir::Diagnostic> diagnostics;  // repairs, with the line they happened on
};

// Decodes bytes: strips a UTF-8 BOM, reads UTF-16 with a BOM, or without one when every other byte of the start is
// NUL (text mostly in Latin script), repairs invalid UTF-8 as U+FFFD (or reads
// Windows-1252 when options allow), turns CRLF and CR into LF and drops control characters XML 1.0 forbids.
Decoded decode(std::string_view bytes, std::string_view source, const DecodeOptions& options = {});

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one.
int utf8_sequence_length(std::string_view s, size_t i);

// Appends the UTF-8 encoding of a code point.
void append_utf8(std::string& out, char32_t cp);

// True for the invisible characters that can make text read other than it is: bidi controls (U+061C, U+200E,
// U+200F, U+202A..U+202E, U+2066..U+2069) and zero-width characters (U+180E, U+200B..U+200D, U+2060..U+2064,
// U+FEFF). The one rule for titles, event names and places, and output file names.
bool invisible_format(char32_t cp);

// Text without invisible_format characters; how many were dropped is added to `dropped`.
std::string drop_invisible(std::string_view text, int* dropped = nullptr);

// Text safe to print on a terminal, on one line: C0 controls and DEL as \x1b, C1 controls, U+2028/U+2029 and
// invisible_format characters as \u202e, bytes that are not UTF-8 as \xff; everything else as it is.
std::string printable(std::string_view text);

}  // namespace minutes
