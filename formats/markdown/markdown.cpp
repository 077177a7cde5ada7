// Reads Markdown minutes (CommonMark + GFM tables, front matter, raw HTML) into a document (syntax), on cmark-gfm.
//
// Decisions, for writers and users (what the syntax means for a meeting is recognition's, in the core):
// - YAML front matter goes to Document::metadata (nested keys as "a.b", lists joined with ", "); it is never text.
//   YAML that is invalid or too big (aliases, nodes, depth) is a warning naming the line, and is read as Markdown.
// - Thematic breaks (`---`, `***`) at the top level and in sections separate slides or topics: they are dropped.
//   Inside list items and quotes they stay as BlockKind::rule. In slide decks (front matter `type: slide` or
//   slideOptions, or `<!-- .slide` comments) lines of only `---`/`----` are slide separators and are removed
//   before parsing, so the line above them is not read as a setext heading.
// - Raw HTML: an HTML block becomes BlockKind::html with `raw` and its visible text as inlines (style, script and
//   comments dropped; <br> and block tags as line breaks; <a href> as links; <img> as images); a block with no
//   visible text is dropped. Inline HTML tags vanish except <br> (line break), <a href> (link), <img> (image).
// - Lists and quotes nested deeper than 64 levels, and inline containers deeper than 32, are flattened into the
//   level above with one warning, so every consumer can recurse safely.
// - Headings at the top level are heading blocks of the document; a heading inside a list or quote is a paragraph.
// - HedgeDoc's image sizes (`![](x.png =960x540)`, `=x300`) become the image's width and height; GitHub's emoji
//   shortcodes (`:rocket:`, from templates/emoji/shortcodes.tsv) become the emoji, except in code.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "converters/core/decode.hpp"
#include "formats/common/bounds.hpp"
#include "formats/formats.hpp"
#include "formats/markdown/internal.hpp"

namespace minutes::formats {

namespace {

using namespace markdown;

// Replaces every byte of [begin, end) except line feeds by nothing, keeping line numbers for cmark.
void blank(std::string& text, size_t begin, size_t end) {
  size_t out = begin;
  for (size_t i = begin; i < end; ++i)
    if (text[i] == '\n') text[out++] = '\n';
  text.erase(out, end - out);
}

// In a slide deck, lines of only `---`/`----` separate slides (reveal.js splits on them before Markdown):
// they become blank lines, so they neither show up nor turn the line above into a setext heading.
void blank_slide_separators(std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool in_fence = false;
  std::string fence;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    size_t stop = nl == std::string::npos ? text.size() : nl;
    std::string_view line(text.data() + pos, stop - pos);
    std::string_view body = line;
    size_t indent = 0;
    while (indent < body.size() && indent < 4 && body[indent] == ' ') ++indent;
    body.remove_prefix(indent);
    if (indent < 4 && (body.starts_with("```") || body.starts_with("~~~"))) {
      std::string mark(body.substr(0, 3));
      if (!in_fence) {
        in_fence = true;
        fence = mark;
      } else if (mark == fence)
        in_fence = false;
    }
    std::string_view bare = trim(line);
    bool separator = !in_fence && indent < 4 && (bare == "---" || bare == "----");
    if (!separator) out.append(line);
    if (nl != std::string::npos) out += '\n';
    pos = stop + 1;
  }
  text = std::move(out);
}

// The cmark-gfm parser with the GitHub extensions the archive uses; safe to run on several threads at once.
// Reading the blocks (cmark_parser_feed) shares nothing between parsers and runs unlocked. The inline phase, in
// cmark_parser_finish, switches a process-wide table of the characters that start an inline construct: it adds
// the extensions' characters ('~', ':', 'w') when it starts and takes them out when it ends, so two of them at
// once would take the characters away from each other mid-parse. That phase alone is serialised. The table cannot
// simply be set up once: cmark-gfm 0.29 finds the extension of a delimiter through the same per-extension lists
// its add and remove walk (with the lists emptied, "~ May" crashes the parser).
cmark_node* parse(const std::string& text) {
  static std::once_flag registered;  // the extension registry is global and not thread-safe
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(CMARK_OPT_DEFAULT),
                                                                     &cmark_parser_free);
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist"})
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_parser_feed(parser.get(), text.data(), text.size());
  static std::mutex inline_phase;
  std::lock_guard lock(inline_phase);
  return cmark_parser_finish(parser.get());
}

