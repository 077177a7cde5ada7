// Writes meetings as an RSS 2.0 feed: one item per meeting, newest first, the whole meeting as content:encoded.
#include <fmt/format.h>

#include <array>

#include "formats/common/report.hpp"
#include "formats/common/text.hpp"
#include "formats/feed/internal.hpp"
#include "formats/formats.hpp"

namespace minutes::formats {

std::string feed::rfc822(int64_t seconds) {
  static constexpr std::array<const char*, 7> days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int64_t day = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  int64_t rest = seconds - day * 86400;
  ir::Date d = ir::civil_from_days(day);
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000", days[static_cast<size_t>(ir::weekday(d))], d.day,
                     months[static_cast<size_t>(d.month - 1)], d.year, rest / 3600, rest / 60 % 60, rest % 60);
}

namespace {

using feed::rfc822;
using feed::text_element;

Output rss(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  feed::Feed f = feed::make_feed(meetings, options, context);
  XmlWriter w = feed::xml_writer(f);
  w.open("rss")
      .attr("version", "2.0")
      .attr("xmlns:atom", "http://www.w3.org/2005/Atom")
      .attr("xmlns:content", "http://purl.org/rss/1.0/modules/content/")
      .attr("xmlns:dc", "http://purl.org/dc/elements/1.1/");
  w.open("channel");
  text_element(w, "title", f.title);
  text_element(w, "link", f.home);
  text_element(w, "description", escape_xml(f.description));
  if (!f.self.empty())
    w.open("atom:link").attr("href", f.self).attr("rel", "self").attr("type", "application/rss+xml").close();
  text_element(w, "language", f.language);
  text_element(w, "lastBuildDate", rfc822(f.updated));
  text_element(w, "generator", "minutes");
  text_element(w, "docs", "https://www.rssboard.org/rss-specification");
  for (const auto& e : f.entries) {
    w.open("item");
    text_element(w, "title", e->title);
    text_element(w, "link", e->link);
    w.open("guid").attr("isPermaLink", e->permalink ? "true" : "false").text(clean_text(e->id)).close();
    if (e->published) text_element(w, "pubDate", rfc822(*e->published));
    for (const auto& a : e->authors) text_element(w, "dc:creator", a);
    for (const auto& c : e->categories) text_element(w, "category", c);
    text_element(w, "description", escape_xml(e->summary));
    if (!e->content.empty()) w.open("content:encoded").cdata(e->content).close();
    w.close();
  }
  w.close().close();
  return feed::saved(w, f);
}

}  // namespace

Output write_rss(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  return guarded("rss", [&] { return rss(meetings, options, context); });
}

}  // namespace minutes::formats
