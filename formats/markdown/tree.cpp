// Converts a cmark-gfm syntax tree into IR blocks and inlines with cmark's enter/exit iterator (no recursion).
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "formats/markdown/internal.hpp"

// The extension node types, exported by libcmark-gfm-extensions but not declared in its public headers.
extern "C" {
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW, CMARK_NODE_TABLE_CELL, CMARK_NODE_STRIKETHROUGH;
}

namespace minutes::formats::markdown {

namespace {

// One open container while walking the tree.
struct Frame {
  enum class Kind {
    document,
    quote,
    list,
    item,
    paragraph,
    heading,
    table,
    row,
    cell,
    span,
    image,
    flattened
  } kind = Kind::document;
  ir::Block block;         // quote, list, paragraph, heading (level, inlines), table
  ir::ListItem item;       // item
  ir::TableRow row;        // row
  ir::TableCell cell;      // cell
  ir::Inline inl;          // span (emphasis, strong, strikethrough, link), image
  int target = 0;          // flattened: the frame that receives this one's content
  bool html_link = false;  // span opened by an inline <a href>
  bool link = false;       // flattened: stands for a link (its text joins the text before it)
};

using Kind = Frame::Kind;

class Walker {
 public:
  Walker(ir::Document& document, const ImageSizes& sizes) : document_(document), sizes_(sizes) {
    frames_.emplace_back();
  }

  ir::Blocks run(cmark_node* root) {
    cmark_iter* iter = cmark_iter_new(root);
    for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
      cmark_node* node = cmark_iter_get_node(iter);
      if (ev == CMARK_EVENT_ENTER)
        enter(node);
      else if (ev == CMARK_EVENT_EXIT)
        exit(node);
    }
    cmark_iter_free(iter);
    while (frames_.size() > 1) pop();  // only after malformed trees; keeps every word
    return std::move(top_);
  }

 private:
  ir::Document& document_;
  const ImageSizes& sizes_;
  std::vector<Frame> frames_;
  ir::Blocks top_;
  int block_depth_ = 0;
  int inline_depth_ = 0;
  int link_depth_ = 0;
  bool warned_depth_ = false;

  int resolve(int index) const { return frames_[index].kind == Kind::flattened ? frames_[index].target : index; }
  int top_index() const { return static_cast<int>(frames_.size()) - 1; }

  void push(Frame::Kind kind, cmark_node* node) {
    Frame f;
    f.kind = kind;
    f.block.line = f.item.line = f.row.line = f.inl.line = cmark_node_get_start_line(node);
    f.block.column = f.inl.column = cmark_node_get_start_column(node);
    frames_.push_back(std::move(f));
  }

  void push_flattened(cmark_node* node, bool too_deep = true) {
    if (too_deep && !warned_depth_) {
      warned_depth_ = true;
      ir::warn(document_, cmark_node_get_start_line(node), cmark_node_get_start_column(node),
               "nesting deeper than " + std::to_string(max_block_depth) + " lists/quotes or " +
                   std::to_string(max_inline_depth) + " inline levels: the deeper content is flattened");
    }
    Frame f;
    f.kind = Kind::flattened;
    f.target = resolve(top_index());
    frames_.push_back(std::move(f));
  }

  // Where blocks go: the nearest document, quote or list item.
  void add_block(ir::Block block) {
    Frame& f = frames_[resolve(top_index())];
    switch (f.kind) {
      case Kind::quote: f.block.children.push_back(std::move(block)); return;
      case Kind::item: f.item.blocks.push_back(std::move(block)); return;
      default: top_.push_back(std::move(block));
    }
  }

  // Where inlines go: the nearest paragraph, heading, cell or inline container.
  ir::Inlines& inline_sink() {
    Frame& f = frames_[resolve(top_index())];
    switch (f.kind) {
      case Kind::cell: return f.cell.inlines;
      case Kind::span:
      case Kind::image: return f.inl.children;
      default: return f.block.inlines;
    }
  }

  void add_inline(ir::Inline in) { inline_sink().push_back(std::move(in)); }

  void add_leaf_inline(ir::InlineKind kind, cmark_node* node, std::string text = {}) {
    ir::Inline in;
    in.kind = kind;
    in.text = std::move(text);
    in.line = cmark_node_get_start_line(node);
    in.column = cmark_node_get_start_column(node);
    add_inline(std::move(in));
  }

  static std::string literal(cmark_node* node) {
    const char* s = cmark_node_get_literal(node);
    return s ? s : "";
  }

