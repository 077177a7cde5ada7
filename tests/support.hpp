// Helpers shared by every test area: files, scratch folders, running tools and the CLI, LibreOffice.
#pragma once

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <minutes/minutes.hpp>
#include "formats/common/zip.hpp"

namespace minutes_test {

namespace fs = std::filesystem;

// A whole file's bytes ("" when it cannot be read).
inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Writes bytes to a file, creating its folder.
inline void spit(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

// This test process's folder under /tmp, removed (LibreOffice profile included) when the process ends.
inline fs::path scratch_root() {
  static struct Root {
    fs::path path = fs::temp_directory_path() / ("minutes-test-" + std::to_string(::getpid()));
    ~Root() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  } root;
  return root.path;
}

// A fresh, empty folder under scratch_root().
inline fs::path scratch(const std::string& name) {
  fs::path dir = scratch_root() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Runs a shell command; its exit status (-1 when killed by a signal), with stdout+stderr in `output`.
inline int run(const std::string& command, std::string* output = nullptr) {
  fs::create_directories(scratch_root());
  fs::path log = scratch_root() / "run.log";
  int rc = std::system((command + " >'" + log.string() + "' 2>&1").c_str());
  if (output) *output = slurp(log);
  fs::remove(log);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

// What the CLI printed and how it ended.
struct Run {
  int status = -1;  // exit code; -1 when killed by a signal
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the built `minutes` with arguments (already shell-quoted), capturing stdout and stderr apart.
inline Run run_cli(const std::string& args) {
  fs::create_directories(scratch_root());
  fs::path out = scratch_root() / "cli.stdout", err = scratch_root() / "cli.stderr";
  std::string cmd =
      std::string("'") + MINUTES_BINARY + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  int rc = std::system(cmd.c_str());
  Run r;
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

// Fails the test (never skips) when a tool the test needs is missing: scripts/setup installs it.
inline void require_tool(const std::string& tool) {
  INFO("the test needs '" << tool << "' (scripts/setup --test installs it from scripts/packages/test.txt)");
  REQUIRE(run("command -v " + tool) == 0);
}

inline fs::path source_dir() { return MINUTES_SOURCE_DIR; }
inline fs::path shared_dir() { return MINUTES_SHARED_DIR; }
inline fs::path seed_path() { return source_dir() / "samples" / "20230504.md"; }
inline fs::path corpus_dir() { return shared_dir() / "corpus" / "scs-minutes"; }

// Every Markdown file of the shared corpus, sorted (the test fails when the corpus is missing).
inline std::vector<fs::path> corpus_files() {
  REQUIRE_MESSAGE(fs::is_directory(corpus_dir()), "the shared corpus is not beside the checkout: " << corpus_dir());
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(corpus_dir()))
    if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// A list item as a reader of the document sees it: its own text and its nesting depth (0 at the top).
struct ItemAt {
  std::string text;
  int depth = 0;
};

// Appends the items of the lists among blocks, depth first, in document order.
inline void list_items(const minutes::ir::Blocks& blocks, int depth, std::vector<ItemAt>& out) {
  for (const auto& b : blocks) {
    if (b.kind != minutes::ir::BlockKind::list) continue;
    for (const auto& item : b.items) {
      out.push_back({minutes::ir::item_text(item), depth});
      list_items(item.blocks, depth + 1, out);
    }
  }
}

// Every list item of a meeting, in document order.
inline std::vector<ItemAt> list_items(const minutes::ir::Meeting& m) {
  std::vector<ItemAt> out;
  list_items(m.blocks, 0, out);
  minutes::ir::for_each_section(m.sections, [&](const minutes::ir::Section& s) { list_items(s.blocks, 0, out); });
  return out;
}

// Reads a Markdown file through the real pipeline (reader + enrichment).
inline minutes::ir::Meeting load_markdown(const fs::path& p) {
  return minutes::load(slurp(p), minutes::ReadOptions{p.string()}, *minutes::find_reader("markdown"));
}

// The parts of a zip package by name.
inline std::map<std::string, std::string> parts(const std::string& package) {
  std::map<std::string, std::string> out;
  for (auto& e : minutes::formats::unzip(package)) out[e.name] = e.data;
  return out;
}

// Converts documents (stem -> bytes, all with extension `ext`) with one headless LibreOffice run to
// `filter` (e.g. "txt:Text"); the converted file's bytes by stem. One profile per test process.
inline std::map<std::string, std::string> libreoffice_convert(const std::map<std::string, std::string>& docs,
                                                              const std::string& ext, const std::string& filter,
                                                              const std::string& out_ext) {
  require_tool("soffice");
  fs::path dir = scratch("soffice-" + ext);
  std::string files;
  for (const auto& [stem, bytes] : docs) {
    spit(dir / (stem + "." + ext), bytes);
    files += " '" + (dir / (stem + "." + ext)).string() + "'";
  }
  std::string log;
  int rc = run("soffice --headless -env:UserInstallation=file://" + (scratch_root() / "lo-profile").string() +
                   " --convert-to " + filter + " --outdir '" + (dir / "out").string() + "'" + files,
               &log);
  INFO(log);
  REQUIRE(rc == 0);
  std::map<std::string, std::string> out;
  for (const auto& [stem, bytes] : docs) {
    auto converted = dir / "out" / (stem + "." + out_ext);
    REQUIRE_MESSAGE(fs::exists(converted), "LibreOffice made no " << converted);
    out[stem] = slurp(converted);
  }
  return out;
}

}  // namespace minutes_test
