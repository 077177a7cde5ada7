// Writes meetings as an RSS 2.0 feed: one item per meeting, newest first, the whole meeting as content:encoded.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>
#include <sstream>

#include "formats/common/fragment.hpp"
#include "formats/common/report.hpp"
#include "formats/common/text.hpp"
#include "formats/common/url.hpp"
#include "formats/formats.hpp"

namespace minutes::formats {

namespace {

// "Thu, 04 May 2023 00:00:00 +0000" (RFC 822 with a four-digit year, English names).
std::string rfc822(int64_t seconds) {
  static constexpr std::array<const char*, 7> days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int64_t day = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  int64_t rest = seconds - day * 86400;
  ir::Date d = ir::civil_from_days(day);
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000", days[static_cast<size_t>(ir::weekday(d))], d.day,
                     months[static_cast<size_t>(d.month - 1)], d.year, rest / 3600, rest / 60 % 60, rest % 60);
}

pugi::xml_node text_child(pugi::xml_node parent, const char* name, std::string_view text) {
  auto e = parent.append_child(name);
  e.append_child(pugi::node_pcdata).set_value(clean_text(text).c_str());
  return e;
}

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
  return shorten(out, 700);
}

// The feed of the newest meetings.
Output feed(std::span<const ir::Meeting> meetings, const WriteOptions& options) {
  Output out;
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
  std::string title = !options.feed_title.empty() ? options.feed_title
                      : series.size() == 1        ? series.front()
                                                  : words.meeting_minutes;
  std::string base =
      checked_base(options.base_url, "the base URL (--base-url, base_url in minutes.yaml)", out.diagnostics);
  std::string feed_link =
      checked_base(options.feed_link, "the feed link (--feed-link, feed: link: in minutes.yaml)", out.diagnostics);
  std::string feed_self = checked_base(options.feed_self, "the feed's own URL (--feed-self)", out.diagnostics);
  std::string link = !feed_link.empty() ? feed_link : base;
  if (link.empty()) {
    out.diagnostics.push_back(
        {ir::Severity::warning, "", 0, 0, "no --feed-link or --base-url: the feed's links are relative paths"});
    link = "./";
  }
  std::string description =
      !options.feed_description.empty() ? options.feed_description : fill(words.minutes_of, {{"title", title}});

  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version").set_value("1.0");
  decl.append_attribute("encoding").set_value("UTF-8");
  auto rss = doc.append_child("rss");
  rss.append_attribute("version").set_value("2.0");
  rss.append_attribute("xmlns:atom").set_value("http://www.w3.org/2005/Atom");
  rss.append_attribute("xmlns:content").set_value("http://purl.org/rss/1.0/modules/content/");
  rss.append_attribute("xmlns:dc").set_value("http://purl.org/dc/elements/1.1/");
  auto channel = rss.append_child("channel");
  text_child(channel, "title", title);
  text_child(channel, "link", safe_url(link).empty() ? "./" : safe_url(link));
  text_child(channel, "description", escape_xml(description));
  if (!safe_url(feed_self).empty()) {
    auto self = channel.append_child("atom:link");
    self.append_attribute("href").set_value(safe_url(feed_self).c_str());
    self.append_attribute("rel").set_value("self");
    self.append_attribute("type").set_value("application/rss+xml");
  }
  text_child(channel, "language", report_language(meetings, options));
  text_child(channel, "lastBuildDate", rfc822(output_timestamp(meetings, options)));
  text_child(channel, "generator", "minutes");
  text_child(channel, "docs", "https://www.rssboard.org/rss-specification");

  for (const ir::Meeting* m : ordered) {
    auto item = channel.append_child("item");
    text_child(item, "title", ir::display_title(*m));
    std::string url = join_url(base, m->source);
    text_child(item, "link", url);
    auto guid = text_child(item, "guid", absolute(url) ? url : "minutes:" + url);
    guid.append_attribute("isPermaLink").set_value(absolute(url) ? "true" : "false");
    if (m->date) text_child(item, "pubDate", rfc822(ir::days_from_civil(*m->date) * 86400));
    for (const auto& s : m->scribes) text_child(item, "dc:creator", "@" + s);
    std::set<std::string_view> categories;  // each once, in order of appearance
    for (const auto& s : top_sections(*m))
      if (!bookkeeping(s.title) && categories.insert(s.title).second) text_child(item, "category", s.title);
    text_child(item, "description", escape_xml(summary(*m)));
    html::FragmentOptions fo;
    fo.base_url = absolute(url) ? url : std::string();
    fo.words = &words;
    fo.top_heading = 2;
    fo.source = m->source;
    fo.diagnostics = &out.diagnostics;
    std::string content = html::meeting_fragment(*m, fo);
    if (!content.empty())
      item.append_child("content:encoded").append_child(pugi::node_cdata).set_value(content.c_str());
  }

  std::ostringstream s;
  doc.save(s, "  ", pugi::format_indent, pugi::encoding_utf8);
  out.bytes = s.str();
  return out;
}

}  // namespace

Output write_rss(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext&) {
  return guarded("rss", [&] { return feed(meetings, options); });
}

}  // namespace minutes::formats
