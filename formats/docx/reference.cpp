// --reference-doc for DOCX: copies styles, numbering, header, footer, theme and page layout from a user's document,
// reading it as data: bounded in size and depth, never taking a part the writer makes itself, links checked.
#include "formats/docx/reference.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "formats/common/report.hpp"
#include "formats/common/text.hpp"
#include "formats/common/url.hpp"
#include "formats/common/xml.hpp"
#include "formats/common/zip.hpp"

namespace minutes::formats::docx {

namespace {

constexpr long long max_numbering_id = 100000;

// A relationship target resolved against the folder of its source part ("word/"), without "./" and "../".
std::string resolve(const std::string& folder, const std::string& target) {
  std::string path = !target.empty() && target.front() == '/' ? target.substr(1) : folder + target;
  std::vector<std::string> pieces;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string piece = path.substr(start, end - start);
    if (piece == "..") {
      if (!pieces.empty()) pieces.pop_back();
    } else if (!piece.empty() && piece != ".") {
      pieces.push_back(piece);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : pieces) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string folder_of(const std::string& name) {
  auto slash = name.find_last_of('/');
  return slash == std::string::npos ? "" : name.substr(0, slash + 1);
}

std::string rels_of(const std::string& name) {
  auto slash = name.find_last_of('/');
  std::string folder = slash == std::string::npos ? "" : name.substr(0, slash + 1);
  return folder + "_rels/" + name.substr(slash == std::string::npos ? 0 : slash + 1) + ".rels";
}

std::string prefix_of(const char* name) {
  std::string_view n(name);
  auto colon = n.find(':');
  return colon == std::string_view::npos ? "" : std::string(n.substr(0, colon));
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The parts the writer makes itself: a reference document never replaces them.
bool owned_part(std::string_view name) {
  static const std::set<std::string_view> parts = {
      "[Content_Types].xml",          "_rels/.rels",     "docProps/core.xml",  "docProps/app.xml", "word/document.xml",
      "word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml", "word/settings.xml"};
  return parts.count(name) > 0;
}

// Markup compatibility (ISO 29500-3) as a consumer that knows only the transitional schema: drops what
// mc:Ignorable marks as ignorable (Word's and LibreOffice's w14, w15... extensions) and keeps the
// mc:Fallback of each mc:AlternateContent, so that the part validates against wml.xsd. Without recursion.
void strip_extensions(pugi::xml_node root) {
  std::set<std::string> ignorable;
  std::istringstream prefixes(root.attribute("mc:Ignorable").value());
  for (std::string p; prefixes >> p;) ignorable.insert(p);
  root.remove_attribute("mc:Ignorable");
  std::vector<pugi::xml_node> alternates;
  for_each_element(root, [&](pugi::xml_node n) {
    if (std::string_view(n.name()) == "mc:AlternateContent") alternates.push_back(n);
  });
  // Inner ones first (reverse document order), so that an outer one's fallback copies them already resolved.
  for (auto it = alternates.rbegin(); it != alternates.rend(); ++it) {
    auto parent = it->parent();
    for (auto kept : it->child("mc:Fallback").children()) parent.insert_copy_before(kept, *it);
    parent.remove_child(*it);
  }
  std::vector<pugi::xml_node> elements;
  std::vector<std::pair<pugi::xml_node, pugi::xml_attribute>> attributes;
  auto check = [&](pugi::xml_node n) {
    if (n != root && ignorable.count(prefix_of(n.name()))) elements.push_back(n);
    for (auto a : n.attributes()) {
      std::string prefix = prefix_of(a.name());
      if (ignorable.count(prefix) || (prefix == "xmlns" && ignorable.count(a.name() + 6)))
        attributes.emplace_back(n, a);
    }
  };
  check(root);
  for_each_element(root, check);
  for (auto& [n, a] : attributes) n.remove_attribute(a);
  for (auto it = elements.rbegin(); it != elements.rend(); ++it) it->parent().remove_child(*it);
}

// Their styles, with each of our styles they lack added (the writer refers to ours by id).
std::string merged_styles(pugi::xml_document& doc, const std::string& ours) {
  pugi::xml_document own;
  own.load_buffer(ours.data(), ours.size());
  auto root = doc.child("w:styles");
  std::set<std::string> have;
  for (auto style : root.children("w:style")) have.insert(style.attribute("w:styleId").value());
  for (auto style : own.child("w:styles").children("w:style"))
    if (!have.count(style.attribute("w:styleId").value())) root.append_copy(style);
  if (!root.child("w:docDefaults")) root.prepend_copy(own.child("w:styles").child("w:docDefaults"));
  return serialize(doc);
}

// The reference document being read: its parts on demand, the first reason it cannot be used, what was left out.
struct Package {
  ZipReader zip;
  std::string why;
  std::vector<std::string> dropped;
  pugi::xml_document types;  // [Content_Types].xml

  explicit Package(std::string_view bytes) : zip(bytes) {}

  // Reads and parses an XML part; false (why set) when it cannot be used.
  bool xml(const std::string& name, pugi::xml_document& doc) {
    auto bytes = zip.read(name);
    if (!bytes) return fail(zip.error());
    if (auto problem = parse_part(doc, *bytes); !problem.empty())
      return fail(fmt::format("has a {} that {}", name, problem));
    return true;
  }

  bool fail(std::string reason) {
    if (why.empty()) why = std::move(reason);
    return false;
  }

  // The content type the package gives a part: its Override, else the Default of its extension.
  std::string content_type(const std::string& name) const {
    auto root = types.child("Types");
    if (auto o = root.find_child_by_attribute("Override", "PartName", ("/" + name).c_str()))
      return o.attribute("ContentType").value();
    auto dot = name.find_last_of('.');
    std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
    auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    for (auto d : root.children("Default")) {
      std::string e = d.attribute("Extension").value();
      if (std::equal(e.begin(), e.end(), ext.begin(), ext.end(), [&](char a, char b) { return lower(a) == lower(b); }))
        return d.attribute("ContentType").value();
    }
    return {};
  }

  // True when the reference may contribute this part: a plain name in word/ that the writer does not make.
  bool acceptable(const std::string& name, const std::string& from) {
    if (name.starts_with("word/") && plain_part_name(name) && !owned_part(name)) return true;
    dropped.push_back(fmt::format("'{}' (from {}) is {}", clean_text(name.substr(0, 60)), from,
                                  owned_part(name) ? "a part the writer makes itself" : "outside word/"));
    return false;
  }

  // Copies one part (XML without extensions); false only when it is there but cannot be used.
  bool copy_one(const std::string& name, Base& out) {
    if (!zip.has(name)) return true;
    bool word_xml = name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0;
    if (word_xml) {
      pugi::xml_document doc;
      if (!xml(name, doc)) return false;
      strip_extensions(doc.document_element());
      out.parts[name] = serialize(doc);
    } else {
      auto bytes = zip.read(name);
      if (!bytes) return fail(zip.error());
      out.parts[name] = std::move(*bytes);
    }
    if (auto type = content_type(name); !type.empty()) out.reference.content_types.emplace_back(name, type);
    return true;
  }

  // Copies a part, its relationships and the parts they point at inside the package; links to the outside are
  // kept only when they are hyperlinks that pass the URL policy.
  bool copy_part(const std::string& name, Base& out) {
    if (!copy_one(name, out)) return false;
    std::string rels_name = rels_of(name);
    if (!zip.has(rels_name)) return true;
    pugi::xml_document rels;
    if (!xml(rels_name, rels)) return false;
    auto root = rels.child("Relationships");
    for (auto r = root.child("Relationship"); r;) {
      auto next = r.next_sibling("Relationship");
      std::string target = r.attribute("Target").value();
      if (std::string_view(r.attribute("TargetMode").value()) == "External") {
        std::string url = ends_with(r.attribute("Type").value(), "/hyperlink") ? safe_url(target) : std::string();
        if (url.empty()) {
          dropped.push_back(
              fmt::format("'{}' (from {}) is a link that is not allowed", clean_text(target.substr(0, 60)), name));
          url = "#";
        }
        r.attribute("Target").set_value(url.c_str());
      } else {
        std::string part = resolve(folder_of(name), target);
        if (!acceptable(part, name)) {
          root.remove_child(r);
        } else if (!copy_one(part, out)) {
          return false;
        }
      }
      r = next;
    }
    out.parts[rels_name] = serialize(rels);
    return true;
  }

  // A numbering id, or -1 (why set) when it is out of range.
  long long id(pugi::xml_attribute a) {
    long long v = a.as_llong();
    if (v < 0 || v > max_numbering_id) {
      fail(fmt::format("has a numbering id out of range ({})", clean_text(std::string(a.value()).substr(0, 20))));
      return -1;
    }
    return v;
  }
};

}  // namespace

Base apply_reference(std::string_view bytes, const std::string& path, Base base) {
  auto refuse = [&](const std::string& why) {
    base.diagnostics.push_back({ir::Severity::warning, path, 0, 0,
                                fmt::format("reference document not used: it {}; the default styles are used (save it "
                                            "again as DOCX with Word or LibreOffice, or leave the reference document "
                                            "out)",
                                            why)});
    return std::move(base);
  };
  Package pkg(bytes);
  if (!pkg.zip.ok())
    return refuse(pkg.zip.error() == "is not a zip archive" ? "is not a zip package, as a DOCX file is"
                                                            : pkg.zip.error());
  if (!pkg.zip.has("word/document.xml")) return refuse("has no word/document.xml: is it a DOCX file?");
  pugi::xml_document document, rels;
  if (!pkg.xml("word/document.xml", document)) return refuse(pkg.why);
  if (pkg.zip.has("[Content_Types].xml") && !pkg.xml("[Content_Types].xml", pkg.types)) return refuse(pkg.why);
  if (pkg.zip.has("word/_rels/document.xml.rels") && !pkg.xml("word/_rels/document.xml.rels", rels))
    return refuse(pkg.why);

  Base out = base;
  if (pkg.zip.has("word/styles.xml")) {
    pugi::xml_document styles;
    if (!pkg.xml("word/styles.xml", styles)) return refuse(pkg.why);
    strip_extensions(styles.document_element());
    if (styles.child("w:styles")) out.parts["word/styles.xml"] = merged_styles(styles, out.parts["word/styles.xml"]);
  }
  if (pkg.zip.has("word/numbering.xml")) {
    pugi::xml_document numbering;
    if (!pkg.xml("word/numbering.xml", numbering)) return refuse(pkg.why);
    if (auto root = numbering.child("w:numbering")) {
      for (auto a : root.children("w:abstractNum"))
        out.reference.abstract_base =
            std::max<int>(out.reference.abstract_base, pkg.id(a.attribute("w:abstractNumId")) + 1);
      for (auto n : root.children("w:num"))
        out.reference.num_base = std::max<int>(out.reference.num_base, pkg.id(n.attribute("w:numId")));
      if (!pkg.why.empty()) return refuse(pkg.why);
      strip_extensions(root);
      out.reference.numbering = serialize(numbering);
    }
  }
  auto body = document.child("w:document").child("w:body");
  auto sect = body.last_child();
  if (std::string(sect.name()) != "w:sectPr") sect = body.child("w:sectPr");
  int next = 1;
  auto add_relationship = [&](const std::string& type, const std::string& target) {
    std::string id = fmt::format("rIdRef{}", next++);
    out.reference.relationships.push_back({id, type, target, false});
    return id;
  };
  if (sect) {
    // their header and footer replace ours
    for (const char* ours : {"word/header1.xml", "word/footer1.xml", "word/footer2.xml"}) out.parts.erase(ours);
    pugi::xml_document own_rels;
    const std::string& own = out.parts["word/_rels/document.xml.rels"];
    own_rels.load_buffer(own.data(), own.size());
    auto own_root = own_rels.child("Relationships");
    for (auto r = own_root.first_child(); r;) {
      auto following = r.next_sibling();
      std::string type = r.attribute("Type").value();
      if (ends_with(type, "/header") || ends_with(type, "/footer")) own_root.remove_child(r);
      r = following;
    }
    out.parts["word/_rels/document.xml.rels"] = serialize(own_rels);
    pugi::xml_document holder;
    auto copy = holder.append_copy(sect);
    for (auto ref = copy.first_child(); ref;) {
      auto following = ref.next_sibling();
      std::string name = ref.name();
      if (name == "w:headerReference" || name == "w:footerReference") {
        auto rel =
            rels.child("Relationships").find_child_by_attribute("Relationship", "Id", ref.attribute("r:id").value());
        std::string part = rel ? resolve("word/", rel.attribute("Target").value()) : "";
        if (part.empty() || !pkg.zip.has(part) || !pkg.acceptable(part, "word/document.xml")) {
          copy.remove_child(ref);
        } else {
          if (!pkg.copy_part(part, out)) return refuse(pkg.why);
          ref.attribute("r:id") = add_relationship(rel.attribute("Type").value(), part.substr(5)).c_str();
        }
      } else if (name == "w:sectPrChange") {
        copy.remove_child(ref);
      }
      ref = following;
    }
    std::ostringstream sect_pr;
    holder.save(sect_pr, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
    out.sect_pr = std::move(sect_pr).str();
  }
  for (auto rel : rels.child("Relationships").children("Relationship")) {
    std::string type = rel.attribute("Type").value();
    if (!ends_with(type, "/theme") && !ends_with(type, "/fontTable")) continue;
    std::string part = resolve("word/", rel.attribute("Target").value());
    if (!pkg.zip.has(part) || !pkg.acceptable(part, "word/document.xml")) continue;
    if (!pkg.copy_part(part, out)) return refuse(pkg.why);
    add_relationship(type, part.substr(5));
  }
  if (!pkg.dropped.empty())
    out.diagnostics.push_back({ir::Severity::warning, path, 0, 0,
                               fmt::format("reference document: {} part(s) or link(s) not taken: {}",
                                           pkg.dropped.size(), first_few(pkg.dropped))});
  out.referenced = true;
  return out;
}

}  // namespace minutes::formats::docx