  void enter(cmark_node* node) {
    cmark_node_type t = cmark_node_get_type(node);
    if (t == CMARK_NODE_DOCUMENT) return;
    bool parent_flat = frames_.back().kind == Kind::flattened;
    if (t == CMARK_NODE_BLOCK_QUOTE || t == CMARK_NODE_LIST || t == CMARK_NODE_TABLE) {
      if (parent_flat || block_depth_ >= max_block_depth) return push_flattened(node);
      ++block_depth_;
      if (t == CMARK_NODE_BLOCK_QUOTE) {
        push(Kind::quote, node);
        frames_.back().block.kind = ir::BlockKind::quote;
      } else if (t == CMARK_NODE_LIST) {
        push(Kind::list, node);
        auto& b = frames_.back().block;
        b.kind = ir::BlockKind::list;
        b.ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
        b.start = b.ordered ? cmark_node_get_list_start(node) : 1;
        b.tight = cmark_node_get_list_tight(node) != 0;
      } else {
        push(Kind::table, node);
        auto& b = frames_.back().block;
        b.kind = ir::BlockKind::table;
        uint16_t columns = cmark_gfm_extensions_get_table_columns(node);
        const uint8_t* aligns = cmark_gfm_extensions_get_table_alignments(node);
        for (uint16_t i = 0; i < columns; ++i) {
          uint8_t a = aligns ? aligns[i] : 0;
          b.alignments.push_back(a == 'l'   ? ir::Align::left
                                 : a == 'c' ? ir::Align::center
                                 : a == 'r' ? ir::Align::right
                                            : ir::Align::none);
        }
      }
    } else if (t == CMARK_NODE_ITEM) {
      if (parent_flat) return push_flattened(node);
      push(Kind::item, node);
      const char* ext = cmark_node_get_type_string(node);
      if (ext && std::string_view(ext) == "tasklist")
        frames_.back().item.checked = cmark_gfm_extensions_get_tasklist_item_checked(node);
    } else if (t == CMARK_NODE_TABLE_ROW) {
      if (parent_flat) return push_flattened(node);
      push(Kind::row, node);
      frames_.back().row.header = cmark_gfm_extensions_get_table_row_is_header(node) != 0;
    } else if (t == CMARK_NODE_TABLE_CELL) {
      push(parent_flat ? Kind::paragraph : Kind::cell, node);  // a cell of a flattened table becomes a paragraph
    } else if (t == CMARK_NODE_PARAGRAPH) {
      push(Kind::paragraph, node);
    } else if (t == CMARK_NODE_HEADING) {
      push(Kind::heading, node);
      frames_.back().block.level = cmark_node_get_heading_level(node);
    } else if (t == CMARK_NODE_CODE_BLOCK) {
      ir::Block b;
      b.kind = ir::BlockKind::code;
      b.line = cmark_node_get_start_line(node);
      b.column = cmark_node_get_start_column(node);
      b.text = literal(node);
      const char* info = cmark_node_get_fence_info(node);
      b.info = info ? info : "";
      add_block(std::move(b));
    } else if (t == CMARK_NODE_HTML_BLOCK) {
      ir::Block b;
      b.kind = ir::BlockKind::html;
      b.line = cmark_node_get_start_line(node);
      b.column = cmark_node_get_start_column(node);
      b.raw = literal(node);
      b.inlines = html_block_inlines(b.raw, b.line, b.column);
      if (!b.inlines.empty()) add_block(std::move(b));  // style, script, comments, bare tags: nothing visible
    } else if (t == CMARK_NODE_THEMATIC_BREAK) {
      ir::Block b;
      b.kind = ir::BlockKind::rule;
      b.line = cmark_node_get_start_line(node);
      b.column = cmark_node_get_start_column(node);
      add_block(std::move(b));
    } else if (t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG || t == CMARK_NODE_STRIKETHROUGH ||
               t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
      if (parent_flat || inline_depth_ >= max_inline_depth) {
        push_flattened(node);
        if (t == CMARK_NODE_LINK) {
          frames_.back().link = true;
          ++link_depth_;
        }
        return;
      }
      ++inline_depth_;
      push(t == CMARK_NODE_IMAGE ? Kind::image : Kind::span, node);
      auto& in = frames_.back().inl;
      in.kind = t == CMARK_NODE_EMPH     ? ir::InlineKind::emphasis
                : t == CMARK_NODE_STRONG ? ir::InlineKind::strong
                : t == CMARK_NODE_LINK   ? ir::InlineKind::link
                : t == CMARK_NODE_IMAGE  ? ir::InlineKind::image
                                         : ir::InlineKind::strikethrough;
      if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
        const char* url = cmark_node_get_url(node);
        const char* title = cmark_node_get_title(node);
        in.url = url ? url : "";
        in.title = title ? title : "";
        if (t == CMARK_NODE_IMAGE && !sizes_.empty())
          if (auto size = sizes_.find({in.line, in.url}); size != sizes_.end()) {
            in.width = size->second.width;
            in.height = size->second.height;
          }
      }
      if (t == CMARK_NODE_LINK) ++link_depth_;
    } else if (t == CMARK_NODE_TEXT) {
      auto text = literal(node);
      int line = cmark_node_get_start_line(node), column = cmark_node_get_start_column(node);
      if (link_depth_ > 0) {
        ir::Inlines& sink = inline_sink();
        if (!sink.empty() && sink.back().kind == ir::InlineKind::text)
          sink.back().text += text;
        else
          add_leaf_inline(ir::InlineKind::text, node, std::move(text));
      } else {
        append_text(inline_sink(), text, line, column);
      }
    } else if (t == CMARK_NODE_CODE) {
      add_leaf_inline(ir::InlineKind::code, node, literal(node));
    } else if (t == CMARK_NODE_SOFTBREAK) {
      add_leaf_inline(ir::InlineKind::soft_break, node);
    } else if (t == CMARK_NODE_LINEBREAK) {
      add_leaf_inline(ir::InlineKind::line_break, node);
    } else if (t == CMARK_NODE_HTML_INLINE) {
      html_inline(node);
    } else {
      push_flattened(node, false);  // an unknown container (cmark exits every non-leaf node): content goes up
    }
  }

