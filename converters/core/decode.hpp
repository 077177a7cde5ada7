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
  bool binary = false;                      // refused: NUL bytes in a file without a UTF-16 BOM
  std::vector<ir::Diagnostic> diagnostics;  // repairs, with the line they happened on
};

// Decodes bytes: strips a UTF-8 BOM, reads UTF-16 with BOM, repairs invalid UTF-8 as U+FFFD (or reads
// Windows-1252 when options allow), turns CRLF and CR into LF and drops control characters XML 1.0 forbids.
Decoded decode(std::string_view bytes, std::string_view source, const DecodeOptions& options = {});

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one.
int utf8_sequence_length(std::string_view s, size_t i);

// Appends the UTF-8 encoding of a code point.
void append_utf8(std::string& out, char32_t cp);

}  // namespace minutes
