// Guards against cmark-gfm's quadratic table padding: tables whose columns x rows would explode stay text.
#include "formats/markdown/internal.hpp"

namespace minutes::formats::markdown {

namespace {

// The number of columns of a GFM delimiter row ("|---|:-:|"), or 0 when the line is not one.
size_t delimiter_columns(std::string_view line) {
  line = trim(line);
  size_t columns = 0;
  bool dash_in_cell = false, any_pipe = false;
  for (char c : line) {
    if (c == '|') {
      any_pipe = true;
      if (dash_in_cell) ++columns;
      dash_in_cell = false;
    } else if (c == '-') {
      dash_in_cell = true;
    } else if (c != ':' && c != ' ' && c != '\t') {
      return 0;
    }
  }
  if (dash_in_cell) ++columns;
  return any_pipe ? columns : 0;
}

bool blank_line(std::string_view line) { return trim(line).empty(); }

}  // namespace

TableGuard guard_tables(std::string& text) {
  TableGuard result;
  // cmark-gfm pads every row of a table to the delimiter row's width: a 35 KB input can ask for 25 million
  // cells. Budget the cells of the whole document by its size; tables beyond the budget are read as text
  // (a backslash before their delimiter row's first '-' keeps cmark from seeing a table; it adds no words).
  const size_t budget = 1'000'000 + text.size() / 8;
  size_t spent = 0;
  size_t pos = 0;
  int line_no = 1;
  while (pos < text.size()) {
    // One block: a run of non-blank lines, measured first so each delimiter row knows the rows after it.
    size_t nl = text.find('\n', pos);
    size_t stop = nl == std::string::npos ? text.size() : nl;
    if (blank_line(std::string_view(text).substr(pos, stop - pos))) {
      pos = stop + 1;
      ++line_no;
      continue;
    }
    size_t block_lines = 0;
    for (size_t p = pos; p < text.size();) {
      size_t e = text.find('\n', p);
      size_t s = e == std::string::npos ? text.size() : e;
      if (blank_line(std::string_view(text).substr(p, s - p))) break;
      ++block_lines;
      p = s + 1;
    }
    for (size_t i = 0; i < block_lines; ++i, ++line_no) {
      size_t e = text.find('\n', pos);
      size_t s = e == std::string::npos ? text.size() : e;
      size_t columns = i > 0 ? delimiter_columns(std::string_view(text).substr(pos, s - pos)) : 0;
      if (columns > 0) {
        size_t rows = block_lines - i;  // header + the rows after the delimiter
        size_t cells = columns * rows;
        if (spent + cells > budget) {
          text.insert(text.find('-', pos), 1, '\\');
          ++s;
          if (result.count++ == 0) result.first_line = line_no;
        } else {
          spent += cells;
        }
      }
      pos = s + 1;
    }
  }
  return result;
}

}  // namespace minutes::formats::markdown
