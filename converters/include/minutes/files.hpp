// Reading inputs and writing outputs for a program built on the library: whole files, atomic writes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace minutes {

// A whole file's bytes, or why it cannot be read (a sentence for a diagnostic).
struct FileRead {
  std::optional<std::string> bytes;
  std::string error;
};

// Reads a whole file.
FileRead read_file(const std::string& path);

// Writes bytes to path atomically (a temporary file in the same folder, then rename); an error sentence, or
// empty on success.
std::string write_atomic(const std::string& path, std::string_view bytes);

}  // namespace minutes
