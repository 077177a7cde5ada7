// Writes the pages of an archive's site besides the index: a series' page, the events page and the search page.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "converters/core/event_merge.hpp"
#include "formats/common/report.hpp"
#include "formats/common/text.hpp"
#include "formats/common/url.hpp"
#include "formats/formats.hpp"
#include "formats/html/site.hpp"

namespace minutes::embedded {
// The templates/site/ files (the search script), embedded at build time.
const std::vector<std::pair<std::string_view, std::string_view>>& site();
}  // namespace minutes::embedded

namespace minutes::formats {

namespace {

using html::link_element;
using html::text_element;
using html::today_of;

std::string top_folder(std::string_view source) {
  auto slash = source.find('/');
  return slash == std::string_view::npos ? std::string() : std::string(source.substr(0, slash));
}

// The href of a meeting's page from a page under root_prefix; empty when the archive has none.
std::string page_href(const ir::Meeting& m, const WriteOptions& o, const WriteContext& context) {
  const SitePage* p = context.site ? context.site->find(m.source) : nullptr;
  return p && !p->page.empty() ? local_href(o.root_prefix + p->page) : std::string();
}

void add_time(pugi::xml_node parent, const ir::Date& d, std::string_view shown = {}) {
  auto t = text_element(parent, "time", shown.empty() ? ir::iso(d) : shown);
  t.append_attribute("datetime").set_value(ir::iso(d).c_str());
}

// A meeting in a list: its date, its name linked to its page, its first topics.
void add_entry(pugi::xml_node list, const ir::Meeting& m, const WriteOptions& o, const WriteContext& context) {
  auto li = list.append_child("li");
  if (m.date) add_time(li, *m.date);
  std::string href = page_href(m, o, context);
  if (href.empty())
    text_element(li, "span", ir::display_title(m));
  else
    link_element(li, href, ir::display_title(m));
  std::vector<std::string> topics;  // the first four, then how many more (no copy of every title)
  size_t more = 0;
  for (const auto& s : m.sections) {
    if (ir::consumed_meta(s)) continue;
    if (topics.size() < 4)
      topics.push_back(s.title);
    else
      ++more;
  }
  if (topics.empty()) return;
  std::string shown = first_few(topics, 4);
  if (more > 0) shown += fmt::format(" and {} more", more);
  text_element(li, "span", shown).append_attribute("class").set_value("topics");
}

// The newest first, undated last.
std::vector<const ir::Meeting*> newest_first(std::span<const ir::Meeting> meetings) {
  auto ordered = in_date_order(meetings);
  std::stable_sort(ordered.begin(), ordered.end(), [](const ir::Meeting* a, const ir::Meeting* b) {
    if (a->date.has_value() != b->date.has_value()) return a->date.has_value();
    return a->date && *a->date > *b->date;
  });
  return ordered;
}

std::string language(std::span<const ir::Meeting> meetings, const WriteOptions& o) {
  return o.lang.empty() ? report_language(meetings, o) : o.lang;
}

Output series_page(std::span<const ir::Meeting> meetings, const WriteOptions& o, const WriteContext& context) {
  std::string lang = language(meetings, o);
  const Words& words = words_for(lang);
  std::string folder = meetings.empty() ? std::string() : top_folder(meetings.front().source);
  std::string name = folder;
  if (context.site)
    if (auto it = context.site->series_names.find(folder); it != context.site->series_names.end()) name = it->second;
  html::SitePage page;
  html::open_site_page(page, name, lang, o.root_prefix, words);
  std::string period = report_period(meetings);
  text_element(page.header, "p",
               fill(words.meetings_in, {{"n", std::to_string(meetings.size())}}) +
                   (period.empty() ? "" : " \u00b7 " + period) + (o.title.empty() ? "" : " \u00b7 " + o.title))
      .append_attribute("class")
      .set_value("meta");
  auto feeds = page.header.append_child("nav");
  feeds.append_attribute("class").set_value("formats");
  feeds.append_attribute("aria-label").set_value(words.feeds.c_str());
  for (const auto& [ext, label] :
       {std::pair{".xml", &words.rss_feed}, std::pair{".atom", &words.atom_feed}, std::pair{".json", &words.json_feed}})
    link_element(feeds, local_href(o.root_prefix + "feeds/" + folder + ext), *label);
  auto list = page.main.append_child("ul");
  list.append_attribute("class").set_value("entries");
  for (const ir::Meeting* m : newest_first(meetings)) add_entry(list, *m, o, context);
  Output out;
  out.bytes = html::close_site_page(page, o.title.empty() ? words.converted : o.title + ". " + words.converted);
  return out;
}

void add_event(pugi::xml_node list, const MergedEvent& merged, std::span<const ir::Meeting> meetings,
               const WriteOptions& o, const WriteContext& context, const Words& words) {
  const ir::Event& e = merged.event;
  auto li = list.append_child("li");
  add_time(li, e.start, event_when(e, words));
  li.append_child(pugi::node_pcdata).set_value(" ");
  std::string url = safe_url(e.url);
  if (auto scheme = url_scheme(url); scheme == "http" || scheme == "https")
    link_element(li, url, e.title);
  else
    text_element(li, "strong", e.title);
  if (!e.location.empty()) li.append_child(pugi::node_pcdata).set_value(clean_text(", " + e.location).c_str());
  auto from =
      std::find_if(meetings.begin(), meetings.end(), [&](const ir::Meeting& m) { return m.source == e.source; });
  if (from == meetings.end()) return;
  std::string href = page_href(*from, o, context);
  auto note = text_element(li, "span", " (" + fill(words.mentioned_in, {{"sources", ""}}));
  note.append_attribute("class").set_value("topics");
  if (href.empty())
    note.append_child(pugi::node_pcdata).set_value(clean_text(ir::display_title(*from)).c_str());
  else
    link_element(note, href, ir::display_title(*from));
  note.append_child(pugi::node_pcdata).set_value(")");
}

Output events_page(std::span<const ir::Meeting> meetings, const WriteOptions& o, const WriteContext& context) {
  std::string lang = language(meetings, o);
  const Words& words = words_for(lang);
  html::SitePage page;
  html::open_site_page(page, words.events_page, lang, o.root_prefix, words);
  auto today = today_of(meetings, o);
  if (today)
    text_element(page.header, "p", fill(words.as_of, {{"date", ir::iso(*today)}}))
        .append_attribute("class")
        .set_value("meta");
  auto events = merge_events(meetings, o.calendar);
  std::vector<const MergedEvent*> upcoming, past;
  for (const auto& e : events) (today && e.event.end.value_or(e.event.start) >= *today ? upcoming : past).push_back(&e);
  std::reverse(past.begin(), past.end());  // the latest first
  for (const auto& [id, heading, list, none] :
       {std::tuple{"upcoming", &words.upcoming_events, &upcoming, &words.no_upcoming},
        std::tuple{"past", &words.past_events, &past, static_cast<const std::string*>(nullptr)}}) {
    auto section = page.main.append_child("section");
    section.append_attribute("id").set_value(id);
    text_element(section, "h2", *heading);
    if (list->empty() && none) text_element(section, "p", *none);
    if (list->empty()) continue;
    auto ul = section.append_child("ul");
    ul.append_attribute("class").set_value("entries");
    for (const MergedEvent* e : *list) add_event(ul, *e, meetings, o, context, words);
  }
  Output out;
  out.bytes = html::close_site_page(page, o.title.empty() ? words.converted : o.title + ". " + words.converted);
  return out;
}

// JSON that may stand inside a <script> element: '<', '>' and '&' as \u escapes.
std::string script_safe(const std::string& json) {
  std::string out;
  for (char c : json) {
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else
      out += c;
  }
  return out;
}

Output search_page(std::span<const ir::Meeting> meetings, const WriteOptions& o, const WriteContext& context) {
  std::string lang = language(meetings, o);
  const Words& words = words_for(lang);
  html::SitePage page;
  html::open_site_page(page, words.search, lang, o.root_prefix, words);
  text_element(page.header, "p", words.search_hint).append_attribute("class").set_value("meta");
  auto form = page.main.append_child("form");
  form.append_attribute("id").set_value("search-form");
  form.append_attribute("role").set_value("search");
  form.append_attribute("action").set_value("search.html");
  text_element(form, "label", words.search_label).append_attribute("for").set_value("q");
  form.append_child(pugi::node_pcdata).set_value(" ");
  auto input = form.append_child("input");
  input.append_attribute("type").set_value("search");
  input.append_attribute("id").set_value("q");
  input.append_attribute("name").set_value("q");
  form.append_child(pugi::node_pcdata).set_value(" ");
  text_element(form, "button", words.search).append_attribute("type").set_value("submit");
  auto status = page.main.append_child("p");
  status.append_attribute("id").set_value("search-status");
  status.append_attribute("role").set_value("status");
  status.append_attribute("data-none").set_value(words.no_results.c_str());
  status.append_attribute("data-found").set_value(fill(words.meetings_in, {{"n", "{n}"}}).c_str());
  auto results = page.main.append_child("ul");
  results.append_attribute("id").set_value("results");
  results.append_attribute("class").set_value("entries");

  nlohmann::json index = nlohmann::json::array();
  for (const ir::Meeting* m : newest_first(meetings)) {
    std::string text;
    ir::for_each_section(m->sections, [&](const ir::Section& s) { text += s.title + " "; });
    for (const auto& e : m->events) text += e.title + " ";
    for (const auto& a : m->actions) text += a.text + " ";
    text += search_words(*m);
    index.push_back({{"t", clean_text(ir::display_title(*m))},
                     {"u", page_href(*m, o, context)},
                     {"d", m->date ? ir::iso(*m->date) : std::string()},
                     {"s", clean_text(m->series)},
                     {"x", clean_text(text)}});
  }
  auto data = page.main.append_child("script");
  data.append_attribute("type").set_value("application/json");
  data.append_attribute("id").set_value("search-data");
  data.append_child(pugi::node_pcdata)
      .set_value(script_safe(index.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)).c_str());
  std::string script;
  for (const auto& [path, bytes] : embedded::site())
    if (path == "search.js") script = bytes;
  page.main.append_child("script").append_child(pugi::node_pcdata).set_value(script.c_str());
  Output out;
  out.bytes = html::close_site_page(page, o.title.empty() ? words.converted : o.title + ". " + words.converted);
  return out;
}

}  // namespace

Output write_series_page(std::span<const ir::Meeting> meetings, const WriteOptions& options,
                         const WriteContext& context) {
  return guarded("series", [&] { return series_page(meetings, options, context); });
}

Output write_events_page(std::span<const ir::Meeting> meetings, const WriteOptions& options,
                         const WriteContext& context) {
  return guarded("events", [&] { return events_page(meetings, options, context); });
}

Output write_search_page(std::span<const ir::Meeting> meetings, const WriteOptions& options,
                         const WriteContext& context) {
  return guarded("search", [&] { return search_page(meetings, options, context); });
}

}  // namespace minutes::formats
