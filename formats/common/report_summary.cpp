// The title block, the chapters by series, the summary and the appendix of a report, as IR blocks every
// document writer renders the same way.
#include "formats/common/report_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>

#include "converters/core/strings.hpp"
#include "converters/core/titles.hpp"
#include "formats/common/report.hpp"

namespace minutes::formats {

namespace {

std::optional<ir::Date> parse_day(const std::string& s) {
  ir::Date d;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d", &d.year, &d.month, &d.day) != 3 || !ir::valid(d))
    return std::nullopt;
  return d;
}

// The period: the options' days, else the first and last meeting dates.
std::optional<std::pair<ir::Date, ir::Date>> period_of(std::span<const ir::Meeting> meetings,
                                                       const WriteOptions& options) {
  std::optional<ir::Date> first = parse_day(options.from), last = parse_day(options.to);
  for (const auto& m : meetings) {
    if (!m.date) continue;
    if (options.from.empty() && (!first || *m.date < *first)) first = m.date;
    if (options.to.empty() && (!last || *m.date > *last)) last = m.date;
  }
  if (!first || !last) return std::nullopt;
  return std::make_pair(*first, *last);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Distinct names (ignoring case and a leading '@'), in the spelling first seen, sorted ignoring case.
std::vector<std::string> distinct(const std::vector<std::string>& names) {
  std::map<std::string, std::string> by_key;
  for (const auto& n : names) {
    std::string_view v = trim(n);
    if (!v.empty() && v.front() == '@') v.remove_prefix(1);
    if (!v.empty()) by_key.emplace(lower(v), std::string(v));
  }
  std::vector<std::string> out;
  for (auto& [key, name] : by_key) out.push_back(name);
  return out;
}

ir::Inline text_inline(std::string text) {
  ir::Inline in;
  in.text = std::move(text);
  return in;
}

ir::TableCell cell(std::string text) { return ir::TableCell{{text_inline(std::move(text))}}; }

ir::Block table(std::vector<std::string> head, std::vector<ir::Align> align) {
  ir::Block t;
  t.kind = ir::BlockKind::table;
  t.alignments = std::move(align);
  ir::TableRow row;
  row.header = true;
  for (auto& h : head) row.cells.push_back(cell(std::move(h)));
  t.rows.push_back(std::move(row));
  return t;
}

void add_row(ir::Block& t, std::vector<ir::TableCell> cells) {
  ir::TableRow row;
  row.cells = std::move(cells);
  t.rows.push_back(std::move(row));
}

ir::Block paragraph(std::string text) {
  ir::Block p;
  p.inlines.push_back(text_inline(std::move(text)));
  return p;
}

// An event's title cell: a link to its page when it has one.
ir::TableCell event_title(const ir::Event& e) {
  if (e.url.empty()) return cell(e.title);
  ir::Inline link;
  link.kind = ir::InlineKind::link;
  link.url = e.url;
  link.children.push_back(text_inline(e.title.empty() ? e.url : e.title));
  return ir::TableCell{{link}};
}

// The chapter title of the meeting in its series.
std::string meeting_name(const ir::Meeting* m) { return m ? chapter_title(*m, m->series) : std::string(); }

}  // namespace

std::string period_text(const ir::Date& from, const ir::Date& to, const Words& words) {
  ir::Event span;
  span.start = from;
  if (to != from) span.end = to;
  return event_when(span, words);
}

TitleBlock title_block(std::span<const ir::Meeting> meetings, const WriteOptions& options, const Words& words) {
  TitleBlock b;
  auto ordered = in_date_order(meetings);
  bool report = ordered.size() > 1 || !options.from.empty();
  auto series = report_series(meetings);
  if (!report) {
    const ir::Meeting* m = ordered.empty() ? nullptr : ordered.front();
    b.title = !options.title.empty() ? options.title : m ? ir::display_title(*m) : words.meeting_minutes;
    bool named = series.empty() || b.title.rfind(series.front(), 0) == 0;
    b.subtitle = named ? words.meeting_minutes : series.front();
    if (!options.organisation.empty()) b.lines.emplace_back(words.organisation, options.organisation);
    if (!options.funder.empty()) b.lines.emplace_back(words.funder, options.funder);
    if (m && m->date) b.lines.emplace_back(words.date, period_text(*m->date, *m->date, words));
    if (m && !m->scribes.empty())
      b.lines.emplace_back(m->scribes.size() > 1 ? words.scribes : words.scribe, joined(m->scribes));
    if (m && !m->participants.empty()) b.lines.emplace_back(words.participants, joined(m->participants));
    return b;
  }
  b.report = true;
  b.title = !options.title.empty() ? options.title : series.size() == 1 ? series.front() : words.meeting_minutes;
  if (auto p = period_of(meetings, options)) b.subtitle = period_text(p->first, p->second, words);
  if (!options.organisation.empty()) b.lines.emplace_back(words.organisation, options.organisation);
  if (!options.funder.empty()) b.lines.emplace_back(words.funder, options.funder);
  b.lines.emplace_back(words.meetings, std::to_string(ordered.size()));
  std::vector<std::string> names;
  for (const auto& c : chapters(meetings))
    if (!c.name.empty()) names.push_back(c.name);
  if (!names.empty()) b.lines.emplace_back(words.series, joined(names));
  return b;
}

std::string document_title(const TitleBlock& block) {
  return !block.report || block.subtitle.empty() ? block.title : block.title + ", " + block.subtitle;
}

std::vector<SeriesChapter> chapters(std::span<const ir::Meeting> meetings) {
  std::vector<SeriesChapter> out;
  for (const ir::Meeting* m : in_date_order(meetings)) {
    auto it = std::find_if(out.begin(), out.end(), [&](const SeriesChapter& c) { return c.name == m->series; });
    if (it == out.end()) it = out.insert(out.end(), SeriesChapter{m->series, {}});
    it->meetings.push_back(m);
  }
  std::stable_sort(out.begin(), out.end(), [](const SeriesChapter& a, const SeriesChapter& b) {
    if (a.name.empty() != b.name.empty()) return b.name.empty();
    return lower(a.name) < lower(b.name);
  });
  return out;
}

namespace {

// The title with a date typed with dashes ("2023-04\u201303") written with hyphens, as it stands for.
std::string digits_dashed(const std::string& title) {
  static const std::regex date(R"((^|\D)(\d{4})(?:-|\xE2\x80[\x91\x93])(\d{2})(?:-|\xE2\x80[\x91\x93])(\d{2})(?!\d))");
  return std::regex_replace(title, date, "$1$2-$3-$4");
}

}  // namespace

std::string chapter_title(const ir::Meeting& m, const std::string& series) {
  if (!m.date) return ir::display_title(m);
  std::string day = ir::iso(*m.date);
  std::string dashed = digits_dashed(m.title);
  if (dashed != m.title) {  // "SIG Documentation on 2023-04\u201303": its own date, once
    auto found = find_date(dashed);
    if (found && found->date == *m.date && !series_from_title(dashed, *found).empty()) return dashed;
  }
  auto found = find_date(m.title);
  if (ir::title_only_dates(m) || (found && found->date != *m.date)) {
    std::string name = series;
    if (name.empty() && found) name = series_from_title(m.title, *found);
    if (name.empty()) name = m.series;
    return name.empty() ? day : name + " \u2013 " + day;
  }
  std::string shown = ir::display_title(m);
  return shown.find(day) != std::string::npos ? shown : shown + " \u2013 " + day;
}

Summary summarise(std::span<const ir::Meeting> meetings, const WriteOptions& options, const Words& words) {
  Summary s;
  auto period = period_of(meetings, options);
  if (period) s.period = period_text(period->first, period->second, words);
  s.series = chapters(meetings);
  std::vector<std::string> participants, scribes;
  for (const auto& m : meetings) {
    participants.insert(participants.end(), m.participants.begin(), m.participants.end());
    scribes.insert(scribes.end(), m.scribes.begin(), m.scribes.end());
  }
  s.participants = distinct(participants);
  s.scribes = distinct(scribes);
  for (auto& e : merge_events(meetings, options.calendar)) {  // the calendar's events, curated ones with them
    ir::Date last = e.event.end.value_or(e.event.start);
    if (!period || (e.event.start <= period->second && last >= period->first)) s.events.push_back(std::move(e));
  }
  s.actions = follow_actions(meetings);
  s.closed = static_cast<size_t>(
      std::count_if(s.actions.begin(), s.actions.end(), [](const FollowedAction& a) { return a.done; }));
  for (const auto& c : s.series)
    for (const ir::Meeting* m : c.meetings)
      for (auto& d : find_decisions(*m)) s.decisions.push_back({m, std::move(d)});
  if (period) {
    for (ir::Date d{period->first.year, period->first.month, 1}; d <= period->second;
         d = d.month == 12 ? ir::Date{d.year + 1, 1, 1} : ir::Date{d.year, d.month + 1, 1})
      s.months.push_back(fmt::format("{:04}-{:02}", d.year, d.month));
  }
  for (const auto& c : s.series) {
    std::vector<int> counts(s.months.size(), 0);
    for (const ir::Meeting* m : c.meetings) {
      if (!m->date) continue;
      auto it = std::find(s.months.begin(), s.months.end(), fmt::format("{:04}-{:02}", m->date->year, m->date->month));
      if (it != s.months.end()) ++counts[static_cast<size_t>(it - s.months.begin())];
    }
    s.per_month.push_back(std::move(counts));
  }
  return s;
}

SummaryBlocks summary_blocks(const Summary& s, const Words& w) {
  SummaryBlocks out;
  size_t meetings = 0;
  for (const auto& c : s.series) meetings += c.meetings.size();
  auto figures = table({w.figures, ""}, {ir::Align::left, ir::Align::right});
  auto figure = [&](const std::string& label, size_t n) { add_row(figures, {cell(label), cell(std::to_string(n))}); };
  figure(w.meetings_held, meetings);
  figure(w.series, s.series.size());
  figure(w.distinct_participants, s.participants.size());
  figure(w.distinct_scribes, s.scribes.size());
  figure(w.events_held, s.events.size());
  figure(w.actions_raised, s.actions.size());
  figure(w.actions_done, s.closed);
  figure(w.decisions, s.decisions.size());
  out.figures.push_back(std::move(figures));
  auto per_series = table({w.series, w.meetings}, {ir::Align::left, ir::Align::right});
  for (const auto& c : s.series)
    add_row(per_series, {cell(c.name.empty() ? w.no_series : c.name), cell(std::to_string(c.meetings.size()))});
  add_row(per_series, {cell(w.total), cell(std::to_string(meetings))});
  out.figures.push_back(std::move(per_series));
  if (!s.events.empty()) {
    auto events = table({w.event, w.date, w.place}, {ir::Align::left, ir::Align::left, ir::Align::left});
    for (const auto& e : s.events)
      add_row(events, {event_title(e.event), cell(event_when(e.event, w)), cell(e.event.location)});
    out.events.push_back(std::move(events));
  }
  return out;
}

std::vector<std::pair<std::string, ir::Blocks>> appendix_blocks(const Summary& s, const Words& w) {
  std::vector<std::pair<std::string, ir::Blocks>> out;
  auto actions = [&](bool done) {
    auto t = table({w.owner, w.task, w.meeting, done ? w.status : w.due_date},
                   {ir::Align::left, ir::Align::left, ir::Align::left, ir::Align::left});
    for (const auto& a : s.actions) {
      if (a.done != done) continue;
      std::string last = !done       ? (a.item.due ? ir::iso(*a.item.due) : std::string())
                         : a.done_in ? fill(w.done_in, {{"meeting", meeting_name(a.done_in)}})
                                     : w.done;
      add_row(t, {cell(a.item.owner), cell(a.item.text), cell(meeting_name(a.meeting)), cell(last)});
    }
    ir::Blocks blocks;
    if (t.rows.size() > 1)
      blocks.push_back(std::move(t));
    else
      blocks.push_back(paragraph(w.nothing));
    return blocks;
  };
  out.emplace_back(w.open_actions, actions(false));
  out.emplace_back(w.done_actions, actions(true));
  ir::Blocks decisions;
  if (s.decisions.empty()) {
    decisions.push_back(paragraph(w.nothing));
  } else {
    auto t = table({w.decision, w.meeting}, {ir::Align::left, ir::Align::left});
    for (const auto& d : s.decisions) add_row(t, {cell(d.decision.text), cell(meeting_name(d.meeting))});
    decisions.push_back(std::move(t));
  }
  out.emplace_back(w.decisions, std::move(decisions));
  return out;
}

bool empty_section(const ir::Section& s) {
  if (s.minutes && (!s.minutes->url.empty() || !s.minutes->status.empty())) return false;
  for (const auto& b : s.blocks)
    if (b.kind != ir::BlockKind::paragraph || !b.inlines.empty()) return false;
  return std::all_of(s.sections.begin(), s.sections.end(), [](const ir::Section& sub) { return empty_section(sub); });
}

std::string minutes_status_text(const ir::MinutesRef& m) {
  if (m.status.empty()) return {};
  if (m.url.empty()) return m.status;
  if (m.status.front() == '+' || m.status.front() == '(' || m.status.front() == ',') return " " + m.status;
  return " (" + m.status + ")";
}

std::vector<ir::Event> meeting_events(const ir::Meeting& meeting) {
  std::vector<ir::Event> out;
  for (auto& e : merge_events(std::span<const ir::Meeting>(&meeting, 1))) out.push_back(std::move(e.event));
  return out;
}

}  // namespace minutes::formats
