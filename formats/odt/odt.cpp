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
constexpr std::string_view declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

void open_part(XmlWriter& w, const char* name) {
  w.open(name);
  for (const auto& [prefix, uri] : namespaces()) w.attr(std::string("xmlns:") + prefix, uri);
  w.attr("office:version", "1.3");
}

void open_paragraph(XmlWriter& w, const char* style) { w.open("text:p").attr("text:style-name", style); }

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
void meta_line(XmlWriter& w, odt::Body& body, std::string_view label, const std::string& value) {
  if (value.empty()) return;
  open_paragraph(w, "Report_20_Meta");
  w.open("text:span").attr("text:style-name", "Strong_20_Emphasis");
  body.text(std::string(label) + ": ");
  w.close();
  body.text(value);
  w.close();
}

// Who and when of one meeting, under its chapter heading.
void meeting_lines(XmlWriter& w, odt::Body& body, const ir::Meeting& m, const Words& l) {
  if (m.date) meta_line(w, body, l.date, period_text(*m.date, *m.date, l));
  meta_line(w, body, m.scribes.size() > 1 ? l.scribes : l.scribe, join(m.scribes, ", "));
  meta_line(w, body, l.participants, join(m.participants, ", "));
}

std::string valid_language(const std::string& lang, odt::Sink& sink) {
  if (is_language_tag(lang)) return lang;
  sink.diagnostics.push_back({ir::Severity::warning, "", 0, 0,
                              fmt::format("'{}' is not a language tag; the document says 'en'",
                                          clean_text(std::string_view(lang).substr(0, 40)))});
  return "en";
}

// A heading of the report's own outline (summary, series, meeting, appendix) with a bookmark the contents link to.
void chapter_heading(XmlWriter& w, odt::Body& body, int level, const char* style, const std::string& bookmark,
                     const std::string& title) {
  odt::open_heading(w, level, style);
  w.open("text:bookmark").attr("text:name", bookmark).close();
  body.text(title);
  w.close();
}

// One entry of the contents: a link to the bookmark, a tab and the page the bookmark is on (a reference field that
// LibreOffice computes when it lays the pages out, so the contents show real page numbers without an update).
void contents_entry(XmlWriter& w, odt::Body& body, int level, const std::string& bookmark, const std::string& title) {
  open_paragraph(w, level == 1 ? "Contents_20_1" : "Contents_20_2");
  w.open("text:a")
      .attr("xlink:type", "simple")
      .attr("xlink:href", "#" + bookmark)
      .attr("text:style-name", "Index_20_Link")
      .attr("text:visited-style-name", "Index_20_Link");
  body.text(title);
  w.close();
  w.leaf("text:tab");
  w.open("text:bookmark-ref").attr("text:reference-format", "page").attr("text:ref-name", bookmark).close();
  w.close();
}

// Opens the contents: its source (two outline levels), then its body with the title; the entries follow (close
// twice after them).
void open_contents(XmlWriter& w, const Words& labels) {
  w.open("text:table-of-content").attr("text:name", "Contents");
  w.open("text:table-of-content-source").attr("text:outline-level", 2);
  w.open("text:index-title-template").attr("text:style-name", "Contents_20_Heading").text(labels.contents).close();
  for (int level : {1, 2}) {
    w.open("text:table-of-content-entry-template")
        .attr("text:outline-level", level)
        .attr("text:style-name", level == 1 ? "Contents_20_1" : "Contents_20_2");
    w.leaf("text:index-entry-link-start").leaf("text:index-entry-text").leaf("text:index-entry-link-end");
    w.open("text:index-entry-tab-stop").attr("style:type", "right").attr("style:leader-char", ".").close();
    w.leaf("text:index-entry-page-number");
    w.close();
  }
  w.close();
  w.open("text:index-body");
  w.open("text:index-title").attr("text:name", "Contents_Head");
  open_paragraph(w, "Contents_20_Heading");
  w.text(labels.contents).close();
  w.close();
}

