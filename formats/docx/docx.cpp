// DOCX writer: meetings to a WordprocessingML package built from the embedded templates/docx/ parts.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "formats/common/cache.hpp"
#include "formats/common/report.hpp"
#include "formats/common/report_summary.hpp"
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

// Our numbering definitions plus one w:num per list, after whatever the reference document defines.
std::string numbering_part(std::string_view base, std::string_view ours, const docx::State& state, int abstract_base) {
  auto doc = parse(base);
  auto root = doc.child("w:numbering");
  auto own = parse(ours);
  auto first_num = root.child("w:num");
  for (auto abstract : own.child("w:numbering").children("w:abstractNum")) {
    auto copy = first_num ? root.insert_copy_before(abstract, first_num) : root.append_copy(abstract);
    copy.attribute("w:abstractNumId") = copy.attribute("w:abstractNumId").as_int() + abstract_base;
  }
  auto cleanup = root.child("w:numIdMacAtCleanup");
  for (size_t i = 0; i < state.lists.size(); ++i) {
    const auto& list = state.lists[i];
    auto num = cleanup ? root.insert_child_before("w:num", cleanup) : root.append_child("w:num");
    num.append_attribute("w:numId") = state.list_id_base + static_cast<int>(i) + 1;
    num.append_child("w:abstractNumId").append_attribute("w:val") = abstract_base + (list.ordered ? 1 : 0);
    auto over = num.append_child("w:lvlOverride");
    over.append_attribute("w:ilvl") = list.level;
    over.append_child("w:startOverride").append_attribute("w:val") = list.ordered ? list.start : 1;
  }
  return serialize(doc);
}

std::string relationships_part(std::string_view base, const std::vector<docx::Relationship>& extra) {
  auto doc = parse(base);
  auto root = doc.child("Relationships");
  for (const auto& rel : extra) {
    auto r = root.append_child("Relationship");
    r.append_attribute("Id") = rel.id.c_str();
    r.append_attribute("Type") = rel.type.c_str();
    r.append_attribute("Target") = rel.target.c_str();
    if (rel.external) r.append_attribute("TargetMode") = "External";
  }
  return serialize(doc);
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

Output package(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context) {
  Output out;
  docx::State state(context);
  std::string lang = language_tag(docx::safe(state, report_language(meetings, options)));
  state.words = &words_for(lang);
  std::string title = docx::safe(state, document_title(title_block(meetings, options, *state.words)));

  auto base = base_for(options, lang, context);
  Parts parts = base->parts;
  docx::Reference reference = base->reference;
  out.diagnostics = base->diagnostics;
  for (const auto& [name, bytes] : parts) state.taken.insert(name);
  std::string own_numbering = template_parts().at("word/numbering.xml");

  auto document = parse(parts["word/document.xml"]);
  auto body = document.child("w:document").child("w:body");
  body.remove_child("w:sectPr");
  pugi::xml_document sect_holder;
  sect_holder.load_buffer(base->sect_pr.data(), base->sect_pr.size());
  auto sect_pr = sect_holder.child("w:sectPr");
  state.list_id_base = reference.num_base;
  set_paper(sect_pr, options.paper, !base->referenced);

  docx::write_body(body, meetings, options, state);
  body.append_copy(sect_pr);

  parts["word/numbering.xml"] = numbering_part(reference.numbering, own_numbering, state, reference.abstract_base);
  for (auto& [name, bytes] : parts) {
    bool header_or_footer = name.rfind("word/header", 0) == 0 || name.rfind("word/footer", 0) == 0;
    if (!header_or_footer || name.find("_rels") != std::string::npos) continue;
    auto part = parse(bytes);
    fill_title_fields(part, title, *state.words);
    bytes = serialize(part);
  }
  parts["word/document.xml"] = serialize(document);
  auto relationships = reference.relationships;
  relationships.insert(relationships.end(), state.relationships.begin(), state.relationships.end());
  parts["word/_rels/document.xml.rels"] = relationships_part(parts["word/_rels/document.xml.rels"], relationships);
  for (const auto& m : state.media) parts["word/" + m.part] = m.bytes;
  parts["docProps/core.xml"] = core_part(meetings, options, title, lang, state);
  parts["docProps/app.xml"] = app_part(options, state);
  parts["[Content_Types].xml"] = content_types_part(parts["[Content_Types].xml"], parts, reference.content_types);

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
