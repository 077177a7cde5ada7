// `minutes build` inside the library: XXH64 hashes, the binary's hash, the output folder's lock and file operations.
#include "converters/library/archive_files.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>

#include <minutes/archive.hpp>
#include <minutes/convert.hpp>
#include <minutes/files.hpp>
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

// Opens out/rel_dir as a folder, component by component without following a symlink; -1 when it is not one.
int open_inside(const std::string& out, const std::string& rel_dir) {
  int fd = ::open(out.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  for (size_t start = 0; fd >= 0 && start < rel_dir.size();) {
    size_t slash = rel_dir.find('/', start);
    if (slash == std::string::npos) slash = rel_dir.size();
    std::string part = rel_dir.substr(start, slash - start);
    start = slash + 1;
    int next = part.empty() || part == "." || part == ".."
                   ? -1
                   : ::openat(fd, part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    ::close(fd);
    fd = next;
  }
  return fd;
}

// True for ".NAME.tmp-XXXXXX", the temporary file write_atomic() makes beside NAME, when NAME is a file that
// minutes writes (an extension of a writer, or one of its own files).
bool leftover_temporary(std::string_view name) {
  constexpr std::string_view mark = ".tmp-";
  if (name.size() < 1 + 1 + mark.size() + 6 || name.front() != '.') return false;
  std::string_view tail = name.substr(name.size() - 6);
  if (name.substr(name.size() - 6 - mark.size(), mark.size()) != mark ||
      !std::all_of(tail.begin(), tail.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
    return false;
  std::string_view base = name.substr(1, name.size() - 1 - mark.size() - 6);
  return base == manifest_name || base == summaries_name || writer_for_path(base) != nullptr;
}

}  // namespace

Removal remove_output(const std::string& out, const Written& w) {
  if (!plain_inside(out, w.path)) return Removal::missing;
  std::string path = out + "/" + w.path;
  if (!regular_file(path)) return Removal::missing;
  auto bytes = read_file(path).bytes;
  if (!bytes) return Removal::missing;
  if (hash_bytes(*bytes) != w.hash) return Removal::changed;
  if (::unlink(path.c_str()) != 0) return Removal::missing;
  const std::string& rel = w.path;
  for (auto slash = rel.find_last_of('/'); slash != std::string::npos; slash = rel.find_last_of('/', slash - 1)) {
    if (::rmdir((out + "/" + rel.substr(0, slash)).c_str()) != 0 || slash == 0) break;
  }
  return Removal::removed;
}

std::string lock_output(const std::string& out, const std::function<void(const std::string&)>& waiting,
                        OutputLock& lock) {
  // A POSIX record lock: released when the process ends however it ends, and it names its holder. The file is
  // never written, so an unchanged rebuild leaves OUT as it was.
  std::string path = out + "/" + std::string(lock_name);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return fmt::format("cannot lock {}: {}", path, std::strerror(errno));
  lock = OutputLock(fd);
  struct flock whole {};
  whole.l_type = F_WRLCK;
  whole.l_whence = SEEK_SET;
  if (::fcntl(fd, F_SETLK, &whole) == 0) return {};
  if (errno != EACCES && errno != EAGAIN) return fmt::format("cannot lock {}: {}", path, std::strerror(errno));
  struct flock holder = whole;
  std::string who = ::fcntl(fd, F_GETLK, &holder) == 0 && holder.l_type != F_UNLCK
                        ? fmt::format("process {}", holder.l_pid)
                        : std::string("another process");
  if (waiting) waiting(fmt::format("{} is being built by another minutes build ({}); waiting for it", out, who));
  while (::fcntl(fd, F_SETLKW, &whole) != 0)
    if (errno != EINTR) return fmt::format("cannot lock {}: {}", path, std::strerror(errno));
  return {};
}

std::unordered_set<std::string> list_outputs(const std::string& out, const std::set<std::string>& dirs) {
  std::unordered_set<std::string> files;
  for (const auto& dir : dirs) {
    int fd = open_inside(out, dir);
    if (fd < 0) continue;
    DIR* d = ::fdopendir(fd);
    if (!d) {
      ::close(fd);
      continue;
    }
    std::string prefix = dir.empty() ? std::string() : dir + "/";
    while (const dirent* e = ::readdir(d)) {
      std::string_view name = e->d_name;
      if (leftover_temporary(name)) {
        ::unlinkat(fd, e->d_name, 0);
        continue;
      }
      bool regular = e->d_type == DT_REG;
      if (e->d_type == DT_UNKNOWN) {
        struct stat st {};
        regular = ::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode);
      }
      if (regular) files.insert(prefix + e->d_name);
    }
    ::closedir(d);
  }
  return files;
}

OutputLock& OutputLock::operator=(OutputLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

OutputLock::~OutputLock() {
  if (fd_ >= 0) ::close(fd_);  // closing it releases the lock
}

ir::Diagnostic shown(ir::Diagnostic d, const std::string& src) {
  if (!d.file.empty() && d.file.front() != '/') d.file = (std::filesystem::path(src) / d.file).string();
  return d;
}

}  // namespace minutes::archive
