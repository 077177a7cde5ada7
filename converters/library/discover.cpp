// Finds the minutes files of an archive: the skip rule, --exclude globs, symlink and path-escape checks.
#include <minutes/archive.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <system_error>
#include <vector>

#include "converters/core/decode.hpp"

namespace minutes::archive {

namespace fs = std::filesystem;

namespace {

ir::Diagnostic note(const std::string& file, std::string message, ir::Severity severity = ir::Severity::note) {
  return {severity, file, 0, 0, std::move(message)};
}

// True when `inner` is `root` or lies below it (both canonical).
bool inside(const fs::path& root, const fs::path& inner) {
  auto r = root.begin(), i = inner.begin();
  for (; r != root.end(); ++r, ++i)
    if (i == inner.end() || *r != *i) return false;
  return true;
}

std::string strip_extension(const std::string& rel) {
  auto slash = rel.find_last_of('/');
  auto dot = rel.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash) || dot == 0 ||
      (slash != std::string::npos && dot == slash + 1))
    return rel;
  return rel.substr(0, dot);
}

// Why a symbolic link among the sources is not followed: a loop, nothing at its end, or a place outside SRC.
std::string link_refused(const std::error_code& ec, const fs::path& target) {
  if (ec == std::errc::too_many_symbolic_link_levels) return "skipped: a loop of symbolic links, which leads to no file";
  if (ec == std::errc::no_such_file_or_directory) return "skipped: a symbolic link to nothing (what it names does not exist)";
  if (ec) return fmt::format("skipped: a symbolic link that cannot be followed: {}", ec.message());
  return fmt::format("skipped: a symbolic link that leads outside the source folder (to {}); copy the file into the "
                     "folder to build it",
                     target.string());
}

}  // namespace

std::string skip_reason(std::string_view file_name) {
  std::string stem(file_name.substr(0, file_name.find('.')));
  for (auto& c : stem) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  static constexpr std::array<std::string_view, 11> names = {"README",    "LICENSE",      "LICENCE",         "COPYING",
                                                             "CHANGELOG", "CONTRIBUTING", "CODE_OF_CONDUCT", "AUTHORS",
                                                             "NOTICE",    "SECURITY",     "SOURCE"};
  for (auto n : names)
    if (stem == n) return fmt::format("a {} file, not minutes", n);
  // "template", "meeting-template", "template_weekly": the word, not "templates-review-2024".
  auto word_end = stem.find_first_of("-_ ");
  auto word_start = stem.find_last_of("-_ ");
  if (stem.substr(0, word_end) == "TEMPLATE" ||
      (word_start != std::string::npos && stem.substr(word_start + 1) == "TEMPLATE"))
    return "a template, not minutes";
  return {};
}

std::string excluded_by(std::string_view rel, const std::vector<std::string>& globs) {
  std::string path(rel);
  for (const auto& g : globs) {
    if (g.find('/') != std::string::npos) {
      std::string pattern = g;
      while (pattern.starts_with("./")) pattern.erase(0, 2);
      if (::fnmatch(pattern.c_str(), path.c_str(), 0) == 0) return g;
      continue;
    }
    size_t start = 0;
    while (start <= path.size()) {
      size_t end = path.find('/', start);
      if (end == std::string::npos) end = path.size();
      std::string part = path.substr(start, end - start);
      if (::fnmatch(g.c_str(), part.c_str(), 0) == 0) return g;
      start = end + 1;
    }
  }
  return {};
}

