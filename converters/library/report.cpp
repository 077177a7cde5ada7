// `minutes report`: the meetings of a period (and series) found under an archive, written as one ODT, DOCX or PDF.
#include <minutes/report.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>

#include <minutes/archive.hpp>
#include <minutes/events.hpp>
#include <minutes/files.hpp>

#include "converters/core/strings.hpp"
#include "converters/core/titles.hpp"
#include "converters/library/archive_files.hpp"

namespace minutes::report {

namespace {

std::optional<ir::Date> parse_day(const std::string& s) {
  ir::Date d;
  int used = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &d.year, &d.month, &d.day, &used) != 3 ||
      used != static_cast<int>(s.size()) || s.size() != 10 || !ir::valid(d))
    return std::nullopt;
  return d;
}

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The series of a meeting in an archive: its top folder as minutes.yaml names it, else the folder itself; a file
// at the top keeps the series its title gives.
std::string folder_series(const ir::Meeting& m, const std::string& rel, const Settings& settings) {
  auto slash = rel.find('/');
  if (slash == std::string::npos) return m.series;
  std::string folder = rel.substr(0, slash);
  auto it = settings.series.find(folder);
  return it != settings.series.end() ? it->second : folder;
}

// Whether the meeting belongs to one of the series asked for (by name or top folder, ignoring case).
bool wanted(const std::vector<std::string>& asked, const std::string& series, const std::string& rel) {
  if (asked.empty()) return true;
  std::string folder = rel.substr(0, rel.find('/'));
  return std::any_of(asked.begin(), asked.end(),
                     [&](const std::string& a) { return iequals(a, series) || iequals(a, folder); });
}

bool inside(const Period& p, const ir::Date& d) { return p.from <= d && d <= p.to; }

}  // namespace

PeriodRead period_of(const Settings& settings) {
  const WriteOptions& o = settings.options;
  int kinds = (!o.from.empty() || !o.to.empty()) + !settings.quarter.empty() + !settings.year.empty();
  if (kinds == 0) return {std::nullopt, "say which period: --from DATE --to DATE, --quarter 2023Q2 or --year 2023"};
  if (kinds > 1) return {std::nullopt, "give one period: --from and --to, --quarter or --year"};
  if (!settings.quarter.empty()) {
    const std::string& q = settings.quarter;
    if (q.size() != 6 || !digits(q.substr(0, 4)) || (q[4] != 'Q' && q[4] != 'q') || q[5] < '1' || q[5] > '4')
      return {std::nullopt, fmt::format("--quarter '{}': expected a year and a quarter, e.g. 2023Q2", q)};
    int year = std::stoi(q.substr(0, 4)), first = (q[5] - '1') * 3 + 1;
    ir::Date to{year, first + 2, first + 2 == 6 || first + 2 == 9 ? 30 : 31};
    return {Period{{year, first, 1}, to}, {}};
  }
  if (!settings.year.empty()) {
    if (settings.year.size() != 4 || !digits(settings.year))
      return {std::nullopt, fmt::format("--year '{}': expected a year, e.g. 2023", settings.year)};
    int year = std::stoi(settings.year);
    return {Period{{year, 1, 1}, {year, 12, 31}}, {}};
  }
  if (o.from.empty() || o.to.empty()) return {std::nullopt, "--from and --to go together"};
  auto from = parse_day(o.from), to = parse_day(o.to);
  if (!from) return {std::nullopt, fmt::format("--from '{}': expected a date YYYY-MM-DD", o.from)};
  if (!to) return {std::nullopt, fmt::format("--to '{}': expected a date YYYY-MM-DD", o.to)};
  if (*to < *from) return {std::nullopt, fmt::format("--to {} is before --from {}", o.to, o.from)};
  return {Period{*from, *to}, {}};
}

const std::vector<std::string_view>& formats() {
  static const std::vector<std::string_view> names = {"odt", "docx", "pdf"};
  return names;
}

