// The registry of readers and writers, file loading and atomic output.
#include "converters/cli/pipeline.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "converters/enrich.hpp"

namespace minutes {

const std::vector<ReaderEntry>& readers() {
  static const std::vector<ReaderEntry> table = {
      {"markdown", {"md", "commonmark", "gfm"}, {".md", ".markdown"}, &formats::read_markdown},
      {"text", {"txt", "plain"}, {".txt", ".text"}, &formats::read_text},
  };
  return table;
}

const std::vector<WriterEntry>& writers() {
  static const std::vector<WriterEntry> table = {
      {"odt", {".odt"}, true, &formats::write_odt, "OpenDocument text report (ODF 1.3)"},
      {"docx", {".docx"}, true, &formats::write_docx, "Word report (OOXML transitional)"},
      {"ics", {".ics", ".ical"}, false, &formats::write_ics, "iCalendar feed of the events (RFC 5545)"},
      {"rss", {".rss", ".xml"}, false, &formats::write_rss, "RSS 2.0 feed, one item per meeting"},
      {"html", {".html", ".htm"}, false, &formats::write_html, "standalone HTML5 page"},
      {"json", {".json"}, false, &formats::write_json, "the meeting IR as JSON (see README)"},
  };
  return table;
}

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}
std::string extension(std::string_view path) {
  auto slash = path.find_last_of('/');
  auto dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  return lower(path.substr(dot));
}
}  // namespace

const ReaderEntry* find_reader(std::string_view name) {
  auto n = lower(name);
  for (const auto& r : readers())
    if (r.name == n || std::find(r.aliases.begin(), r.aliases.end(), n) != r.aliases.end()) return &r;
  return nullptr;
}

const ReaderEntry* reader_for_path(std::string_view path) {
  auto ext = extension(path);
  for (const auto& r : readers())
    if (std::find(r.extensions.begin(), r.extensions.end(), ext) != r.extensions.end()) return &r;
  return nullptr;
}

const WriterEntry* find_writer(std::string_view name) {
  auto n = lower(name);
  if (n == "ical" || n == "icalendar") n = "ics";
  if (n == "feed") n = "rss";
  for (const auto& w : writers())
    if (w.name == n) return &w;
  return nullptr;
}

const WriterEntry* writer_for_path(std::string_view path) {
  auto ext = extension(path);
  for (const auto& w : writers())
    if (std::find(w.extensions.begin(), w.extensions.end(), ext) != w.extensions.end()) return &w;
  return nullptr;
}

std::optional<std::string> read_file(const std::string& path, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = fmt::format("cannot open: {}", std::strerror(errno));
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    error = S_ISDIR(st.st_mode) ? "is a folder, not a file (use `minutes build` for a folder)" : std::strerror(errno);
    ::close(fd);
    return std::nullopt;
  }
  std::string data;
  if (S_ISREG(st.st_mode)) data.reserve(static_cast<size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = fmt::format("cannot read: {}", std::strerror(errno));
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return data;
}

ir::Meeting load(std::string_view bytes, const std::string& source, const ReaderEntry& reader) {
  ir::Meeting m = reader.read(bytes, formats::ReadOptions{source});
  if (!has_error(m.diagnostics)) enrich(m);
  return m;
}

bool write_atomic(const std::string& path, std::string_view bytes, std::string& error) {
  auto slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string tmpl = (slash == std::string::npos ? std::string() : dir) + "." + base + ".tmp-XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) {
    error = fmt::format("cannot create a file in {}: {}", dir, std::strerror(errno));
    return false;
  }
  ::fchmod(fd, 0644);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = fmt::format("cannot write: {}", std::strerror(errno));
      ::close(fd);
      ::unlink(name.data());
      return false;
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || ::rename(name.data(), path.c_str()) != 0) {
    error = fmt::format("cannot write {}: {}", path, std::strerror(errno));
    ::unlink(name.data());
    return false;
  }
  return true;
}

bool has_error(const std::vector<ir::Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const ir::Diagnostic& d) { return d.severity == ir::Severity::error; });
}

std::string format_diagnostic(const ir::Diagnostic& d) {
  std::string_view sev = d.severity == ir::Severity::error ? "error" : d.severity == ir::Severity::warning ? "warning" : "note";
  std::string where = d.file.empty() ? std::string("minutes") : d.file;
  if (d.line > 0) where += fmt::format(":{}", d.line);
  if (d.line > 0 && d.column > 0) where += fmt::format(":{}", d.column);
  return fmt::format("{}: {}: {}", where, sev, d.message);
}

}  // namespace minutes
