// Builds styles.xml: the embedded template, or a user's reference ODT, set to the report's title, language, paper.
#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "formats/common/memo.hpp"
#include "formats/common/report.hpp"
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

// True for the namespaces ODF 1.3 itself defines or uses; anything else is an extension a strict reader rejects.
bool odf_namespace(std::string_view uri) {
  return uri.starts_with("urn:oasis:names:tc:opendocument:xmlns:") || uri == "http://www.w3.org/1999/xlink" ||
         uri == "http://purl.org/dc/elements/1.1/" || uri == "http://www.w3.org/1998/Math/MathML" ||
         uri == "http://www.w3.org/2002/xforms" || uri == "http://www.w3.org/1999/xhtml" ||
         uri == "http://www.w3.org/2003/g/data-view#" || uri == "http://www.w3.org/XML/1998/namespace";
}

using Prefixes = std::map<std::string, std::string>;

std::string_view prefix_of(std::string_view qname) {
  auto colon = qname.find(':');
  return colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon);
}

// Removes elements and attributes of extension namespaces (LibreOffice's loext, officeooo...).
void strip_foreign(pugi::xml_node node, Prefixes prefixes) {
  for (auto a : node.attributes()) {
    std::string_view n = a.name();
    if (n.starts_with("xmlns:")) prefixes[std::string(n.substr(6))] = a.value();
  }
  auto known = [&](std::string_view qname) {
    auto p = prefix_of(qname);
    if (p == "xml") return true;
    if (p.empty() || p == "xmlns") return p == "xmlns" || qname == "xmlns";
    auto it = prefixes.find(std::string(p));
    return it != prefixes.end() && odf_namespace(it->second);
  };
  for (auto a = node.first_attribute(); a;) {
    auto next = a.next_attribute();
    if (!known(a.name())) node.remove_attribute(a);
    a = next;
  }
  for (auto c = node.first_child(); c;) {
    auto next = c.next_sibling();
    if (c.type() == pugi::node_element && !known(c.name()))
      node.remove_child(c);
    else if (c.type() == pugi::node_element)
      strip_foreign(c, prefixes);
    c = next;
  }
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
  for (auto c : node.children()) {
    if (std::string_view(c.name()) == "text:title") {
      while (c.first_child()) c.remove_child(c.first_child());
      c.append_child(pugi::node_pcdata).set_value(title.c_str());
    } else if (c.type() == pugi::node_element) {
      fill_title_fields(c, title);
    }
  }
}

std::string media_type_for(std::string_view name) {
  auto dot = name.rfind('.');
  std::string ext = dot == std::string_view::npos ? "" : std::string(name.substr(dot + 1));
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "gif") return "image/gif";
  if (ext == "svg") return "image/svg+xml";
  return "application/octet-stream";
}

// The pictures a reference document's styles point at (a logo in the header, say).
void collect_pictures(pugi::xml_node node, const std::vector<ZipEntry>& entries, std::vector<Picture>& out) {
  for (auto a : node.attributes()) {
    if (std::string_view(a.name()) != "xlink:href") continue;
    std::string href = a.value();
    if (href.starts_with("./")) href = href.substr(2);
    for (const auto& e : entries) {
      if (e.name != href || e.name.find("..") != std::string::npos) continue;
      bool dup = false;
      for (const auto& p : out) dup = dup || p.name == href;
      if (!dup) out.push_back({href, media_type_for(href), e.data});
      a.set_value(href.c_str());
    }
  }
  for (auto c : node.children()) collect_pictures(c, entries, out);
}

// styles.xml for one language, paper and reference document, with a marker where the report title goes.
struct PreparedStyles {
  std::vector<std::string> pieces;  // the serialised part, split at the title marker
  std::shared_ptr<const pugi::xml_document> doc;
  std::vector<Picture> pictures;
  std::vector<ir::Diagnostic> diagnostics;
};

constexpr std::string_view title_marker = "minutes-report-title-3f9c1e7a";

PreparedStyles prepare_styles(const std::string& lang, const WriteOptions& options, const Labels& labels) {
  PreparedStyles part;
  pugi::xml_document tmpl;
  auto text = template_file("styles.xml");
  tmpl.load_buffer(text.data(), text.size());
  auto shared = std::make_shared<pugi::xml_document>();
  pugi::xml_document& doc = *shared;
  bool from_reference = false;
  if (!options.reference_doc.empty()) {
    auto warn = [&](const std::string& why) {
      part.diagnostics.push_back({ir::Severity::warning, options.reference_doc, 0, 0,
                                  "reference document not used (" + why + "); the default styles are used"});
    };
    std::ifstream f(options.reference_doc, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    auto entries = unzip(ss.str());
    const ZipEntry* styles = nullptr;
    for (const auto& e : entries)
      if (e.name == "styles.xml") styles = &e;
    if (!f || entries.empty()) {
      warn("it cannot be read as a zip package");
    } else if (!styles) {
      warn("it has no styles.xml; is it an ODT file?");
    } else if (!doc.load_buffer(styles->data.data(), styles->data.size()) ||
               std::string_view(doc.document_element().name()) != "office:document-styles") {
      warn("its styles.xml is not an ODF styles part");
      doc.reset();
    } else {
      from_reference = true;
      strip_foreign(doc.document_element(), {});
      merge_missing(doc.document_element(), tmpl);
      collect_pictures(doc.document_element(), entries, part.pictures);
    }
  }
  if (!from_reference) {
    doc.reset(tmpl);
    // The template's footer reads "Page N of M": its two words in the document's language.
    for (auto p : doc.document_element().select_nodes("//style:footer/text:p")) {
      for (auto c : p.node().children()) {
        if (c.type() != pugi::node_pcdata) continue;
        std::string v = c.value();
        if (v == "Page ") c.set_value(fmt::format("{} ", labels.page).c_str());
        if (v == " of ") c.set_value(fmt::format(" {} ", labels.of).c_str());
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
  part.doc = std::move(shared);
  return part;
}

}  // namespace

StylesPart make_styles(const std::string& title, const std::string& lang, const WriteOptions& options, Sink& sink,
                       const Labels& labels) {
  // The part only changes with the language, paper and reference document, not from meeting to meeting, so a build
  // prepares it once per combination and fills in each report's title.
  static Memo<std::tuple<std::string, std::string, std::string>, PreparedStyles> memo;
  auto prepared = memo.get({lang, options.paper, options.reference_doc},
                           [&] { return prepare_styles(lang, options, labels); });
  StylesPart part;
  std::string escaped = escape_markup(title);
  for (size_t i = 0; i < prepared->pieces.size(); ++i) {
    if (i > 0) part.xml += escaped;
    part.xml += prepared->pieces[i];
  }
  part.doc = prepared->doc;
  if (prepared->pieces.size() > 1) part.recurring_prefix = prepared->pieces[0].size();
  part.pictures = prepared->pictures;
  sink.diagnostics.insert(sink.diagnostics.end(), prepared->diagnostics.begin(), prepared->diagnostics.end());
  return part;
}

}  // namespace minutes::formats::odt