Result make(const Request& request) {
  Result r;
  std::error_code ec;
  if (!std::filesystem::is_directory(request.src, ec)) {
    r.refusal = fmt::format("{} is not a folder", request.src);
    return r;
  }
  std::string format = request.format;
  if (format.empty()) {
    std::string ext = std::filesystem::path(request.output).extension().string();
    format = ext.empty() ? ext : lower(ext.substr(1));
  }
  if (std::find(formats().begin(), formats().end(), format) == formats().end()) {
    r.refusal = request.format.empty()
                    ? fmt::format("cannot tell the report's format from '{}'; say -t odt, docx or pdf", request.output)
                    : fmt::format("a report is odt, docx or pdf, not '{}'", format);
    return r;
  }

  // Settings: minutes.yaml over the defaults, flags over both, then the environment.
  SettingsRead read = load_settings(request.src);
  Settings settings = std::move(read.settings);
  r.diagnostics = std::move(read.diagnostics);
  for (const Setting* s : request.given) apply_setting(*s, request.flags, settings);
  apply_environment(settings.options);
  for (auto& d : load_calendars(settings)) r.diagnostics.push_back(std::move(d));  // the calendar's curated events
  PeriodRead period = period_of(settings);
  if (!period.period) {
    r.refusal = period.error;
    return r;
  }
  settings.options.from = ir::iso(period.period->from);
  settings.options.to = ir::iso(period.period->to);

  // The meetings of the period: a file whose name gives a date outside it is not even read (the name's date wins).
  archive::Discovery found = archive::discover(request.src, {}, settings.exclude);
  r.sources = found.sources.size();
  for (auto& d : found.diagnostics)
    if (d.severity != ir::Severity::note) r.diagnostics.push_back(archive::shown(std::move(d), request.src));
  std::vector<ir::Meeting> meetings;
  for (const auto& s : found.sources) {
    if (auto named = date_from_file_name(s.rel); named && !inside(*period.period, *named)) continue;
    FileRead file = read_file(s.path);
    if (!file.bytes) {
      r.diagnostics.push_back(archive::shown({ir::Severity::error, s.rel, 0, 0, file.error}, request.src));
      continue;
    }
    ir::Meeting m = load(*file.bytes, ReadOptions{s.rel}, *reader_for_path(s.rel));
    if (!m.date || !inside(*period.period, *m.date)) continue;
    m.series = folder_series(m, s.rel, settings);
    if (!wanted(settings.report_series, m.series, s.rel)) continue;
    for (auto& d : m.diagnostics) r.diagnostics.push_back(archive::shown(d, request.src));
    if (has_error(m.diagnostics)) continue;
    meetings.push_back(std::move(m));
  }
  r.meetings = meetings.size();
  if (meetings.empty()) {
    r.diagnostics.push_back({ir::Severity::error, request.src, 0, 0,
                             fmt::format("no minutes of {} to {} found{}", settings.options.from, settings.options.to,
                                         settings.report_series.empty() ? "" : " in the series asked for")});
    return r;
  }

  const Writer& writer = *find_writer(format == "docx" ? "docx" : "odt");
  Output out = write(writer, meetings, settings.options, request.context);
  if (format == "docx" && request.lay_out && !has_error(out.diagnostics)) {
    // The contents' page numbers: LibreOffice lays the DOCX out once; the numbers go into the fields' results.
    Pages pages = contents_pages(out.bytes, request.office_seconds);
    if (pages.pages.empty()) {
      r.diagnostics.push_back(
          {ir::Severity::note, request.output, 0, 0,
           fmt::format("the contents show no page numbers until fields are updated: {}", pages.error)});
    } else {
      settings.options.contents_pages = std::move(pages.pages);
      out = write(writer, meetings, settings.options, request.context);
      r.paged = true;
    }
  }
  r.diagnostics.insert(r.diagnostics.end(), out.diagnostics.begin(), out.diagnostics.end());
  if (has_error(out.diagnostics)) return r;
  if (format == "pdf") {
    Converted pdf = pdf_from_odt(out.bytes, request.office_seconds);
    if (!pdf.bytes) {
      r.diagnostics.push_back({ir::Severity::error, request.output, 0, 0, "cannot make the PDF: " + pdf.error});
      return r;
    }
    out.bytes = std::move(*pdf.bytes);
  }
  r.bytes = std::move(out.bytes);
  return r;
}

}  // namespace minutes::report
