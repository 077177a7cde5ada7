// Builds the blocks of a plain-text draft: paragraphs, lists nested by indentation (markers or etherpad
// style), wrapped continuation lines, fenced code, '>' quotes and rules.
#include <algorithm>
#include <climits>

#include "formats/text/internal.hpp"

namespace minutes::formats::text {

namespace {

bool starts_lower(std::string_view s) { return !s.empty() && s[0] >= 'a' && s[0] <= 'z'; }

// Lines at least this wide look hard-wrapped, so a lower-case line after them may continue them.
constexpr int wrap_width = 60;

// Turns content lines into blocks with a stack of open list levels. Pointers into the tree stay valid
// because a shallower vector is only appended to after every deeper level has been popped.
class Builder {
 public:
  explicit Builder(ir::Blocks& root) : root_(root) {}

  // Feeds one non-blank, non-code line.
  void line(const Line& l, bool blank_before) {
    if (l.standalone) {
      close_all();
      start_paragraph(root_, l, INT_MAX, -1);
      flush();
      return;
    }
    if (l.marker) {
      add_item(l, l.indent, true, blank_before);
      return;
    }
    int i = l.indent;
    if (pending_ && !blank_before) {
      bool join = i >= cont_min_ && i <= cont_max_;
      bool lazy = last_width_ >= wrap_width && starts_lower(l.text()) && i <= std::max(cont_max_, base_indent_);
      if (join || lazy) {
        segments_.push_back({l.text(), l.number, l.indent + 1});
        last_width_ = display_width(l.raw);
        return;
      }
    }
    if (blank_before && !stack_.empty() && stack_.back().marked && i > stack_.back().indent &&
        i <= stack_.back().content_indent + 1) {
      flush();  // another paragraph of the same item
      start_paragraph(current_item().blocks, l, i, INT_MAX);
      return;
    }
    if (i == 0) {
      close_all();
      start_paragraph(root_, l, 0, INT_MAX);
      return;
    }
    add_item(l, i, false, blank_before);  // etherpad style: indentation alone makes an item
  }

  // Adds a finished block (code, quote, rule) at the top level, closing open lists.
  void add_block(ir::Block b) {
    close_all();
    root_.push_back(std::move(b));
  }

  // Flushes what is pending; call once at the end.
  void finish() { flush(); }

 private:
  struct Level {
    int indent = 0;          // where this level's markers (or etherpad text) start
    int content_indent = 0;  // where the last item's text starts
    bool marked = false;     // the last item had a marker
    ir::Block* list = nullptr;
  };

  ir::ListItem& current_item() { return stack_.back().list->items.back(); }

  void flush() {
    if (!pending_) return;
    pending_ = false;
    ir::Block p;
    p.kind = ir::BlockKind::paragraph;
    p.line = segments_.front().line;
    p.column = segments_.front().column;
    p.inlines = join_segments(segments_);
    target_->push_back(std::move(p));
    segments_.clear();
  }

  void close_all() {
    flush();
    stack_.clear();
  }

  void start_paragraph(ir::Blocks& target, const Line& l, int cont_min, int cont_max) {
    flush();
    pending_ = true;
    target_ = &target;
    segments_.push_back({l.content(), l.number, l.content_indent + 1});
    cont_min_ = cont_min;
    cont_max_ = cont_max;
    base_indent_ = l.indent;
    last_width_ = display_width(l.raw);
  }

  // Opens a new list in the innermost open item (or at the top level) and pushes its level.
  void open_list(int indent, const Line& l, bool marked) {
    ir::Blocks& container = stack_.empty() ? root_ : current_item().blocks;
    ir::Block list;
    list.kind = ir::BlockKind::list;
    list.line = l.number;
    list.column = l.indent + 1;
    list.ordered = marked && l.ordered;
    list.start = list.ordered ? l.start : 1;
    container.push_back(std::move(list));
    stack_.push_back({indent, 0, false, &container.back()});
  }

