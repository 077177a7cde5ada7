// The build manifest as lines of tab-separated fields (appended to as outputs land), and the options key.
#include <minutes/archive.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <iterator>
#include <fmt/format.h>

#include <minutes/files.hpp>

#include "converters/library/archive_files.hpp"

namespace minutes::archive {

namespace {

// The first line; another layout is not read (everything is rebuilt).
constexpr std::string_view header = "minutes-manifest 3\n";

// A field with the characters that separate fields and lines escaped (file names may hold any of them).
void put(std::string& line, std::string_view field) {
  line += '\t';
  if (field.find_first_of("\\\t\n\r") == std::string_view::npos) {
    line += field;
    return;
  }
  for (char c : field) {
    switch (c) {
      case '\\': line += "\\\\"; break;
      case '\t': line += "\\t"; break;
      case '\n': line += "\\n"; break;
      case '\r': line += "\\r"; break;
      default: line += c;
    }
  }
}

void put(std::string& line, int64_t number) {
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, number).ptr;
  line += '\t';
  line.append(buf, end);
}

// Splits one line into its fields, undoing put(); false when an escape is broken.
bool fields(std::string_view line, std::vector<std::string_view>& raw, std::vector<std::string>& out) {
  raw.clear();
  out.clear();
  for (size_t start = 0;;) {
    size_t tab = line.find('\t', start);
    raw.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  for (auto f : raw) {
    if (f.find('\\') == std::string_view::npos) {
      out.emplace_back(f);
      continue;
    }
    std::string s;
    for (size_t i = 0; i < f.size(); ++i) {
      if (f[i] != '\\') {
        s += f[i];
        continue;
      }
      if (++i == f.size()) return false;
      char c = f[i];
      s += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
    }
    out.push_back(std::move(s));
  }
  return true;
}

template <class T>
bool number(const std::string& field, T& value) {
  auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  return ec == std::errc() && end == field.data() + field.size();
}

// Applies one line to the manifest; false when it is not a line of this layout.
bool apply_line(Manifest& m, const std::vector<std::string>& f) {
  const std::string& kind = f[0];
  if (kind == "source" && f.size() >= 10 && (f.size() - 10) % 2 == 0) {
    SourceRecord r;
    int ok = 0;
    if (!number(f[2], r.size) || !number(f[3], r.mtime_ns) || !number(f[5], ok) || !number(f[6], r.events) ||
        !number(f[7], r.warnings))
      return false;
    r.hash = f[4];
    r.ok = ok == 1;
    r.summary = f[8];
    r.date = f[9];
    for (size_t i = 10; i < f.size(); i += 2) r.outputs.push_back({f[i], f[i + 1]});
    m.sources.insert_or_assign(f[1], std::move(r));
    return true;
  }
  if (kind == "invalid" && f.size() == 2) {  // its outputs are being rewritten: known, not trusted
    if (auto it = m.sources.find(f[1]); it != m.sources.end()) it->second.ok = false;
    return true;
  }
  if (kind == "gone" && f.size() == 2) {  // its outputs were removed
    m.sources.erase(f[1]);
    return true;
  }
  if (kind == "aggregate" && f.size() == 4) {
    if (f[3].empty())
      m.aggregates.erase(f[1]);  // being rewritten
    else
      m.aggregates.insert_or_assign(f[1], AggregateRecord{f[2], f[3]});
    return true;
  }
  if ((kind == "binary" || kind == "options") && f.size() == 2) {
    (kind == "binary" ? m.binary : m.options) = f[1];
    return true;
  }
  return kind == "whole" && f.size() == 1;
}

}  // namespace

std::string source_line(const std::string& rel, const SourceRecord& r) {
  std::string line = "source";
  put(line, rel);
  put(line, static_cast<int64_t>(r.size));
  put(line, r.mtime_ns);
  put(line, r.hash);
  put(line, r.ok ? 1 : 0);
  put(line, r.events);
  put(line, r.warnings);
  put(line, r.summary);
  put(line, r.date);
  for (const auto& o : r.outputs) {
    put(line, o.path);
    put(line, o.hash);
  }
  return line += '\n';
}

std::string invalid_line(const std::string& rel) {
  std::string line = "invalid";
  put(line, rel);
  return line += '\n';
}

std::string gone_line(const std::string& rel) {
  std::string line = "gone";
  put(line, rel);
  return line += '\n';
}

std::string aggregate_line(const std::string& name, const AggregateRecord& r) {
  std::string line = "aggregate";
  put(line, name);
  put(line, r.hash);
  put(line, r.inputs);
  return line += '\n';
}

std::optional<Manifest> parse_manifest(std::string_view text) {
  if (!text.starts_with(header)) return std::nullopt;
  Manifest m;
  std::vector<std::string_view> raw;
  std::vector<std::string> f;
  size_t lines = 0, whole = 0;  // lines read, and of them those written whole (up to the "whole" line)
  for (size_t pos = header.size(); pos < text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) break;  // a line cut short by a killed build: never acted upon
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (!fields(line, raw, f) || !apply_line(m, f)) {
      if (lines < 2) return std::nullopt;  // the head is broken
      continue;
    }
    if (++lines, f[0] == "whole") whole = lines;
  }
  if (whole == 0 || m.binary.empty() || m.options.empty()) return std::nullopt;
  m.appended = lines - whole;
  return m;
}

