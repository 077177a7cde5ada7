// Order, title, language and timestamp of a report over several meetings.
#include "formats/common/report.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include <fmt/format.h>

#include "converters/core/meeting_order.hpp"

namespace minutes::formats {

std::vector<const ir::Meeting*> in_date_order(std::span<const ir::Meeting> meetings) {
  return meetings_by_date(meetings);
}

std::string search_words(const ir::Meeting& meeting, size_t max) {
  std::string out;
  std::unordered_set<std::string> seen;
  bool full = false;
  auto word_byte = [](unsigned char c) { return c >= 0x80 || std::isalnum(c); };
  auto add = [&](std::string_view text) {
    for (size_t i = 0; i < text.size() && !full;) {
      if (!word_byte(static_cast<unsigned char>(text[i]))) {
        ++i;
        continue;
      }
      size_t end = i;
      while (end < text.size() && word_byte(static_cast<unsigned char>(text[end]))) ++end;
      if (end - i >= 3) {
        std::string word(text.substr(i, end - i));
        for (char& c : word)
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (!seen.contains(word)) {
          if (out.size() + word.size() + 1 > max) {
            full = true;
            break;
          }
          if (!out.empty()) out += ' ';
          out += word;
          seen.insert(std::move(word));
        }
      }
      i = end;
    }
  };
  for (const auto& b : meeting.blocks)
    if (!full) add(ir::plain_text(b));
  ir::for_each_section(meeting.sections, [&](const ir::Section& s) {
    for (const auto& b : s.blocks)
      if (!full) add(ir::plain_text(b));
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

bool is_language_tag(std::string_view lang) {
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t start = 0;
  for (bool first = true;; first = false) {
    size_t end = std::min(lang.find('-', start), lang.size());
    auto sub = lang.substr(start, end - start);
    if (sub.size() < (first ? 2u : 1u) || sub.size() > 8) return false;
    for (char c : sub)
      if (!alpha(c) && (first || !digit(c))) return false;
    if (end == lang.size()) return true;
    start = end + 1;
  }
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

std::string first_few(const std::vector<std::string>& items, size_t few) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < few; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > few) out += fmt::format(" and {} more", items.size() - few);
  return out;
}

Fetched fetch_file(const WriteContext& context, std::string_view reference, std::string_view source) {
  if (!context.resources) return {std::nullopt, "is not read: this conversion reads no files"};
  return context.resources->fetch(reference, source);
}

}  // namespace minutes::formats
