// DOCX writer: meetings to a WordprocessingML package built from the embedded templates/docx/ parts.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "formats/common/cache.hpp"
#include "formats/common/report.hpp"
#include "formats/common/report_summary.hpp"
#include "formats/common/xml_writer.hpp"
#include "formats/common/zip.hpp"
#include "formats/docx/internal.hpp"
#include "formats/docx/reference.hpp"

namespace minutes::embedded {
// The templates/docx/ files, embedded at build time.
const std::vector<std::pair<std::string_view, std::string_view>>& docx_template();
}  // namespace minutes::embedded

namespace minutes::formats::docx {

std::string serialize(pugi::xml_document& doc) {
  auto first = doc.first_child();
  if (first.type() != pugi::node_declaration) {
    auto decl = doc.prepend_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    decl.append_attribute("standalone") = "yes";
  }
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return std::move(out).str();
}

}  // namespace minutes::formats::docx

namespace minutes::formats {

namespace {

using Parts = std::map<std::string, std::string>;
using docx::serialize;

pugi::xml_document parse(std::string_view bytes) {
  pugi::xml_document doc;
  doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default);
  return doc;
}

// Sets the shown value of every TITLE field in a header or footer to the report title, and translates the
// template footer's "Page" and "of".
void fill_title_fields(pugi::xml_document& part, const std::string& title, const Words& labels) {
  for (auto t : part.select_nodes("//w:r/w:t")) {
    std::string text = t.node().text().get();
    if (text == "Page ") t.node().text().set(fmt::format("{} ", labels.page).c_str());
    if (text == " of ") t.node().text().set(fmt::format(" {} ", labels.of).c_str());
  }
  for (auto field : part.select_nodes("//w:fldSimple")) {
    auto node = field.node();
    std::string instr = node.attribute("w:instr").value();
    if (instr.find("TITLE") == std::string::npos) continue;
    auto r = node.child("w:r");
    if (!r) continue;
    while (r.next_sibling("w:r")) node.remove_child(r.next_sibling("w:r"));
    while (auto t = r.child("w:t")) r.remove_child(t);
    r.append_child("w:t").text().set(title.c_str());
  }
}

std::string content_types_part(std::string_view base, const Parts& parts,
                               const std::vector<std::pair<std::string, std::string>>& overrides) {
  auto doc = parse(base);
  auto root = doc.child("Types");
  // drop overrides for parts that are not in the package (a reference document may replace the header)
  for (auto node = root.child("Override"); node;) {
    auto next = node.next_sibling("Override");
    std::string name = node.attribute("PartName").value();
    if (!parts.count(name.substr(1))) root.remove_child(node);
    node = next;
  }
  for (const auto& [name, type] : overrides) {
    if (root.find_child_by_attribute("Override", "PartName", ("/" + name).c_str())) continue;
    auto o = root.append_child("Override");
    o.append_attribute("PartName") = ("/" + name).c_str();
    o.append_attribute("ContentType") = type.c_str();
  }
  return serialize(doc);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string core_part(std::span<const ir::Meeting> meetings, const WriteOptions& options, const std::string& title,
                      const std::string& lang, docx::State& state) {
  pugi::xml_document doc;
  auto root = doc.append_child("cp:coreProperties");
  root.append_attribute("xmlns:cp") = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
  root.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
  root.append_attribute("xmlns:dcterms") = "http://purl.org/dc/terms/";
  root.append_attribute("xmlns:dcmitype") = "http://purl.org/dc/dcmitype/";
  root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
  auto series = report_series(meetings);
  std::vector<std::string> scribes;
  for (const auto& m : meetings)
    for (const auto& s : m.scribes)
      if (std::find(scribes.begin(), scribes.end(), s) == scribes.end()) scribes.push_back(s);
  std::string subject = series.empty() ? "Meeting minutes" : "Meeting minutes: " + joined(series);
  std::string creator = !options.organisation.empty() ? options.organisation
                        : !scribes.empty()            ? joined(scribes)
                                                      : "minutes";
  std::string period = report_period(meetings);
  root.append_child("dc:title").text().set(docx::safe(state, title).c_str());
  root.append_child("dc:subject").text().set(docx::safe(state, subject).c_str());
  root.append_child("dc:creator").text().set(docx::safe(state, creator).c_str());
  if (!series.empty()) root.append_child("cp:keywords").text().set(docx::safe(state, joined(series)).c_str());
  if (!period.empty()) root.append_child("dc:description").text().set(("Minutes of " + period).c_str());
  root.append_child("dc:language").text().set(lang.c_str());
  std::string when = iso_datetime(output_timestamp(meetings, options));
  for (const char* name : {"dcterms:created", "dcterms:modified"}) {
    auto node = root.append_child(name);
    node.append_attribute("xsi:type") = "dcterms:W3CDTF";
    node.text().set(when.c_str());
  }
  return serialize(doc);
}

std::string app_part(const WriteOptions& options, docx::State& state) {
  pugi::xml_document doc;
  auto root = doc.append_child("Properties");
  root.append_attribute("xmlns") = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
  root.append_attribute("xmlns:vt") = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
  if (!options.organisation.empty())
    root.append_child("Company").text().set(docx::safe(state, options.organisation).c_str());
  root.append_child("Application").text().set("minutes");
  return serialize(doc);
}

// A document language that is no language tag falls back to "en".
std::string language_tag(const std::string& lang) { return is_language_tag(lang) ? lang : "en"; }

void set_language(pugi::xml_document& styles, const std::string& lang) {
  auto root = styles.child("w:styles");
  auto defaults = root.child("w:docDefaults");
  if (!defaults) defaults = root.prepend_child("w:docDefaults");
  auto rpr_default = defaults.child("w:rPrDefault");
  if (!rpr_default) rpr_default = defaults.prepend_child("w:rPrDefault");
  auto rpr = rpr_default.child("w:rPr");
  if (!rpr) rpr = rpr_default.append_child("w:rPr");
  auto node = rpr.child("w:lang");
  if (!node) {
    // w:lang comes late in w:rPr: before eastAsianLayout, specVanish and oMath only
    pugi::xml_node before;
    for (const char* later : {"w:eastAsianLayout", "w:specVanish", "w:oMath"})
      if (!before) before = rpr.child(later);
    node = before ? rpr.insert_child_before("w:lang", before) : rpr.append_child("w:lang");
  }
  if (!node.attribute("w:val")) node.append_attribute("w:val");
  node.attribute("w:val") = lang.c_str();
}

void set_paper(pugi::xml_node sect_pr, const std::string& paper, bool force) {
  auto size = sect_pr.child("w:pgSz");
  if (!size) return;
  bool letter = paper == "letter";
  if (!force && !letter) return;
  bool landscape = std::string(size.attribute("w:orient").value()) == "landscape";
  int w = letter ? 12240 : 11906, h = letter ? 15840 : 16838;
  if (landscape) std::swap(w, h);
  if (!size.attribute("w:w")) size.append_attribute("w:w");
  if (!size.attribute("w:h")) size.append_attribute("w:h");
  size.attribute("w:w") = w;
  size.attribute("w:h") = h;
}

// The styles part set to a language.
std::string styles_in_language(const std::string& styles, const std::string& lang) {
  auto doc = parse(styles);
  set_language(doc, lang);
  return serialize(doc);
}

// The embedded template parts, XML without the templates' comments and indentation (computed once).
const Parts& template_parts() {
  static const Parts parts = [] {
    Parts out;
    for (const auto& [name, bytes] : embedded::docx_template()) {
      std::string part(name);
      if (part.ends_with(".xml") || part.ends_with(".rels")) {
        auto doc = parse(bytes);
        out.emplace(part, serialize(doc));
      } else {
        out.emplace(part, std::string(bytes));
      }
    }
    return out;
  }();
  return parts;
}

// The package a report starts from: the template, or the template with the reference document applied (read and
// applied once per cache), its styles already in the document's language (once per language).
std::shared_ptr<const docx::Base> base_for(const WriteOptions& options, const std::string& lang,
                                           const WriteContext& context) {
  auto from_template = [] {
    docx::Base base;
    base.parts = template_parts();
    auto document = parse(base.parts["word/document.xml"]);
    std::ostringstream sect;
    document.child("w:document").child("w:body").child("w:sectPr").print(sect, "", pugi::format_raw);
    base.sect_pr = std::move(sect).str();
    base.reference.numbering =
        "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>";
    return base;
  };
  auto referenced = [&] {
    if (options.reference_doc.empty()) return from_template();
    Fetched file = fetch_file(context, options.reference_doc, {});
    if (!file.bytes) {
      docx::Base base = from_template();
      base.diagnostics.push_back(
          {ir::Severity::warning, options.reference_doc, 0, 0,
           fmt::format("reference document not used: it {}; the default styles are used", file.why)});
      return base;
    }
    return docx::apply_reference(*file.bytes, options.reference_doc, from_template());
  };
  auto applied = cached<docx::Base>(context.cache, "docx.reference|" + options.reference_doc, referenced);
  return cached<docx::Base>(context.cache, "docx.base|" + lang + "|" + options.reference_doc, [&] {
    docx::Base base = *applied;
    base.parts["word/styles.xml"] = styles_in_language(base.parts["word/styles.xml"], lang);
    return base;
  });
}

// A marker for where a document's own pieces go in a prepared part: the first of stem0, stem1... that `xml` (the
// part without it) does not contain, so that the marker's one place is found again. No marker overlaps itself.
std::string fresh_marker(std::string_view stem, const std::string& xml) {
  for (int n = 0;; ++n) {
    std::string marker = fmt::format("{}{}", stem, n);
    if (xml.find(marker) == std::string::npos) return marker;
  }
}

// A part with one place where a document's pieces go: head + pieces + tail; `without` when there are none.
struct SplitPart {
  std::string head, tail, without;
};

// `doc` serialised without, and split around a marker element that `place(name)` inserts.
template <class Place>
SplitPart split_part(pugi::xml_document& doc, Place&& place) {
  SplitPart part;
  part.without = serialize(doc);
  std::string name = fresh_marker("minutes-piece-", part.without);
  place(name.c_str());
  std::string xml = serialize(doc);
  std::string tag = "<" + name + "/>";
  size_t at = xml.find(tag);
  part.head = xml.substr(0, at);
  part.tail = xml.substr(at + tag.size());
  return part;
}

// What every document written from one base (template or reference document), language and paper shares: the
// fixed parts parsed, changed and serialised once per cache instead of once per document.
struct Prepared {
  std::map<std::string, std::string> parts;  // the base's parts, header and footer parts left out
  SplitPart document;                        // word/document.xml around the body
  SplitPart numbering;                       // the numbering part around the documents' w:num
  SplitPart relationships;                   // word/_rels/document.xml.rels around the documents' relationships
  std::map<std::string, std::vector<std::string>> titled;  // header and footer parts, split at the title
  std::string content_types;                 // [Content_Types].xml for the base's parts and the writer's own
  std::set<std::string> dropped_overrides;   // parts whose Override it left out (a document adding one differs)
};

bool titled_part(const std::string& name) {
  bool header_or_footer = name.rfind("word/header", 0) == 0 || name.rfind("word/footer", 0) == 0;
  return header_or_footer && name.find("_rels") == std::string::npos;
}

// The parts of [Content_Types].xml's Overrides that content_types_part would drop for these parts.
std::set<std::string> dropped_overrides(std::string_view base, const Parts& parts) {
  std::set<std::string> out;
  auto doc = parse(base);
  for (auto node : doc.child("Types").children("Override")) {
    std::string name = node.attribute("PartName").value();
    if (!parts.count(name.substr(1))) out.insert(name.substr(1));
  }
  return out;
}

Prepared prepare(const docx::Base& base, const std::string& paper, const Words& words) {
  Prepared p;
  for (const auto& [name, bytes] : base.parts)
    if (!titled_part(name)) p.parts.emplace(name, bytes);
  {
    auto document = parse(base.parts.at("word/document.xml"));
    auto body = document.child("w:document").child("w:body");
    body.remove_child("w:sectPr");
    pugi::xml_document sect_holder;
    sect_holder.load_buffer(base.sect_pr.data(), base.sect_pr.size());
    auto sect_pr = sect_holder.child("w:sectPr");
    set_paper(sect_pr, paper, !base.referenced);
    body.append_copy(sect_pr);
    p.document = split_part(document, [&](const char* marker) { body.insert_child_before(marker, body.last_child()); });
  }
  {
    auto doc = parse(base.reference.numbering);
    auto root = doc.child("w:numbering");
    auto own = parse(template_parts().at("word/numbering.xml"));
    auto first_num = root.child("w:num");
    for (auto abstract : own.child("w:numbering").children("w:abstractNum")) {
      auto copy = first_num ? root.insert_copy_before(abstract, first_num) : root.append_copy(abstract);
      copy.attribute("w:abstractNumId") = copy.attribute("w:abstractNumId").as_int() + base.reference.abstract_base;
    }
    p.numbering = split_part(doc, [&](const char* marker) {
      auto cleanup = root.child("w:numIdMacAtCleanup");
      cleanup ? root.insert_child_before(marker, cleanup) : root.append_child(marker);
    });
  }
  {
    auto doc = parse(base.parts.at("word/_rels/document.xml.rels"));
    auto root = doc.child("Relationships");
    for (const auto& rel : base.reference.relationships) {
      auto r = root.append_child("Relationship");
      r.append_attribute("Id") = rel.id.c_str();
      r.append_attribute("Type") = rel.type.c_str();
      r.append_attribute("Target") = rel.target.c_str();
      if (rel.external) r.append_attribute("TargetMode") = "External";
    }
    p.relationships = split_part(doc, [&](const char* marker) { root.append_child(marker); });
  }
  for (const auto& [name, bytes] : base.parts) {
    if (!titled_part(name)) continue;
    auto untitled = parse(bytes);
    fill_title_fields(untitled, "", words);
    std::string marker = fresh_marker("minutes-title-", serialize(untitled));
    auto part = parse(bytes);
    fill_title_fields(part, marker, words);
    std::string xml = serialize(part);
    std::vector<std::string> pieces;  // split at the title, which the marker stands for
    for (size_t from = 0;;) {
      size_t at = xml.find(marker, from);
      pieces.push_back(xml.substr(from, at == std::string::npos ? std::string::npos : at - from));
      if (at == std::string::npos) break;
      from = at + marker.size();
    }
    p.titled.emplace(name, std::move(pieces));
  }
  Parts names = base.parts;
  for (const char* own : {"word/numbering.xml", "docProps/core.xml", "docProps/app.xml"}) names[own];
  p.content_types = content_types_part(base.parts.at("[Content_Types].xml"), names, base.reference.content_types);
  p.dropped_overrides = dropped_overrides(base.parts.at("[Content_Types].xml"), names);
  return p;
}

// The document's w:num, one per list, as numbering_part writes them.
void write_nums(XmlWriter& w, const docx::State& state, int abstract_base) {
  for (size_t i = 0; i < state.lists.size(); ++i) {
    const auto& list = state.lists[i];
    w.open("w:num").attr("w:numId", state.list_id_base + static_cast<int>(i) + 1);
    w.open("w:abstractNumId").attr("w:val", abstract_base + (list.ordered ? 1 : 0)).close();
    w.open("w:lvlOverride").attr("w:ilvl", list.level);
    w.open("w:startOverride").attr("w:val", list.ordered ? list.start : 1).close();
    w.close().close();
  }
}

void write_relationships(XmlWriter& w, const std::vector<docx::Relationship>& rels) {
  for (const auto& rel : rels) {
    w.open("Relationship").attr("Id", rel.id).attr("Type", rel.type).attr("Target", rel.target);
    if (rel.external) w.attr("TargetMode", "External");
    w.close();
  }
}

// head + what `write` writes + tail, or `without` when it writes nothing.
template <class Write>
std::string around(const SplitPart& part, bool empty, Write&& write) {
  if (empty) return part.without;
  XmlWriter w{part.head};
  write(w);
  std::string out = w.take();
  out += part.tail;
  return out;
}

Output package(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  Output out;
  docx::State state(context);
  std::string lang = language_tag(docx::safe(state, report_language(meetings, options)));
  state.words = &words_for(lang);
  std::string title = docx::safe(state, document_title(title_block(meetings, options, *state.words)));

  auto base = base_for(options, lang, context);
  auto prepared = cached<Prepared>(context.cache,
                                   "docx.prepared|" + lang + "|" + options.paper + "|" + options.reference_doc,
                                   [&] { return prepare(*base, options.paper, *state.words); });
  const docx::Reference& reference = base->reference;
  out.diagnostics = base->diagnostics;
  for (const auto& [name, bytes] : base->parts) state.taken.insert(name);
  state.list_id_base = reference.num_base;

  // The body, written element by element between the prepared beginning and end of the main part.
  Parts parts = prepared->parts;
  {
    XmlWriter w{prepared->document.head};
    docx::write_body(w, meetings, options, state);
    std::string document = w.take();
    document += prepared->document.tail;
    parts["word/document.xml"] = std::move(document);
  }
  parts["word/numbering.xml"] = around(prepared->numbering, state.lists.empty(),
                                       [&](XmlWriter& w) { write_nums(w, state, reference.abstract_base); });
  std::string escaped_title;
  append_xml_text(escaped_title, title);
  for (const auto& [name, pieces] : prepared->titled) {
    std::string& bytes = parts[name];
    for (size_t i = 0; i < pieces.size(); ++i) {
      if (i > 0) bytes += escaped_title;
      bytes += pieces[i];
    }
  }
  parts["word/_rels/document.xml.rels"] = around(prepared->relationships, state.relationships.empty(),
                                                 [&](XmlWriter& w) { write_relationships(w, state.relationships); });
  for (const auto& m : state.media) parts["word/" + m.part] = m.bytes;
  parts["docProps/core.xml"] = core_part(meetings, options, title, lang, state);
  parts["docProps/app.xml"] = app_part(options, state);
  bool same_types = true;  // no part of this document is one whose Override the prepared types left out
  for (const auto& m : state.media) same_types = same_types && !prepared->dropped_overrides.count("word/" + m.part);
  parts["[Content_Types].xml"] =
      same_types ? prepared->content_types
                 : content_types_part(base->parts.at("[Content_Types].xml"), parts, reference.content_types);

  if (state.dropped > 0)
    state.diagnostics.push_back({ir::Severity::warning, "", 0, 0,
                                 fmt::format("{} control character(s) or broken UTF-8 sequence(s) that XML 1.0 forbids "
                                             "were dropped or replaced in the DOCX",
                                             state.dropped)});
  out.diagnostics.insert(out.diagnostics.end(), state.diagnostics.begin(), state.diagnostics.end());

  // fixed order: content types and package relationships first, then the main part and the rest by name
  std::vector<ZipEntry> entries;
  const std::vector<std::string> first = {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                                          "word/_rels/document.xml.rels"};
  // The beginnings of the main part (namespaces) and of the numbering (our list definitions, before each list's
  // own numbering) are the same in every report: the zip layer compresses them once.
  auto recurring = [](const std::string& name, const std::string& bytes) -> size_t {
    std::string_view until = name == "word/document.xml" ? "<w:body>" : name == "word/numbering.xml" ? "<w:num " : "";
    size_t at = until.empty() ? std::string::npos : bytes.find(until);
    return at == std::string::npos ? 0 : at;
  };
  for (const auto& name : first) entries.push_back({name, parts[name], false, recurring(name, parts[name])});
  for (const auto& [name, bytes] : parts)
    if (std::find(first.begin(), first.end(), name) == first.end())
      entries.push_back({name, bytes, false, recurring(name, bytes)});
  auto zipped = zip_package(entries, output_timestamp(meetings, options), context.cache);
  if (!zipped.error.empty())
    out.diagnostics.push_back({ir::Severity::error, "", 0, 0, "cannot pack the DOCX: " + zipped.error});
  out.bytes = std::move(zipped.bytes);
  return out;
}

}  // namespace

Output write_docx(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  return guarded("docx", [&] { return package(meetings, options, context); });
}

}  // namespace minutes::formats
