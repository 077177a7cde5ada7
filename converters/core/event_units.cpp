// The lines of a meeting's text that may name an event, with their first link (see event_units.hpp).
#include "converters/core/event_units.hpp"

#include <cctype>

namespace minutes::event_units {

// The plain text and first link of inlines, split at line breaks.
void lines_of(const ir::Inlines& inlines, int line, std::vector<Unit>& out, bool& fresh) {
  for (const auto& in : inlines) {
    if (fresh) {
      out.push_back(Unit{{}, {}, in.line ? in.line : line, {}});
      fresh = false;
    }
    Unit& u = out.back();
    switch (in.kind) {
      case ir::InlineKind::text:
      case ir::InlineKind::code:
      case ir::InlineKind::image: u.text += in.text; break;
      case ir::InlineKind::mention: u.text += '@' + in.text; break;
      case ir::InlineKind::soft_break:
      case ir::InlineKind::line_break: fresh = true; break;
      case ir::InlineKind::link:
        if (u.url.empty()) {
          u.url = in.url;
          u.link_text = ir::plain_text(in.children);
        }
        [[fallthrough]];
      default: lines_of(in.children, line, out, fresh);
    }
  }
}

// A bare URL in text, if any.
std::string bare_url(std::string_view text) {
  auto p = text.find("https://");
  if (p == std::string_view::npos) p = text.find("http://");
  if (p == std::string_view::npos) return {};
  auto e = p;
  while (e < text.size() && !std::isspace(static_cast<unsigned char>(text[e])) && text[e] != ')' && text[e] != '>') ++e;
  return std::string(text.substr(p, e - p));
}

// A list item's own text (without nested lists) as one unit.
Unit item_unit(const ir::ListItem& item) {
  Unit u{{}, {}, item.line, {}};
  for (const auto& b : item.blocks) {
    if (b.kind == ir::BlockKind::list) continue;
    std::vector<Unit> lines;
    bool fresh = true;
    lines_of(b.inlines, b.line, lines, fresh);
    if (b.kind == ir::BlockKind::code) lines.push_back(Unit{b.text, {}, b.line, {}});
    for (auto& l : lines) {
      if (!u.text.empty()) u.text += ' ';
      u.text += l.text;
      if (u.url.empty()) u.url = l.url, u.link_text = l.link_text;
    }
    if (!u.line) u.line = b.line;
  }
  if (u.url.empty()) u.url = bare_url(u.text);
  return u;
}

}  // namespace minutes::event_units
