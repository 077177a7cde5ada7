// The readers' budget of structure: counting and renumbering nodes, and the plain paragraphs past the budget.
#include "formats/common/bounds.hpp"

#include <fmt/format.h>

#include "converters/core/strings.hpp"

namespace minutes::formats {

namespace {

std::size_t shift_inlines(ir::Inlines& inlines, int offset) {
  std::size_t n = inlines.size();
  for (auto& in : inlines) {
    in.line += offset;
    n += shift_inlines(in.children, offset);  // nesting is bounded by the readers (32 levels)
  }
  return n;
}

}  // namespace

std::size_t shift_lines(ir::Blocks& blocks, int offset) {
  std::size_t n = blocks.size();
  for (auto& b : blocks) {
    b.line += offset;
    n += shift_inlines(b.inlines, offset) + shift_lines(b.children, offset);  // nesting bounded (64 levels)
    for (auto& item : b.items) {
      item.line += offset;
      n += 1 + shift_lines(item.blocks, offset);
    }
    for (auto& row : b.rows) {
      row.line += offset;
      n += 1 + row.cells.size();
      for (auto& cell : row.cells) n += shift_inlines(cell.inlines, offset);
    }
  }
  return n;
}

std::size_t structure_cut(std::string_view text, std::size_t budget) {
  std::size_t cost = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t nl = text.find('\n', pos);
    std::size_t stop = nl == std::string_view::npos ? text.size() : nl;
    if (stop - pos > max_line_bytes) return pos;
    cost += 3;  // a list item, its paragraph and its text
    for (std::size_t i = pos; i < stop; ++i) cost += text[i] == ':' || text[i] == '@' || text[i] == '<';
    if (cost > budget) return pos;
    pos = stop + 1;
  }
  return std::string_view::npos;
}

ir::Blocks plain_paragraphs(std::string_view text, int first_line) {
  ir::Blocks out;
  int line = first_line;
  bool open = false;   // out.back() takes the next line
  size_t size = 0;     // bytes of out.back()
  auto add = [&](std::string_view words) {  // to the last text inline, or a new one after a soft break
    ir::Inlines& inlines = out.back().inlines;
    if (!inlines.empty() && inlines.back().text.size() + words.size() >= plain_inline_bytes) {
      inlines.push_back(ir::Inline{ir::InlineKind::line_break, {}, {}, {}, {}, line, 1});
      inlines.push_back(ir::Inline{ir::InlineKind::text, {}, {}, {}, {}, line, 1});
    } else if (inlines.empty()) {
      inlines.push_back(ir::Inline{ir::InlineKind::text, {}, {}, {}, {}, line, 1});
    } else {
      inlines.back().text += ' ';
    }
    inlines.back().text += words;
    size += words.size() + 1;
  };
  for (size_t pos = 0; pos < text.size(); ++line) {
    size_t nl = text.find('\n', pos);
    size_t stop = nl == std::string_view::npos ? text.size() : nl;
    std::string_view t = trim(text.substr(pos, stop - pos));
    pos = stop + 1;
    if (t.empty()) {
      open = open && size < plain_paragraph_bytes;
      continue;
    }
    if (!open) {
      ir::Block b;
      b.line = line;
      b.column = 1;
      out.push_back(std::move(b));
      open = true;
      size = 0;
    }
    // A long line goes in pieces that end at a space (or at a character when there is none nearby).
    while (t.size() > plain_inline_bytes) {
      size_t cut = t.substr(0, plain_inline_bytes).rfind(' ');
      if (cut == std::string_view::npos || cut == 0) cut = plain_inline_bytes;
      while (cut < t.size() && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) ++cut;
      add(t.substr(0, cut));
      t = trim(t.substr(cut));
    }
    if (!t.empty()) add(t);
  }
  return out;
}

std::string plain_from_here(std::size_t budget) {
  return fmt::format(
      "more structure than one file of minutes is read with (over {} lists, items, cells and inline marks): from "
      "here on the text is kept as plain paragraphs",
      budget);
}

}  // namespace minutes::formats
