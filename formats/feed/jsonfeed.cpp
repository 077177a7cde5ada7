// Writes meetings as a JSON Feed 1.1: one item per meeting, newest first, the meeting as content_html.
#include "formats/common/json_text.hpp"
#include "formats/common/report.hpp"
#include "formats/feed/internal.hpp"
#include "formats/formats.hpp"

namespace minutes::formats {

namespace {

Output jsonfeed(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  feed::Feed f = feed::make_feed(meetings, options, context);
  Output out;
  std::string& s = out.bytes;
  s.reserve(feed::entries_size(f) + feed::entries_size(f) / 8);
  JsonOut w(s);  // what the feed's tree gave with dump(2), without the tree
  w.object().key("version").string("https://jsonfeed.org/version/1.1");
  w.key("title").string(f.title);
  if (f.home.find("://") != std::string::npos) w.key("home_page_url").string(f.home);
  if (!f.self.empty()) w.key("feed_url").string(f.self);
  w.key("description").string(f.description);
  w.key("language").string(f.language);
  w.key("items").array();
  for (const auto& entry : f.entries) {
    const feed::EntryBody& e = *entry.body;
    w.object().key("id").string(e.id);
    w.key("url").string(e.link);
    w.key("title").string(e.title);
    w.key("content_html").string(e.content);
    w.key("summary").string(e.summary);
    if (e.published) w.key("date_published").string(iso_datetime(*e.published));
    if (!e.authors.empty()) {
      w.key("authors").array();
      for (const auto& name : e.authors) w.object().key("name").string(name).end();
      w.end();
    }
    if (!e.categories.empty()) {
      w.key("tags").array();
      for (const auto& tag : e.categories) w.string(tag);
      w.end();
    }
    w.end();
  }
  w.end().end();
  s += '\n';
  out.diagnostics = std::move(f.diagnostics);
  return out;
}

}  // namespace

Output write_jsonfeed(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  return guarded("jsonfeed", [&] { return jsonfeed(meetings, options, context); });
}

}  // namespace minutes::formats
