// Finds the minutes files of an archive: the skip rule, --exclude globs, symlink and path-escape checks.
#include "converters/cli/build_discover.hpp"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <system_error>

#include <minutes/minutes.hpp>

namespace minutes::build {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

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

}  // namespace

bool skipped_by_name(std::string_view file_name) {
  std::string name = lower(file_name);
  auto dot = name.find('.');
  std::string stem = dot == std::string::npos ? name : name.substr(0, dot);
  static constexpr std::array<std::string_view, 11> prefixes = {
      "readme", "license", "licence", "copying", "changelog", "contributing", "code_of_conduct",
      "authors", "notice", "security", "source"};
  for (auto p : prefixes)
    if (stem.starts_with(p)) return true;
  return stem.starts_with("template") || stem.ends_with("template");
}

bool excluded(std::string_view rel, const std::vector<std::string>& globs) {
  std::string path(rel);
  for (const auto& g : globs) {
    if (g.find('/') != std::string::npos) {
      std::string pattern = g;
      while (pattern.starts_with("./")) pattern.erase(0, 2);
      if (::fnmatch(pattern.c_str(), path.c_str(), 0) == 0) return true;
      continue;
    }
    size_t start = 0;
    while (start <= path.size()) {
      size_t end = path.find('/', start);
      if (end == std::string::npos) end = path.size();
      std::string part = path.substr(start, end - start);
      if (::fnmatch(g.c_str(), part.c_str(), 0) == 0) return true;
      start = end + 1;
    }
  }
  return false;
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

Discovery discover(const std::string& src, const std::string& out, const std::vector<std::string>& excludes) {
  Discovery d;
  std::error_code ec;
  fs::path root = fs::canonical(src, ec);
  if (ec) {
    d.diagnostics.push_back(note(src, fmt::format("cannot open the source folder: {}", ec.message()), ir::Severity::error));
    return d;
  }
  fs::path out_canonical = fs::weakly_canonical(out, ec);
  std::map<std::string, std::string> stems;  // stem -> rel that claimed it
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) {
    d.diagnostics.push_back(note(src, fmt::format("cannot list the source folder: {}", ec.message()), ir::Severity::error));
    return d;
  }
  std::vector<Source> found;
  for (; it != end; it.increment(ec)) {
    if (ec) {
      d.diagnostics.push_back(note(src, fmt::format("cannot list a folder: {}", ec.message()), ir::Severity::warning));
      ec.clear();
      continue;
    }
    const fs::path& p = it->path();
    std::string rel = p.lexically_relative(root).generic_string();
    std::string name = p.filename().string();
    bool is_link = it->is_symlink(ec);
    bool is_dir = !is_link && it->is_directory(ec);
    if (name.starts_with(".") || (is_dir && name == "node_modules") || (is_dir && !out_canonical.empty() && p == out_canonical) ||
        excluded(rel, excludes)) {
      if (is_dir) it.disable_recursion_pending();
      continue;
    }
    if (is_dir) continue;
    if (!reader_for_path(name) || skipped_by_name(name)) continue;
    if (!safe_relative(rel)) {
      d.diagnostics.push_back(note(rel, "skipped: its path is not a plain relative path", ir::Severity::warning));
      continue;
    }
    std::string path = (fs::path(src) / rel).string();
    if (is_link) {
      fs::path target = fs::canonical(p, ec);
      if (ec || !inside(root, target)) {
        d.diagnostics.push_back(note(rel, "skipped: a symlink that leads outside the source folder", ir::Severity::warning));
        ec.clear();
        continue;
      }
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      d.diagnostics.push_back(note(rel, fmt::format("skipped: {}", std::strerror(errno)), ir::Severity::warning));
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      if (is_link) d.diagnostics.push_back(note(rel, "skipped: a symlink to a folder (not followed)"));
      continue;
    }
    if (!S_ISREG(st.st_mode)) continue;
    Source s;
    s.rel = rel;
    s.path = path;
    s.stem = strip_extension(rel);
    s.size = static_cast<uint64_t>(st.st_size);
    s.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    found.push_back(std::move(s));
  }
  std::sort(found.begin(), found.end(), [](const Source& a, const Source& b) { return a.rel < b.rel; });
  for (auto& s : found) {
    auto [pos, fresh] = stems.emplace(s.stem, s.rel);
    if (!fresh) {
      d.diagnostics.push_back(note(s.rel, fmt::format("skipped: {} already makes the outputs {}.*", pos->second, s.stem),
                                   ir::Severity::warning));
      continue;
    }
    d.sources.push_back(std::move(s));
  }
  return d;
}

bool ensure_output_dir(const std::string& out, std::string_view rel_dir, std::string& error) {
  std::string path = out;
  size_t start = 0;
  while (start < rel_dir.size()) {
    size_t end = rel_dir.find('/', start);
    if (end == std::string_view::npos) end = rel_dir.size();
    auto part = rel_dir.substr(start, end - start);
    start = end + 1;
    if (part.empty() || part == "." || part == "..") {
      error = fmt::format("refusing the output folder '{}'", rel_dir);
      return false;
    }
    path += '/';
    path += part;
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) {
      if (S_ISLNK(st.st_mode)) {
        error = fmt::format("refusing to write through the symlink {}", path);
        return false;
      }
      if (!S_ISDIR(st.st_mode)) {
        error = fmt::format("{} exists and is not a folder", path);
        return false;
      }
      continue;
    }
    if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
      error = fmt::format("cannot create {}: {}", path, std::strerror(errno));
      return false;
    }
  }
  return true;
}

}  // namespace minutes::build
