// Writes meetings as an Atom 1.0 feed (RFC 4287): one entry per meeting, newest first, the meeting as HTML content.
#include "formats/common/report.hpp"
#include "formats/common/text.hpp"
#include "formats/feed/internal.hpp"
#include "formats/formats.hpp"

namespace minutes::formats {

namespace {

using feed::text_element;

void link(XmlWriter& w, const char* rel, const char* type, const std::string& href) {
  w.open("link").attr("rel", rel).attr("type", type).attr("href", href).close();
}

void person(XmlWriter& w, std::string_view name) {
  w.open("author");
  text_element(w, "name", name);
  w.close();
}

Output atom(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  feed::Feed f = feed::make_feed(meetings, options, context);
  XmlWriter w = feed::xml_writer(f);
  w.open("feed").attr("xmlns", "http://www.w3.org/2005/Atom");
  if (is_language_tag(f.language)) w.attr("xml:lang", f.language);
  text_element(w, "title", f.title);
  text_element(w, "subtitle", f.description);
  link(w, "alternate", "text/html", f.home);
  if (!f.self.empty()) link(w, "self", "application/atom+xml", f.self);
  // A stable id: the feed's own URL, else its site's, else one made of its title.
  text_element(w, "id",
               !f.self.empty()                           ? f.self
               : f.home.find("://") != std::string::npos ? f.home
                                                         : "minutes:feed:" + slug(f.title));
  text_element(w, "updated", iso_datetime(f.updated));
  text_element(w, "generator", "minutes");
  person(w, !options.organisation.empty() ? options.organisation : f.title);  // entries may have no scribe
  for (const auto& e : f.entries) {
    w.open("entry");
    text_element(w, "title", e->title);
    link(w, "alternate", "text/html", e->link);
    text_element(w, "id", e->id);
    text_element(w, "updated", iso_datetime(e->published.value_or(f.updated)));
    if (e->published) text_element(w, "published", iso_datetime(*e->published));
    for (const auto& a : e->authors) person(w, a);
    for (const auto& c : e->categories) w.open("category").attr("term", c).close();
    w.open("summary").attr("type", "text").text(clean_text(e->summary)).close();
    if (!e->content.empty()) w.open("content").attr("type", "html").text(clean_text(e->content)).close();
    w.close();
  }
  w.close();
  return feed::saved(w, f);
}

}  // namespace

Output write_atom(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  return guarded("atom", [&] { return atom(meetings, options, context); });
}

}  // namespace minutes::formats
