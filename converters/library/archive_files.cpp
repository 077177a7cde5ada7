// `minutes build` inside the library: XXH64 hashes, the binary's hash and the output folder's file operations.
#include "converters/library/archive_files.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>

#include <minutes/archive.hpp>
#include <minutes/version.hpp>

namespace minutes::archive {

std::string hash_bytes(std::string_view bytes) {
  return fmt::format("{:016x}", static_cast<unsigned long long>(XXH64(bytes.data(), bytes.size(), 0)));
}

const std::string& binary_hash() {
  static const std::string hash = [] {
    // The version, and the executable's size and modification time: a new build of the binary rebuilds all.
    struct stat st {};
    std::string key = minutes::version;
    if (::stat("/proc/self/exe", &st) == 0)
      key += fmt::format("|{}|{}.{:09}", st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    return hash_bytes(key);
  }();
  return hash;
}

bool regular_file(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string ensure_output_dir(const std::string& out, std::string_view rel_dir) {
  std::string path = out;
  size_t start = 0;
  while (start < rel_dir.size()) {
    size_t end = rel_dir.find('/', start);
    if (end == std::string_view::npos) end = rel_dir.size();
    auto part = rel_dir.substr(start, end - start);
    start = end + 1;
    if (part.empty() || part == "." || part == "..") { return fmt::format("refusing the output folder '{}'", rel_dir); }
    path += '/';
    path += part;
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) {
      if (S_ISLNK(st.st_mode)) { return fmt::format("refusing to write through the symlink {}", path); }
      if (!S_ISDIR(st.st_mode)) { return fmt::format("{} exists and is not a folder", path); }
      continue;
    }
    if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
      return fmt::format("cannot create {}: {}", path, std::strerror(errno));
    }
  }
  return {};
}

namespace {

// True when every folder between out and rel is a real folder (no symlink): safe to unlink out/rel.
bool plain_inside(const std::string& out, const std::string& rel) {
  if (!safe_relative(rel)) return false;
  std::string path = out;
  size_t start = 0;
  for (size_t slash; (slash = rel.find('/', start)) != std::string::npos; start = slash + 1) {
    path += "/" + rel.substr(start, slash - start);
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
  }
  return true;
}

}  // namespace

void remove_output(const std::string& out, const std::string& rel) {
  if (!plain_inside(out, rel)) return;
  std::string path = out + "/" + rel;
  if (::unlink(path.c_str()) != 0) return;
  for (auto slash = rel.find_last_of('/'); slash != std::string::npos; slash = rel.find_last_of('/', slash - 1)) {
    if (::rmdir((out + "/" + rel.substr(0, slash)).c_str()) != 0 || slash == 0) break;
  }
}

ir::Diagnostic shown(ir::Diagnostic d, const std::string& src) {
  if (!d.file.empty() && d.file.front() != '/') d.file = (std::filesystem::path(src) / d.file).string();
  return d;
}

}  // namespace minutes::archive