std::string dump_manifest(const Manifest& m) {
  std::string text(header);
  text += "binary\t" + m.binary + "\noptions\t" + m.options + "\n";
  for (const auto& [name, a] : m.aggregates) text += aggregate_line(name, a);
  for (const auto& [rel, s] : m.sources) text += source_line(rel, s);
  return text += "whole\n";
}

std::string Journal::open(const std::string& path) {
  fd_ = ::open(path.c_str(), O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
  if (fd_ < 0) return fmt::format("cannot update {}: {}", path, std::strerror(errno));
  path_ = path;
  // A killed build may have cut its last line short: it is ended, so that the next line is read as its own.
  struct stat st {};
  char last = '\n';
  if (::fstat(fd_, &st) == 0 && st.st_size > 0 && ::pread(fd_, &last, 1, st.st_size - 1) == 1 && last != '\n') {
    std::string error = append("\n");
    lines_ = 0;
    return error;
  }
  return {};
}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

std::string Journal::append(const std::string& line) {
  std::lock_guard lock(mutex_);
  if (fd_ < 0) return fmt::format("cannot update {}", path_.empty() ? std::string(manifest_name) : path_);
  for (size_t done = 0; done < line.size();) {
    ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fmt::format("cannot update {}: {}", path_, std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  lines_++;
  return {};
}

std::vector<std::map<std::string, SourceRecord>::const_iterator> records_of(std::span<const Source> sources,
                                                                            const Manifest& manifest) {
  std::vector<std::map<std::string, SourceRecord>::const_iterator> out;
  out.reserve(sources.size());
  auto next = manifest.sources.begin();
  for (const Source& s : sources) {
    if (next != manifest.sources.end() && next->first == s.rel) {
      out.push_back(next++);
      continue;
    }
    auto found = manifest.sources.find(s.rel);
    out.push_back(found);
    if (found != manifest.sources.end()) next = std::next(found);
  }
  return out;
}

std::string summary_record(const std::string& rel, std::string_view json) {
  std::string head = "summary";
  put(head, rel);
  put(head, static_cast<int64_t>(json.size()));
  head += '\n';
  head += json;
  return head;
}

std::map<std::string, std::string_view> summary_records(std::string_view text) {
  std::map<std::string, std::string_view> out;
  if (!text.starts_with(summaries_header)) return out;
  std::vector<std::string_view> raw;
  std::vector<std::string> f;
  size_t length = 0;
  for (size_t pos = summaries_header.size(); pos < text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos || !fields(text.substr(pos, nl - pos), raw, f) || f.size() != 3 ||
        f[0] != "summary" || !number(f[2], length) || length > text.size() - nl - 1)
      break;
    out.emplace(f[1], text.substr(nl + 1, length));
    pos = nl + 1 + length;
  }
  return out;
}

std::string options_key(const Settings& settings) {
  std::string key;
  for (const auto& s : settings_table()) {
    if (!s.rebuilds) continue;
    std::string value = setting_text(s, settings);
    key += fmt::format("{}{}={}\x1e", s.key, s.env, value);
    if ((s.type == SettingType::file || s.type == SettingType::files) && !value.empty()) {
      for (size_t at = 0, nl; at < value.size(); at = nl + 1) {  // a list: one path a line
        nl = std::min(value.find('\n', at), value.size());
        auto file = read_file(value.substr(at, nl - at));
        key += hash_bytes(file.bytes ? *file.bytes : file.error) + "\x1e";
      }
    }
  }
  return hash_bytes(key);
}

}  // namespace minutes::archive