// The blocks of the text: parsed whole, or when it is large one segment at a time (each tree freed before the next
// is made, lines renumbered), up to the budget of nodes; the rest as plain paragraphs. HedgeDoc's image sizes
// are taken out of each segment before it is parsed.
ir::Blocks read_segments(const std::string& text, ir::Document& doc) {
  ir::Blocks blocks;
  std::size_t nodes = 0;
  int line = 1;  // of the segment's first line
  for (size_t begin = 0; begin < text.size();) {
    if (nodes > node_budget) {
      ir::warn(doc, line, 1, plain_from_here());
      ir::Blocks rest = plain_paragraphs(std::string_view(text).substr(begin), line);
      blocks.insert(blocks.end(), std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.end()));
      break;
    }
    size_t end = text.size() <= segment_bytes ? text.size() : segment_end(text, begin);
    std::string part = text.substr(begin, end - begin);
    size_t told = doc.diagnostics.size();
    ImageSizes sizes = take_image_sizes(part);  // by the segment's lines, as the tree numbers them
    std::unique_ptr<cmark_node, decltype(&cmark_node_free)> tree(parse(part), &cmark_node_free);
    if (!tree) {
      ir::warn(doc, line, 0, "the Markdown parser failed", ir::Severity::error);
      return blocks;
    }
    ir::Blocks read = convert_tree(tree.get(), doc, sizes);
    tree.reset();
    nodes += shift_lines(read, line - 1) + static_cast<size_t>(std::count(part.begin(), part.end(), '@'));
    for (size_t k = told; k < doc.diagnostics.size(); ++k)
      if (doc.diagnostics[k].line > 0) doc.diagnostics[k].line += line - 1;
    blocks.insert(blocks.end(), std::make_move_iterator(read.begin()), std::make_move_iterator(read.end()));
    line += static_cast<int>(std::count(part.begin(), part.end(), '\n'));
    begin = end;
  }
  return blocks;
}

}  // namespace

ir::Document read_markdown(std::string_view bytes, const ReadOptions& options) {
  ir::Document doc;
  doc.source = options.source;
  try {
    Decoded decoded = decode(bytes, options.source);
    for (auto& d : decoded.diagnostics) {
      d.file = options.source;
      doc.diagnostics.push_back(std::move(d));
    }
    if (decoded.binary) return doc;
    std::string& text = decoded.text;

    FrontMatter fm = read_front_matter(text);
    if (fm.present) {
      blank(text, 0, fm.end);
      doc.metadata = std::move(fm.values);
    }
    if (!fm.error.empty()) ir::warn(doc, fm.error_line, 0, fm.error);
    if (fm.slides || text.find("<!-- .slide") != std::string::npos) blank_slide_separators(text);
    if (auto guard = guard_tables(text); guard.count > 0)
      ir::warn(
          doc, guard.first_line, 0,
          std::to_string(guard.count) +
              " place(s) with too much markup to parse quickly (a huge table, thousands of '[' or '|') are read as text");

    doc.blocks = read_segments(text, doc);
    replace_shortcodes(doc.blocks);
    // Slide and section separators (top-level rules) are not content.
    std::erase_if(doc.blocks, [](const ir::Block& b) { return b.kind == ir::BlockKind::rule; });
  } catch (const std::exception& e) {  // only std::bad_alloc in practice; a reader never throws
    ir::warn(doc, 0, 0, std::string("the Markdown reader failed: ") + e.what(), ir::Severity::error);
  }
  return doc;
}

}  // namespace minutes::formats
