// Helpers of the Markdown reader tests: reading a string, finding sections, running the CLI.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "formats/formats.hpp"
#include "tests/support.hpp"

namespace md_test {

// Reads Markdown text as if it came from a file with this name.
inline minutes::ir::Meeting read(std::string_view text, std::string source = "test.md") {
  return minutes::recognise(minutes::formats::read_markdown(text, {std::move(source)}));
}

// The first section (depth first) with this title, or nullptr.
inline const minutes::ir::Section* find_section(const std::vector<minutes::ir::Section>& sections,
                                                std::string_view title) {
  for (const auto& s : sections) {
    if (s.title == title) return &s;
    if (auto* sub = find_section(s.sections, title)) return sub;
  }
  return nullptr;
}

// True when a diagnostic's message contains this text.
inline bool has_message(const minutes::ir::Meeting& m, std::string_view text) {
  for (const auto& d : m.diagnostics)
    if (d.message.find(text) != std::string::npos) return true;
  return false;
}

using minutes_test::Run;
using minutes_test::run_cli;
using minutes_test::scratch;
using minutes_test::slurp;

inline void write(const std::filesystem::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace md_test