bool safe_relative(std::string_view rel) {
  if (rel.empty() || rel.front() == '/' || rel.find('\0') != std::string_view::npos) return false;
  size_t start = 0;
  while (start <= rel.size()) {
    size_t end = rel.find('/', start);
    if (end == std::string_view::npos) end = rel.size();
    auto part = rel.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

namespace {

// One entry of a folder: its name, and whether it is a folder (not following a symlink).
struct Entry {
  std::string name;
  unsigned char type = DT_UNKNOWN;
  bool dir() const { return type == DT_DIR; }
};

// A folder being walked: its descriptor, its path relative to the root ("" or "team/"), its entries in order.
struct Folder {
  int fd = -1;
  std::string rel;
  std::vector<Entry> entries;
  size_t next = 0;
};

// The entries of an open folder, in the order that makes the walk give paths in byte order (a folder sorts as
// its name followed by '/'); the file type from readdir, else from lstat.
std::vector<Entry> read_folder(int fd, bool& ok) {
  std::vector<Entry> entries;
  int dup = ::dup(fd);
  DIR* d = dup >= 0 ? ::fdopendir(dup) : nullptr;
  ok = d != nullptr;
  if (!d) {
    if (dup >= 0) ::close(dup);
    return entries;
  }
  while (const dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    Entry entry{std::string(name), e->d_type};
    if (entry.type == DT_UNKNOWN) {
      struct stat st {};
      if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
        entry.type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : DT_REG;
    }
    entries.push_back(std::move(entry));
  }
  ::closedir(d);
  auto key_less = [](const Entry& a, const Entry& b) {
    size_t n = std::min(a.name.size(), b.name.size());
    if (int c = std::memcmp(a.name.data(), b.name.data(), n); c != 0) return c < 0;
    auto at = [&](const Entry& e) { return e.name.size() > n ? static_cast<unsigned char>(e.name[n]) : e.dir() ? '/' : 0; };
    if (at(a) != at(b)) return at(a) < at(b);
    return a.name.size() < b.name.size();
  };
  std::sort(entries.begin(), entries.end(), key_less);
  return entries;
}

}  // namespace

Discovery discover(const std::string& src, const std::string& out, const std::vector<std::string>& excludes) {
  Discovery d;
  std::error_code ec;
  fs::path root = fs::canonical(src, ec);
  int root_fd = ec ? -1 : ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root_fd < 0) {
    d.diagnostics.push_back(note(src,
                                 fmt::format("cannot open the source folder: {}", ec ? ec.message() : std::strerror(errno)),
                                 ir::Severity::error));
    return d;
  }
  struct stat out_st {};
  bool has_out = ::stat(out.c_str(), &out_st) == 0;
  std::string base = src.ends_with('/') ? src : src + "/";
  std::map<std::string, std::string> stems;  // stem -> rel that claimed it
  std::vector<Folder> stack;
  bool listed = true;
  stack.push_back({root_fd, "", read_folder(root_fd, listed)});
  if (!listed)
    d.diagnostics.push_back(note(src, fmt::format("cannot list the source folder: {}", std::strerror(errno)),
                                 ir::Severity::error));
  while (!stack.empty()) {
    Folder& folder = stack.back();
    if (folder.next == folder.entries.size()) {
      ::close(folder.fd);
      stack.pop_back();
      continue;
    }
    const Entry& e = folder.entries[folder.next++];
    std::string rel = folder.rel + e.name;
    const std::string& name = e.name;
    bool is_dir = e.dir(), is_link = e.type == DT_LNK;
    std::string why = name.starts_with(".")                ? "hidden"
                      : is_dir && name == "node_modules" ? "a node_modules folder"
                                                           : std::string();
    struct stat st {};
    if (why.empty() && is_dir && has_out && ::fstatat(folder.fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        st.st_dev == out_st.st_dev && st.st_ino == out_st.st_ino)
      why = "the output folder";
    if (why.empty() && !excludes.empty())
      if (auto glob = excluded_by(rel, excludes); !glob.empty()) why = fmt::format("excluded by '{}'", glob);
    if (!why.empty()) {
      d.skipped.push_back({is_dir ? rel + "/" : rel, std::move(why)});
      continue;
    }
    if (is_dir) {
      int fd = ::openat(folder.fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      std::vector<Entry> entries = fd >= 0 ? read_folder(fd, listed) : std::vector<Entry>{};
      if (fd < 0 || !listed) {
        d.diagnostics.push_back(
            note(rel, fmt::format("cannot list a folder: {}", std::strerror(errno)), ir::Severity::warning));
        if (fd >= 0) ::close(fd);
        continue;
      }
      stack.push_back({fd, rel + "/", std::move(entries)});  // `folder` is not used after this
      continue;
    }
    if (!reader_for_path(name)) {
      d.skipped.push_back({rel, "no reader takes this kind of file"});
      continue;
    }
    if (why = skip_reason(name); !why.empty()) {
      d.skipped.push_back({rel, std::move(why)});
      continue;
    }
    if (!safe_relative(rel)) {
      d.diagnostics.push_back(note(rel, "skipped: its path is not a plain relative path", ir::Severity::warning));
      continue;
    }
    std::string path = base + rel;
    if (is_link) {
      fs::path target = fs::canonical(root / rel, ec);
      if (ec || !inside(root, target)) {
        d.diagnostics.push_back(note(rel, link_refused(ec, target), ir::Severity::warning));
        ec.clear();
        continue;
      }
    }
    if (::fstatat(folder.fd, name.c_str(), &st, 0) != 0) {
      d.diagnostics.push_back(note(rel, fmt::format("skipped: {}", std::strerror(errno)), ir::Severity::warning));
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      if (is_link) d.diagnostics.push_back(note(rel, "skipped: a symlink to a folder (not followed)"));
      continue;
    }
    if (!S_ISREG(st.st_mode)) continue;
    // Outputs are named without bidi controls and zero-width characters, which can disguise a name.
    int hidden = 0;
    std::string stem = drop_invisible(strip_extension(rel), &hidden);
    if (hidden && !safe_relative(stem)) {
      d.diagnostics.push_back(note(rel, "skipped: its name is made of invisible characters", ir::Severity::warning));
      continue;
    }
    if (hidden)
      d.diagnostics.push_back(note(rel,
                                   "its name holds bidi controls or zero-width characters, which can make it read "
                                   "other than it is: its outputs are named without them",
                                   ir::Severity::warning));
    auto [pos, fresh] = stems.emplace(std::move(stem), rel);
    if (!fresh) {
      d.diagnostics.push_back(note(rel, fmt::format("skipped: {} already makes the outputs {}.*", pos->second, pos->first),
                                   ir::Severity::warning));
      continue;
    }
    Source s;
    s.stem = pos->first;
    s.rel = std::move(rel);
    s.path = std::move(path);
    s.size = static_cast<uint64_t>(st.st_size);
    s.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    d.sources.push_back(std::move(s));
  }
  return d;
}

}  // namespace minutes::archive