// A report of several meetings: summary, contents, chapters by series, appendix.
void report_body(XmlWriter& w, std::span<const ir::Meeting> meetings, const WriteOptions& options,
                 const Words& labels, odt::Sink& sink) {
  ir::Meeting none;
  odt::Body head(w, sink, none, 1, labels);
  Summary summary = summarise(meetings, options, labels);
  chapter_heading(w, head, 1, nullptr, "report-summary", labels.summary);
  auto parts = summary_blocks(summary, labels);
  head.blocks(parts.figures);
  Chart chart = meetings_chart(summary, labels);
  if (!chart.png.empty()) {
    open_paragraph(w, "Figure");
    head.picture("minutes:chart", chart.png, chart.width, chart.height, 16.0, labels.chart);
    w.close();
    open_paragraph(w, "Caption");
    head.text(labels.chart);
    w.close();
  } else if (!chart.error.empty()) {
    sink.diagnostics.push_back({ir::Severity::warning, "", 0, 0, chart.error});
  }
  if (!parts.events.empty()) {
    odt::open_heading(w, 2);
    head.text(labels.events_held);
    w.close();
    head.blocks(parts.events);
  }
  open_contents(w, labels);
  contents_entry(w, head, 1, "report-summary", labels.summary);
  auto groups = chapters(meetings);
  std::vector<std::pair<const ir::Meeting*, std::string>> order;
  for (size_t g = 0; g < groups.size(); ++g) {
    std::string name = groups[g].name.empty() ? labels.no_series : groups[g].name;
    contents_entry(w, head, 1, fmt::format("series-{}", g + 1), name);
    for (const ir::Meeting* m : groups[g].meetings) {
      order.emplace_back(m, chapter_title(*m, groups[g].name));
      contents_entry(w, head, 2, fmt::format("meeting-{}", order.size()), order.back().second);
    }
  }
  contents_entry(w, head, 1, "report-appendix", labels.appendix);
  w.close().close();  // index body, contents
  size_t n = 0;
  for (size_t g = 0; g < groups.size(); ++g) {
    std::string name = groups[g].name.empty() ? labels.no_series : groups[g].name;
    chapter_heading(w, head, 1, "Chapter", fmt::format("series-{}", g + 1), name);
    for (size_t i = 0; i < groups[g].meetings.size(); ++i, ++n) {
      const auto& m = *order[n].first;
      odt::Body body(w, sink, m, 3, labels);  // its sections below its own heading (level 2)
      chapter_heading(w, body, 2, i ? "Chapter_20_2" : nullptr, fmt::format("meeting-{}", n + 1), order[n].second);
      meeting_lines(w, body, m, labels);
      body.meeting();
    }
  }
  chapter_heading(w, head, 1, "Chapter", "report-appendix", labels.appendix);
  for (const auto& [title, blocks] : appendix_blocks(summary, labels)) {
    odt::open_heading(w, 2);
    head.text(title);
    w.close();
    head.blocks(blocks);
  }
}

std::string content_xml(std::span<const ir::Meeting> meetings, const TitleBlock& block, const WriteOptions& options,
                        const std::string& automatic, const Words& labels, odt::Sink& sink) {
  XmlWriter w{std::string(declaration)};
  open_part(w, "office:document-content");
  w.open("office:automatic-styles");
  for (auto [name, parent] : {std::pair{"Chapter", "Heading_20_1"}, std::pair{"Chapter_20_2", "Heading_20_2"}}) {
    w.open("style:style")
        .attr("style:name", name)
        .attr("style:family", "paragraph")
        .attr("style:parent-style-name", parent);
    w.open("style:paragraph-properties").attr("fo:break-before", "page").close();
    w.close();
  }
  w.raw(automatic);
  w.close();
  w.open("office:body").open("office:text");

  ir::Meeting none;
  auto ordered = in_date_order(meetings);
  odt::Body head(w, sink, ordered.empty() ? none : *ordered.front(), 1, labels);
  open_paragraph(w, "Title");
  head.text(unbroken_dates(block.title));
  w.close();
  if (!block.subtitle.empty()) {
    open_paragraph(w, "Subtitle");
    head.text(block.subtitle);
    w.close();
  }
  for (const auto& [label, value] : block.lines) meta_line(w, head, label, value);
  if (block.report)
    report_body(w, meetings, options, labels, sink);
  else
    head.meeting();
  w.close().close().close();  // office:text, office:body, the root
  return w.take();
}

std::string meta_xml(std::span<const ir::Meeting> meetings, const std::string& title, const std::string& lang,
                     const WriteOptions& options, odt::Sink& sink) {
  XmlWriter w{std::string(declaration)};
  open_part(w, "office:document-meta");
  w.open("office:meta");
  auto add = [&](const char* name, const std::string& value) {
    w.open(name).text(clean_text(value, &sink.dropped)).close();
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
  w.close().close();
  return w.take();
}

std::string manifest_xml(const std::vector<std::string>& parts, const std::vector<odt::Picture>& pictures) {
  XmlWriter w{std::string(declaration)};
  w.open("manifest:manifest")
      .attr("xmlns:manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0")
      .attr("manifest:version", "1.3");
  auto entry = [&](const std::string& path, const std::string& type) {
    w.open("manifest:file-entry").attr("manifest:full-path", path);
    if (path == "/") w.attr("manifest:version", "1.3");
    w.attr("manifest:media-type", type).close();
  };
  entry("/", mimetype);
  for (const auto& p : parts) entry(p, "text/xml");
  for (const auto& p : pictures) entry(p.name, p.media_type);
  w.close();
  return w.take();
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
  std::string content = odt::content_xml(meetings, block, options, *styles.automatic, words, sink);
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
