// Writes meetings as a JSON Feed 1.1: one item per meeting, newest first, the meeting as content_html.
#include <nlohmann/json.hpp>

#include "converters/core/decode.hpp"
#include "formats/common/report.hpp"
#include "formats/feed/internal.hpp"
#include "formats/formats.hpp"

namespace minutes::formats {

namespace {

using json = nlohmann::ordered_json;

// Writes what `root.dump(2, ' ', false, error_handler_t::replace)` wrote for the feed's tree of objects and arrays,
// without the tree: the structure and its indentation spelled out here (an object's members one a line, `"key": `,
// the last without a comma, the closing brace on a line of its own at the outer depth), every string value as
// feed::append_json_string writes it.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  // `text` as a JSON string.
  JsonWriter& string(std::string_view text) {
    feed::append_json_string(out_, text);
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

namespace feed {

void append_json_string(std::string& out, std::string_view text) {
  size_t start = out.size();
  out += '"';
  for (size_t i = 0; i < text.size();) {
    // A run of what goes over as it is: printable ASCII but " and \, and well-formed multi-byte sequences.
    size_t run = i;
    while (run < text.size()) {
      auto c = static_cast<unsigned char>(text[run]);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        ++run;
      } else if (c >= 0x80) {
        // the well-formed sequence (no overlong form, surrogate or code point above U+10FFFF): what nlohmann accepts
        auto n = static_cast<size_t>(utf8_sequence_length(text, run));
        if (n == 0) {  // broken UTF-8: nlohmann's replacement, whatever it makes of it
          out.resize(start);
          out += json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
          return;
        }
        run += n;
      } else {
        break;
      }
    }
    out.append(text.data() + i, run - i);
    if (run == text.size()) break;
    auto c = static_cast<unsigned char>(text[run]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: {  // another C0 control: "\u00XX", lower-case hex as nlohmann writes it
        static constexpr char hex[] = "0123456789abcdef";
        char u[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        out.append(u, sizeof u);
      }
    }
    i = run + 1;
  }
  out += '"';
}

}  // namespace feed

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
