// Guards against cmark-gfm 0.29.0.gfm.6's super-linear corners (Debian's version; fixed upstream later):
// huge table padding, many brackets in one paragraph, many pipes in one table row (escaped with a backslash so it
// is read as text: no word is lost), and the segments a large file is parsed in, one tree at a time.
#include <algorithm>
#include <cmath>

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

// True when a line starts a new paragraph-like unit rather than continuing one (list item, table row, quote...).
bool starts_unit(std::string_view line) {
  std::string_view t = trim(line);
  if (t.empty()) return true;
  char c = t[0];
  if (c == '|' || c == '#' || c == '>') return true;
  if ((c == '-' || c == '*' || c == '+') && t.size() > 1 && (t[1] == ' ' || t[1] == '\t')) return true;
  size_t d = 0;
  while (d < t.size() && d < 9 && t[d] >= '0' && t[d] <= '9') ++d;
  return d > 0 && d < t.size() && (t[d] == '.' || t[d] == ')');
}

// How many of n more items fit in a quadratic budget; updates what was spent.
size_t allow(size_t n, size_t& spent, size_t budget) {
  if (n * n <= budget - spent) {
    spent += n * n;
    return n;
  }
  auto k = static_cast<size_t>(std::sqrt(static_cast<double>(budget - spent)));
  spent += k * k;
  return k;
}

struct Line {
  size_t begin, end;  // [begin, end) without the '\n'
};

}  // namespace

TableGuard guard_tables(std::string& text) {
  TableGuard result;
  auto note = [&](int line) {
    if (result.count++ == 0) result.first_line = line;
  };
  // Budgets: table cells (columns x rows) grow with the text; bracket pairs per paragraph and pipes per
  // row cost their square in this cmark-gfm, so the sum of squares is capped at ~0.1 s of work.
  const size_t cell_budget = 1'000'000 + text.size() / 8;
  const size_t bracket_budget = 100'000'000, pipe_budget = 30'000'000;
  size_t cells_spent = 0, brackets_spent = 0, pipes_spent = 0;

  std::string out;
  out.reserve(text.size() + 64);
  std::vector<Line> unit;  // the lines of one paragraph-like unit
  int unit_first_line = 1;
  size_t block_rows_left = 0;  // lines left in the current block of non-blank lines (for table rows)

  // Lines remaining in the block of non-blank lines starting at pos (measured once per block).
  auto block_lines = [&](size_t pos) {
    size_t n = 0;
    for (size_t p = pos; p < text.size();) {
      size_t e = text.find('\n', p);
      size_t s = e == std::string::npos ? text.size() : e;
      if (trim(std::string_view(text).substr(p, s - p)).empty()) break;
      ++n;
      p = s + 1;
    }
    return n;
  };

  auto flush_unit = [&] {
    if (unit.empty()) return;
    size_t brackets = 0;
    for (const auto& l : unit)
      brackets += static_cast<size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(l.begin),
                                                 text.begin() + static_cast<std::ptrdiff_t>(l.end), '['));
    size_t keep_brackets = allow(brackets, brackets_spent, bracket_budget);
    if (keep_brackets < brackets) note(unit_first_line);
    size_t seen_brackets = 0;
    for (size_t li = 0; li < unit.size(); ++li) {
      const auto& l = unit[li];
      std::string_view line(text.data() + l.begin, l.end - l.begin);
      auto pipes = static_cast<size_t>(std::count(line.begin(), line.end(), '|'));
      size_t keep_pipes = pipes > 16 ? allow(pipes, pipes_spent, pipe_budget) : pipes;
      if (keep_pipes < pipes) note(unit_first_line + static_cast<int>(li));
      // The delimiter row of a table that would need too many padded cells is escaped as a whole.
      bool defuse = false;
      if (size_t columns = delimiter_columns(line); columns > 0 && li > 0) {
        size_t cells = columns * (block_rows_left + 1);
        if (cells > cell_budget - cells_spent) {
          defuse = true;
          note(unit_first_line + static_cast<int>(li));
        } else {
          cells_spent += cells;
        }
      }
      if (keep_brackets == brackets && keep_pipes == pipes && !defuse) {  // nothing to escape: the line as it is
        out.append(line);
        out += '\n';
        if (block_rows_left > 0) --block_rows_left;
        continue;
      }
      size_t seen_pipes = 0;
      for (char c : line) {
        if (c == '[' && ++seen_brackets > keep_brackets)
          out += '\\';
        else if (c == '|' && ++seen_pipes > keep_pipes)
          out += '\\';
        else if (c == '-' && defuse) {
          out += '\\';
          defuse = false;
        }
        out += c;
      }
      out += '\n';
      if (block_rows_left > 0) --block_rows_left;
    }
    unit.clear();
  };

  int line_no = 1;
  for (size_t pos = 0; pos < text.size(); ++line_no) {
    size_t nl = text.find('\n', pos);
    size_t stop = nl == std::string::npos ? text.size() : nl;
    std::string_view line(text.data() + pos, stop - pos);
    bool blank = trim(line).empty();
    // A delimiter row belongs with its header line in one unit, so it is never a unit's first line.
    if (blank || (starts_unit(line) && delimiter_columns(line) == 0)) flush_unit();
    if (blank) {
      out.append(line);
      out += '\n';
      block_rows_left = 0;
    } else {
      if (block_rows_left == 0) block_rows_left = block_lines(pos);
      if (unit.empty()) unit_first_line = line_no;
      unit.push_back({pos, stop});
    }
    pos = stop + 1;
  }
  flush_unit();
  if (!text.empty() && text.back() != '\n' && !out.empty()) out.pop_back();  // keep a missing final newline missing
  text = std::move(out);
  return result;
}

