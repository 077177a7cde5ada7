// --reference-doc for DOCX: copies styles, numbering, header, footer, theme and page layout from a user's document.
#include "formats/docx/reference.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "formats/common/zip.hpp"

namespace minutes::formats::docx {

namespace {

using Entries = std::map<std::string, std::string>;

pugi::xml_document parse(const std::string& bytes) {
  pugi::xml_document doc;
  doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default);
  return doc;
}

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

// The content type a package gives a part: its Override, else the Default of its extension.
std::string content_type(const Entries& entries, const std::string& name) {
  auto found = entries.find("[Content_Types].xml");
  if (found == entries.end()) return {};
  auto types = parse(found->second);
  auto root = types.child("Types");
  if (auto o = root.find_child_by_attribute("Override", "PartName", ("/" + name).c_str())) return o.attribute("ContentType").value();
  auto dot = name.find_last_of('.');
  std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
  for (auto d : root.children("Default")) {
    std::string e = d.attribute("Extension").value();
    if (std::equal(e.begin(), e.end(), ext.begin(), ext.end(),
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); }))
      return d.attribute("ContentType").value();
  }
  return {};
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

void strip_node(pugi::xml_node node, const std::set<std::string>& ignorable) {
  for (auto a = node.first_attribute(); a;) {
    auto next = a.next_attribute();
    std::string prefix = prefix_of(a.name());
    if (ignorable.count(prefix) || (prefix == "xmlns" && ignorable.count(a.name() + 6))) node.remove_attribute(a);
    a = next;
  }
  for (auto child = node.first_child(); child;) {
    auto next = child.next_sibling();
    if (child.type() == pugi::node_element) {
      std::string name = child.name();
      if (name == "mc:AlternateContent") {
        pugi::xml_node first_copy;
        for (auto kept : child.child("mc:Fallback").children()) {
          auto copy = node.insert_copy_before(kept, child);
          if (!first_copy) first_copy = copy;
        }
        node.remove_child(child);
        if (first_copy) next = first_copy;  // the fallback content is visited next
        child = next;
        continue;
      }
      if (ignorable.count(prefix_of(child.name()))) {
        node.remove_child(child);
      } else {
        strip_node(child, ignorable);
      }
    }
    child = next;
  }
}

// Markup compatibility (ISO 29500-3) as a consumer that knows only the transitional schema: drops what
// mc:Ignorable marks as ignorable (Word's and LibreOffice's w14, w15... extensions) and keeps the
// mc:Fallback of each mc:AlternateContent, so that the part validates against wml.xsd.
std::string without_extensions(const std::string& bytes) {
  auto doc = parse(bytes);
  auto root = doc.document_element();
  if (!root) return bytes;
  std::set<std::string> ignorable;
  std::istringstream prefixes(root.attribute("mc:Ignorable").value());
  for (std::string p; prefixes >> p;) ignorable.insert(p);
  root.remove_attribute("mc:Ignorable");
  strip_node(root, ignorable);
  return serialize(doc);
}

void copy_one(const Entries& entries, const std::string& name, std::map<std::string, std::string>& parts, Reference& reference) {
  auto found = entries.find(name);
  if (found == entries.end()) return;
  bool word_xml = name.rfind("word/", 0) == 0 && name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0;
  parts[name] = word_xml ? without_extensions(found->second) : found->second;
  auto type = content_type(entries, name);
  if (!type.empty()) reference.content_types.emplace_back(name, type);
}

// Copies a part, its relationships and the parts they point at inside the package.
void copy_part(const Entries& entries, const std::string& name, std::map<std::string, std::string>& parts, Reference& reference) {
  copy_one(entries, name, parts, reference);
  auto rels = entries.find(rels_of(name));
  if (rels == entries.end()) return;
  parts[rels->first] = rels->second;
  auto doc = parse(rels->second);
  for (auto r : doc.child("Relationships").children("Relationship")) {
    if (std::string(r.attribute("TargetMode").value()) == "External") continue;
    copy_one(entries, resolve(folder_of(name), r.attribute("Target").value()), parts, reference);
  }
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Their styles, with each of our styles they lack added (the writer refers to ours by id).
std::string merged_styles(const std::string& theirs, const std::string& ours) {
  auto doc = parse(theirs);
  auto own = parse(ours);
  auto root = doc.child("w:styles");
  for (auto style : own.child("w:styles").children("w:style")) {
    const char* id = style.attribute("w:styleId").value();
    if (!root.find_child_by_attribute("w:style", "w:styleId", id)) root.append_copy(style);
  }
  if (!root.child("w:docDefaults")) root.prepend_copy(own.child("w:styles").child("w:docDefaults"));
  return serialize(doc);
}

}  // namespace

