// The frame every page of an archive's site shares: stylesheet, head with the feeds, navigation, footer.
#include "formats/html/site.hpp"

#include <sstream>

#include "formats/common/fragment.hpp"
#include "formats/common/text.hpp"
#include "formats/common/url.hpp"

namespace minutes::formats::html {

const char* stylesheet() {
  return R"css(
:root { color-scheme: light dark; --fg: #1d232a; --muted: #5b6570; --line: #d5dbe1; --accent: #0b5cad; --bg: #fff; --soft: #f3f5f7; }
@media (prefers-color-scheme: dark) { :root { --fg: #e4e8ec; --muted: #9aa5b1; --line: #3a434c; --accent: #7ab4f5; --bg: #15191d; --soft: #1f252b; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
header.page, main, footer, nav.toc { max-width: 50rem; margin: 0 auto; padding: 0 1.25rem; }
header.page { padding-top: 2rem; padding-bottom: 1rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; text-wrap: balance; }
h2 { font-size: 1.45rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
h4, h5, h6 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.meta, .minutes-ref, footer { color: var(--muted); font-size: .92rem; }
.meta { margin: .2rem 0; }
nav.formats { margin-top: .6rem; font-size: .92rem; }
nav.formats a { display: inline-block; margin-right: .35rem; padding: .1rem .55rem; border: 1px solid var(--line); border-radius: 1rem; text-decoration: none; }
nav.toc { margin-top: 1rem; font-size: .92rem; }
nav.toc ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: 0; }
a { color: var(--accent); }
ul, ol { padding-left: 1.4rem; }
li { margin: .12rem 0; }
ul.tasks { list-style: none; padding-left: .4rem; }
ul.tasks ul, ul.tasks ol { padding-left: 2.6rem; }
.mention { color: var(--accent); font-weight: 500; }
code { font: .9em ui-monospace, "DejaVu Sans Mono", monospace; background: var(--soft); padding: .05rem .25rem; border-radius: .2rem; }
pre { background: var(--soft); padding: .8rem 1rem; overflow-x: auto; border-radius: .3rem; }
pre code { padding: 0; background: none; }
blockquote { margin: 1rem 0; padding: .1rem 1rem; border-left: .25rem solid var(--line); color: var(--muted); }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.center, th.center { text-align: center; }
td.right, th.right { text-align: right; }
img { max-width: 100%; height: auto; }
article + article { margin-top: 3rem; border-top: 3px double var(--line); }
section.events li time, section.actions .owner { font-variant-numeric: tabular-nums; font-weight: 600; }
footer { margin-top: 3rem; padding-top: 1rem; padding-bottom: 2rem; border-top: 1px solid var(--line); }
nav.site { max-width: 50rem; margin: 0 auto; padding: .6rem 1.25rem; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; align-items: center; font-size: .95rem; border-bottom: 1px solid var(--line); }
nav.site a { text-decoration: none; }
nav.site form { margin-left: auto; display: flex; gap: .3rem; }
input[type=search] { font: inherit; padding: .15rem .4rem; border: 1px solid var(--muted); border-radius: .25rem; background: var(--bg); color: var(--fg); min-width: 9rem; }
button { font: inherit; padding: .15rem .6rem; border: 1px solid var(--accent); border-radius: .25rem; background: var(--accent); color: var(--bg); }
nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: .8rem; font-size: .95rem; }
ul.entries { list-style: none; padding: 0; }
ul.entries li { margin: .5rem 0; padding-bottom: .5rem; border-bottom: 1px solid var(--line); }
ul.entries time { font-variant-numeric: tabular-nums; margin-right: .5rem; color: var(--muted); }
.topics { display: block; color: var(--muted); font-size: .92rem; }
ul.series { columns: 16rem; padding-left: 1.2rem; }
.muted { color: var(--muted); }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.formats a { margin-right: .5rem; }
tbody tr:nth-child(odd) { background: var(--soft); }
main table { width: 100%; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
)css";
}

pugi::xml_node text_element(pugi::xml_node parent, const char* name, std::string_view text) {
  auto e = parent.append_child(name);
  e.append_child(pugi::node_pcdata).set_value(clean_text(text).c_str());
  return e;
}

pugi::xml_node link_element(pugi::xml_node parent, std::string_view href, std::string_view text) {
  auto a = text_element(parent, "a", text);
  a.append_attribute("href").set_value(clean_text(href).c_str());
  return a;
}

void add_feed_alternates(pugi::xml_node head, const std::string& root_prefix, const Words& words) {
  struct Alternate {
    const char* type;
    const std::string& title;
    const char* file;
  };
  for (const Alternate& a : {Alternate{"application/rss+xml", words.rss_feed, "feed.xml"},
                             Alternate{"application/atom+xml", words.atom_feed, "atom.xml"},
                             Alternate{"application/feed+json", words.json_feed, "feed.json"},
                             Alternate{"text/calendar", words.calendar, "calendar.ics"}}) {
    auto link = head.append_child("link");
    link.append_attribute("rel").set_value("alternate");
    link.append_attribute("type").set_value(a.type);
    link.append_attribute("title").set_value(a.title.c_str());
    link.append_attribute("href").set_value(local_href(root_prefix + a.file).c_str());
  }
}

void add_site_nav(pugi::xml_node body, pugi::xml_node before, const std::string& root_prefix, const Words& words) {
  auto nav = before ? body.insert_child_before("nav", before) : body.append_child("nav");
  nav.append_attribute("class").set_value("site");
  nav.append_attribute("aria-label").set_value(words.archive_home.c_str());
  link_element(nav, local_href(root_prefix + "index.html"), words.all_minutes);
  link_element(nav, local_href(root_prefix + "events.html"), words.events_page);
  auto form = nav.append_child("form");
  form.append_attribute("role").set_value("search");
  form.append_attribute("action").set_value(local_href(root_prefix + "search.html").c_str());
  auto label = text_element(form, "label", words.search_label);
  label.append_attribute("for").set_value("site-search");
  label.append_attribute("class").set_value("sr-only");
  auto input = form.append_child("input");
  input.append_attribute("type").set_value("search");
  input.append_attribute("id").set_value("site-search");
  input.append_attribute("name").set_value("q");
  text_element(form, "button", words.search).append_attribute("type").set_value("submit");
}

void open_site_page(SitePage& page, std::string_view title, const std::string& lang, const std::string& root_prefix,
                    const Words& words) {
  page.doc.append_child(pugi::node_doctype).set_value("html");
  auto root = page.doc.append_child("html");
  root.append_attribute("lang").set_value(clean_text(lang).c_str());
  page.head = root.append_child("head");
  page.head.append_child("meta").append_attribute("charset").set_value("utf-8");
  auto viewport = page.head.append_child("meta");
  viewport.append_attribute("name").set_value("viewport");
  viewport.append_attribute("content").set_value("width=device-width, initial-scale=1");
  auto gen = page.head.append_child("meta");
  gen.append_attribute("name").set_value("generator");
  gen.append_attribute("content").set_value("minutes");
  text_element(page.head, "title", title);
  add_feed_alternates(page.head, root_prefix, words);
  text_element(page.head, "style", stylesheet());
  auto body = root.append_child("body");
  add_site_nav(body, {}, root_prefix, words);
  page.header = body.append_child("header");
  page.header.append_attribute("class").set_value("page");
  text_element(page.header, "h1", title);
  page.main = body.append_child("main");
}

std::optional<ir::Date> today_of(std::span<const ir::Meeting> meetings, const WriteOptions& options) {
  if (options.source_date_epoch) return ir::civil_from_days(*options.source_date_epoch / 86400);
  std::optional<ir::Date> today;
  for (const auto& m : meetings)
    if (m.date && (!today || *m.date > *today)) today = m.date;
  return today;
}

std::string close_site_page(SitePage& page, std::string_view footer) {
  auto body = page.doc.child("html").child("body");
  text_element(body, "footer", footer);
  seal_for_html(page.doc.child("html"));
  std::ostringstream s;
  page.doc.save(s, "  ", pugi::format_indent | pugi::format_no_declaration, pugi::encoding_utf8);
  return s.str();
}

}  // namespace minutes::formats::html
