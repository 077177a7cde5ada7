// Whole-file reads within bounds that never block on opening, and writes that never replace what is not a file.
#include <minutes/files.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <fmt/format.h>
#include <vector>

namespace minutes {

namespace {

// What a file is, for a sentence ("is a FIFO, not a regular file").
const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device (a disk)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISLNK(mode)) return "a symbolic link";
  return "not a regular file";
}

// Why a path cannot be looked at or opened, from errno.
std::string why_not(int error) {
  switch (error) {
    case ENOENT: return "does not exist";
    case EACCES:
    case EPERM: return "cannot be read: permission denied";
    case ELOOP: return "is a loop of symbolic links (or a link where none may be)";
    case ENOTDIR: return "cannot be reached: a part of its path is not a folder";
    case ENAMETOOLONG: return "has a name too long for the file system";
    default: return fmt::format("cannot be opened: {}", std::strerror(error));
  }
}

std::string too_large(std::size_t max) {
  return fmt::format("is larger than {} MiB, the most minutes reads; not read", max >> 20);
}

FileRead failed(std::string why) { return {std::nullopt, std::move(why)}; }

// Waits until fd can be read or written (a non-blocking descriptor that said "not yet").
void wait_for(int fd, short events) {
  pollfd p{fd, events, 0};
  ::poll(&p, 1, -1);
}

// Reads fd to its end, at most max bytes; `expected` (a regular file's size) is reserved.
FileRead read_all(int fd, std::size_t max, std::size_t expected) {
  std::string data;
  data.reserve(std::min(expected, max));
  constexpr std::size_t chunk = 65536;
  auto buf = std::make_unique_for_overwrite<char[]>(chunk);  // not zeroed: 64 KiB per file read add up
  for (;;) {
    ssize_t n = ::read(fd, buf.get(), chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      wait_for(fd, POLLIN);
      continue;
    }
    if (n < 0) return failed(fmt::format("cannot be read: {}", std::strerror(errno)));
    if (n == 0) break;
    if (data.size() + static_cast<std::size_t>(n) > max) return failed(too_large(max));
    data.append(buf.get(), static_cast<std::size_t>(n));
  }
  return {std::move(data), {}};
}

// Writes all bytes to fd; an error sentence about `path`, or empty.
std::string write_all(int fd, std::string_view bytes, const std::string& path) {
  for (std::size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      wait_for(fd, POLLOUT);
      continue;
    }
    if (n < 0) return fmt::format("cannot write {}: {}", path, std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  return {};
}

// Why no file can be created in dir, from mkstemp's errno.
std::string cannot_create(const std::string& dir, int error) {
  std::string where = dir.empty() ? std::string("the current folder") : dir;
  switch (error) {
    case ENOENT: return fmt::format("the folder {} does not exist: create it first", where);
    case ENOTDIR: return fmt::format("{} is not a folder", where);
    case EACCES:
    case EPERM: return fmt::format("cannot create a file in {}: permission denied", where);
    case EROFS: return fmt::format("cannot create a file in {}: the file system is read-only", where);
    default: return fmt::format("cannot create a file in {}: {}", where, std::strerror(error));
  }
}

}  // namespace

FileRead read_file(const std::string& path, const ReadLimits& limits) {
  struct stat st {};
  if ((limits.follow ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st)) != 0) return failed(why_not(errno));
  bool stream = S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode);
  if (S_ISDIR(st.st_mode)) return failed("is a folder, not a file");
  if (!S_ISREG(st.st_mode) && !(stream && limits.streams))
    return failed(fmt::format("is {}, not a regular file", kind_of(st.st_mode)));
  auto size = static_cast<std::size_t>(st.st_size);
  if (S_ISREG(st.st_mode) && size > limits.max_bytes) return failed(too_large(limits.max_bytes));
  // Non-blocking, so that a FIFO without a writer opens at once; checked again once open (nothing swapped in).
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (limits.follow ? 0 : O_NOFOLLOW));
  if (fd < 0) return failed(why_not(errno));
  struct stat now {};
  if (::fstat(fd, &now) != 0 || now.st_dev != st.st_dev || now.st_ino != st.st_ino) {
    ::close(fd);
    return failed("changed while it was opened; not read");
  }
  // A stream is read as it comes: a FIFO that nobody writes ends at once.
  if (stream) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  FileRead r = read_all(fd, limits.max_bytes, S_ISREG(st.st_mode) ? size : 0);
  ::close(fd);
  return r;
}

FileRead read_stream(int fd, std::size_t max_bytes) { return read_all(fd, max_bytes, 0); }

bool same_file(const std::string& a, const std::string& b) {
  struct stat x {}, y {};
  return ::stat(a.c_str(), &x) == 0 && ::stat(b.c_str(), &y) == 0 && S_ISREG(x.st_mode) && x.st_dev == y.st_dev &&
         x.st_ino == y.st_ino;
}

std::string write_atomic(const std::string& path, std::string_view bytes) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
    return fmt::format("{} is {}, not a regular file: it is not replaced", path, kind_of(st.st_mode));
  auto slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  // The temporary name stays within a file system's 255 bytes, however long the output's name.
  std::string tmpl = dir + "." + base.substr(0, 200) + ".tmp-XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) return cannot_create(dir, errno);
  ::fchmod(fd, 0644);
  std::string error = write_all(fd, bytes, path);
  if (::close(fd) != 0 && error.empty()) error = fmt::format("cannot write {}: {}", path, std::strerror(errno));
  if (error.empty() && ::rename(name.data(), path.c_str()) != 0)
    error = fmt::format("cannot replace {}: {}", path, std::strerror(errno));
  if (!error.empty()) ::unlink(name.data());
  return error;
}

std::string write_output(const std::string& path, std::string_view bytes, bool binary) {
  if (path.ends_with('/')) return fmt::format("{} names a folder: name the file to write", path);
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return write_atomic(path, bytes);  // a new file
  if (S_ISLNK(st.st_mode)) {
    if (::stat(path.c_str(), &st) != 0)
      return fmt::format("{} is a symbolic link to a file that {}: name the file to write itself", path,
                         why_not(errno));
    if (S_ISREG(st.st_mode)) {  // the file the link leads to is replaced, the link stays
      char* real = ::realpath(path.c_str(), nullptr);
      if (!real) return fmt::format("cannot follow the symbolic link {}: {}", path, std::strerror(errno));
      std::string target = real;
      std::free(real);
      return write_atomic(target, bytes);
    }
  }
  if (S_ISREG(st.st_mode)) return write_atomic(path, bytes);
  if (S_ISDIR(st.st_mode)) return fmt::format("{} is a folder: name the file to write in it", path);
  if (!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode))
    return fmt::format("{} is {}: minutes writes only files, FIFOs and character devices", path, kind_of(st.st_mode));
  int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return errno == ENXIO ? fmt::format("{} is a FIFO that nobody reads: start its reader first", path)
                          : fmt::format("cannot write {}: {}", path, std::strerror(errno));
  if (binary && ::isatty(fd)) {
    ::close(fd);
    return fmt::format("{} is a terminal: write a binary format to a file", path);
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  std::string error = write_all(fd, bytes, path);
  if (::close(fd) != 0 && error.empty()) error = fmt::format("cannot write {}: {}", path, std::strerror(errno));
  return error;
}

}  // namespace minutes
