// The registry of readers and writers, and the library's read and write entry points.
#include <minutes/convert.hpp>

#include <algorithm>
#include <fmt/format.h>

#include "converters/core/decode.hpp"
#include "converters/core/enrich.hpp"
#include "converters/core/recognise.hpp"
#include "converters/core/strings.hpp"
#include "formats/formats.hpp"

namespace minutes {

const std::vector<Reader>& readers() {
  static const std::vector<Reader> table = {
      {"markdown", {"md", "commonmark", "gfm"}, {".md", ".markdown"}, &formats::read_markdown},
      {"text", {"txt", "plain"}, {".txt", ".text"}, &formats::read_text},
  };
  return table;
}

const std::vector<Writer>& writers() {
  using enum WriterScope;
  static const std::vector<Writer> table = {
      {"odt", {".odt"}, true, document, &formats::write_odt, "OpenDocument text report (ODF 1.3)"},
      {"docx", {".docx"}, true, document, &formats::write_docx, "Word report (OOXML transitional)"},
      {"ics",
       {".ics", ".ical"},
       false,
       aggregate,
       &formats::write_ics,
       "iCalendar feed of the events (RFC 5545)",
       "calendar.ics"},
      {"rss",
       {".rss", ".xml"},
       false,
       aggregate,
       &formats::write_rss,
       "RSS 2.0 feed, one item per meeting",
       "feed.xml",
       &WriteOptions::feed_items,
       "feeds/{}.xml"},
      {"atom",
       {".atom"},
       false,
       aggregate,
       &formats::write_atom,
       "Atom 1.0 feed (RFC 4287), one entry per meeting",
       "atom.xml",
       &WriteOptions::feed_items,
       "feeds/{}.atom"},
      {"html", {".html", ".htm"}, false, document, &formats::write_html, "standalone HTML5 page"},
      {"json", {".json"}, false, document, &formats::write_json, "the meeting IR as JSON (see README)"},
      {"jsonfeed",
       {".json"},
       false,
       aggregate,
       &formats::write_jsonfeed,
       "JSON Feed 1.1, one item per meeting",
       "feed.json",
       &WriteOptions::feed_items,
       "feeds/{}.json"},
      {"series",
       {".html", ".htm"},
       false,
       aggregate,
       &formats::write_series_page,
       "HTML5 page of one series of an archive, newest first",
       "",
       nullptr,
       "{}/index.html"},
      {"events",
       {".html", ".htm"},
       false,
       aggregate,
       &formats::write_events_page,
       "HTML5 page of the events the minutes mention, upcoming and past",
       "events.html"},
      {"search",
       {".html", ".htm"},
       false,
       aggregate,
       &formats::write_search_page,
       "HTML5 search page of an archive: titles and text, with its one short script",
       "search.html"},
      // After the others: `minutes build` links from the index what they wrote.
      {"index",
       {".html", ".htm"},
       false,
       aggregate,
       &formats::write_index,
       "HTML5 index page of an archive: its series, the newest meetings, upcoming events, feeds",
       "index.html"},
  };
  return table;
}

namespace {

// The extension of a path's last segment, lower-case with its dot (".md"); empty when there is none.
std::string extension(std::string_view path) {
  auto slash = path.find_last_of('/');
  auto dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  return lower(path.substr(dot));
}

template <class Entry>
const Entry* by_extension(const std::vector<Entry>& table, std::string_view path) {
  auto ext = extension(path);
  for (const auto& e : table)
    if (std::find(e.extensions.begin(), e.extensions.end(), ext) != e.extensions.end()) return &e;
  return nullptr;
}

}  // namespace

const Reader* find_reader(std::string_view name) {
  auto n = lower(name);
  for (const auto& r : readers())
    if (r.name == n || std::find(r.aliases.begin(), r.aliases.end(), n) != r.aliases.end()) return &r;
  return nullptr;
}

const Reader* reader_for_path(std::string_view path) { return by_extension(readers(), path); }

const Writer* find_writer(std::string_view name) {
  auto n = lower(name);
  if (n == "ical" || n == "icalendar") n = "ics";
  if (n == "feed") n = "rss";
  for (const auto& w : writers())
    if (w.name == n) return &w;
  return nullptr;
}

const Writer* writer_for_path(std::string_view path) { return by_extension(writers(), path); }

std::string series_file(const Writer& writer, std::string_view folder) {
  return fmt::format(fmt::runtime(writer.per_series), folder);
}

// The library's boundary: readers and writers report problems as diagnostics; an exception that escapes one
// anyway (std::bad_alloc, a bug) becomes an error diagnostic here instead of crossing into the caller.
ir::Meeting load(std::string_view bytes, const ReadOptions& options, const Reader& reader) {
  try {
    ir::Meeting m = recognise(reader.read(bytes, options));
    if (!has_error(m.diagnostics)) enrich(m);
    return m;
  } catch (const std::exception& e) {
    ir::Meeting m;
    m.source = options.source;
    m.diagnostics.push_back({ir::Severity::error, options.source, 0, 0, fmt::format("cannot be read: {}", e.what())});
    return m;
  }
}

Output write(const Writer& writer, std::span<const ir::Meeting> meetings, const WriteOptions& options,
             const WriteContext& context) {
  try {
    return writer.write(meetings, options, context);
  } catch (const std::exception& e) {
    Output out;
    out.diagnostics.push_back(
        {ir::Severity::error, "", 0, 0, fmt::format("the {} writer failed: {}", writer.name, e.what())});
    return out;
  }
}

bool has_error(const std::vector<ir::Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const ir::Diagnostic& d) { return d.severity == ir::Severity::error; });
}

std::string format_diagnostic(const ir::Diagnostic& d) {
  std::string_view sev = d.severity == ir::Severity::error     ? "error"
                         : d.severity == ir::Severity::warning ? "warning"
                                                               : "note";
  std::string where = d.file.empty() ? std::string("minutes") : d.file;
  if (d.line > 0) where += fmt::format(":{}", d.line);
  if (d.line > 0 && d.column > 0) where += fmt::format(":{}", d.column);
  return fmt::format("{}: {}: {}", printable(where), sev, printable(d.message));
}

}  // namespace minutes
