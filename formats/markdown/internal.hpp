// Internals of the Markdown reader shared between its files (front matter, HTML text, tree conversion).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>
#include "converters/core/strings.hpp"

struct cmark_node;

namespace minutes::formats::markdown {

// How deep blocks (lists, quotes) and inline containers may nest in the IR; deeper content is flattened.
constexpr int max_block_depth = 64;
constexpr int max_inline_depth = 32;

// The YAML front matter of a document, when it has one.
struct FrontMatter {
  bool present = false;                       // the text opens with a `---` ... `---`/`...` block
  size_t end = 0;                             // byte offset just after the closing line
  int lines = 0;                              // how many source lines it spans
  std::map<std::string, std::string> values;  // flattened: "a.b" for nested maps, lists joined with ", "
  bool slides = false;                        // a HackMD/reveal.js slide deck (`type: slide` or slideOptions)
  std::string error;                          // why the YAML could not be read (empty when it could)
  int error_line = 0;                         // 1-based source line of that error
};

// Finds and parses the front matter at the start of decoded text; never throws.
FrontMatter read_front_matter(std::string_view text);

// One piece of HTML markup: a tag, a comment or text between tags.
struct HtmlToken {
  enum Kind { text, start_tag, end_tag, comment } kind = text;
  std::string name;   // lower-case tag name
  std::string value;  // text (entities decoded), or the href/src of a start tag
  std::string alt;    // alt attribute of <img>
  bool self_closing = false;
};

// Splits HTML into tokens; tolerant of any input, never throws.
std::vector<HtmlToken> tokenize_html(std::string_view html);

// Decodes the HTML character references (&amp; &#39; &#x2014; &nbsp; ...) in text.
std::string decode_entities(std::string_view s);

// True for tags after which a browser starts a new line (p, div, li, tr, h1..h6, center...).
bool is_block_tag(std::string_view name);

// The visible text of an HTML block as inlines: style/script/comments dropped, <br> and block tags as
// line breaks, <a href> as links, <img> as images; whitespace collapsed as a browser would.
ir::Inlines html_block_inlines(std::string_view html, int line, int column);

// Appends text to inlines, joined to a text inline just before it on the same line (cmark splits text at '[').
void append_text(ir::Inlines& out, std::string_view text, int line, int column);

// The size HedgeDoc's "![alt](url =960x540)" gives an image ("=x300": the height alone; a percentage: 0).
struct ImageSize {
  int width = 0;
  int height = 0;
};

// Image sizes by source line and URL.
using ImageSizes = std::map<std::pair<int, std::string>, ImageSize>;

// Takes HedgeDoc's image sizes out of the text (outside code), so that cmark reads those images as images; the
// sizes are returned by line and URL for the tree's images.
ImageSizes take_image_sizes(std::string& text);

// Replaces GitHub's emoji shortcodes (":rocket:", ":+1:") in the text inlines of blocks (not in code) with the
// emoji, where no word goes on around them.
void replace_shortcodes(ir::Blocks& blocks);

// Converts a cmark-gfm document tree into top-level blocks and headings, without recursion (any nesting depth is
// safe); lists and quotes nested deeper than max_block_depth are flattened, with a warning in the document.
// Images named in `sizes` get their size.
ir::Blocks convert_tree(cmark_node* root, ir::Document& document, const ImageSizes& sizes = {});

// What guard_tables did.
struct TableGuard {
  int count = 0;       // places escaped
  int first_line = 0;  // the first one's source line
};

// Escapes the markup that would make cmark-gfm 0.29.0.gfm.6 super-linear (tables padded to columns x rows
// cells, thousands of '[' in one paragraph, thousands of '|' in one row) beyond budgets, so it reads as text.
// Linear time; realistic minutes are never touched.
TableGuard guard_tables(std::string& text);

// A text larger than segment_bytes is parsed in segments, one cmark-gfm tree at a time, so that its memory and its
// per-paragraph work stay bounded; a segment ends once it holds segment_bytes or segment_marks inline markup
// characters, at the best place near there.
constexpr size_t segment_bytes = size_t{64} << 10;
constexpr size_t segment_marks = 4000;

// The end of the segment that starts at `begin`: after a blank line outside a code fence and before a line at the
// margin, else at a line start, else (a line that fills a segment by itself) after a space inside it.
size_t segment_end(std::string_view text, size_t begin);

using minutes::trim;

}  // namespace minutes::formats::markdown
