// Writes meetings as a JSON Feed 1.1: one item per meeting, newest first, the meeting as content_html.
#include "formats/common/json_text.hpp"
#include "formats/common/report.hpp"
#include "formats/feed/internal.hpp"
#include "formats/formats.hpp"

namespace minutes::formats {

namespace {

// Writes what `root.dump(2, ' ', false, error_handler_t::replace)` wrote for the feed's tree of objects and arrays,
// without the tree: the structure and its indentation spelled out here (an object's members one a line, `"key": `,
// the last without a comma, the closing brace on a line of its own at the outer depth), every string value as
// append_json_string writes it.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  // `text` as a JSON string.
  JsonWriter& string(std::string_view text) {
    append_json_string(out_, text);
    return *this;
  }
  // A member after the first of an object at `depth` (1: the root's): `,`, a line break, the indent and the key.
  JsonWriter& next(int depth, std::string_view key) {
    out_ += ',';
    return first(depth, key);
  }
  // The first member of an object at `depth`.
  JsonWriter& first(int depth, std::string_view key) {
    out_ += '\n';
    indent(depth);
    out_ += '"';
    out_ += key;  // the writer's own keys, letters and '_': nothing to escape
    out_ += "\": ";
    return *this;
  }
  JsonWriter& raw(std::string_view s) {
    out_ += s;
    return *this;
  }
  // The indent of `depth`, two spaces a level.
  JsonWriter& indent(int depth) {
    out_.append(static_cast<size_t>(2 * depth), ' ');
    return *this;
  }

 private:
  std::string& out_;
};

}  // namespace


namespace {

Output jsonfeed(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  feed::Feed f = feed::make_feed(meetings, options, context);
  Output out;
  std::string& s = out.bytes;
  s.reserve(feed::entries_size(f) + feed::entries_size(f) / 8);
  JsonWriter w(s);
  w.raw("{").first(1, "version").string("https://jsonfeed.org/version/1.1");
  w.next(1, "title").string(f.title);
  if (f.home.find("://") != std::string::npos) w.next(1, "home_page_url").string(f.home);
  if (!f.self.empty()) w.next(1, "feed_url").string(f.self);
  w.next(1, "description").string(f.description);
  w.next(1, "language").string(f.language);
  w.next(1, "items").raw(f.entries.empty() ? "[]" : "[");
  for (size_t i = 0; i < f.entries.size(); ++i) {
    const feed::EntryBody& e = *f.entries[i].body;
    w.raw(i == 0 ? "\n" : ",\n").indent(2).raw("{");
    w.first(3, "id").string(e.id);
    w.next(3, "url").string(e.link);
    w.next(3, "title").string(e.title);
    w.next(3, "content_html").string(e.content);
    w.next(3, "summary").string(e.summary);
    if (e.published) w.next(3, "date_published").string(iso_datetime(*e.published));
    if (!e.authors.empty()) {
      w.next(3, "authors").raw("[");
      for (size_t j = 0; j < e.authors.size(); ++j) {
        w.raw(j == 0 ? "\n" : ",\n").indent(4).raw("{");
        w.first(5, "name").string(e.authors[j]);
        w.raw("\n").indent(4).raw("}");
      }
      w.raw("\n").indent(3).raw("]");
    }
    if (!e.categories.empty()) {
      w.next(3, "tags").raw("[");
      for (size_t j = 0; j < e.categories.size(); ++j) w.raw(j == 0 ? "\n" : ",\n").indent(4).string(e.categories[j]);
      w.raw("\n").indent(3).raw("]");
    }
    w.raw("\n").indent(2).raw("}");
  }
  if (!f.entries.empty()) w.raw("\n").indent(1).raw("]");
  w.raw("\n}\n");
  out.diagnostics = std::move(f.diagnostics);
  return out;
}

}  // namespace

Output write_jsonfeed(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  return guarded("jsonfeed", [&] { return jsonfeed(meetings, options, context); });
}

}  // namespace minutes::formats
