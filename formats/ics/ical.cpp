// RFC 5545 building blocks: TEXT escaping, folding at 75 octets, stable UIDs, VTIMEZONE from the tz database.
#include "formats/ics/ical.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <array>
#include <chrono>
#include <mutex>

#include "formats/common/text.hpp"

namespace minutes::formats::ics {

namespace {

std::string local_stamp(date::local_seconds t) {
  auto days = date::floor<date::days>(t);
  date::year_month_day ymd{days};
  date::hh_mm_ss hms{t - days};
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

std::string utc_offset(std::chrono::seconds offset) {
  auto s = offset.count();
  char sign = s < 0 ? '-' : '+';
  s = s < 0 ? -s : s;
  if (s % 60) return fmt::format("{}{:02}{:02}{:02}", sign, s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}{:02}{:02}", sign, s / 3600, s / 60 % 60);
}

const date::time_zone* find_zone(const std::string& tzid) {
  static std::mutex mutex;  // the first call loads the database
  std::lock_guard lock(mutex);
  try {
    return date::locate_zone(tzid);
  } catch (const std::exception&) { return nullptr; }
}

}  // namespace

std::string escape_text(std::string_view text) {
  std::string clean = clean_text(text);
  std::string out;
  out.reserve(clean.size() + 8);
  for (char c : clean) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string fold_line(std::string_view line) {
  std::string out;
  size_t limit = 75;  // the first line: 75 octets; continuations: a space and 74
  while (line.size() > limit) {
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // not inside a sequence
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

bool is_utc(std::string_view tzid) {
  static constexpr std::array<std::string_view, 8> names = {"UTC", "Etc/UTC", "Etc/UCT", "UCT",
                                                            "Z",   "Etc/GMT", "GMT",     "Etc/Zulu"};
  for (auto n : names)
    if (tzid == n) return true;
  return false;
}

bool known_zone(const std::string& tzid) { return find_zone(tzid) != nullptr; }

std::optional<std::string> utc_date_time(const std::string& tzid, const ir::Date& d, const ir::Time& t, int second) {
  const date::time_zone* zone = find_zone(tzid);
  if (!zone) return std::nullopt;
  using namespace std::chrono;
  auto local = date::local_days{date::year{d.year} / static_cast<unsigned>(d.month) / static_cast<unsigned>(d.day)} +
               hours{t.hour} + std::chrono::minutes{t.minute} + seconds{second};
  auto utc = zone->to_sys(local, date::choose::earliest);
  auto days = date::floor<date::days>(utc);
  date::year_month_day ymd{days};
  date::hh_mm_ss hms{utc - days};
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()), hms.hours().count(), hms.minutes().count(),
                     hms.seconds().count());
}

std::optional<std::string> vtimezone(const std::string& tzid, int from_year, int to_year) {
  const date::time_zone* zone = find_zone(tzid);
  if (!zone) return std::nullopt;
  using namespace std::chrono;
  const auto epoch = date::sys_seconds{date::sys_days{date::year{1970} / 1 / 1}};
  const auto begin = date::sys_seconds{date::sys_days{date::year{from_year} / 1 / 1}};
  const auto end = date::sys_seconds{date::sys_days{date::year{to_year + 1} / 1 / 1}};
  std::string out = fold_line("BEGIN:VTIMEZONE") + fold_line("TZID:" + escape_text(tzid));
  auto info = zone->get_info(begin);
  for (int guard = 0; guard < 1000; ++guard) {
    bool known_start = info.begin > epoch;
    auto from = known_start ? zone->get_info(info.begin - seconds{1}).offset : info.offset;
    auto start = known_start ? info.begin : epoch;
    const char* kind = info.save != std::chrono::minutes{0} ? "DAYLIGHT" : "STANDARD";
    out += fold_line(std::string("BEGIN:") + kind);
    out += fold_line("DTSTART:" + local_stamp(date::local_seconds{(start + from).time_since_epoch()}));
    out += fold_line("TZOFFSETFROM:" + utc_offset(from));
    out += fold_line("TZOFFSETTO:" + utc_offset(info.offset));
    if (!info.abbrev.empty()) out += fold_line("TZNAME:" + escape_text(info.abbrev));
    out += fold_line(std::string("END:") + kind);
    if (info.end >= end) break;
    info = zone->get_info(info.end);
  }
  out += fold_line("END:VTIMEZONE");
  return out;
}

}  // namespace minutes::formats::ics
