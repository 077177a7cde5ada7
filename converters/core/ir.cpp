// Helpers over the meeting IR: plain text, dates, diagnostics.
#include <minutes/ir.hpp>

#include <fmt/format.h>

#include <cctype>

#include "converters/core/titles.hpp"

namespace minutes::ir {

void warn(Meeting& m, int line, int column, std::string message, Severity severity) {
  m.diagnostics.push_back({severity, m.source, line, column, std::move(message)});
}

void warn(Document& d, int line, int column, std::string message, Severity severity) {
  d.diagnostics.push_back({severity, d.source, line, column, std::move(message)});
}

namespace {
void append_plain(std::string& out, const Inlines& inlines);

void append_plain(std::string& out, const Inline& in) {
  switch (in.kind) {
    case InlineKind::text:
    case InlineKind::code: out += in.text; break;
    case InlineKind::image: out += in.text; break;
    case InlineKind::mention:
      out += '@';
      out += in.text;
      break;
    case InlineKind::line_break: out += '\n'; break;
    case InlineKind::soft_break: out += ' '; break;
    case InlineKind::emphasis:
    case InlineKind::strong:
    case InlineKind::strikethrough:
    case InlineKind::link: append_plain(out, in.children); break;
  }
}

void append_plain(std::string& out, const Inlines& inlines) {
  for (const auto& in : inlines) append_plain(out, in);
}
}  // namespace

std::string plain_text(const Inline& in) {
  std::string out;
  append_plain(out, in);
  return out;
}

std::string plain_text(const Inlines& inlines) {
  std::string out;
  append_plain(out, inlines);
  return out;
}

std::string item_text(const ListItem& item) {
  std::string out;
  for (const auto& b : item.blocks) {
    if (b.kind == BlockKind::list) continue;
    if (!out.empty()) out += '\n';
    out += plain_text(b);
  }
  return out;
}

std::string plain_text(const Block& block) {
  switch (block.kind) {
    case BlockKind::paragraph:
    case BlockKind::image:
    case BlockKind::html:
    case BlockKind::heading: return plain_text(block.inlines);
    case BlockKind::code: return block.text;
    case BlockKind::rule: return {};
    case BlockKind::quote: {
      std::string out;
      for (const auto& c : block.children) {
        if (!out.empty()) out += '\n';
        out += plain_text(c);
      }
      return out;
    }
    case BlockKind::list: {
      std::string out;
      for (const auto& item : block.items) {
        for (const auto& b : item.blocks) {
          if (!out.empty()) out += '\n';
          out += plain_text(b);
        }
      }
      return out;
    }
    case BlockKind::table: {
      std::string out;
      for (const auto& row : block.rows) {
        if (!out.empty()) out += '\n';
        bool first = true;
        for (const auto& cell : row.cells) {
          if (!first) out += '\t';
          first = false;
          out += plain_text(cell.inlines);
        }
      }
      return out;
    }
  }
  return {};
}

std::string iso(const Date& d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); }

bool valid(const Date& d) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1) return false;
  bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  int max = days[d.month - 1] + (d.month == 2 && leap ? 1 : 0);
  return d.day <= max;
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t days_from_civil(const Date& d) {
  int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (d.month + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

int weekday(const Date& d) {
  int64_t z = days_from_civil(d);  // 1970-01-01 was a Thursday (3)
  return static_cast<int>(((z % 7) + 7 + 3) % 7);
}

bool consumed_meta(const Section& s) {
  if (!s.blocks.empty() || !s.sections.empty() || s.minutes || s.title.size() != 4) return false;
  std::string t;
  for (char c : s.title) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return t == "meta";
}

bool title_only_dates(const Meeting& m) {
  if (trim(m.title).empty()) return true;
  auto found = find_date(m.title);
  return found && series_from_title(m.title, *found).empty();
}

std::string display_title(const Meeting& m) {
  // Most archive minutes are titled with their date alone, and slide decks with the project's name on their
  // title slide; in a feed, an index or a report's contents the series and the date tell one meeting from another.
  if (!m.series.empty() && m.date) {
    std::string when = iso(*m.date);
    if (title_only_dates(m)) return m.series + " \u2013 " + when;
    if (!find_date(m.title))
      return m.title.find(m.series) != std::string::npos ? m.title + " " + when
                                                         : m.title + " \u2013 " + m.series + " " + when;
  }
  if (!m.title.empty()) return m.title;
  auto slash = m.source.find_last_of('/');
  return slash == std::string::npos ? m.source : m.source.substr(slash + 1);
}

}  // namespace minutes::ir
