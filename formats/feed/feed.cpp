// The feed model the RSS, Atom and JSON Feed writers share: order, limit, titles, links, summaries and content.
#include <algorithm>
#include <array>
#include <set>

#include "formats/common/cache.hpp"
#include "formats/common/fragment.hpp"
#include "formats/common/ir_hash.hpp"
#include "formats/common/report.hpp"
#include "formats/common/text.hpp"
#include "formats/common/url.hpp"
#include "formats/feed/internal.hpp"

namespace minutes::formats::feed {

namespace {

bool absolute(std::string_view url) { return url.find("://") != std::string_view::npos; }

// The sections that carry a meeting's news: its top level, below a lone heading that repeats the title.
const std::vector<ir::Section>& top_sections(const ir::Meeting& m) {
  if (m.sections.size() == 1 && m.blocks.empty() && !m.sections.front().sections.empty() &&
      m.sections.front().blocks.empty())
    return m.sections.front().sections;
  return m.sections;
}

bool bookkeeping(std::string_view title) {
  std::string t = slug(title);
  static constexpr std::array<std::string_view, 8> skip = {"meta",    "participants", "attendees",        "agenda",
                                                           "minutes", "notes",        "meta-information", "attendance"};
  return std::find(skip.begin(), skip.end(), t) != skip.end();
}

std::string first_line(std::string s) {
  auto nl = s.find('\n');
  if (nl != std::string::npos) s.resize(nl);
  return s;
}

// Cuts text at a UTF-8 boundary near max bytes, adding an ellipsis.
std::string shorten(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s + "\u2026";
}

// "Team IaaS: first headline; second headline. Team Ops: ..."; at most about 700 bytes.
std::string summary(const ir::Meeting& m) {
  std::string out;
  for (const auto& s : top_sections(m)) {
    if (bookkeeping(s.title)) continue;
    std::string heads;
    int n = 0;
    for (const auto& b : s.blocks) {
      if (n >= 2) break;
      if (b.kind == ir::BlockKind::list) {
        for (const auto& item : b.items) {
          if (n >= 2) break;
          std::string t = first_line(ir::item_text(item));
          if (t.empty()) continue;
          heads += (heads.empty() ? "" : "; ") + t;
          ++n;
        }
      } else if (b.kind == ir::BlockKind::paragraph) {
        std::string t = first_line(ir::plain_text(b.inlines));
        if (t.empty()) continue;
        heads += (heads.empty() ? "" : "; ") + t;
        ++n;
      }
    }
    for (const auto& sub : s.sections) {  // a section of subsections: their titles are the headlines
      if (n >= 3) break;
      heads += (heads.empty() ? "" : "; ") + sub.title;
      ++n;
    }
    std::string part = heads.empty() ? s.title : s.title + ": " + shorten(heads, 160);
    out += (out.empty() ? "" : " \u2014 ") + part;
    if (out.size() > 700) break;
  }
  if (out.empty()) out = ir::display_title(m);
  return shorten(clean_text(out), 700);
}

// A source path without its extension ("iaas/20241211.md" -> "iaas/20241211").
std::string stem_of(std::string_view source) {
  auto slash = source.find_last_of('/');
  size_t name = slash == std::string_view::npos ? 0 : slash + 1;
  auto dot = source.find_last_of('.');
  return std::string(dot == std::string_view::npos || dot <= name ? source : source.substr(0, dot));
}

// The page of a meeting relative to the site's root: the archive's own (in `minutes build`), else its source's
// stem with .html (what `minutes build` would make of it).
std::string page_of(const ir::Meeting& m, const Site* site) {
  if (site)
    if (const SitePage* p = site->find(m.source)) return p->page;
  std::string_view source = m.source;
  while (source.starts_with("./")) source.remove_prefix(2);
  return source.starts_with('/') || source.starts_with("../") ? std::string() : stem_of(source) + ".html";
}

// What identifies the meeting's content: the caller's key for its source, else the hash of its IR.
std::string content_key(const ir::Meeting& m, const WriteContext& context) {
  if (context.content_keys)
    if (auto it = context.content_keys->find(m.source); it != context.content_keys->end()) return "source " + it->second;
  return "ir " + fingerprint(m);
}

// A meeting's entry under the feed's links and words.
EntryBody entry_body(const ir::Meeting& m, const std::string& base, const std::string& site_url, const Words& words,
                     const WriteContext& context) {
  EntryBody e;
  e.title = clean_text(ir::display_title(m));
  std::string page = site_url.empty() ? std::string() : page_of(m, context.site);
  e.link = !page.empty() ? resolve_url(site_url, local_href(page)) : join_url(base, m.source);
  e.permalink = absolute(e.link);
  e.id = e.permalink ? e.link : "minutes:" + e.link;
  if (m.date) e.published = ir::days_from_civil(*m.date) * 86400;
  for (const auto& s : m.scribes) e.authors.push_back(clean_text("@" + s));
  std::set<std::string_view> seen;  // each once, in order of appearance
  for (const auto& s : top_sections(m))
    if (!bookkeeping(s.title) && seen.insert(s.title).second) e.categories.push_back(clean_text(s.title));
  e.summary = summary(m);
  html::FragmentOptions fo;
  fo.base_url = !base.empty() ? join_url(base, m.source) : e.permalink ? e.link : std::string();
  fo.words = &words;
  fo.top_heading = 2;
  fo.source = m.source;
  fo.diagnostics = &e.diagnostics;
  fo.site = page.empty() ? nullptr : context.site;
  fo.source_root = base;
  fo.page = page;
  fo.page_url = !page.empty() ? e.link : std::string();
  e.content = html::meeting_fragment(m, fo);
  return e;
}

}  // namespace

Feed make_feed(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  Feed f;
  const Words& words = words_for(report_language(meetings, options));
  auto ordered = in_date_order(meetings);
  // Newest first; undated meetings after the dated ones.
  std::stable_sort(ordered.begin(), ordered.end(), [](const ir::Meeting* a, const ir::Meeting* b) {
    if (a->date.has_value() != b->date.has_value()) return a->date.has_value();
    return a->date && *a->date > *b->date;
  });
  if (options.feed_items > 0 && ordered.size() > static_cast<size_t>(options.feed_items))
    ordered.resize(static_cast<size_t>(options.feed_items));

  auto series = report_series(meetings);
  f.title = !options.feed_title.empty() ? options.feed_title
            : !options.title.empty()    ? options.title
            : series.size() == 1        ? series.front()
                                        : words.meeting_minutes;
  std::string base =
      checked_base(options.base_url, "the base URL (--base-url, base_url in minutes.yaml)", f.diagnostics);
  std::string site_url =
      checked_base(options.site_url, "the site's URL (--site-url, site_url in minutes.yaml)", f.diagnostics);
  if (!site_url.empty() && !site_url.ends_with('/')) site_url += '/';
  std::string feed_link =
      checked_base(options.feed_link, "the feed link (--feed-link, feed: link: in minutes.yaml)", f.diagnostics);
  f.self = safe_url(checked_base(options.feed_self, "the feed's own URL (--feed-self)", f.diagnostics));
  f.home = safe_url(!feed_link.empty() ? feed_link : !site_url.empty() ? site_url : base);
  if (f.home.empty()) {
    f.diagnostics.push_back({ir::Severity::warning, "", 0, 0,
                             "no --site-url, --feed-link or --base-url: the feed's links are relative paths"});
    f.home = "./";
  }
  f.description = !options.feed_description.empty() ? options.feed_description
                  : options.title.empty() || options.title == f.title
                      ? fill(words.newest_minutes, {{"title", f.title}})
                      : fill(words.newest_series_minutes, {{"series", f.title}, {"title", options.title}});
  f.language = report_language(meetings, options);
  f.updated = output_timestamp(meetings, options);

  std::string key = "feed.entry\n" + base + '\n' + site_url + '\n' + f.language + '\n' + (context.site ? "site" : "");
  for (const ir::Meeting* m : ordered) {
    Entry e;
    e.meeting = m;
    e.body = cached<EntryBody>(context.cache, key + '\n' + m->source + '\n' + content_key(*m, context),
                               [&] { return entry_body(*m, base, site_url, words, context); });
    if (!m->date)
      f.diagnostics.push_back({ir::Severity::warning, m->source, 0, 0,
                               "no date in the title, the front matter, the file name or its folder's name: the "
                               "feed lists it after the dated minutes"});
    f.diagnostics.insert(f.diagnostics.end(), e->diagnostics.begin(), e->diagnostics.end());
    f.entries.push_back(std::move(e));
  }
  return f;
}

size_t entries_size(const Feed& feed) {
  size_t n = 1024;
  for (const auto& e : feed.entries) n += e->content.size() + e->summary.size() + 512;
  return n;
}

XmlWriter xml_writer(const Feed& feed) {
  std::string start;
  size_t size = entries_size(feed);
  start.reserve(size + size / 4);  // the content escaped, or in CDATA sections
  start = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  return XmlWriter::indented(std::move(start), "  ");
}

void text_element(XmlWriter& w, std::string_view name, std::string_view text) {
  w.open(name).text(clean_text(text)).close();
}

Output saved(XmlWriter& w, Feed& feed) {
  Output out;
  out.bytes = w.take();
  out.diagnostics = std::move(feed.diagnostics);
  return out;
}

}  // namespace minutes::formats::feed
