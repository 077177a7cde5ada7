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

namespace md_test {

// Reads Markdown text as if it came from a file with this name.
inline minutes::ir::Meeting read(std::string_view text, std::string source = "test.md") {
  return minutes::formats::read_markdown(text, {std::move(source)});
}

// The first section (depth first) with this title, or nullptr.
inline const minutes::ir::Section* find_section(const std::vector<minutes::ir::Section>& sections, std::string_view title) {
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

// What a command printed and how it ended.
struct Run {
  int status = -1;     // exit code; -1 when killed by a signal
  std::string out;     // stdout
  std::string err;     // stderr
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs the minutes CLI with arguments (already shell-quoted), capturing stdout and stderr.
inline Run run_cli(const std::string& args) {
  auto dir = std::filesystem::path(MINUTES_BUILD_DIR) / "tests" / "markdown-tmp";
  std::filesystem::create_directories(dir);
  auto out = dir / "stdout.txt", err = dir / "stderr.txt";
  std::string cmd = std::string("'") + MINUTES_BINARY + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  int rc = std::system(cmd.c_str());
  Run r;
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

// A fresh scratch folder for one test.
inline std::filesystem::path scratch(const std::string& name) {
  auto dir = std::filesystem::path(MINUTES_BUILD_DIR) / "tests" / "markdown-tmp" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void write(const std::filesystem::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace md_test