  // Inline HTML arrives one tag at a time: <br> breaks the line, <a href>...</a> becomes a link, the rest is dropped.
  void html_inline(cmark_node* node) {
    int line = cmark_node_get_start_line(node), column = cmark_node_get_start_column(node);
    for (auto& tok : tokenize_html(literal(node))) {
      if (tok.kind == HtmlToken::text) {
        append_text(inline_sink(), tok.value, line, column);
      } else if (tok.kind == HtmlToken::start_tag && tok.name == "br") {
        add_leaf_inline(ir::InlineKind::line_break, node);
      } else if (tok.kind == HtmlToken::start_tag && tok.name == "img" && !tok.value.empty()) {
        ir::Inline img;
        img.kind = ir::InlineKind::image;
        img.url = tok.value;
        img.text = tok.alt;
        img.line = line;
        img.column = column;
        add_inline(std::move(img));
      } else if (tok.kind == HtmlToken::start_tag && tok.name == "a" && !tok.value.empty() && !tok.self_closing &&
                 link_depth_ == 0 && inline_depth_ < max_inline_depth) {
        push(Kind::span, node);
        auto& f = frames_.back();
        f.inl.kind = ir::InlineKind::link;
        f.inl.url = tok.value;
        f.html_link = true;
        ++inline_depth_;
        ++link_depth_;
      } else if (tok.kind == HtmlToken::end_tag && tok.name == "a" && frames_.back().html_link) {
        pop();
      }
    }
  }

  void exit(cmark_node* node) {
    cmark_node_type t = cmark_node_get_type(node);
    if (t == CMARK_NODE_DOCUMENT) return;
    while (frames_.back().html_link) pop();  // an <a> never closed inside this node
    if (frames_.size() > 1) pop();
  }

  // Closes the innermost frame and hands its content to the enclosing one.
  void pop() {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    switch (f.kind) {
      case Kind::document: break;
      case Kind::flattened:
        if (f.link) --link_depth_;
        break;
      case Kind::quote:
      case Kind::list:
      case Kind::table:
        --block_depth_;
        add_block(std::move(f.block));
        break;
      case Kind::item: {
        Frame& parent = frames_[resolve(top_index())];
        if (parent.kind == Kind::list)
          parent.block.items.push_back(std::move(f.item));
        else
          for (auto& b : f.item.blocks) add_block(std::move(b));
        break;
      }
      case Kind::row: {
        Frame& parent = frames_[resolve(top_index())];
        if (parent.kind == Kind::table) parent.block.rows.push_back(std::move(f.row));
        break;
      }
      case Kind::cell: {
        Frame& parent = frames_[resolve(top_index())];
        if (parent.kind == Kind::row) parent.row.cells.push_back(std::move(f.cell));
        break;
      }
      case Kind::paragraph: {
        if (f.block.inlines.empty()) break;  // e.g. only an HTML comment
        if (f.block.inlines.size() == 1 && f.block.inlines[0].kind == ir::InlineKind::image)
          f.block.kind = ir::BlockKind::image;
        add_block(std::move(f.block));
        break;
      }
      case Kind::heading: {
        Frame& parent = frames_[resolve(top_index())];
        if (parent.kind == Kind::document) {
          f.block.kind = ir::BlockKind::heading;
          top_.push_back(std::move(f.block));
        } else if (!f.block.inlines.empty()) {
          add_block(std::move(f.block));  // a heading inside a list or quote: kept as a paragraph
        }
        break;
      }
      case Kind::span:
      case Kind::image:
        --inline_depth_;
        if (f.inl.kind == ir::InlineKind::link) --link_depth_;
        if (f.kind == Kind::image) {
          f.inl.text = ir::plain_text(f.inl.children);
          f.inl.children.clear();
        }
        add_inline(std::move(f.inl));
        break;
    }
  }
};

}  // namespace

ir::Blocks convert_tree(cmark_node* root, ir::Document& document, const ImageSizes& sizes) {
  return Walker(document, sizes).run(root);
}

}  // namespace minutes::formats::markdown
