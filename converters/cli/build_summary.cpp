// Meeting summaries (title, series, date, source, events, actions) to and from JSON with nlohmann.
#include "converters/cli/build_summary.hpp"

#include <nlohmann/json.hpp>

namespace minutes::build {

namespace {

using json = nlohmann::json;
constexpr int summaries_layout = 1;

json date_json(const std::optional<ir::Date>& d) { return d ? json::array({d->year, d->month, d->day}) : json(nullptr); }
json time_json(const std::optional<ir::Time>& t) { return t ? json::array({t->hour, t->minute}) : json(nullptr); }

std::optional<ir::Date> date_of(const json& j) {
  if (!j.is_array() || j.size() != 3) return std::nullopt;
  return ir::Date{j[0].get<int>(), j[1].get<int>(), j[2].get<int>()};
}
std::optional<ir::Time> time_of(const json& j) {
  if (!j.is_array() || j.size() != 2) return std::nullopt;
  return ir::Time{j[0].get<int>(), j[1].get<int>()};
}

json meeting_json(const ir::Meeting& m) {
  json events = json::array(), actions = json::array();
  for (const auto& e : m.events)
    events.push_back({{"title", e.title},       {"start", date_json(e.start)},   {"end", date_json(e.end)},
                      {"start_time", time_json(e.start_time)}, {"end_time", time_json(e.end_time)},
                      {"timezone", e.timezone}, {"location", e.location},       {"url", e.url},
                      {"description", e.description}, {"source", e.source},    {"mentioned_on", date_json(e.mentioned_on)},
                      {"line", e.line}});
  for (const auto& a : m.actions)
    actions.push_back({{"owner", a.owner}, {"text", a.text}, {"due", date_json(a.due)}, {"done", a.done}, {"line", a.line}});
  return {{"title", m.title},  {"series", m.series},  {"date", date_json(m.date)},
          {"source", m.source}, {"events", events},   {"actions", actions}};
}

ir::Meeting meeting_of(const json& j) {
  ir::Meeting m;
  m.title = j.at("title").get<std::string>();
  m.series = j.at("series").get<std::string>();
  m.date = date_of(j.at("date"));
  m.source = j.at("source").get<std::string>();
  for (const auto& e : j.at("events")) {
    ir::Event ev;
    ev.title = e.at("title").get<std::string>();
    ev.start = date_of(e.at("start")).value_or(ir::Date{});
    ev.end = date_of(e.at("end"));
    ev.start_time = time_of(e.at("start_time"));
    ev.end_time = time_of(e.at("end_time"));
    ev.timezone = e.at("timezone").get<std::string>();
    ev.location = e.at("location").get<std::string>();
    ev.url = e.at("url").get<std::string>();
    ev.description = e.at("description").get<std::string>();
    ev.source = e.at("source").get<std::string>();
    ev.mentioned_on = date_of(e.at("mentioned_on"));
    ev.line = e.at("line").get<int>();
    m.events.push_back(std::move(ev));
  }
  for (const auto& a : j.at("actions")) {
    ir::ActionItem item;
    item.owner = a.at("owner").get<std::string>();
    item.text = a.at("text").get<std::string>();
    item.due = date_of(a.at("due"));
    item.done = a.at("done").get<bool>();
    item.line = a.at("line").get<int>();
    m.actions.push_back(std::move(item));
  }
  return m;
}

}  // namespace

ir::Meeting summarise(const ir::Meeting& meeting) {
  ir::Meeting m;
  m.title = meeting.title;
  m.series = meeting.series;
  m.date = meeting.date;
  m.source = meeting.source;
  m.events = meeting.events;
  m.actions = meeting.actions;
  return m;
}

std::string dump_summaries(const std::map<std::string, Summary>& summaries) {
  json j;
  j["layout"] = summaries_layout;
  json all = json::object();
  for (const auto& [rel, s] : summaries) all[rel] = {{"hash", s.hash}, {"meeting", meeting_json(s.meeting)}};
  j["meetings"] = std::move(all);
  return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::map<std::string, Summary> parse_summaries(std::string_view text) {
  std::map<std::string, Summary> out;
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("layout", 0) != summaries_layout) return out;
  try {
    for (const auto& [rel, s] : j.at("meetings").items()) out[rel] = {s.at("hash").get<std::string>(), meeting_of(s.at("meeting"))};
  } catch (const json::exception&) {
    out.clear();
  }
  return out;
}

}  // namespace minutes::build
