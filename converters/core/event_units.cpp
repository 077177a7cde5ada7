// The lines of a meeting's text that may name an event, with their first link (see event_units.hpp).
#include "converters/core/event_units.hpp"

#include <algorithm>
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
      case ir::InlineKind::mention:
        u.text += '@';
        u.text += in.text;
        break;
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

namespace {

// Whether inlines are text alone: no link, mention, emphasis or line break.
bool plain(const ir::Inlines& inlines) {
  return std::all_of(inlines.begin(), inlines.end(), [](const ir::Inline& in) {
    return in.kind == ir::InlineKind::text || in.kind == ir::InlineKind::code || in.kind == ir::InlineKind::image;
  });
}

}  // namespace

// A list item's own text (without nested lists) as one unit.
Unit item_unit(const ir::ListItem& item) {
  Unit u{{}, {}, item.line, {}};
  // The common case, an item of one line of plain text, without the line-by-line machinery below.
  auto own = [](const ir::Block& b) { return b.kind != ir::BlockKind::list; };
  if (std::count_if(item.blocks.begin(), item.blocks.end(), own) == 1) {
    const ir::Block& b = *std::find_if(item.blocks.begin(), item.blocks.end(), own);
    if (b.kind != ir::BlockKind::code && plain(b.inlines)) {
      for (const auto& in : b.inlines) u.text += in.text;
      if (!u.line) u.line = b.line;
      u.url = bare_url(u.text);
      return u;
    }
  }
  std::vector<Unit> lines;
  for (const auto& b : item.blocks) {
    if (b.kind == ir::BlockKind::list) continue;
    lines.clear();
    bool fresh = true;
    lines_of(b.inlines, b.line, lines, fresh);
    if (b.kind == ir::BlockKind::code) lines.push_back(Unit{b.text, {}, b.line, {}});
    for (auto& l : lines) {
      if (u.text.empty()) {
        u.text = std::move(l.text);
      } else {
        u.text += ' ';
        u.text += l.text;
      }
      if (u.url.empty()) u.url = std::move(l.url), u.link_text = std::move(l.link_text);
    }
    if (!u.line) u.line = b.line;
  }
  if (u.url.empty()) u.url = bare_url(u.text);
  return u;
}

}  // namespace minutes::event_units
