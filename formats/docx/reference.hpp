// --reference-doc for DOCX: styles, numbering, header, footer and page layout taken from a user's document.
#pragma once

#include <pugixml.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "formats/docx/internal.hpp"

namespace minutes::formats::docx {

// What a reference document contributes besides the parts it replaces.
struct Reference {
  std::string numbering;   // the numbering part our definitions are added to
  int abstract_base = 0;   // first abstractNumId free for ours
  int num_base = 0;        // highest numId already used
  std::vector<Relationship> relationships;                      // added to word/_rels/document.xml.rels
  std::vector<std::pair<std::string, std::string>> content_types; // part name (no leading '/') -> content type
};

// Reads the DOCX at path and replaces parts (package name -> bytes) and the sectPr in sect_holder with its
// styles (ours added where it lacks them), header, footer and page layout; false (with a warning) when unusable.
bool apply_reference(const std::string& path, std::map<std::string, std::string>& parts, pugi::xml_document& sect_holder,
                     Reference& reference, std::vector<ir::Diagnostic>& diagnostics);

}  // namespace minutes::formats::docx
