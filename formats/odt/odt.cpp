// The ODT writer: one meeting or a report of several as an ODF 1.3 text document (content, styles, meta, manifest).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "formats/common/report.hpp"
#include "formats/common/report_summary.hpp"
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

// The title with the hyphens between digits unbreakable (U+2011), so that a date never wraps, as in the DOCX.
std::string unbroken_dates(const std::string& title) {
  std::string out;
  for (size_t i = 0; i < title.size(); ++i) {
    bool digits = i > 0 && i + 1 < title.size() && std::isdigit(static_cast<unsigned char>(title[i - 1])) &&
                  std::isdigit(static_cast<unsigned char>(title[i + 1]));
    out += title[i] == '-' && digits ? std::string("\u2011") : std::string(1, title[i]);
  }
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

// Who and when of one meeting, under its chapter heading.
void meeting_lines(odt::Body& body, pugi::xml_node parent, const ir::Meeting& m, const Words& l) {
  if (m.date) meta_line(body, parent, l.date, period_text(*m.date, *m.date, l));
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

// A heading of the report's own outline (summary, series, meeting, appendix) with a bookmark the contents link to.
pugi::xml_node chapter_heading(odt::Body& body, pugi::xml_node text, int level, const char* style,
                               const std::string& bookmark, const std::string& title) {
  auto h = odt::add_heading(text, level);
  if (style) h.attribute("text:style-name") = style;
  h.append_child("text:bookmark").append_attribute("text:name") = bookmark.c_str();
  body.text(h, title);
  return h;
}

// One entry of the contents: a link to the bookmark, a tab and the page the bookmark is on (a reference field that
// LibreOffice computes when it lays the pages out, so the contents show real page numbers without an update).
void contents_entry(odt::Body& body, pugi::xml_node index, int level, const std::string& bookmark,
                    const std::string& title) {
  auto entry = paragraph(index, level == 1 ? "Contents_20_1" : "Contents_20_2");
  auto a = entry.append_child("text:a");
  a.append_attribute("xlink:type") = "simple";
  a.append_attribute("xlink:href") = ("#" + bookmark).c_str();
  a.append_attribute("text:style-name") = "Index_20_Link";
  a.append_attribute("text:visited-style-name") = "Index_20_Link";
  body.text(a, title);
  entry.append_child("text:tab");
  auto page = entry.append_child("text:bookmark-ref");
  page.append_attribute("text:reference-format") = "page";
  page.append_attribute("text:ref-name") = bookmark.c_str();
}

// The contents: its source (two outline levels) and its body already filled in.
pugi::xml_node contents(pugi::xml_node text, const Words& labels) {
  auto toc = text.append_child("text:table-of-content");
  toc.append_attribute("text:name") = "Contents";
  auto src = toc.append_child("text:table-of-content-source");
  src.append_attribute("text:outline-level") = 2;
  auto tt = src.append_child("text:index-title-template");
  tt.append_attribute("text:style-name") = "Contents_20_Heading";
  tt.append_child(pugi::node_pcdata).set_value(labels.contents.c_str());
  for (int level : {1, 2}) {
    auto et = src.append_child("text:table-of-content-entry-template");
    et.append_attribute("text:outline-level") = level;
    et.append_attribute("text:style-name") = level == 1 ? "Contents_20_1" : "Contents_20_2";
    et.append_child("text:index-entry-link-start");
    et.append_child("text:index-entry-text");
    et.append_child("text:index-entry-link-end");
    auto tab = et.append_child("text:index-entry-tab-stop");
    tab.append_attribute("style:type") = "right";
    tab.append_attribute("style:leader-char") = ".";
    et.append_child("text:index-entry-page-number");
  }
  auto ib = toc.append_child("text:index-body");
  auto it = ib.append_child("text:index-title");
  it.append_attribute("text:name") = "Contents_Head";
  paragraph(it, "Contents_20_Heading").append_child(pugi::node_pcdata).set_value(labels.contents.c_str());
  return ib;
}

// A report of several meetings: summary, contents, chapters by series, appendix.
void report_body(pugi::xml_node text, std::span<const ir::Meeting> meetings, const WriteOptions& options,
                 const Words& labels, odt::Sink& sink) {
  ir::Meeting none;
  odt::Body head(sink, none, 1, labels);
  Summary summary = summarise(meetings, options, labels);
  chapter_heading(head, text, 1, nullptr, "report-summary", labels.summary);
  auto parts = summary_blocks(summary, labels);
  head.blocks(text, parts.figures);
  Chart chart = meetings_chart(summary, labels);
  head.picture(paragraph(text, "Figure"), "minutes:chart", chart.png, chart.width, chart.height, 16.0, labels.chart);
  head.text(paragraph(text, "Caption"), labels.chart);
  if (!parts.events.empty()) {
    head.text(odt::add_heading(text, 2), labels.events_held);
    head.blocks(text, parts.events);
  }
  auto index = contents(text, labels);
  contents_entry(head, index, 1, "report-summary", labels.summary);
  auto groups = chapters(meetings);
  std::vector<std::pair<const ir::Meeting*, std::string>> order;
  for (size_t g = 0; g < groups.size(); ++g) {
    std::string name = groups[g].name.empty() ? labels.no_series : groups[g].name;
    contents_entry(head, index, 1, fmt::format("series-{}", g + 1), name);
    for (const ir::Meeting* m : groups[g].meetings) {
      order.emplace_back(m, chapter_title(*m, groups[g].name));
      contents_entry(head, index, 2, fmt::format("meeting-{}", order.size()), order.back().second);
    }
  }
  contents_entry(head, index, 1, "report-appendix", labels.appendix);
  size_t n = 0;
  for (size_t g = 0; g < groups.size(); ++g) {
    std::string name = groups[g].name.empty() ? labels.no_series : groups[g].name;
    chapter_heading(head, text, 1, "Chapter", fmt::format("series-{}", g + 1), name);
    for (size_t i = 0; i < groups[g].meetings.size(); ++i, ++n) {
      const auto& m = *order[n].first;
      odt::Body body(sink, m, 3, labels);  // its sections below its own heading (level 2)
      chapter_heading(body, text, 2, i ? "Chapter_20_2" : nullptr, fmt::format("meeting-{}", n + 1), order[n].second);
      meeting_lines(body, text, m, labels);
      body.meeting(text);
    }
  }
  chapter_heading(head, text, 1, "Chapter", "report-appendix", labels.appendix);
  for (const auto& [title, blocks] : appendix_blocks(summary, labels)) {
    head.text(odt::add_heading(text, 2), title);
    head.blocks(text, blocks);
  }
}

std::string content_xml(std::span<const ir::Meeting> meetings, const TitleBlock& block, const WriteOptions& options,
                        const pugi::xml_document& styles, const Words& labels, odt::Sink& sink) {
  pugi::xml_document doc;
  auto root = part_root(doc, "office:document-content");
  auto autos = root.append_child("office:automatic-styles");
  for (auto [name, parent] : {std::pair{"Chapter", "Heading_20_1"}, std::pair{"Chapter_20_2", "Heading_20_2"}}) {
    auto chapter = autos.append_child("style:style");
    chapter.append_attribute("style:name") = name;
    chapter.append_attribute("style:family") = "paragraph";
    chapter.append_attribute("style:parent-style-name") = parent;
    chapter.append_child("style:paragraph-properties").append_attribute("fo:break-before") = "page";
  }
  odt::add_automatic_styles(autos, styles);
  auto text = root.append_child("office:body").append_child("office:text");

  ir::Meeting none;
  auto ordered = in_date_order(meetings);
  odt::Body head(sink, ordered.empty() ? none : *ordered.front(), 1, labels);
  head.text(paragraph(text, "Title"), unbroken_dates(block.title));
  if (!block.subtitle.empty()) head.text(paragraph(text, "Subtitle"), block.subtitle);
  for (const auto& [label, value] : block.lines) meta_line(head, text, label, value);
  if (block.report)
    report_body(text, meetings, options, labels, sink);
  else
    head.meeting(text);
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
  std::string lang = odt::valid_language(report_language(meetings, options), sink);
  const Words& words = words_for(lang);
  TitleBlock block = title_block(meetings, options, words);
  std::string title = clean_text(document_title(block), &sink.dropped);
  auto styles = odt::make_styles(title, lang, options, sink, words);
  std::string content = odt::content_xml(meetings, block, options, *styles.doc, words, sink);
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
