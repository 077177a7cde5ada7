// Writes the index page of an archive with pugixml: meetings by series with their formats, upcoming events.
#include <algorithm>
#include <initializer_list>
#include <fmt/format.h>
#include <map>
#include <pugixml.hpp>
#include <sstream>

#include "formats/formats.hpp"
#include "formats/common/fragment.hpp"
#include "formats/common/text.hpp"
#include "formats/common/url.hpp"
#include "formats/common/words.hpp"
#include "formats/html/site.hpp"

namespace minutes::formats {

namespace {

// One meeting on the index: the meeting and the files the archive holds for it (paths relative to the index).
struct IndexEntry {
  const ir::Meeting* meeting = nullptr;
  std::string stem;                  // its source without the extension
  std::vector<std::string> outputs;  // e.g. "community-call/20230504.html"
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string safe(std::string_view text) { return formats::clean_text(text); }

// A source path without its extension ("iaas/20241211.md" -> "iaas/20241211").
std::string stem_of(const std::string& source) {
  auto slash = source.find_last_of('/');
  size_t name = slash == std::string::npos ? 0 : slash + 1;
  auto dot = source.find_last_of('.');
  return dot == std::string::npos || dot <= name ? source : source.substr(0, dot);
}

// Percent-encodes a relative path for an href, keeping '/' and unreserved characters (not formats::local_href: a
// file name may hold '#', '?' or '%', which must be encoded in a path).
std::string href(std::string_view rel_path) {
  std::string out;
  for (unsigned char c : rel_path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

// An event's URL fit for a link: http(s) only (no javascript:, data: or file: URLs); empty otherwise.
std::string web_url(std::string_view url) {
  std::string clean = formats::safe_url(url);
  auto scheme = formats::url_scheme(clean);
  return scheme == "http" || scheme == "https" ? clean : std::string();
}

pugi::xml_node element(pugi::xml_node parent, const char* name, std::string_view text = {}) {
  auto n = parent.append_child(name);
  if (!text.empty()) n.append_child(pugi::node_pcdata).set_value(safe(text).c_str());
  return n;
}

pugi::xml_node link(pugi::xml_node parent, std::string_view target, std::string_view text) {
  auto a = element(parent, "a", text);
  a.append_attribute("href").set_value(href(target).c_str());
  return a;
}

// The group a meeting is listed under: its top folder (a team's or series' folder in an archive), else its series.
std::string group_of(const IndexEntry& e) {
  auto slash = e.stem.find('/');
  if (slash != std::string::npos) return e.stem.substr(0, slash);
  return e.meeting->series.empty() ? std::string("Other minutes") : e.meeting->series;
}

// The series names the meetings of a group give, most frequent first (at most three).
std::string series_names(const std::vector<const IndexEntry*>& list, const std::string& group) {
  std::map<std::string, int> counts;
  for (const auto* e : list)
    if (!e->meeting->series.empty() && e->meeting->series != group) counts[e->meeting->series]++;
  std::vector<std::pair<std::string, int>> order(counts.begin(), counts.end());
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out;
  for (size_t k = 0; k < order.size() && k < 3; ++k) out += (k ? ", " : "") + order[k].first;
  return out;
}

std::string extension_label(std::string_view path) {
  auto dot = path.find_last_of('.');
  std::string ext = dot == std::string_view::npos ? std::string(path) : std::string(path.substr(dot + 1));
  for (auto& c : ext) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return ext;
}

std::string page_of(const IndexEntry& e) {
  for (const auto& o : e.outputs)
    if (o.ends_with(".html")) return o;
  return e.outputs.empty() ? std::string() : e.outputs.front();
}

// One upcoming event and the newest meeting that mentions it.
struct Upcoming {
  const ir::Event* event;
  const IndexEntry* entry;
};

std::vector<Upcoming> upcoming_events(const std::vector<IndexEntry>& entries, const ir::Date& today) {
  std::vector<const IndexEntry*> order;
  for (const auto& e : entries) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(), [](const IndexEntry* a, const IndexEntry* b) {
    return a->meeting->date.value_or(ir::Date{}) < b->meeting->date.value_or(ir::Date{});
  });
  std::map<std::pair<ir::Date, std::string>, Upcoming> seen;  // latest mention wins
  for (const auto* e : order)
    for (const auto& ev : e->meeting->events) {
      if (!ir::valid(ev.start) || ev.end.value_or(ev.start) < today) continue;
      seen.insert_or_assign({ev.start, lower(ev.title)}, Upcoming{&ev, e});
    }
  std::vector<Upcoming> out;
  for (auto& [key, u] : seen) out.push_back(u);
  std::stable_sort(out.begin(), out.end(), [](const Upcoming& a, const Upcoming& b) {
    if (a.event->start != b.event->start) return a.event->start < b.event->start;
    return a.event->start_time.value_or(ir::Time{}) < b.event->start_time.value_or(ir::Time{});
  });
  return out;
}

// The link among the files beside the index that ends in one of the extensions; empty when none.
std::string beside(const WriteOptions& options, std::initializer_list<std::string_view> extensions) {
  for (const auto& name : options.archive_links)
    for (auto ext : extensions)
      if (name.ends_with(ext)) return name;
  return {};
}

}  // namespace

Output write_index(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  std::vector<IndexEntry> entries;
  for (const auto& m : meetings) {
    auto files = options.archive_outputs.find(m.source);
    entries.push_back(
        {&m, stem_of(m.source), files != options.archive_outputs.end() ? files->second : std::vector<std::string>{}});
  }
  std::optional<ir::Date> today = html::today_of(meetings, options);
  std::string feed = beside(options, {".xml", ".rss"}), calendar = beside(options, {".ics"});
  std::string title = options.title.empty() ? std::string("Meeting minutes") : options.title;
  const Words& words = formats::words_for(options.lang);
  pugi::xml_document doc;
  auto html = doc.append_child("html");
  html.append_attribute("lang").set_value(safe(options.lang.empty() ? "en" : options.lang).c_str());
  auto head = element(html, "head");
  element(head, "meta").append_attribute("charset").set_value("utf-8");
  auto viewport = element(head, "meta");
  viewport.append_attribute("name").set_value("viewport");
  viewport.append_attribute("content").set_value("width=device-width, initial-scale=1");
  element(head, "title", title);
  if (!feed.empty()) html::add_feed_alternates(head, "", words);
  element(head, "style", html::stylesheet());
  auto body = element(html, "body");
  html::add_site_nav(body, {}, "", words);
  auto header = element(body, "header");
  header.append_attribute("class").set_value("page");
  element(header, "h1", title);
  if (!options.organisation.empty()) element(header, "p", options.organisation);
  if (!options.funder.empty()) element(header, "p", options.funder);
  auto nav = element(header, "nav");
  nav.append_attribute("class").set_value("formats");
  nav.append_attribute("aria-label").set_value(words.feeds.c_str());
  if (!feed.empty()) link(nav, feed, "News feed (RSS)");
  for (const auto& [file, label] : {std::pair{"atom.xml", &words.atom_feed}, std::pair{"feed.json", &words.json_feed}})
    if (std::find(options.archive_links.begin(), options.archive_links.end(), file) != options.archive_links.end())
      link(nav, file, *label);
  if (!calendar.empty()) link(nav, calendar, "Calendar of events (iCalendar)");
  auto main = element(body, "main");

  if (today) {
    auto section = element(main, "section");
    section.append_attribute("id").set_value("upcoming");
    element(section, "h2", "Upcoming events");
    auto as_of = element(section, "p");
    as_of.append_attribute("class").set_value("muted");
    as_of.append_child(pugi::node_pcdata).set_value(fmt::format("As of {}.", ir::iso(*today)).c_str());
    auto events = upcoming_events(entries, *today);
    if (events.empty()) element(section, "p", "No upcoming events are mentioned.");
    auto list = events.empty() ? pugi::xml_node() : element(section, "ul");
    if (list) list.append_attribute("class").set_value("events");
    for (const auto& u : events) {
      auto li = element(list, "li");
      auto time = element(li, "time", formats::event_when(*u.event, formats::words_for(options.lang)));
      time.append_attribute("datetime").set_value(ir::iso(u.event->start).c_str());
      li.append_child(pugi::node_pcdata).set_value(" ");
      if (auto url = web_url(u.event->url); !url.empty())
        element(li, "a", u.event->title).append_attribute("href").set_value(url.c_str());
      else
        element(li, "strong", u.event->title);
      if (!u.event->location.empty())
        li.append_child(pugi::node_pcdata).set_value(safe(", " + u.event->location).c_str());
      std::string page = page_of(*u.entry);
      if (!page.empty()) {
        auto from = element(li, "span", " (mentioned in ");
        from.append_attribute("class").set_value("muted");
        link(from, page, ir::display_title(*u.entry->meeting));
        from.append_child(pugi::node_pcdata).set_value(")");
      }
    }
  }

  std::map<std::string, std::vector<const IndexEntry*>> by_series;
  for (const auto& e : entries) by_series[group_of(e)].push_back(&e);
  std::vector<std::pair<std::string, std::vector<const IndexEntry*>>> series(by_series.begin(), by_series.end());
  std::stable_sort(series.begin(), series.end(),
                   [](const auto& a, const auto& b) { return lower(a.first) < lower(b.first); });
  for (auto& [name, list] : series) {
    std::stable_sort(list.begin(), list.end(), [](const IndexEntry* a, const IndexEntry* b) {
      if (a->meeting->date.has_value() != b->meeting->date.has_value()) return a->meeting->date.has_value();
      if (a->meeting->date != b->meeting->date) return *a->meeting->date > *b->meeting->date;
      return a->stem < b->stem;
    });
    auto section = element(main, "section");
    section.append_attribute("id").set_value(safe("series-" + name).c_str());
    std::string shown_name = name;
    if (context.site)
      if (auto it = context.site->series_names.find(name); it != context.site->series_names.end())
        shown_name = it->second;
    auto h2 = element(section, "h2");
    if (context.site && list.front()->stem.find('/') != std::string::npos)
      link(h2, name + "/index.html", shown_name);
    else
      h2.append_child(pugi::node_pcdata).set_value(safe(shown_name).c_str());
    h2.append_child(pugi::node_pcdata).set_value(fmt::format(" ({})", list.size()).c_str());
    if (auto names = series_names(list, name); !names.empty())
      element(section, "p", "Series: " + names).append_attribute("class").set_value("muted");
    auto table = element(section, "table");
    auto tr = element(element(table, "thead"), "tr");
    element(tr, "th", "Date");
    element(tr, "th", "Meeting");
    element(tr, "th", "Formats");
    auto tbody = element(table, "tbody");
    // A title several meetings share says little: add the series when the title lacks it, else the file's name
    // (a title copied from last week's minutes, two files of one day).
    std::map<std::string, int> title_uses;
    for (const auto* e : list) title_uses[ir::display_title(*e->meeting)]++;
    for (const auto* e : list) {
      std::string shown = ir::display_title(*e->meeting);
      const std::string& series = e->meeting->series;
      if (title_uses[shown] > 1) {
        if (!series.empty() && shown.find(series) == std::string::npos)
          shown += " \u2013 " + series;
        else
          shown += " (" + e->stem.substr(e->stem.find_last_of('/') + 1) + ")";
      }
      auto row = element(tbody, "tr");
      auto date = element(row, "td");
      date.append_attribute("class").set_value("date");
      if (e->meeting->date) {
        auto time = element(date, "time", ir::iso(*e->meeting->date));
        time.append_attribute("datetime").set_value(ir::iso(*e->meeting->date).c_str());
      }
      auto cell = element(row, "td");
      std::string page = page_of(*e);
      if (page.empty())
        cell.append_child(pugi::node_pcdata).set_value(safe(shown).c_str());
      else
        link(cell, page, shown);
      auto formats_cell = element(row, "td");
      formats_cell.append_attribute("class").set_value("formats");
      for (const auto& o : e->outputs) link(formats_cell, o, extension_label(o));
    }
  }
  auto footer = element(body, "footer");
  footer.append_child(pugi::node_pcdata)
      .set_value(fmt::format("{} meetings. Built with minutes.", entries.size()).c_str());
  html::seal_for_html(doc);
  std::ostringstream text;
  text << "<!DOCTYPE html>\n";
  doc.save(text, "  ", pugi::format_indent | pugi::format_no_declaration, pugi::encoding_utf8);
  Output out;
  out.bytes = text.str();
  return out;
}

}  // namespace minutes::formats
