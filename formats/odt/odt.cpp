// The ODT writer: one meeting or a report of several as an ODF 1.3 text document (content, styles, meta, manifest).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "formats/common/report.hpp"
#include "formats/common/text.hpp"
#include "formats/odt/internal.hpp"

namespace minutes::formats {

namespace odt {

const std::vector<std::pair<const char*, const char*>>& namespaces() {
  static const std::vector<std::pair<const char*, const char*>> ns = {
      {"office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"},
      {"style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"},
      {"text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"},
      {"table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"},
      {"draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"},
      {"fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"},
      {"xlink", "http://www.w3.org/1999/xlink"},
      {"dc", "http://purl.org/dc/elements/1.1/"},
      {"meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"},
      {"number", "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"},
      {"svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"},
  };
  return ns;
}

std::string to_string(const pugi::xml_document& doc) {
  struct Writer : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
  } w;
  w.out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  for (auto c : doc.children())
    if (c.type() == pugi::node_element) c.print(w, "", pugi::format_raw, pugi::encoding_utf8);
  return w.out;
}

namespace {

constexpr const char* mimetype = "application/vnd.oasis.opendocument.text";

pugi::xml_node part_root(pugi::xml_document& doc, const char* name) {
  auto root = doc.append_child(name);
  for (const auto& [prefix, uri] : namespaces()) root.append_attribute((std::string("xmlns:") + prefix).c_str()) = uri;
  root.append_attribute("office:version") = "1.3";
  return root;
}

pugi::xml_node paragraph(pugi::xml_node parent, const char* style) {
  auto p = parent.append_child("text:p");
  p.append_attribute("text:style-name") = style;
  return p;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

// "Label: value" lines of the title block or a chapter's opening.
void meta_line(odt::Body& body, pugi::xml_node parent, std::string_view label, const std::string& value) {
  if (value.empty()) return;
  auto p = paragraph(parent, "Report_20_Meta");
  auto l = p.append_child("text:span");
  l.append_attribute("text:style-name") = "Strong_20_Emphasis";
  body.text(l, std::string(label) + ": ");
  body.text(p, value);
}

// Who and when of one meeting.
void meeting_lines(odt::Body& body, pugi::xml_node parent, const ir::Meeting& m, bool with_date, const Words& l) {
  if (with_date && m.date) meta_line(body, parent, l.date, ir::iso(*m.date));
  meta_line(body, parent, m.scribes.size() > 1 ? l.scribes : l.scribe, join(m.scribes, ", "));
  meta_line(body, parent, l.participants, join(m.participants, ", "));
}

std::string valid_language(const std::string& lang, odt::Sink& sink) {
  if (is_language_tag(lang)) return lang;
  sink.diagnostics.push_back({ir::Severity::warning, "", 0, 0,
                              fmt::format("'{}' is not a language tag; the document says 'en'",
                                          clean_text(std::string_view(lang).substr(0, 40)))});
  return "en";
}

std::string content_xml(std::span<const ir::Meeting> meetings, const std::string& title, const WriteOptions& options,
                        const pugi::xml_document& styles, const Words& labels, odt::Sink& sink) {
  pugi::xml_document doc;
  auto root = part_root(doc, "office:document-content");
  auto autos = root.append_child("office:automatic-styles");
  auto chapter = autos.append_child("style:style");
  chapter.append_attribute("style:name") = "Chapter";
  chapter.append_attribute("style:family") = "paragraph";
  chapter.append_attribute("style:parent-style-name") = "Heading_20_1";
  chapter.append_child("style:paragraph-properties").append_attribute("fo:break-before") = "page";
  odt::add_automatic_styles(autos, styles);
  auto text = root.append_child("office:body").append_child("office:text");

  auto ordered = in_date_order(meetings);
  bool report = ordered.size() > 1;
  ir::Meeting none;
  odt::Body head(sink, ordered.empty() ? none : *ordered.front(), 1, labels);
  // "Series, 2023-04-06 to 2023-06-29" reads better as a title and a subtitle than as one wrapped line.
  std::string period = report_period(meetings);
  std::string shown = title;
  if (!period.empty() && shown.ends_with(", " + period)) shown.resize(shown.size() - period.size() - 2);
  head.text(paragraph(text, "Title"), shown);
  if (!period.empty() && shown.find(period) == std::string::npos) head.text(paragraph(text, "Subtitle"), period);
  meta_line(head, text, labels.organisation, options.organisation);
  meta_line(head, text, labels.funder, options.funder);
  if (!report && !ordered.empty()) meeting_lines(head, text, *ordered.front(), false, labels);
  if (report) {
    meta_line(head, text, labels.meetings, std::to_string(ordered.size()));
    auto toc = text.append_child("text:table-of-content");
    toc.append_attribute("text:name") = "Contents";
    auto src = toc.append_child("text:table-of-content-source");
    src.append_attribute("text:outline-level") = 1;
    auto tt = src.append_child("text:index-title-template");
    tt.append_attribute("text:style-name") = "Contents_20_Heading";
    tt.append_child(pugi::node_pcdata).set_value(labels.contents.c_str());
    auto et = src.append_child("text:table-of-content-entry-template");
    et.append_attribute("text:outline-level") = 1;
    et.append_attribute("text:style-name") = "Contents_20_1";
    et.append_child("text:index-entry-link-start");
    et.append_child("text:index-entry-text");
    et.append_child("text:index-entry-link-end");
    auto tab = et.append_child("text:index-entry-tab-stop");
    tab.append_attribute("style:type") = "right";
    tab.append_attribute("style:leader-char") = ".";
    et.append_child("text:index-entry-page-number");
    auto ib = toc.append_child("text:index-body");
    auto it = ib.append_child("text:index-title");
    it.append_attribute("text:name") = "Contents_Head";
    paragraph(it, "Contents_20_Heading").append_child(pugi::node_pcdata).set_value(labels.contents.c_str());
    for (size_t i = 0; i < ordered.size(); ++i) {
      // The entry's page number is a bookmark reference field, which LibreOffice computes when it lays the pages
      // out, so the filled-in contents show real page numbers without anyone updating the index.
      auto entry = paragraph(ib, "Contents_20_1");
      auto a = entry.append_child("text:a");
      a.append_attribute("xlink:type") = "simple";
      a.append_attribute("xlink:href") = fmt::format("#meeting-{}", i + 1).c_str();
      a.append_attribute("text:style-name") = "Index_20_Link";
      a.append_attribute("text:visited-style-name") = "Index_20_Link";
      head.text(a, ir::display_title(*ordered[i]));
      entry.append_child("text:tab");
      auto page = entry.append_child("text:bookmark-ref");
      page.append_attribute("text:reference-format") = "page";
      page.append_attribute("text:ref-name") = fmt::format("meeting-{}", i + 1).c_str();
    }
  }
  for (size_t i = 0; i < ordered.size(); ++i) {
    const auto& m = *ordered[i];
    odt::Body body(sink, m, report ? 2 : 1, labels);
    if (report) {
      auto h = odt::add_heading(text, 1);
      h.attribute("text:style-name") = "Chapter";
      h.append_child("text:bookmark").append_attribute("text:name") = fmt::format("meeting-{}", i + 1).c_str();
      body.text(h, ir::display_title(m));
      meeting_lines(body, text, m, true, labels);
    }
    body.meeting(text);
  }
  return odt::to_string(doc);
}

std::string meta_xml(std::span<const ir::Meeting> meetings, const std::string& title, const std::string& lang,
                     const WriteOptions& options, odt::Sink& sink) {
  pugi::xml_document doc;
  auto meta = part_root(doc, "office:document-meta").append_child("office:meta");
  auto add = [&](const char* name, const std::string& value) {
    meta.append_child(name).append_child(pugi::node_pcdata).set_value(clean_text(value, &sink.dropped).c_str());
  };
  std::string when = iso_datetime(output_timestamp(meetings, options));
  when.pop_back();  // ODF dates are local date-times without a zone in practice; keep UTC without 'Z'
  add("meta:generator", "minutes");
  add("dc:title", title);
  std::string period = report_period(meetings);
  add("dc:subject", period.empty() ? "Meeting minutes" : "Meeting minutes, " + period);
  std::vector<std::string> scribes;
  for (const auto& m : meetings)
    for (const auto& s : m.scribes)
      if (std::find(scribes.begin(), scribes.end(), s) == scribes.end()) scribes.push_back(s);
  std::string creator = !options.organisation.empty() ? options.organisation
                        : !scribes.empty()            ? join(scribes, ", ")
                                                      : std::string("minutes");
  add("meta:initial-creator", creator);
  add("dc:creator", creator);
  for (const auto& s : report_series(meetings))
    if (!s.empty()) add("meta:keyword", s);
  add("meta:creation-date", when);
  add("dc:date", when);
  add("dc:language", lang);
  return odt::to_string(doc);
}

std::string manifest_xml(const std::vector<std::string>& parts, const std::vector<odt::Picture>& pictures) {
  pugi::xml_document doc;
  auto root = doc.append_child("manifest:manifest");
  root.append_attribute("xmlns:manifest") = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";
  root.append_attribute("manifest:version") = "1.3";
  auto entry = [&](const std::string& path, const std::string& type) {
    auto e = root.append_child("manifest:file-entry");
    e.append_attribute("manifest:full-path") = path.c_str();
    if (path == "/") e.append_attribute("manifest:version") = "1.3";
    e.append_attribute("manifest:media-type") = type.c_str();
  };
  entry("/", mimetype);
  for (const auto& p : parts) entry(p, "text/xml");
  for (const auto& p : pictures) entry(p.name, p.media_type);
  return odt::to_string(doc);
}

}  // namespace

}  // namespace odt

namespace odt {
namespace {

Output package(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  Output out;
  odt::Sink sink(context);
  std::string title = clean_text(report_title(meetings, options), &sink.dropped);
  std::string lang = odt::valid_language(report_language(meetings, options), sink);
  const Words& words = words_for(lang);
  auto styles = odt::make_styles(title, lang, options, sink, words);
  std::string content = odt::content_xml(meetings, title, options, *styles.doc, words, sink);
  std::string meta = odt::meta_xml(meetings, title, lang, options, sink);
  std::vector<odt::Picture> pictures = styles.pictures;
  for (auto& p : sink.pictures) pictures.push_back(std::move(p));
  std::vector<ZipEntry> entries;
  entries.push_back({"mimetype", odt::mimetype, true});
  // The beginnings of content.xml (namespaces, automatic styles) and styles.xml (up to the report title) are the
  // same in every report: the zip layer compresses them once.
  size_t body_at = content.find("<office:body>");
  entries.push_back({"content.xml", std::move(content), false, body_at == std::string::npos ? 0 : body_at});
  entries.push_back({"styles.xml", std::move(styles.xml), false, styles.recurring_prefix});
  entries.push_back({"meta.xml", std::move(meta)});
  for (auto& p : pictures) entries.push_back({p.name, p.data, p.media_type != "image/svg+xml"});
  entries.push_back({"META-INF/manifest.xml", odt::manifest_xml({"content.xml", "styles.xml", "meta.xml"}, pictures)});
  if (sink.html > 0)
    sink.diagnostics.push_back(
        {ir::Severity::note, "", 0, 0, fmt::format("{} raw HTML block(s) written as their visible text", sink.html)});
  if (sink.dropped > 0)
    sink.diagnostics.push_back({ir::Severity::warning, "", 0, 0,
                                fmt::format("{} control character(s) or broken UTF-8 sequence(s) that XML 1.0 forbids "
                                            "were dropped or replaced",
                                            sink.dropped)});
  out.diagnostics = std::move(sink.diagnostics);
  auto zipped = zip_package(entries, output_timestamp(meetings, options), context.cache);
  if (!zipped.error.empty())
    out.diagnostics.push_back({ir::Severity::error, "", 0, 0, "cannot pack the ODT: " + zipped.error});
  out.bytes = std::move(zipped.bytes);
  return out;
}

}  // namespace
}  // namespace odt

Output write_odt(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  return guarded("odt", [&] { return odt::package(meetings, options, context); });
}

}  // namespace minutes::formats
