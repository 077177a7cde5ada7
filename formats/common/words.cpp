// Loads the embedded translations (templates/translations/*.yaml) once, and renders an event's date and time.
#include "formats/common/words.hpp"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include <map>
#include <vector>

namespace minutes::embedded {
// The templates/translations/ files, embedded at build time.
const std::vector<std::pair<std::string_view, std::string_view>>& translations();
}  // namespace minutes::embedded

namespace minutes::formats {

namespace {

using Field = std::string Words::*;

// Every key of a translations file and the field it fills.
const std::vector<std::pair<const char*, Field>>& fields() {
  static const std::vector<std::pair<const char*, Field>> table = {
      {"minutes", &Words::minutes},
      {"scribe", &Words::scribe},
      {"scribes", &Words::scribes},
      {"participants", &Words::participants},
      {"date", &Words::date},
      {"organisation", &Words::organisation},
      {"funder", &Words::funder},
      {"meetings", &Words::meetings},
      {"meetings_count", &Words::meetings_count},
      {"contents", &Words::contents},
      {"period", &Words::period},
      {"series", &Words::series},
      {"meeting_minutes", &Words::meeting_minutes},
      {"none", &Words::none},
      {"page", &Words::page},
      {"of", &Words::of},
      {"events", &Words::events},
      {"event", &Words::event},
      {"place", &Words::place},
      {"event_dates", &Words::event_dates},
      {"action_items", &Words::action_items},
      {"due", &Words::due},
      {"other_formats", &Words::other_formats},
      {"feed", &Words::feed},
      {"calendar", &Words::calendar},
      {"rss_feed", &Words::rss_feed},
      {"all_minutes", &Words::all_minutes},
      {"converted", &Words::converted},
      {"converted_from", &Words::converted_from},
      {"image", &Words::image},
      {"minutes_of", &Words::minutes_of},
      {"mentioned_in", &Words::mentioned_in},
      {"owner", &Words::owner},
      {"from_minutes", &Words::from_minutes},
      {"newest_minutes", &Words::newest_minutes},
      {"newest_series_minutes", &Words::newest_series_minutes},
      {"atom_feed", &Words::atom_feed},
      {"json_feed", &Words::json_feed},
      {"feeds", &Words::feeds},
      {"previous", &Words::previous},
      {"next", &Words::next},
      {"series_pages", &Words::series_pages},
      {"series_page", &Words::series_page},
      {"archive_home", &Words::archive_home},
      {"events_page", &Words::events_page},
      {"upcoming_events", &Words::upcoming_events},
      {"past_events", &Words::past_events},
      {"no_upcoming", &Words::no_upcoming},
      {"as_of", &Words::as_of},
      {"search", &Words::search},
      {"search_label", &Words::search_label},
      {"search_hint", &Words::search_hint},
      {"no_results", &Words::no_results},
      {"meetings_in", &Words::meetings_in},
      {"undated", &Words::undated},
      {"summary", &Words::summary},
      {"figures", &Words::figures},
      {"meetings_held", &Words::meetings_held},
      {"meetings_per_series", &Words::meetings_per_series},
      {"distinct_participants", &Words::distinct_participants},
      {"distinct_scribes", &Words::distinct_scribes},
      {"events_held", &Words::events_held},
      {"actions_raised", &Words::actions_raised},
      {"actions_done", &Words::actions_done},
      {"decisions", &Words::decisions},
      {"chart", &Words::chart},
      {"month", &Words::month},
      {"total", &Words::total},
      {"appendix", &Words::appendix},
      {"open_actions", &Words::open_actions},
      {"done_actions", &Words::done_actions},
      {"task", &Words::task},
      {"meeting", &Words::meeting},
      {"status", &Words::status},
      {"open", &Words::open},
      {"done", &Words::done},
      {"done_in", &Words::done_in},
      {"decision", &Words::decision},
      {"no_series", &Words::no_series},
      {"due_date", &Words::due_date},
      {"nothing", &Words::nothing},
      {"day", &Words::day},
      {"days_in_month", &Words::days_in_month},
      {"days_in_year", &Words::days_in_year},
      {"days", &Words::days},
      {"time", &Words::time},
      {"times", &Words::times},
      {"date_time", &Words::date_time},
  };
  return table;
}

// Reads one file over `words` (the English words, for keys it lacks). The files are ours and tested
// (tests/odt: every file has every key), so a broken one only leaves the English words in place.
void read_into(Words& words, std::string_view yaml) {
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    for (const auto& [key, field] : fields())
      if (root[key] && root[key].IsScalar()) words.*field = root[key].as<std::string>();
    if (auto months = root["months"]; months && months.IsSequence() && months.size() == 12)
      for (size_t i = 0; i < 12; ++i) words.months[i] = months[i].as<std::string>();
  } catch (const YAML::Exception&) {}
}

// language -> words, read once from the embedded files (constant data, not a cache of anything read).
const std::map<std::string, Words>& all_words() {
  static const std::map<std::string, Words> all = [] {
    std::map<std::string, Words> out;
    auto language_of = [](std::string_view path) { return std::string(path.substr(0, path.find('.'))); };
    Words english;
    for (const auto& [path, bytes] : embedded::translations())
      if (language_of(path) == "en") read_into(english, bytes);
    english.language = "en";
    for (const auto& [path, bytes] : embedded::translations()) {
      Words w = english;
      w.language = language_of(path);
      read_into(w, bytes);
      out.emplace(w.language, std::move(w));
    }
    out.emplace("en", english);
    return out;
  }();
  return all;
}

std::string two(int n) { return fmt::format("{:02}", n); }

}  // namespace

