// The one mention rule: `@handle` split out of text inlines, for every reader (not in e-mail addresses or URLs).
#include <algorithm>

#include "converters/core/recognise.hpp"

namespace minutes {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Columns count code points, as the readers' columns do.
int width(std::string_view s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The end of the handle of a mention whose '@' is at text[at], or 0 when the '@' starts none. `word` is where
// the word holding the '@' starts.
size_t mention_end(std::string_view text, size_t at, size_t word) {
  // Not part of an e-mail address, a path or a URL: the '@' starts a word.
  if (at > 0) {
    char p = text[at - 1];
    if (is_alnum(p) || std::string_view("._%+-/:@").find(p) != std::string_view::npos ||
        static_cast<unsigned char>(p) >= 0x80)
      return 0;
  }
  size_t from = std::max(word, at > 256 ? at - 256 : size_t{0});  // a URL's "://" is never that far back
  std::string_view token = text.substr(from, at - from);
  if (token.find("://") != std::string_view::npos || token.find("www.") != std::string_view::npos) return 0;
  size_t end = at + 1;
  if (end >= text.size() || !is_alnum(text[end])) return 0;
  while (end < text.size() && (is_alnum(text[end]) || text[end] == '-' || text[end] == '_')) ++end;
  while (text[end - 1] == '-' || text[end - 1] == '_') --end;
  if (end < text.size() && text[end] == '@') return 0;                                 // not a@b@c
  if (end + 1 < text.size() && text[end] == '.' && is_alnum(text[end + 1])) return 0;  // @example.org
  return end;
}

// How many more mentions may be split out of the meeting, and the line of the first one left as text.
struct Budget {
  size_t left = max_mentions;
  int stopped_line = 0;
};

// Appends a text inline's pieces: text, mention, text... (as many mentions as the budget has left).
void split_text(ir::Inline&& in, ir::Inlines& out, Budget& budget) {
  std::string_view text = in.text;
  size_t done = 0, scanned = 0, word = 0;
  int column = in.column, column_at = 0;  // the column of text[column_at]
  auto column_of = [&](size_t byte) {
    column += width(text.substr(column_at, byte - column_at));
    column_at = byte;
    return column;
  };
  auto piece = [&](ir::InlineKind kind, size_t begin, size_t end) {
    ir::Inline p;
    p.kind = kind;
    p.text = std::string(text.substr(begin, end - begin));
    p.line = in.line;
    p.column = column_of(kind == ir::InlineKind::mention ? begin - 1 : begin);
    out.push_back(std::move(p));
  };
  for (size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    for (; scanned < at; ++scanned)  // the start of the word holding the '@', found in one forward pass
      if (std::string_view(" \t\n(<[").find(text[scanned]) != std::string_view::npos) word = scanned + 1;
    size_t end = mention_end(text, at, word);
    if (end == 0) continue;
    if (budget.left == 0) {
      budget.stopped_line = in.line;
      break;
    }
    --budget.left;
    if (at > done) piece(ir::InlineKind::text, done, at);
    piece(ir::InlineKind::mention, at + 1, end);
    done = end;
    at = end - 1;
  }
  if (done == 0) {
    out.push_back(std::move(in));
  } else if (done < text.size()) {
    piece(ir::InlineKind::text, done, text.size());
  }
}

void split_in(ir::Inlines& inlines, Budget& budget) {
  bool any = false;
  for (auto& in : inlines) {
    if (in.kind == ir::InlineKind::text)
      any |= in.text.find('@') != std::string::npos;
    else if (in.kind != ir::InlineKind::link && in.kind != ir::InlineKind::image)
      split_in(in.children, budget);
  }
  if (!any || budget.stopped_line != 0) return;
  ir::Inlines out;
  out.reserve(inlines.size() + 2);
  for (auto& in : inlines) {
    if (in.kind == ir::InlineKind::text)
      split_text(std::move(in), out, budget);
    else
      out.push_back(std::move(in));
  }
  inlines = std::move(out);
}

void split_in(ir::Blocks& blocks, Budget& budget) {
  for (auto& b : blocks) {
    split_in(b.inlines, budget);
    for (auto& item : b.items) split_in(item.blocks, budget);
    split_in(b.children, budget);
    for (auto& row : b.rows)
      for (auto& cell : row.cells) split_in(cell.inlines, budget);
  }
}

}  // namespace

int split_mentions(ir::Blocks& blocks) {
  Budget budget;
  split_in(blocks, budget);
  return budget.stopped_line;
}

}  // namespace minutes
