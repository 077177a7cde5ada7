// The resources writers fetch files through: nothing at all, or regular files under a set of root folders.
#include <minutes/resources.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>

namespace minutes {

namespace fs = std::filesystem;

namespace {

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A reference as written ("pictures/a%20b.png?raw=true", "file:///x.png") made into a path: the query and
// fragment dropped, percent escapes decoded, a file: URL's scheme and empty host removed.
std::string path_of(std::string_view ref) {
  if (ref.starts_with("file://"))
    ref.remove_prefix(7);
  else if (ref.starts_with("file:"))
    ref.remove_prefix(5);
  ref = ref.substr(0, ref.find_first_of("?#"));
  std::string out;
  for (size_t i = 0; i < ref.size(); ++i) {
    if (ref[i] == '%' && i + 2 < ref.size() && hex(ref[i + 1]) >= 0 && hex(ref[i + 2]) >= 0) {
      out += static_cast<char>(hex(ref[i + 1]) * 16 + hex(ref[i + 2]));
      i += 2;
    } else {
      out += ref[i];
    }
  }
  return out;
}

// True when `inner` is `root` or lies below it (both canonical).
bool inside(const fs::path& root, const fs::path& inner) {
  auto r = root.begin(), i = inner.begin();
  for (; r != root.end(); ++r, ++i)
    if (i == inner.end() || *r != *i) return false;
  return true;
}

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

}  // namespace

Fetched NoResources::fetch(std::string_view, std::string_view) const {
  return {std::nullopt, "is not read: this conversion reads no files"};
}

FileResources::FileResources(std::vector<std::string> roots, FileLimits limits, std::string base)
    : limits_(limits), base_(std::move(base)) {
  for (const auto& r : roots) {
    std::error_code ec;
    fs::path c = fs::canonical(r.empty() ? fs::path(".") : fs::path(r), ec);
    if (!ec && (fs::is_directory(c, ec) || fs::is_regular_file(c, ec))) roots_.push_back(c.string());
  }
}

Fetched FileResources::fetch(std::string_view reference, std::string_view source) const {
  std::string scheme_end = std::string(reference.substr(0, reference.find_first_of("/?#")));
  if (auto colon = scheme_end.find(':'); colon != std::string::npos && colon > 1 && !reference.starts_with("file:"))
    return {std::nullopt, "is not a local file"};
  std::string path = path_of(reference);
  if (path.empty()) return {std::nullopt, "names no file"};
  fs::path p(path);
  if (p.is_relative()) {
    fs::path folder = fs::path(source).parent_path();
    if (!source.empty() && folder.is_relative() && !base_.empty()) folder = fs::path(base_) / folder;
    p = folder / p;
  }
  std::error_code ec;
  fs::path real = fs::canonical(p, ec);
  if (ec) {
    if (ec == std::errc::too_many_symbolic_link_levels) return {std::nullopt, "is a loop of symbolic links"};
    return {std::nullopt, fmt::format("cannot be read: {}", ec.message())};
  }
  bool allowed = false;
  for (const auto& root : roots_)
    if (inside(root, real)) allowed = true;
  if (!allowed) {
    std::string list;
    for (size_t i = 0; i < roots_.size() && i < 3; ++i) list += (i ? ", " : "") + roots_[i];
    if (roots_.size() > 3) list += ", ...";
    return {std::nullopt, roots_.empty() ? "is not read: no folder may be read from"
                                         : fmt::format("is outside the folders files may be read from ({})", list)};
  }
  struct stat st {};
  if (::stat(real.c_str(), &st) != 0) return {std::nullopt, fmt::format("cannot be read: {}", std::strerror(errno))};
  if (!S_ISREG(st.st_mode)) return {std::nullopt, fmt::format("is {}, not a file", kind_of(st.st_mode))};
  if (static_cast<std::size_t>(st.st_size) > limits_.max_bytes)
    return {std::nullopt, fmt::format("is larger than {} MiB", limits_.max_bytes >> 20)};
  // Opened without blocking and without following a link swapped in since; checked again once open.
  int fd = ::open(real.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
  if (fd < 0) return {std::nullopt, fmt::format("cannot be read: {}", std::strerror(errno))};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return {std::nullopt, "changed into something that is not a file while it was read"};
  }
  std::string data;
  data.reserve(static_cast<std::size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return {std::nullopt, fmt::format("cannot be read: {}", std::strerror(errno))};
    }
    if (n == 0) break;
    data.append(buf, static_cast<std::size_t>(n));
    if (data.size() > limits_.max_bytes) {
      ::close(fd);
      return {std::nullopt, fmt::format("is larger than {} MiB", limits_.max_bytes >> 20)};
    }
  }
  ::close(fd);
  return {std::move(data), {}};
}

}  // namespace minutes
