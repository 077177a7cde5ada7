// Writes meetings as an RSS 2.0 feed: one item per meeting, newest first, the whole meeting as content:encoded.
#include <fmt/format.h>

#include <array>
#include <pugixml.hpp>

#include "formats/common/report.hpp"
#include "formats/common/text.hpp"
#include "formats/feed/internal.hpp"
#include "formats/formats.hpp"

namespace minutes::formats {

namespace {

using feed::text_child;

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

Output rss(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  feed::Feed f = feed::make_feed(meetings, options, context);
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version").set_value("1.0");
  decl.append_attribute("encoding").set_value("UTF-8");
  auto root = doc.append_child("rss");
  root.append_attribute("version").set_value("2.0");
  root.append_attribute("xmlns:atom").set_value("http://www.w3.org/2005/Atom");
  root.append_attribute("xmlns:content").set_value("http://purl.org/rss/1.0/modules/content/");
  root.append_attribute("xmlns:dc").set_value("http://purl.org/dc/elements/1.1/");
  auto channel = root.append_child("channel");
  text_child(channel, "title", f.title);
  text_child(channel, "link", f.home);
  text_child(channel, "description", escape_xml(f.description));
  if (!f.self.empty()) {
    auto self = channel.append_child("atom:link");
    self.append_attribute("href").set_value(f.self.c_str());
    self.append_attribute("rel").set_value("self");
    self.append_attribute("type").set_value("application/rss+xml");
  }
  text_child(channel, "language", f.language);
  text_child(channel, "lastBuildDate", rfc822(f.updated));
  text_child(channel, "generator", "minutes");
  text_child(channel, "docs", "https://www.rssboard.org/rss-specification");
  for (const auto& e : f.entries) {
    auto item = channel.append_child("item");
    text_child(item, "title", e->title);
    text_child(item, "link", e->link);
    auto guid = text_child(item, "guid", e->id);
    guid.append_attribute("isPermaLink").set_value(e->permalink ? "true" : "false");
    if (e->published) text_child(item, "pubDate", rfc822(*e->published));
    for (const auto& a : e->authors) text_child(item, "dc:creator", a);
    for (const auto& c : e->categories) text_child(item, "category", c);
    text_child(item, "description", escape_xml(e->summary));
    if (!e->content.empty())
      item.append_child("content:encoded").append_child(pugi::node_cdata).set_value(e->content.c_str());
  }
  return feed::saved(doc, f);
}

}  // namespace

Output write_rss(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  return guarded("rss", [&] { return rss(meetings, options, context); });
}

}  // namespace minutes::formats
