// Text helpers of the Markdown reader: cmark's adjacent text nodes joined into one text inline.
#include "formats/markdown/internal.hpp"

namespace minutes::formats::markdown {

void append_text(ir::Inlines& out, std::string_view text, int line, int column) {
  if (text.empty()) return;
  if (!out.empty() && out.back().kind == ir::InlineKind::text && out.back().line == line) {
    out.back().text += text;  // adjacent text nodes from cmark (e.g. "[" split off) are merged
    return;
  }
  ir::Inline in;
  in.kind = ir::InlineKind::text;
  in.text = std::string(text);
  in.line = line;
  in.column = column;
  out.push_back(std::move(in));
}

}  // namespace minutes::formats::markdown
