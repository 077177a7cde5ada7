// Builds styles.xml: the embedded template, or a user's reference ODT, set to the report's title, language, paper.
#include <fmt/format.h>

#include <set>

#include "formats/common/cache.hpp"
#include "formats/common/report.hpp"
#include "formats/common/text.hpp"
#include "formats/common/xml.hpp"
#include "formats/odt/internal.hpp"

namespace minutes::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& odt_templates();
}

namespace minutes::formats::odt {

namespace {

std::string_view template_file(std::string_view name) {
  for (const auto& [path, bytes] : embedded::odt_templates())
    if (path == name) return bytes;
  return {};
}

// The key that makes a style unique: element, family, name.
std::string style_key(pugi::xml_node n) {
  if (std::string_view(n.name()) == "text:outline-style") return "text:outline-style";
  return fmt::format("{}|{}|{}", n.name(), n.attribute("style:family").value(), n.attribute("style:name").value());
}

// Copies into `doc` the template's named styles and font faces that the reference document lacks.
void merge_missing(pugi::xml_node root, const pugi::xml_document& tmpl) {
  auto troot = tmpl.document_element();
  auto fonts = root.child("office:font-face-decls");
  if (!fonts) fonts = root.prepend_child("office:font-face-decls");
  std::set<std::string> have;
  for (auto f : fonts.children("style:font-face")) have.insert(f.attribute("style:name").value());
  for (auto f : troot.child("office:font-face-decls").children("style:font-face"))
    if (!have.count(f.attribute("style:name").value())) fonts.append_copy(f);
  auto styles = root.child("office:styles");
  if (!styles) styles = root.insert_child_after("office:styles", fonts);
  have.clear();
  for (auto s : styles.children()) have.insert(style_key(s));
  for (auto s : troot.child("office:styles").children()) {
    if (std::string_view(s.name()) == "style:default-style") continue;
    if (!have.count(style_key(s))) styles.append_copy(s);
  }
}

// Sets fo:language / fo:country of the default paragraph style from a BCP 47 tag.
void set_language(pugi::xml_node root, const std::string& lang) {
  auto styles = root.child("office:styles");
  pugi::xml_node def;
  for (auto d : styles.children("style:default-style"))
    if (std::string_view(d.attribute("style:family").value()) == "paragraph") def = d;
  if (!def) {
    def = styles.prepend_child("style:default-style");
    def.append_attribute("style:family") = "paragraph";
  }
  auto tp = def.child("style:text-properties");
  if (!tp) tp = def.append_child("style:text-properties");
  std::string language = lang.substr(0, lang.find('-'));
  std::string country = "none";
  size_t pos = lang.find('-');
  while (pos != std::string::npos) {
    size_t next = lang.find('-', pos + 1);
    std::string sub = lang.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
    if (sub.size() == 2 || (sub.size() == 3 && std::isdigit(static_cast<unsigned char>(sub[0])))) {
      country = sub;
      break;
    }
    pos = next;
  }
  (tp.attribute("fo:language") ? tp.attribute("fo:language") : tp.append_attribute("fo:language")) = language.c_str();
  (tp.attribute("fo:country") ? tp.attribute("fo:country") : tp.append_attribute("fo:country")) = country.c_str();
}

// Sets the page size of every page layout the master pages use.
void set_paper(pugi::xml_node root, const std::string& paper) {
  bool letter = paper == "letter";
  std::set<std::string> used;
  for (auto m : root.child("office:master-styles").children("style:master-page"))
    used.insert(m.attribute("style:page-layout-name").value());
  for (auto pl : root.child("office:automatic-styles").children("style:page-layout")) {
    if (!used.count(pl.attribute("style:name").value())) continue;
    auto props = pl.child("style:page-layout-properties");
    if (!props) props = pl.prepend_child("style:page-layout-properties");
    auto set = [&](const char* name, const char* value) {
      (props.attribute(name) ? props.attribute(name) : props.append_attribute(name)) = value;
    };
    set("fo:page-width", letter ? "8.5in" : "21cm");
    set("fo:page-height", letter ? "11in" : "29.7cm");
  }
}

// Writes the report title into every text:title field of the header and footer.
void fill_title_fields(pugi::xml_node node, const std::string& title) {
  std::vector<pugi::xml_node> fields;
  for_each_element(node, [&](pugi::xml_node n) {
    if (std::string_view(n.name()) == "text:title") fields.push_back(n);
  });
  for (auto it = fields.rbegin(); it != fields.rend(); ++it) {  // an inner field before one that holds it
    while (it->first_child()) it->remove_child(it->first_child());
    it->append_child(pugi::node_pcdata).set_value(title.c_str());
  }
}

// styles.xml for one language, paper and reference document, with a marker where the report title goes.
struct PreparedStyles {
  std::vector<std::string> pieces;  // the serialised part, split at the title marker
  std::shared_ptr<const std::string> automatic;  // what content.xml's automatic styles take from it
};

constexpr std::string_view title_marker = "minutes-report-title-3f9c1e7a";

PreparedStyles prepare_styles(const std::string& lang, const WriteOptions& options, const Words& words,
                              const ReferenceStyles* reference) {
  PreparedStyles part;
  pugi::xml_document tmpl;
  auto text = template_file("styles.xml");
  tmpl.load_buffer(text.data(), text.size());
  pugi::xml_document doc;
  bool from_reference = reference && reference->doc;
  if (from_reference) {
    doc.reset(*reference->doc);
    merge_missing(doc.document_element(), tmpl);
  } else {
    doc.reset(tmpl);
    // The template's footer reads "Page N of M": its two words in the document's language.
    for (auto p : doc.document_element().select_nodes("//style:footer/text:p")) {
      for (auto c : p.node().children()) {
        if (c.type() != pugi::node_pcdata) continue;
        std::string v = c.value();
        if (v == "Page ") c.set_value(fmt::format("{} ", words.page).c_str());
        if (v == " of ") c.set_value(fmt::format(" {} ", words.of).c_str());
      }
    }
  }
  auto root = doc.document_element();
  for (const auto& [prefix, uri] : namespaces()) {
    auto name = std::string("xmlns:") + prefix;
    if (!root.attribute(name.c_str())) root.append_attribute(name.c_str()) = uri;
  }
  (root.attribute("office:version") ? root.attribute("office:version") : root.append_attribute("office:version")) =
      "1.3";
  set_language(root, lang);
  if (!from_reference || options.paper == "letter") set_paper(root, options.paper);
  fill_title_fields(root.child("office:master-styles"), std::string(title_marker));
  std::string xml = to_string(doc);
  for (size_t from = 0;;) {
    size_t at = xml.find(title_marker, from);
    part.pieces.push_back(xml.substr(from, at == std::string::npos ? std::string::npos : at - from));
    if (at == std::string::npos) break;
    from = at + title_marker.size();
  }
  part.automatic = std::make_shared<const std::string>(automatic_styles(doc));
  return part;
}

// The reference document named by the options, fetched through the resources and read.
ReferenceStyles load_reference(const WriteOptions& options, const WriteContext& context) {
  Fetched file = fetch_file(context, options.reference_doc, {});
  if (!file.bytes) {
    ReferenceStyles none;
    none.diagnostics.push_back(
        {ir::Severity::warning, options.reference_doc, 0, 0,
         fmt::format("reference document not used: it {}; the default styles are used", file.why)});
    return none;
  }
  return read_reference(*file.bytes, options.reference_doc);
}

}  // namespace

StylesPart make_styles(const std::string& title, const std::string& lang, const WriteOptions& options, Sink& sink,
                       const Words& words) {
  // The reference document is read once per cache; the part only changes with the language, paper and reference
  // document, not from meeting to meeting, so it is prepared once per combination and each report's title filled in.
  Cache* cache = sink.context.cache;
  std::shared_ptr<const ReferenceStyles> reference;
  if (!options.reference_doc.empty())
    reference = cached<ReferenceStyles>(cache, "odt.reference|" + options.reference_doc,
                                        [&] { return load_reference(options, sink.context); });
  std::string key = fmt::format("odt.styles|{}|{}|{}", lang, options.paper, options.reference_doc);
  auto prepared =
      cached<PreparedStyles>(cache, key, [&] { return prepare_styles(lang, options, words, reference.get()); });
  StylesPart part;
  std::string escaped;
  append_xml_text(escaped, title);
  for (size_t i = 0; i < prepared->pieces.size(); ++i) {
    if (i > 0) part.xml += escaped;
    part.xml += prepared->pieces[i];
  }
  part.automatic = prepared->automatic;
  if (prepared->pieces.size() > 1) part.recurring_prefix = prepared->pieces[0].size();
  if (reference) {
    part.pictures = reference->pictures;
    sink.diagnostics.insert(sink.diagnostics.end(), reference->diagnostics.begin(), reference->diagnostics.end());
  }
  return part;
}

}  // namespace minutes::formats::odt
