// Parses the XML parts of reference documents with pugixml and refuses those nested beyond a bound.
#include "formats/common/xml.hpp"

#include <fmt/format.h>

namespace minutes::formats {

std::string parse_part(pugi::xml_document& doc, std::string_view bytes, int max_depth) {
  // pugixml's parser keeps its own stack of open elements (no recursion), so the depth is checked on the tree.
  auto result = doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default);
  if (!result) {
    doc.reset();
    return fmt::format("is not well-formed XML ({} at byte {})", result.description(), result.offset);
  }
  int depth = 0;
  pugi::xml_node n = doc.first_child();
  while (n) {
    if (n.first_child()) {
      n = n.first_child();
      if (++depth > max_depth) {
        doc.reset();
        return fmt::format("nests elements deeper than {} levels", max_depth);
      }
      continue;
    }
    while (n && !n.next_sibling()) {
      n = n.parent();
      --depth;
    }
    if (n) n = n.next_sibling();
  }
  if (!doc.document_element()) return "has no root element";
  return {};
}

}  // namespace minutes::formats
