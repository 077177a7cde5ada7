// Helpers for the `minutes build` tests: temporary archives, running the CLI, snapshots of output trees.
#pragma once

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace build_test {

namespace fs = std::filesystem;

// A fresh empty folder under the build tree, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    fs::path base = fs::path(MINUTES_BUILD_DIR) / "tmp-build-tests";
    fs::create_directories(base);
    std::string tmpl = (base / "t-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path operator/(const std::string& rel) const { return path / rel; }
};

// Writes bytes to a file, creating its folders.
inline void write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

// Reads a whole file ("" when it is missing).
inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Quotes a word for sh.
inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// What one run of the CLI gave.
struct Run {
  int code = -1;
  std::string err;
};

// The shell command that runs `minutes build ARGS...` with SOURCE_DATE_EPOCH unset (or set to `epoch`) and the
// environment settings `env` ("NAME=value ..."), stderr to the file err.
inline std::string build_command(const std::vector<std::string>& args, const fs::path& err,
                                 const std::string& epoch = "", const std::string& env = "") {
  std::string cmd = epoch.empty() ? "env -u SOURCE_DATE_EPOCH " : "env SOURCE_DATE_EPOCH=" + epoch + " ";
  cmd += env + (env.empty() ? "" : " ") + quote(MINUTES_BINARY) + " build";
  for (const auto& a : args) cmd += " " + quote(a);
  return cmd + " </dev/null >/dev/null 2>" + quote(err.string());
}

// A file name for a run's captured stderr.
inline fs::path stderr_file() {
  static int counter = 0;
  return fs::path(MINUTES_BUILD_DIR) / "tmp-build-tests" /
         ("stderr-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
}

// Runs `minutes build ARGS...` (see build_command), stderr captured; the code is -1 when a signal ended it.
inline Run minutes_build(const std::vector<std::string>& args, const std::string& epoch = "",
                         const std::string& env = "") {
  fs::path err = stderr_file();
  std::string cmd = "exec " + build_command(args, err, epoch, env);
  int status = std::system(cmd.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = slurp(err);
  fs::remove(err);
  return r;
}

// One file of a tree: modification time and size.
struct Stamp {
  int64_t mtime_ns = 0;
  int64_t size = 0;
  bool operator==(const Stamp&) const = default;
};

// Every file below root (not following symlinks) by relative path.
inline std::map<std::string, Stamp> snapshot(const fs::path& root) {
  std::map<std::string, Stamp> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && !it->is_symlink()) continue;
    struct stat st {};
    ::lstat(it->path().c_str(), &st);
    out[it->path().lexically_relative(root).generic_string()] = {
        static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec, static_cast<int64_t>(st.st_size)};
  }
  return out;
}

// The contents of every file below root by relative path.
inline std::map<std::string, std::string> contents(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it)
    if (it->is_regular_file()) out[it->path().lexically_relative(root).generic_string()] = slurp(it->path());
  return out;
}

// A small meeting in Markdown with one future and one past event.
inline std::string meeting_md(const std::string& title, const std::string& event_date = "2024-05-10") {
  return "# " + title + "\n\n## Participants\n\n- @alice\n- @bob\n\n## Updates\n\n- The Hackathon will take place on " +
         event_date +
         " in Cologne.\n- Old conference was on 2023-01-01.\n- Notes: https://example.org/notes and www.example.com, mail team@example.org\n";
}

// A small plain-text draft.
inline std::string meeting_txt(const std::string& title) {
  return title + "\n\nParticipants: alice, bob\n\nTopics\n======\n\n- the release is on track\n- docs need review\n";
}

}  // namespace build_test
