// Whole-file reads and atomic writes for programs built on the library.
#include <minutes/files.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <vector>

namespace minutes {

FileRead read_file(const std::string& path) {
  FileRead r;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    r.error = fmt::format("cannot open: {}", std::strerror(errno));
    return r;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    r.error = S_ISDIR(st.st_mode) ? "is a folder, not a file (use `minutes build` for a folder)" : std::strerror(errno);
    ::close(fd);
    return r;
  }
  std::string data;
  if (S_ISREG(st.st_mode)) data.reserve(static_cast<size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.error = fmt::format("cannot read: {}", std::strerror(errno));
      ::close(fd);
      return r;
    }
    if (n == 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  r.bytes = std::move(data);
  return r;
}

std::string write_atomic(const std::string& path, std::string_view bytes) {
  auto slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string tmpl = (slash == std::string::npos ? std::string() : dir) + "." + base + ".tmp-XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) return fmt::format("cannot create a file in {}: {}", dir, std::strerror(errno));
  ::fchmod(fd, 0644);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string error = fmt::format("cannot write: {}", std::strerror(errno));
      ::close(fd);
      ::unlink(name.data());
      return error;
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || ::rename(name.data(), path.c_str()) != 0) {
    std::string error = fmt::format("cannot write {}: {}", path, std::strerror(errno));
    ::unlink(name.data());
    return error;
  }
  return {};
}

}  // namespace minutes
