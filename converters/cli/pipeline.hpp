// The pipeline: the registry of readers and writers, loading files into meetings, atomic writes.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "formats/formats.hpp"

namespace minutes {

// A reader in the registry.
struct ReaderEntry {
  std::string_view name;                     // "markdown"
  std::vector<std::string_view> aliases;     // "md", ...
  std::vector<std::string_view> extensions;  // ".md", ...
  ir::Meeting (*read)(std::string_view, const formats::ReadOptions&);
};

// A writer in the registry.
struct WriterEntry {
  std::string_view name;                     // "odt"
  std::vector<std::string_view> extensions;  // ".odt"
  bool binary;                               // never written to a terminal
  formats::Output (*write)(std::span<const ir::Meeting>, const formats::WriteOptions&);
  std::string_view description;              // for --help
};

// Every reader and writer, in the order --help lists them.
const std::vector<ReaderEntry>& readers();
const std::vector<WriterEntry>& writers();

// Looks a reader up by name or alias, or by a path's extension; nullptr when none fits.
const ReaderEntry* find_reader(std::string_view name);
const ReaderEntry* reader_for_path(std::string_view path);
// Looks a writer up by name, or by a path's extension; nullptr when none fits.
const WriterEntry* find_writer(std::string_view name);
const WriterEntry* writer_for_path(std::string_view path);

// Reads a whole file; nullopt with an error message when it cannot be read.
std::optional<std::string> read_file(const std::string& path, std::string& error);

// Reads bytes with a reader and enriches the meeting (events, actions).
ir::Meeting load(std::string_view bytes, const std::string& source, const ReaderEntry& reader);

// Writes bytes to path atomically (temporary file in the same folder, then rename); false with an error message.
bool write_atomic(const std::string& path, std::string_view bytes, std::string& error);

// True when a diagnostic list holds an error.
bool has_error(const std::vector<ir::Diagnostic>& diagnostics);

// "file:line:col: severity: message".
std::string format_diagnostic(const ir::Diagnostic& d);

}  // namespace minutes