size_t segment_end(std::string_view text, size_t begin) {
  // Characters that open inline markup, whose delimiter and bracket stacks cmark-gfm handles per paragraph.
  auto mark = [](char c) {
    return c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '!' || c == '~' || c == '@' ||
           c == '&' || c == '\\' || c == '|';
  };
  size_t marks = 0;
  bool in_fence = false, full = false;
  char fence = 0;
  size_t fence_length = 0;
  for (size_t pos = begin; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    size_t stop = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, stop - pos);
    size_t indent = line.find_first_not_of(' ');
    if (indent != std::string_view::npos && indent < 4 && (line[indent] == '`' || line[indent] == '~')) {
      std::string_view body = line.substr(indent);
      size_t run = body.find_first_not_of(body[0]);
      run = run == std::string_view::npos ? body.size() : run;
      if (!in_fence && run >= 3) {
        in_fence = true;
        fence = body[0];
        fence_length = run;
      } else if (in_fence && body[0] == fence && run >= fence_length && trim(body.substr(run)).empty()) {
        in_fence = false;
      }
    }
    if (full && !in_fence) {
      // Best: after a blank line, before a line at the margin (no list item or quote goes on across it).
      if (trim(line).empty() && (stop + 1 >= text.size() || (text[stop + 1] != ' ' && text[stop + 1] != '\t')))
        return std::min(stop + 1, text.size());
      if (pos - begin >= 2 * segment_bytes || marks >= 2 * segment_marks) return pos;  // else at a line start
    }
    if (!in_fence)
      for (size_t i = pos; i < stop; ++i) {
        marks += mark(text[i]) ? 1 : 0;
        if (i == pos || (i - begin < 2 * segment_bytes && marks < 2 * segment_marks)) continue;
        // A line that fills a segment by itself is cut inside: after a space near here, else at a character.
        size_t space = text.substr(i, std::min<size_t>(1024, stop - i)).find(' ');
        size_t cut = space == std::string_view::npos ? i : i + space + 1;
        while (cut < stop && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
        return cut;
      }
    full = full || pos - begin >= segment_bytes || marks >= segment_marks;
    pos = stop + 1;
  }
  return text.size();
}

}  // namespace minutes::formats::markdown
