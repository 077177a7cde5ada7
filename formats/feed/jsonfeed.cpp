// Writes meetings as a JSON Feed 1.1: one item per meeting, newest first, the meeting as content_html.
#include <nlohmann/json.hpp>

#include "formats/common/report.hpp"
#include "formats/feed/internal.hpp"
#include "formats/formats.hpp"

namespace minutes::formats {

namespace {

using json = nlohmann::ordered_json;

Output jsonfeed(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  feed::Feed f = feed::make_feed(meetings, options, context);
  json root;
  root["version"] = "https://jsonfeed.org/version/1.1";
  root["title"] = f.title;
  if (f.home.find("://") != std::string::npos) root["home_page_url"] = f.home;
  if (!f.self.empty()) root["feed_url"] = f.self;
  root["description"] = f.description;
  root["language"] = f.language;
  json items = json::array();
  for (const auto& e : f.entries) {
    json item;
    item["id"] = e->id;
    item["url"] = e->link;
    item["title"] = e->title;
    item["content_html"] = e->content;
    item["summary"] = e->summary;
    if (e->published) item["date_published"] = iso_datetime(*e->published);
    if (!e->authors.empty()) {
      json authors = json::array();
      for (const auto& a : e->authors) authors.push_back({{"name", a}});
      item["authors"] = std::move(authors);
    }
    if (!e->categories.empty()) item["tags"] = e->categories;
    items.push_back(std::move(item));
  }
  root["items"] = std::move(items);
  Output out;
  out.bytes = root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  out.diagnostics = std::move(f.diagnostics);
  return out;
}

}  // namespace

Output write_jsonfeed(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  return guarded("jsonfeed", [&] { return jsonfeed(meetings, options, context); });
}

}  // namespace minutes::formats
