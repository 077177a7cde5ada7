// The words writers add themselves, per language, from templates/translations/<lang>.yaml (embedded).
#pragma once

#include <array>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include <minutes/ir.hpp>

namespace minutes::formats {

// One language's words (see templates/translations/en.yaml for each); patterns hold {name} placeholders.
struct Words {
  std::string language;  // "en", "de"
  std::string minutes, scribe, scribes, participants, date, organisation, funder, meetings, meetings_count, contents,
      period, series, meeting_minutes, none, page, of;
  std::string events, event, place, event_dates, action_items, due;
  std::string other_formats, feed, calendar, rss_feed, all_minutes, converted, converted_from, image;
  std::string minutes_of, mentioned_in, owner, from_minutes;
  std::string newest_minutes, newest_series_minutes, atom_feed, json_feed, feeds, previous, next, series_pages,
      series_page, archive_home, events_page, upcoming_events, past_events, no_upcoming, as_of, search, search_label,
      search_hint, no_results, meetings_in, undated;
  std::string summary, figures, meetings_held, meetings_per_series, distinct_participants, distinct_scribes,
      events_held, actions_raised, actions_done, decisions, chart, month, total, appendix, open_actions, done_actions,
      task, meeting, status, open, done, done_in, decision, due_date, no_series, nothing;
  std::array<std::string, 12> months;
  std::string day, days_in_month, days_in_year, days, time, times, date_time;
};

// The words for a BCP 47 tag: its primary language's file ("de-AT": de.yaml), else English.
const Words& words_for(std::string_view lang);

// The languages that have a translations file, in order ("de", "en").
std::vector<std::string> word_languages();

// A pattern with each {name} replaced by its value ("{n} meetings", {{"n", "3"}} -> "3 meetings").
std::string fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string_view>> values);

// An event's date and time as every writer shows it: "4 May 2023", "10–11 May 2023, 09:00–17:00",
// "30 May – 2 June 2023, 09:00" (in German "10.–11. Mai 2023, 09:00–17:00 Uhr"); ISO dates when invalid.
std::string event_when(const ir::Event& event, const Words& words);

}  // namespace minutes::formats
