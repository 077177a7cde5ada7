// The resources writers fetch files through: nothing at all, or regular files under a set of root folders.
#include <minutes/resources.hpp>

#include <filesystem>
#include <fmt/format.h>

#include <minutes/files.hpp>

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

}  // namespace

Fetched NoResources::fetch(std::string_view, std::string_view) const {
  return {std::nullopt, "is not read: this conversion reads no files"};
}

FileResources::FileResources(std::vector<std::string> roots, FileLimits limits, std::string base)
    : limits_(limits), base_(std::move(base)) {
  for (const auto& r : roots) {
    std::error_code ec;
    fs::path c = fs::canonical(r.empty() ? fs::path(".") : fs::path(r), ec);
    if (!ec && fs::exists(c, ec)) roots_.push_back(c.string());  // a device named as reference: refused when read
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
    if (ec == std::errc::no_such_file_or_directory) return {std::nullopt, "does not exist"};
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
  // Regular files only, refused from their stat without being opened, and not through a link swapped in since.
  FileRead file = read_file(real.string(), {.max_bytes = limits_.max_bytes, .streams = false, .follow = false});
  return {std::move(file.bytes), std::move(file.error)};
}

}  // namespace minutes
