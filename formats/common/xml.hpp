// XML parts of documents given to us (reference documents): parsed with a bound on nesting, walked without recursion.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace minutes::formats {

// Elements nested deeper than this make a part unusable (real styles and headers nest a few dozen levels).
inline constexpr int max_xml_depth = 256;

// Parses an XML part; empty on success, else why not, as a phrase ("is not well-formed XML (at byte 120)",
// "nests elements deeper than 256 levels"). Neither parsing nor the depth count recurses.
std::string parse_part(pugi::xml_document& doc, std::string_view bytes, int max_depth = max_xml_depth);

// Calls f(element) for every element below root (not root itself) in document order, without recursion. f may
// change attributes, but not add or remove nodes (collect them and change the tree afterwards).
template <class F>
void for_each_element(pugi::xml_node root, F&& f) {
  pugi::xml_node n = root.first_child();
  while (n) {
    if (n.type() == pugi::node_element) f(n);
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n && n != root && !n.next_sibling()) n = n.parent();
    if (!n || n == root) break;
    n = n.next_sibling();
  }
}

}  // namespace minutes::formats