  void add_item(const Line& l, int indent, bool marked, bool blank_before = false) {
    flush();
    if (static_cast<int>(stack_.size()) >= max_list_depth && indent > stack_.back().indent)
      indent = stack_.back().indent;
    while (!stack_.empty() && stack_.back().indent > indent) stack_.pop_back();
    bool ordered = marked && l.ordered;
    if (!stack_.empty() && stack_.back().indent == indent) {
      if (stack_.back().list->ordered != ordered) {
        stack_.pop_back();
        open_list(indent, l, marked);
      } else if (blank_before) {
        stack_.back().list->tight = false;
      }
    } else {
      open_list(indent, l, marked);
    }
    Level& level = stack_.back();
    level.marked = marked;
    level.content_indent = l.content_indent;
    ir::ListItem item;
    item.line = l.number;
    item.checked = l.checked;
    level.list->items.push_back(std::move(item));
    if (marked)
      start_paragraph(current_item().blocks, l, l.indent + 1, l.content_indent + 1);
    else
      start_paragraph(current_item().blocks, l, INT_MAX, -1);
    if (l.content().empty()) {  // an empty item ("-" alone): nothing to continue
      pending_ = false;
      segments_.clear();
    }
  }

  ir::Blocks& root_;
  std::vector<Level> stack_;
  bool pending_ = false;
  ir::Blocks* target_ = nullptr;
  std::vector<Segment> segments_;
  int cont_min_ = 0, cont_max_ = 0, base_indent_ = 0, last_width_ = 0;
};

// The text of a quoted line without its '>' markers and one following space.
std::string_view unquote(std::string_view t) {
  while (!t.empty() && t[0] == '>') {
    t.remove_prefix(1);
    if (!t.empty() && t[0] == ' ') t.remove_prefix(1);
  }
  return t;
}

}  // namespace

ir::Blocks build_blocks(const std::vector<Line>& lines, size_t begin, size_t end) {
  ir::Blocks out;
  Builder b(out);
  bool blank_before = false;
  for (size_t k = begin; k < end;) {
    const Line& l = lines[k];
    if (l.blank && !l.in_code) {
      blank_before = true;
      ++k;
      continue;
    }
    if (l.in_code) {  // a fenced code block up to its closing fence (or the end of the range)
      ir::Block code;
      code.kind = ir::BlockKind::code;
      code.line = l.number;
      code.column = l.indent + 1;
      code.info = std::string(trim(l.text().substr(3)));
      size_t j = k + 1;
      for (; j < end && lines[j].in_code && !lines[j].fence; ++j) {
        code.text += lines[j].raw;
        code.text += '\n';
      }
      if (j < end && lines[j].fence && lines[j].in_code) ++j;  // the closing fence
      b.add_block(std::move(code));
      k = j;
      blank_before = false;
      continue;
    }
    std::string_view t = l.text();
    if (t.starts_with('>') && !l.standalone) {  // e-mail style quote: consecutive '>' lines
      ir::Block quote;
      quote.kind = ir::BlockKind::quote;
      quote.line = l.number;
      quote.column = l.indent + 1;
      std::vector<Segment> para;
      auto flush_para = [&] {
        if (para.empty()) return;
        ir::Block p;
        p.kind = ir::BlockKind::paragraph;
        p.line = para.front().line;
        p.column = para.front().column;
        p.inlines = join_segments(para);
        quote.children.push_back(std::move(p));
        para.clear();
      };
      size_t j = k;
      for (; j < end && !lines[j].blank && !lines[j].in_code && lines[j].text().starts_with('>'); ++j) {
        std::string_view inner = unquote(lines[j].text());
        if (trim(inner).empty()) {
          flush_para();
          continue;
        }
        int column =
            lines[j].indent + 1 + display_width(lines[j].text().substr(0, lines[j].text().size() - inner.size()));
        para.push_back({inner, lines[j].number, column});
      }
      flush_para();
      b.add_block(std::move(quote));
      k = j;
      blank_before = false;
      continue;
    }
    if (is_rule(t) && !l.standalone) {
      ir::Block rule;
      rule.kind = ir::BlockKind::rule;
      rule.line = l.number;
      rule.column = l.indent + 1;
      b.add_block(std::move(rule));
      ++k;
      blank_before = false;
      continue;
    }
    b.line(l, blank_before);
    blank_before = false;
    ++k;
  }
  b.finish();
  return out;
}

}  // namespace minutes::formats::text
