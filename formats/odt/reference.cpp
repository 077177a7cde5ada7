// Reads a user's reference ODT as data: its styles.xml, bounded, without extension markup, scripts or outside links.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "formats/common/image.hpp"
#include "formats/common/report.hpp"
#include "formats/common/text.hpp"
#include "formats/common/url.hpp"
#include "formats/common/xml.hpp"
#include "formats/odt/internal.hpp"

namespace minutes::formats::odt {

namespace {

// True for the namespaces ODF 1.3 itself defines or uses; anything else is an extension a strict reader rejects.
bool odf_namespace(std::string_view uri) {
  return uri.starts_with("urn:oasis:names:tc:opendocument:xmlns:") || uri == "http://www.w3.org/1999/xlink" ||
         uri == "http://purl.org/dc/elements/1.1/" || uri == "http://www.w3.org/1998/Math/MathML" ||
         uri == "http://www.w3.org/2002/xforms" || uri == "http://www.w3.org/1999/xhtml" ||
         uri == "http://www.w3.org/2003/g/data-view#" || uri == "http://www.w3.org/XML/1998/namespace";
}

std::string_view prefix_of(std::string_view qname) {
  auto colon = qname.find(':');
  return colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon);
}

std::string_view local_of(std::string_view qname) {
  auto colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

// The namespace a prefix stands for at node: the nearest declaration among node and its ancestors.
std::string_view namespace_of(pugi::xml_node node, std::string_view prefix) {
  std::string attribute = "xmlns:" + std::string(prefix);
  for (auto n = node; n; n = n.parent())
    if (auto a = n.attribute(attribute.c_str())) return a.value();
  return {};
}

// True when a qualified name belongs to ODF (or is a namespace declaration).
bool known(pugi::xml_node scope, std::string_view qname) {
  auto p = prefix_of(qname);
  if (p == "xml" || p == "xmlns" || qname == "xmlns") return true;
  return !p.empty() && odf_namespace(namespace_of(scope, p));
}

// The parts of a package the writer makes itself: a reference document's styles may not point at them.
bool owned_part(std::string_view name) {
  static const std::set<std::string_view> parts = {"mimetype", "content.xml",  "styles.xml",
                                                   "meta.xml", "settings.xml", "manifest.rdf"};
  return parts.count(name) || name.starts_with("META-INF/") || name.starts_with("Pictures/minutes-");
}

// Removes what a strict ODF reader rejects or a document should never carry from a reference document: elements
// and attributes of extension namespaces (LibreOffice's loext, officeooo...) and event listeners (macros).
void strip_foreign(pugi::xml_node root) {
  std::vector<pugi::xml_node> elements;
  std::vector<std::pair<pugi::xml_node, pugi::xml_attribute>> attributes;
  for_each_element(root, [&](pugi::xml_node n) {
    std::string_view name = n.name();
    if (!known(n, name) || name == "office:event-listeners" || prefix_of(name) == "script") elements.push_back(n);
  });
  auto check_attributes = [&](pugi::xml_node n) {
    for (auto a : n.attributes())
      if (!known(n, a.name())) attributes.emplace_back(n, a);
  };
  check_attributes(root);
  for_each_element(root, check_attributes);
  for (auto& [n, a] : attributes) n.remove_attribute(a);
  // In reverse document order, so that an element goes before an ancestor that goes too.
  for (auto it = elements.rbegin(); it != elements.rend(); ++it) it->parent().remove_child(*it);
}

// Takes in the pictures the styles point at (a logo in the header, say) and checks every other link; what is not a
// picture inside the document, points at a part the writer makes, or links to a script is left out.
void take_links(pugi::xml_node root, ZipReader& zip, ReferenceStyles& out, std::vector<std::string>& dropped) {
  std::vector<pugi::xml_node> remove, unwrap;
  std::set<std::string> taken;
  for_each_element(root, [&](pugi::xml_node n) {
    pugi::xml_attribute href;
    for (auto a : n.attributes())
      if (local_of(a.name()) == "href") href = a;
    if (!href) return;
    std::string_view name = n.name();
    std::string target = href.value();
    if (name == "text:a" || name == "draw:a") {  // a link the reader follows only if they click it
      std::string url = safe_url(target);
      if (url.empty()) {
        unwrap.push_back(n);
        dropped.push_back(fmt::format("'{}' has a URL scheme that is not allowed", clean_text(target.substr(0, 60))));
      } else {
        href.set_value(url.c_str());
      }
      return;
    }
    bool picture = name == "draw:image" || name == "style:background-image" || name == "draw:fill-image";
    if (target.starts_with("./")) target.erase(0, 2);
    std::string why;
    std::optional<ImageKind> kind;
    if (!picture)
      why = "is an embedded object or a linked file";
    else if (!plain_part_name(target) || !zip.has(target))
      why = "is not a picture inside the document";
    else if (owned_part(target))
      why = "is a part the writer makes itself";
    if (why.empty() && !taken.count(target)) {
      auto bytes = zip.read(target);
      if (bytes) kind = sniff_image(*bytes);
      if (!bytes)
        why = "cannot be read: the document " + zip.error();
      else if (!kind)
        why = "is not a PNG, JPEG, GIF or SVG picture";
      else
        out.pictures.push_back({target, kind->media_type, std::move(*bytes)});
      if (why.empty()) taken.insert(target);
    }
    if (!why.empty()) {
      dropped.push_back(fmt::format("'{}' {}", clean_text(target.substr(0, 60)), why));
      if (name == "style:background-image") {  // no picture: none of its xlink attributes either
        std::string prefix(prefix_of(href.name()));
        for (auto a = n.first_attribute(); a;) {
          auto next = a.next_attribute();
          if (prefix_of(a.name()) == prefix) n.remove_attribute(a);
          a = next;
        }
      } else {
        remove.push_back(n);
      }
    } else {
      href.set_value(target.c_str());
    }
  });
  for (auto it = unwrap.rbegin(); it != unwrap.rend(); ++it) {
    auto parent = it->parent();
    while (auto child = it->first_child()) {
      parent.insert_copy_before(child, *it);
      it->remove_child(child);
    }
    parent.remove_child(*it);
  }
  for (auto it = remove.rbegin(); it != remove.rend(); ++it) {
    auto parent = it->parent();
    parent.remove_child(*it);
    if (std::string_view(parent.name()) == "draw:frame" && !parent.first_child())
      parent.parent().remove_child(parent);  // a frame that only held the picture
  }
}

}  // namespace

ReferenceStyles read_reference(std::string_view bytes, const std::string& path) {
  ReferenceStyles out;
  auto refuse = [&](const std::string& why) {
    out.diagnostics.push_back({ir::Severity::warning, path, 0, 0,
                               fmt::format("reference document not used: it {}; the default styles are used (save it "
                                           "again as ODT with LibreOffice, or leave the reference document out)",
                                           why)});
    return std::move(out);
  };
  ZipReader zip(bytes);
  if (!zip.ok())
    return refuse(zip.error() == "is not a zip archive" ? "is not a zip package, as an ODT file is" : zip.error());
  if (!zip.has("styles.xml")) return refuse("has no styles.xml: is it an ODT file?");
  auto styles = zip.read("styles.xml");
  if (!styles) return refuse(zip.error());
  auto doc = std::make_shared<pugi::xml_document>();
  if (auto why = parse_part(*doc, *styles); !why.empty()) return refuse("has a styles.xml that " + why);
  auto root = doc->document_element();
  if (std::string_view(root.name()) != "office:document-styles")
    return refuse("has a styles.xml that is no ODF styles part");
  strip_foreign(root);
  std::vector<std::string> dropped;
  take_links(root, zip, out, dropped);
  if (!dropped.empty())
    out.diagnostics.push_back(
        {ir::Severity::warning, path, 0, 0,
         fmt::format("reference document: {} link(s) of its styles left out: {}", dropped.size(), first_few(dropped))});
  out.doc = std::move(doc);
  return out;
}

}  // namespace minutes::formats::odt
