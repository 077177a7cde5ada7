// Writes meetings as an Atom 1.0 feed (RFC 4287): one entry per meeting, newest first, the meeting as HTML content.
#include <pugixml.hpp>

#include "formats/common/report.hpp"
#include "formats/common/text.hpp"
#include "formats/feed/internal.hpp"
#include "formats/formats.hpp"

namespace minutes::formats {

namespace {

using feed::text_child;

void link(pugi::xml_node parent, const char* rel, const char* type, const std::string& href) {
  auto l = parent.append_child("link");
  l.append_attribute("rel").set_value(rel);
  l.append_attribute("type").set_value(type);
  l.append_attribute("href").set_value(href.c_str());
}

void person(pugi::xml_node parent, std::string_view name) { text_child(parent.append_child("author"), "name", name); }

Output atom(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  feed::Feed f = feed::make_feed(meetings, options, context);
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version").set_value("1.0");
  decl.append_attribute("encoding").set_value("UTF-8");
  auto root = doc.append_child("feed");
  root.append_attribute("xmlns").set_value("http://www.w3.org/2005/Atom");
  if (is_language_tag(f.language)) root.append_attribute("xml:lang").set_value(f.language.c_str());
  text_child(root, "title", f.title);
  text_child(root, "subtitle", f.description);
  link(root, "alternate", "text/html", f.home);
  if (!f.self.empty()) link(root, "self", "application/atom+xml", f.self);
  // A stable id: the feed's own URL, else its site's, else one made of its title.
  text_child(root, "id",
             !f.self.empty()                           ? f.self
             : f.home.find("://") != std::string::npos ? f.home
                                                       : "minutes:feed:" + slug(f.title));
  text_child(root, "updated", iso_datetime(f.updated));
  text_child(root, "generator", "minutes");
  person(root, !options.organisation.empty() ? options.organisation : f.title);  // entries may have no scribe
  for (const auto& e : f.entries) {
    auto entry = root.append_child("entry");
    text_child(entry, "title", e->title);
    link(entry, "alternate", "text/html", e->link);
    text_child(entry, "id", e->id);
    text_child(entry, "updated", iso_datetime(e->published.value_or(f.updated)));
    if (e->published) text_child(entry, "published", iso_datetime(*e->published));
    for (const auto& a : e->authors) person(entry, a);
    for (const auto& c : e->categories) entry.append_child("category").append_attribute("term").set_value(c.c_str());
    text_child(entry, "summary", e->summary).append_attribute("type").set_value("text");
    if (!e->content.empty()) text_child(entry, "content", e->content).append_attribute("type").set_value("html");
  }
  return feed::saved(doc, f);
}

}  // namespace

Output write_atom(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  return guarded("atom", [&] { return atom(meetings, options, context); });
}

}  // namespace minutes::formats
