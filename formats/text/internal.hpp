// Internals of the plain-text reader shared between its files: classified lines, inlines, headings, blocks.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>
#include "converters/core/strings.hpp"

namespace minutes::formats::text {

// How deep lists may nest in the IR; deeper lines become items of the deepest level (their text is kept).
constexpr int max_list_depth = 32;

// Columns a tab advances to (the next multiple of this).
constexpr int tab_width = 4;

// One source line, classified once.
struct Line {
  std::string_view raw;         // the line without its end
  int number = 0;               // 1-based source line
  bool blank = true;            // only spaces and tabs
  int indent = 0;               // display column of the first non-blank character (tabs expanded)
  size_t text_pos = 0;          // byte offset of the first non-blank character
  bool marker = false;          // starts with a list marker
  bool ordered = false;         // the marker is a number, letter or roman numeral
  int start = 1;                // the marker's number (for an ordered list's start)
  int number_depth = 0;         // 1 for "1." / "2)", 2 for "1.1", ...; 0 when the marker is not numeric
  std::vector<int> numbers;     // the numbers of a numeric marker ("2.1" -> {2, 1})
  int content_indent = 0;       // display column where the text after the marker starts
  size_t content_pos = 0;       // byte offset of that text (text_pos when there is no marker)
  std::optional<bool> checked;  // "[ ]" / "[x]" after the marker
  bool fence = false;           // ``` or ~~~ opens or closes a code block
  bool in_code = false;         // inside a fenced code block (fences included)
  bool standalone = false;      // a "Key: value" meta line ("Minutes: ...", "Date: ..."): always a paragraph of its own
  std::string_view content() const { return raw.substr(content_pos); }  // text after indent and marker
  std::string_view text() const { return raw.substr(text_pos); }        // text after the indent
};

// Splits decoded text (LF line ends) into classified lines.
std::vector<Line> classify_lines(std::string_view text);

// Number of code points in a string (its display width, near enough).
int display_width(std::string_view s);

using minutes::trim;

// True when a line is a run of at least three '=' (c == '=') or '-' (c == '-') and nothing else but spaces.
bool is_underline(std::string_view s, char c);

// True for a thematic break: three or more '-', '*' or '_' (spaces allowed between), nothing else.
bool is_rule(std::string_view s);

// True when text has at least two letters and no lower-case ones ("NEWS", "HIRING / TENDERS").
bool is_capitals(std::string_view s);

// Parses text into inlines: <url> and bare http(s):// or www. URLs as links, the rest as text.
ir::Inlines parse_inlines(std::string_view text, int line, int column);

// One source line's share of a paragraph: its text and where that text starts.
struct Segment {
  std::string_view text;
  int line = 0;
  int column = 0;
};

// The inlines of several source lines joined by soft breaks (spaces before each line end dropped).
ir::Inlines join_segments(const std::vector<Segment>& segments);

using minutes::iequals;

// A heading found in the body of a draft.
struct Heading {
  size_t index = 0;        // its line
  size_t next = 0;         // first line after it (after an underline)
  int level = 2;           // 1..6, as its Markdown twin would have it
  std::string_view title;  // without '#', number or ':'
  int column = 1;          // 1-based column where the title starts
};

// Finds the headings among the body lines [begin, end) (the title excluded); they never overlap.
std::vector<Heading> find_headings(const std::vector<Line>& lines, size_t begin, size_t end);

// Builds blocks (paragraphs, nested lists, code, quotes, rules) from a run of content lines.
ir::Blocks build_blocks(const std::vector<Line>& lines, size_t begin, size_t end);

}  // namespace minutes::formats::text