const Words& words_for(std::string_view lang) {
  std::string primary(lang.substr(0, lang.find_first_of("-_")));
  for (auto& c : primary)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  const auto& all = all_words();
  auto it = all.find(primary);
  return it != all.end() ? it->second : all.at("en");
}

std::vector<std::string> word_languages() {
  std::vector<std::string> out;
  for (const auto& [language, words] : all_words()) out.push_back(language);
  return out;
}

std::string fill(std::string_view pattern,
                 std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string out;
  out.reserve(pattern.size() + 16);
  for (size_t i = 0; i < pattern.size();) {
    bool done = false;
    if (pattern[i] == '{') {
      auto close = pattern.find('}', i);
      std::string_view name =
          close == std::string_view::npos ? std::string_view() : pattern.substr(i + 1, close - i - 1);
      for (const auto& [key, value] : values)
        if (!done && key == name) {
          out += value;
          i = close + 1;
          done = true;
        }
    }
    if (!done) out += pattern[i++];
  }
  return out;
}

std::string event_when(const ir::Event& e, const Words& w) {
  auto month = [&](const ir::Date& d) { return std::string_view(w.months[static_cast<size_t>(d.month - 1)]); };
  auto day = [&](const ir::Date& d) {
    return fill(w.day, {{"d", std::to_string(d.day)}, {"month", month(d)}, {"y", std::to_string(d.year)}});
  };
  std::optional<ir::Date> end = e.end && *e.end != e.start ? e.end : std::nullopt;
  std::string text;
  if (!ir::valid(e.start) || (end && !ir::valid(*end))) {
    text = ir::iso(e.start) + (end ? " \u2013 " + ir::iso(*end) : std::string());
  } else if (!end) {
    text = day(e.start);
  } else if (end->year == e.start.year && end->month == e.start.month) {
    text = fill(w.days_in_month, {{"d1", std::to_string(e.start.day)},
                                  {"d2", std::to_string(end->day)},
                                  {"month", month(e.start)},
                                  {"y", std::to_string(e.start.year)}});
  } else if (end->year == e.start.year) {
    text = fill(w.days_in_year, {{"d1", std::to_string(e.start.day)},
                                 {"month1", month(e.start)},
                                 {"d2", std::to_string(end->day)},
                                 {"month2", month(*end)},
                                 {"y", std::to_string(e.start.year)}});
  } else {
    text = fill(w.days, {{"date1", day(e.start)}, {"date2", day(*end)}});
  }
  if (!e.start_time) return text;
  std::string t1 = two(e.start_time->hour) + ":" + two(e.start_time->minute);
  std::string time = e.end_time
                         ? fill(w.times, {{"t1", t1}, {"t2", two(e.end_time->hour) + ":" + two(e.end_time->minute)}})
                         : fill(w.time, {{"t", t1}});
  return fill(w.date_time, {{"date", text}, {"time", time}});
}

}  // namespace minutes::formats
