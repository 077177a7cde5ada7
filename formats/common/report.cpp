// Order, title, language and timestamp of a report over several meetings.
#include "formats/common/report.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "converters/core/decode.hpp"

namespace minutes::formats {

std::vector<const ir::Meeting*> in_date_order(std::span<const ir::Meeting> meetings) {
  std::vector<const ir::Meeting*> out;
  for (const auto& m : meetings) out.push_back(&m);
  std::stable_sort(out.begin(), out.end(), [](const ir::Meeting* a, const ir::Meeting* b) {
    if (a->date.has_value() != b->date.has_value()) return a->date.has_value();
    if (a->date && *a->date != *b->date) return *a->date < *b->date;
    return a->source < b->source;
  });
  return out;
}

std::string report_period(std::span<const ir::Meeting> meetings) {
  std::optional<ir::Date> first, last;
  for (const auto& m : meetings) {
    if (!m.date) continue;
    if (!first || *m.date < *first) first = m.date;
    if (!last || *m.date > *last) last = m.date;
  }
  if (!first) return {};
  if (*first == *last) return ir::iso(*first);
  return ir::iso(*first) + " to " + ir::iso(*last);
}

std::vector<std::string> report_series(std::span<const ir::Meeting> meetings) {
  std::vector<std::string> out;
  for (const auto& m : meetings)
    if (!m.series.empty() && std::find(out.begin(), out.end(), m.series) == out.end()) out.push_back(m.series);
  return out;
}

std::string report_title(std::span<const ir::Meeting> meetings, const WriteOptions& options) {
  if (!options.title.empty()) return options.title;
  if (meetings.size() == 1) return ir::display_title(meetings.front());
  if (meetings.empty()) return "Meeting minutes";
  auto series = report_series(meetings);
  std::string name = series.size() == 1 ? series.front() : std::string("Meeting minutes");
  auto period = report_period(meetings);
  return period.empty() ? name : name + ", " + period;
}

std::string report_language(std::span<const ir::Meeting> meetings, const WriteOptions& options) {
  if (!options.lang.empty()) return options.lang;
  for (const auto& m : meetings)
    if (!m.language.empty()) return m.language;
  return "en";
}

int64_t output_timestamp(std::span<const ir::Meeting> meetings, const WriteOptions& options) {
  if (options.source_date_epoch) return *options.source_date_epoch;
  std::optional<ir::Date> last;
  for (const auto& m : meetings)
    if (m.date && (!last || *m.date > *last)) last = m.date;
  return (last ? ir::days_from_civil(*last) : ir::days_from_civil({2000, 1, 1})) * 86400;
}

std::string iso_datetime(int64_t seconds) {
  int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  int64_t rest = seconds - days * 86400;
  ir::Date d = ir::civil_from_days(days);
  return fmt::format("{}T{:02}:{:02}:{:02}Z", ir::iso(d), rest / 3600, rest / 60 % 60, rest % 60);
}

std::string xml_safe(std::string_view text, int* dropped) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    // Runs of printable ASCII, the bulk of any minutes, go over in one piece.
    size_t run = i;
    while (run < text.size()) {
      auto c = static_cast<unsigned char>(text[run]);
      if (c >= 0x80 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) break;
      ++run;
    }
    out.append(text.data() + i, run - i);
    i = run;
    if (i == text.size()) break;
    int n = utf8_sequence_length(text, i);
    if (n == 0) {
      if (dropped) ++*dropped;
      ++i;
      continue;
    }
    auto c = static_cast<unsigned char>(text[i]);
    bool forbidden = (n == 1 && c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
                     (n == 3 && c == 0xEF && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
                      static_cast<unsigned char>(text[i + 2]) >= 0xBE);  // U+FFFE, U+FFFF
    if (forbidden) {
      if (dropped) ++*dropped;
    } else {
      out.append(text.substr(i, static_cast<size_t>(n)));
    }
    i += static_cast<size_t>(n);
  }
  return out;
}

std::string escape_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace minutes::formats
