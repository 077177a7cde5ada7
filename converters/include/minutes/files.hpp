// Reading inputs and writing outputs for a program built on the library: bounded reads, safe and atomic writes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace minutes {

// A whole file's bytes, or why it cannot be read (a sentence for a diagnostic after the file's name, e.g. "does
// not exist", "is a FIFO, not a regular file").
struct FileRead {
  std::optional<std::string> bytes;
  std::string error;
};

// The most an input may hold: 20 MiB, the size every conversion is bounded for (README, "Bad input").
inline constexpr std::size_t max_input_bytes = std::size_t{20} << 20;

// What read_file accepts.
struct ReadLimits {
  std::size_t max_bytes = max_input_bytes;  // a larger file is refused; a stream that sends more is cut off, refused
  bool streams = false;  // also a FIFO, pipe or character device (`<(cmd)`, /dev/stdin), read as a stream
  bool follow = true;    // false: a symbolic link as the last component is refused (the path is already resolved)
};

// Reads a whole file within the limits. A file that may not be read is refused from its stat, never opened (a
// folder, a block device, a socket; a FIFO or device unless streams); no open blocks (a FIFO with no writer reads
// as empty).
FileRead read_file(const std::string& path, const ReadLimits& limits = {});

// Reads an open descriptor to its end (standard input), up to max_bytes; the descriptor stays open.
FileRead read_stream(int fd, std::size_t max_bytes = max_input_bytes);

// True when both paths name one existing regular file: the same path, a symbolic link to it or a hard link of it.
bool same_file(const std::string& a, const std::string& b);

// Writes bytes to path atomically (a temporary file in the same folder, then rename); an error sentence, or
// empty on success. What exists at path and is not a regular file or a symbolic link (a FIFO, a device, a
// folder) is never replaced: that is an error.
std::string write_atomic(const std::string& path, std::string_view bytes);

// Writes an output a user named (`-o FILE`): a new or regular file atomically, through a symbolic link the file it
// leads to; a character device or FIFO (/dev/null, /dev/stdout, a pipe) written into, never replaced, and a FIFO
// nobody reads an error rather than a wait; a folder, block device or socket refused. `binary`: a terminal refused.
std::string write_output(const std::string& path, std::string_view bytes, bool binary = false);

}  // namespace minutes
