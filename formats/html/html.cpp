// Writes meetings as one standalone HTML5 page: semantic, one embedded stylesheet, no script, no external requests.
#include <fmt/format.h>

#include <sstream>

#include "formats/common/fragment.hpp"
#include "formats/common/report.hpp"
#include "formats/common/text.hpp"
#include "formats/common/url.hpp"
#include "formats/common/words.hpp"
#include "formats/formats.hpp"
#include "formats/html/site.hpp"

namespace minutes::formats {

namespace {

using html::text_element;

void add_text(pugi::xml_node parent, std::string_view text) {
  parent.append_child(pugi::node_pcdata).set_value(clean_text(text).c_str());
}

pugi::xml_node add_link(pugi::xml_node parent, std::string_view href, std::string_view text) {
  return html::link_element(parent, href, text);
}

// A <time> element: the text shown, and the date it stands for.
void add_time(pugi::xml_node parent, const ir::Date& d, std::string_view shown = {}) {
  auto t = text_element(parent, "time", shown.empty() ? ir::iso(d) : shown);
  t.append_attribute("datetime").set_value(ir::iso(d).c_str());
}

// "Date · series · Scribes: @a, @b" under a meeting's heading.
void add_meeting_meta(pugi::xml_node parent, const ir::Meeting& m, const Words& words) {
  if (!m.date && m.series.empty() && m.scribes.empty()) return;
  auto p = parent.append_child("p");
  p.append_attribute("class").set_value("meta");
  bool first = true;
  auto sep = [&] {
    if (!first) add_text(p, " \u00b7 ");
    first = false;
  };
  if (m.date) {
    sep();
    add_time(p, *m.date);
  }
  if (!m.series.empty()) {
    sep();
    add_text(p, m.series);
  }
  if (!m.scribes.empty()) {
    sep();
    std::string names;
    for (const auto& s : m.scribes) names += (names.empty() ? "@" : ", @") + s;
    add_text(p, (m.scribes.size() == 1 ? words.scribe : words.scribes) + ": " + names);
  }
}

void add_events(pugi::xml_node parent, const ir::Meeting& m, int level, const html::FragmentOptions& fo,
                const std::string& id) {
  const Words& words = *fo.words;
  if (m.events.empty()) return;
  auto sec = parent.append_child("section");
  sec.append_attribute("class").set_value("events");
  sec.append_attribute("id").set_value(id.c_str());
  text_element(sec, fmt::format("h{}", std::min(level, 6)).c_str(), words.event_dates);
  auto ul = sec.append_child("ul");
  for (const auto& e : m.events) {
    auto li = ul.append_child("li");
    add_time(li, e.start, event_when(e, words));
    add_text(li, ": ");
    std::string href = safe_url(e.url, fo.base_url);
    if (!href.empty()) {
      add_link(li, href, e.title);
    } else {
      text_element(li, "strong", e.title);
    }
    if (!e.location.empty()) add_text(li, ", " + e.location);
  }
}

void add_actions(pugi::xml_node parent, const ir::Meeting& m, int level, const std::string& id, const Words& words) {
  if (m.actions.empty()) return;
  auto sec = parent.append_child("section");
  sec.append_attribute("class").set_value("actions");
  sec.append_attribute("id").set_value(id.c_str());
  text_element(sec, fmt::format("h{}", std::min(level, 6)).c_str(), words.action_items);
  auto ul = sec.append_child("ul");
  ul.append_attribute("class").set_value("tasks");
  for (const auto& a : m.actions) {
    auto li = ul.append_child("li");
    add_text(li, a.done ? "\u2611 " : "\u2610 ");
    if (!a.owner.empty()) {
      text_element(li, "span", "@" + a.owner).append_attribute("class").set_value("owner");
      add_text(li, ": ");
    }
    add_text(li, a.text);
    if (a.due) {
      add_text(li, " (" + words.due + " ");
      add_time(li, *a.due);
      add_text(li, ")");
    }
  }
}

std::string node_text(pugi::xml_node node) {
  std::string out;
  for (auto n : node.select_nodes(".//text()")) out += n.node().value();
  return out;
}

// Links to the feeds, the calendar, the site and this page's ODT/DOCX siblings (set by `minutes build`).
void add_format_links(pugi::xml_node head, pugi::xml_node header, const WriteOptions& o, const Words& words) {
  if (o.output_stem.empty() && o.root_prefix.empty()) return;
  html::add_feed_alternates(head, o.root_prefix, words);
  html::add_site_nav(header.parent(), header, o.root_prefix, words);
  auto nav = header.append_child("nav");
  nav.append_attribute("class").set_value("formats");
  nav.append_attribute("aria-label").set_value(words.other_formats.c_str());
  if (!o.output_stem.empty()) {
    auto slash = o.output_stem.find_last_of('/');
    std::string base = slash == std::string::npos ? o.output_stem : o.output_stem.substr(slash + 1);
    std::string enc = local_href(base);
    add_link(nav, enc + ".odt", "ODT").append_attribute("type").set_value("application/vnd.oasis.opendocument.text");
    add_link(nav, enc + ".docx", "DOCX")
        .append_attribute("type")
        .set_value("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  }
  auto typed = [&nav](const std::string& href, std::string_view text, const char* type) {
    add_link(nav, local_href(href), text).append_attribute("type").set_value(type);
  };
  typed(o.root_prefix + "feed.xml", words.rss_feed, "application/rss+xml");
  typed(o.root_prefix + "calendar.ics", words.calendar, "text/calendar");
}

// The pages before and after this one in its series, and the series' page (`minutes build`).
void add_pager(pugi::xml_node header, const ir::Meeting& m, const WriteOptions& o, const Site* site,
               const Words& words) {
  const SitePage* at = site ? site->find(m.source) : nullptr;
  if (!at || at->series.empty() || at->page.empty()) return;
  auto nav = header.append_child("nav");
  nav.append_attribute("class").set_value("pager");
  auto name = site->series_names.find(at->series);
  std::string series = name != site->series_names.end() ? name->second : at->series;
  nav.append_attribute("aria-label").set_value(clean_text(series).c_str());
  auto i = static_cast<size_t>(at - site->pages.data());
  auto neighbour = [&](size_t k, const std::string& word, bool before) {
    const SitePage& p = site->pages[k];
    if (p.series != at->series || p.page.empty()) return;
    std::string text = before ? "\u2190 " + word + ": " + p.label : word + ": " + p.label + " \u2192";
    add_link(nav, local_href(o.root_prefix + p.page), text).append_attribute("rel").set_value(before ? "prev" : "next");
  };
  if (i > 0) neighbour(i - 1, words.previous, true);
  add_link(nav, local_href(o.root_prefix + at->series + "/index.html"), fill(words.series_page, {{"series", series}}));
  if (i + 1 < site->pages.size()) neighbour(i + 1, words.next, false);
}

// One page of the meetings.
Output page(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  Output out;
  auto ordered = in_date_order(meetings);
  std::string title = report_title(meetings, options);
  std::string language = report_language(meetings, options);
  const Words& words = words_for(language);
  std::string base =
      checked_base(options.base_url, "the base URL (--base-url, base_url in minutes.yaml)", out.diagnostics);

  pugi::xml_document doc;
  doc.append_child(pugi::node_doctype).set_value("html");
  auto root = doc.append_child("html");
  root.append_attribute("lang").set_value(clean_text(language).c_str());
  auto head = root.append_child("head");
  head.append_child("meta").append_attribute("charset").set_value("utf-8");
  auto viewport = head.append_child("meta");
  viewport.append_attribute("name").set_value("viewport");
  viewport.append_attribute("content").set_value("width=device-width, initial-scale=1");
  auto gen = head.append_child("meta");
  gen.append_attribute("name").set_value("generator");
  gen.append_attribute("content").set_value("minutes");
  text_element(head, "title", title);
  auto body = root.append_child("body");
  auto header = body.append_child("header");
  header.append_attribute("class").set_value("page");
  text_element(header, "h1", title);
  if (!options.organisation.empty())
    text_element(header, "p", options.organisation).append_attribute("class").set_value("meta");
  if (!options.funder.empty()) text_element(header, "p", options.funder).append_attribute("class").set_value("meta");
  bool single = ordered.size() == 1;
  if (single) {
    add_meeting_meta(header, *ordered.front(), words);
  } else if (auto period = report_period(meetings); !period.empty()) {
    text_element(header, "p", period).append_attribute("class").set_value("meta");
  }
  add_format_links(head, header, options, words);
  if (single) add_pager(header, *ordered.front(), options, context.site, words);
  text_element(head, "style", html::stylesheet());

  auto toc = body.append_child("nav");
  toc.append_attribute("class").set_value("toc");
  toc.append_attribute("aria-label").set_value(words.contents.c_str());
  auto toc_list = toc.append_child("ul");
  auto main = body.append_child("main");

  html::PageIds ids;
  for (size_t i = 0; i < ordered.size(); ++i) {
    const ir::Meeting& m = *ordered[i];
    html::FragmentOptions fo;
    fo.top_heading = single ? 2 : 3;
    fo.remote_images = false;
    fo.source = m.source;
    fo.diagnostics = &out.diagnostics;
    fo.words = &words;
    if (!base.empty()) fo.base_url = join_url(base, m.source);
    fo.site = context.site;
    fo.source_root = base;
    fo.page = options.output_stem + ".html";
    fo.skip_repeated_title = single;
    auto article = main.append_child("article");
    std::string prefix;
    if (!single) {
      prefix = ids.unique(m.date ? "m" + ir::iso(*m.date) : "m-" + slug(ir::display_title(m)));
      article.append_attribute("id").set_value(prefix.c_str());
      text_element(article, "h2", ir::display_title(m));
      add_meeting_meta(article, m, words);
      auto li = toc_list.append_child("li");
      add_link(li, "#" + prefix, m.date ? ir::iso(*m.date) : ir::display_title(m));
      fo.id_prefix = prefix + "-";
    }
    html::append_meeting_body(article, m, fo, ids);
    add_events(article, m, fo.top_heading, fo, ids.unique(fo.id_prefix + "events"));
    add_actions(article, m, fo.top_heading, ids.unique(fo.id_prefix + "action-items"), words);
    if (single) {
      for (auto sec = article.child("section"); sec; sec = sec.next_sibling("section")) {
        add_link(toc_list.append_child("li"), std::string("#") + sec.attribute("id").value(),
                 node_text(sec.first_child()));
      }
    }
  }
  if (!toc_list.first_child()) body.remove_child(toc);

  auto footer = body.append_child("footer");
  std::string sources;
  for (const auto* m : ordered) sources += (sources.empty() ? "" : ", ") + m->source;
  add_text(footer, sources.empty() ? words.converted : fill(words.converted_from, {{"sources", sources}}));

  html::seal_for_html(root);
  std::ostringstream s;
  doc.save(s, "  ", pugi::format_indent | pugi::format_no_declaration, pugi::encoding_utf8);
  out.bytes = s.str();
  return out;
}

}  // namespace

Output write_html(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  return guarded("html", [&] { return page(meetings, options, context); });
}

}  // namespace minutes::formats