bool apply_reference(const std::string& path, std::map<std::string, std::string>& parts, pugi::xml_document& sect_holder,
                     Reference& reference, std::vector<ir::Diagnostic>& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  if (in) bytes << in.rdbuf();
  Entries entries;
  for (auto& e : unzip(bytes.str())) entries.emplace(std::move(e.name), std::move(e.data));
  if (!entries.count("word/document.xml")) {
    diagnostics.push_back({ir::Severity::warning, path, 0, 0, "cannot use this reference document (not a readable DOCX); using the default styles"});
    return false;
  }
  if (entries.count("word/styles.xml") && parse(entries["word/styles.xml"]).child("w:styles"))
    parts["word/styles.xml"] = merged_styles(without_extensions(entries["word/styles.xml"]), parts["word/styles.xml"]);
  if (entries.count("word/numbering.xml")) {
    auto numbering = parse(entries["word/numbering.xml"]);
    if (auto root = numbering.child("w:numbering")) {
      for (auto a : root.children("w:abstractNum"))
        reference.abstract_base = std::max(reference.abstract_base, a.attribute("w:abstractNumId").as_int() + 1);
      for (auto n : root.children("w:num")) reference.num_base = std::max(reference.num_base, n.attribute("w:numId").as_int());
      reference.numbering = without_extensions(entries["word/numbering.xml"]);
    }
  }
  auto rels = parse(entries["word/_rels/document.xml.rels"]);
  auto document = parse(entries["word/document.xml"]);
  auto body = document.child("w:document").child("w:body");
  auto sect = body.last_child();
  if (std::string(sect.name()) != "w:sectPr") sect = body.child("w:sectPr");
  int next = 1;
  auto add_relationship = [&](const std::string& type, const std::string& target) {
    std::string id = fmt::format("rIdRef{}", next++);
    reference.relationships.push_back({id, type, target, false});
    return id;
  };
  if (sect) {
    // their header and footer replace ours
    for (const char* ours : {"word/header1.xml", "word/footer1.xml", "word/footer2.xml"}) parts.erase(ours);
    auto own_rels = parse(parts["word/_rels/document.xml.rels"]);
    auto own_root = own_rels.child("Relationships");
    for (auto r = own_root.first_child(); r;) {
      auto following = r.next_sibling();
      std::string type = r.attribute("Type").value();
      if (ends_with(type, "/header") || ends_with(type, "/footer")) own_root.remove_child(r);
      r = following;
    }
    parts["word/_rels/document.xml.rels"] = serialize(own_rels);
    sect_holder.remove_children();
    auto copy = sect_holder.append_copy(sect);
    for (auto ref = copy.first_child(); ref;) {
      auto following = ref.next_sibling();
      std::string name = ref.name();
      if (name == "w:headerReference" || name == "w:footerReference") {
        auto rel = rels.child("Relationships").find_child_by_attribute("Relationship", "Id", ref.attribute("r:id").value());
        std::string part = rel ? resolve("word/", rel.attribute("Target").value()) : "";
        if (part.empty() || !entries.count(part)) {
          copy.remove_child(ref);
        } else {
          copy_part(entries, part, parts, reference);
          ref.attribute("r:id") = add_relationship(rel.attribute("Type").value(), part.substr(5)).c_str();
        }
      } else if (name == "w:sectPrChange") {
        copy.remove_child(ref);
      }
      ref = following;
    }
  }
  for (auto rel : rels.child("Relationships").children("Relationship")) {
    std::string type = rel.attribute("Type").value();
    if (!ends_with(type, "/theme") && !ends_with(type, "/fontTable")) continue;
    std::string part = resolve("word/", rel.attribute("Target").value());
    if (!entries.count(part) || part.rfind("word/", 0) != 0) continue;
    copy_part(entries, part, parts, reference);
    add_relationship(type, part.substr(5));
  }
  return true;
}

}  // namespace minutes::formats::docx
