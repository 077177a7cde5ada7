// --reference-doc for DOCX: styles, numbering, header, footer and page layout taken from a user's document, as data.
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
  std::string numbering;                                           // the numbering part our definitions are added to
  int abstract_base = 0;                                           // first abstractNumId free for ours
  int num_base = 0;                                                // highest numId already used
  std::vector<Relationship> relationships;                         // added to word/_rels/document.xml.rels
  std::vector<std::pair<std::string, std::string>> content_types;  // part name (no leading '/') -> content type
};

// The package a report starts from: the template's parts, or those parts with a reference document applied.
struct Base {
  std::map<std::string, std::string> parts;  // package name -> bytes
  std::string sect_pr;                       // the body's w:sectPr, serialised
  Reference reference;
  bool referenced = false;                  // a reference document was applied
  std::vector<ir::Diagnostic> diagnostics;  // why it was not, or what was left out of it
};

// Applies the DOCX whose bytes are given (named `path` in diagnostics) to the template `base`: their styles (ours
// added where they lack them), numbering, header, footer, theme, fonts and page layout. Parts the writer makes
// itself are never taken from it; a reference that is too big, too deep or broken leaves `base` as it is, with a
// warning. Never throws.
Base apply_reference(std::string_view bytes, const std::string& path, Base base);

}  // namespace minutes::formats::docx
