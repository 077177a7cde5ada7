// `minutes events` in the library: curated calendars read with their includes, the calendar that would be published
// and the candidates left out, as text or JSON.
#include <minutes/events.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

#include <minutes/files.hpp>

#include "converters/core/event_merge.hpp"
#include "converters/core/events.hpp"
#include "formats/common/words.hpp"
#include "formats/formats.hpp"

namespace minutes {

namespace {

namespace fs = std::filesystem;

// Reads one calendar file and those it includes; `seen` keeps each file once (an include cycle ends there).
void read_calendar(const std::string& path, int depth, std::set<std::string>& seen, Settings& settings,
                   std::vector<ir::Diagnostic>& out) {
  std::error_code ec;
  std::string key = fs::weakly_canonical(path, ec).string();
  if (!seen.insert(key).second) return;
  if (depth > 8) {
    out.push_back({ir::Severity::error, path, 0, 0, "calendar files include each other more than 8 deep"});
    return;
  }
  FileRead file = read_file(path);
  if (!file.bytes) {
    out.push_back({ir::Severity::error, path, 0, 0, file.error});
    return;
  }
  ir::Calendar cal = formats::read_yaml2ics(*file.bytes, ReadOptions{path});
  out.insert(out.end(), cal.diagnostics.begin(), cal.diagnostics.end());
  for (const auto& inc : cal.includes) {
    fs::path p = inc;
    if (p.is_relative()) p = fs::path(path).parent_path() / p;
    read_calendar(p.lexically_normal().string(), depth + 1, seen, settings, out);
  }
  for (auto& e : cal.events) settings.options.calendar.push_back(std::move(e));
}

std::string repeats(const ir::Recurrence& r) {
  static constexpr const char* units[] = {"day", "week", "month", "year"};
  std::string unit = units[static_cast<int>(r.unit)];
  std::string every = r.interval == 1 ? "every " + unit : fmt::format("every {} {}s", r.interval, unit);
  if (r.until) every += " until " + ir::iso(*r.until);
  if (!r.except.empty()) every += fmt::format(", except on {} days", r.except.size());
  return every;
}

std::string hhmm(const std::optional<ir::Time>& t) {
  return t ? fmt::format("{:02}:{:02}", t->hour, t->minute) : std::string();
}

nlohmann::json event_json(const ReviewedEvent& r, std::string_view common) {
  const ir::Event& e = r.event;
  nlohmann::json mentions = nlohmann::json::array();
  for (const auto& m : r.mentions)
    mentions.push_back({{"source", mention_path(m.source, common)},
                        {"line", m.line},
                        {"mentioned_on", m.mentioned_on ? ir::iso(*m.mentioned_on) : std::string()}});
  return {{"title", e.title},
          {"uid", r.uid},
          {"start", ir::iso(e.start)},
          {"end", e.end ? ir::iso(*e.end) : std::string()},
          {"start_time", hhmm(e.start_time)},
          {"end_time", hhmm(e.end_time)},
          {"timezone", e.timezone},
          {"location", e.location},
          {"url", e.url},
          {"confidence", std::round(r.confidence * 100) / 100},
          {"reason", r.reason},
          {"repeats", r.repeats},
          {"curated", r.curated},
          {"mentions", std::move(mentions)}};
}

std::string common_of(const EventReview& review) {
  std::vector<ir::Meeting> sources;
  for (const auto* list : {&review.published, &review.rejected})
    for (const auto& r : *list)
      for (const auto& m : r.mentions) sources.emplace_back().source = m.source;
  return common_folder(sources);
}

}  // namespace

std::vector<ir::Diagnostic> load_calendars(Settings& settings) {
  std::vector<ir::Diagnostic> out;
  std::set<std::string> seen;
  settings.options.calendar.clear();
  for (const auto& path : settings.calendar_include) read_calendar(path, 0, seen, settings, out);
  return out;
}

EventReview review_events(std::span<const ir::Meeting> meetings, const WriteOptions& options, bool rejected) {
  EventReview review;
  for (const auto& m : merge_events(meetings, options.calendar, &review.diagnostics)) {
    ReviewedEvent r{m.event, m.uid, m.confidence, m.reason, m.mentions, m.repeat ? repeats(*m.repeat) : "", m.curated};
    review.published.push_back(std::move(r));
  }
  if (!rejected) return review;
  for (const auto& m : meetings) {
    EventCandidates found = event_candidates(m);
    for (auto& e : found.events) {
      if (e.confidence >= publish_confidence) continue;
      ReviewedEvent r;
      r.confidence = e.confidence;
      r.reason = e.reason;
      r.mentions = {e};
      r.event = std::move(e);
      review.rejected.push_back(std::move(r));
    }
  }
  return review;
}

std::string review_text(const EventReview& review, const WriteOptions& options) {
  const auto& words = formats::words_for(options.lang.empty() ? "en" : options.lang);
  std::string common = common_of(review);
  std::string out;
  auto block = [&](const ReviewedEvent& r, bool published) {
    const ir::Event& e = r.event;
    out += fmt::format("{}\n  when:  {}{}\n", e.title, formats::event_when(e, words),
                       r.repeats.empty() ? "" : " (" + r.repeats + ")");
    if (!e.location.empty()) out += fmt::format("  where: {}\n", e.location);
    if (!e.url.empty()) out += fmt::format("  url:   {}\n", e.url);
    if (published) out += fmt::format("  uid:   {}\n", r.uid);
    out += fmt::format("  confidence {:.2f}: {}\n", r.confidence, r.reason);
    for (const auto& m : r.mentions)
      out += fmt::format("  - {}:{}{}\n", mention_path(m.source, common), m.line,
                         m.mentioned_on ? " (" + ir::iso(*m.mentioned_on) + ")" : "");
  };
  out += fmt::format("{} events would be published\n\n", review.published.size());
  for (const auto& r : review.published) {
    block(r, true);
    out += "\n";
  }
  if (!review.rejected.empty()) {
    out += fmt::format("{} candidates left out\n\n", review.rejected.size());
    for (const auto& r : review.rejected) {
      block(r, false);
      out += "\n";
    }
  }
  return out;
}

std::string review_json(const EventReview& review, const WriteOptions&) {
  std::string common = common_of(review);
  nlohmann::json j{{"events", nlohmann::json::array()}, {"rejected", nlohmann::json::array()}};
  for (const auto& r : review.published) j["events"].push_back(event_json(r, common));
  for (const auto& r : review.rejected) j["rejected"].push_back(event_json(r, common));
  return j.dump(1) + "\n";
}

}  // namespace minutes
