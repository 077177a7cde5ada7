// The lines of a meeting's text that may name an event (an item's own text, a paragraph line), with their link.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>

namespace minutes::event_units {

// One line of text that may name an event: a list item's own text, a paragraph line, a heading.
struct Unit {
  std::string text;
  std::string url;
  int line = 0;
  std::string link_text;  // the text of its first link ("[EOF event](https://...)")
};

// Appends the plain text and first link of inlines, split at line breaks; `fresh` starts a new unit.
void lines_of(const ir::Inlines& inlines, int line, std::vector<Unit>& out, bool& fresh);

// A bare URL in text, if any.
std::string bare_url(std::string_view text);

// A list item's own text (without nested lists) as one unit.
Unit item_unit(const ir::ListItem& item);

}  // namespace minutes::event_units
