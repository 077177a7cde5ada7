// Finds the headings of a plain-text draft: '#', underlines, numbered outlines, capitals, "Topic:" lines
// and short lines over an indented block, with the levels a Markdown twin would give them.
#include <algorithm>
#include <cctype>

#include "converters/core/recognise.hpp"
#include "formats/text/internal.hpp"

namespace minutes::formats::text {

namespace {

// Longest line that may still be a heading (capitals, "Topic:", a line over an indented block).
constexpr int heading_width = 60;

// True for prose that introduces a list rather than naming a topic ("Sure, here:", "as follows:").
bool introduces_list(std::string_view t) {
  t = trim(t);
  size_t space = t.find_last_of(' ');
  std::string_view last = space == std::string_view::npos ? t : t.substr(space + 1);
  for (std::string_view w :
       {"here", "below", "following", "follows", "these", "this", "are", "is", "were", "was", "that"})
    if (iequals(last, w)) return true;
  return false;
}

// Finds the headings of the body lines [begin, end) in one pass, remembering the last explicit level.
class HeadingFinder {
 public:
  HeadingFinder(const std::vector<Line>& lines, size_t begin, size_t end) : lines_(lines), begin_(begin), end_(end) {
    next_.assign(lines.size() + 1, end);
    for (size_t k = end; k-- > begin;) next_[k] = lines[k].blank ? next_[k + 1] : k;
    int hashes = 0;
    for (size_t k = begin; k < end; ++k) {
      if (lines[k].in_code) continue;
      if (lines[k].indent == 0 && lines[k].marker && lines[k].number_depth >= 2) outline_ = true;
      std::string_view t = lines[k].text();
      size_t n = t.find_first_not_of('#');
      if (lines[k].indent <= 3 && n >= 1 && n <= 6 && n < t.size() && t[n] == ' ') ++hashes;
    }
    markdown_ = hashes >= 2;
  }

  std::vector<Heading> find() {
    std::vector<Heading> out;
    bool prev_paragraph = false;  // the previous line is a plain line at the left margin (a paragraph)
    for (size_t k = begin_; k < end_; ++k) {
      const Line& l = lines_[k];
      if (l.blank) {
        prev_paragraph = false;
        continue;
      }
      Heading h;
      if (!l.in_code && !l.standalone && classify(k, prev_paragraph, h)) {
        out.push_back(h);
        k = h.next - 1;
        prev_paragraph = false;
        list_depth_ = 0;
        continue;
      }
      prev_paragraph = !l.in_code && !l.standalone && l.indent == 0 && !l.marker;
      if (l.indent == 0 && !l.in_code) list_depth_ = l.marker ? l.number_depth : 0;
    }
    return out;
  }

 private:
  size_t next_nonblank(size_t k) const { return next_[k + 1 <= lines_.size() ? k + 1 : lines_.size()]; }

  bool classify(size_t k, bool prev_paragraph, Heading& h) {
    const Line& l = lines_[k];
    std::string_view t = trim(l.text());
    h.index = k;
    h.next = k + 1;
    h.column = l.indent + 1;
    // "# Heading"
    if (l.indent <= 3 && t.starts_with('#')) {
      size_t n = t.find_first_not_of('#');
      if (n <= 6 && (n == std::string_view::npos || t[n] == ' ' || t[n] == '\t')) {
        std::string_view title = n == std::string_view::npos ? std::string_view{} : trim(t.substr(n));
        while (title.ends_with('#')) title.remove_suffix(1);
        h.level = static_cast<int>(n == std::string_view::npos ? t.size() : n);
        h.title = trim(title);
        h.column = l.indent + 1 + static_cast<int>(n == std::string_view::npos ? t.size() : n + 1);
        strong_ = h.level;
        return true;
      }
    }
    // Underlined with === or ---.
    if (l.indent <= 3 && !l.marker && k + 1 < end_ && !lines_[k + 1].in_code && lines_[k + 1].indent <= 3) {
      bool eq = is_underline(lines_[k + 1].raw, '=');
      if (eq || is_underline(lines_[k + 1].raw, '-')) {
        h.level = eq ? 1 : 2;
        h.title = t;
        h.next = k + 2;
        strong_ = h.level;
        return true;
      }
    }
    if (l.indent != 0) return false;
    size_t j = next_nonblank(k);
    bool has_next = j < end_;
    // Numbered headings: "1. Meta", "2.1 Team IaaS", "3) Events".
    if (l.marker && l.number_depth > 0) {
      std::string_view title = trim(l.content());
      int w = display_width(title);
      if (title.empty() || w > 70 || title.ends_with('.') || title.ends_with(',') || title.ends_with(';')) return false;
      bool continues = continues_numbering(l.numbers);
      bool heads = false;
      // Inside a numbered list at the margin ("5. ...", "6. ..."), the next number is another item.
      if (has_next && list_depth_ != l.number_depth && !starts_heading(j)) {
        const Line& n = lines_[j];
        bool sibling = n.indent == 0 && n.marker && n.number_depth == l.number_depth;
        bool blank_between = j > k + 1;
        if (n.indent == 0 && n.marker && n.number_depth > l.number_depth)
          heads = true;
        else if (!sibling && outline_)
          heads = true;
        else if (!sibling && n.indent == 0 && (blank_between || n.standalone || (n.marker && n.number_depth == 0)))
          heads = true;
      }
      if (!continues && !heads) return false;
      h.level = std::min(6, l.number_depth + 1);
      h.title = title;
      h.column = l.content_indent + 1;
      strong_ = h.level;
      last_numbers_ = l.numbers;
      return true;
    }
    // A draft structured with '#' headings is Markdown-like: its other lines are read as Markdown would.
    if (l.marker || prev_paragraph || !has_next || markdown_) return false;
    int w = display_width(t);
    if (w > heading_width) return false;
    if (is_capitals(t) && !is_rule(t)) {
      h.level = 2;
      h.title = t.ends_with(':') ? trim(t.substr(0, t.size() - 1)) : t;
      strong_ = 2;
      return true;
    }
    int weak = std::clamp(strong_ + 1, 2, 6);
    const Line& n = lines_[j];
    // A meta key is no heading even without a value ("Minutes:" over links, "Participants:" over names).
    if (t.ends_with(':') && t.size() > 1 && std::count(t.begin(), t.end(), ' ') < 8 && (n.indent > 0 || n.marker) &&
        meta_label(t).key == MetaKey::none && !introduces_list(t.substr(0, t.size() - 1))) {
      h.level = weak;
      h.title = trim(t.substr(0, t.size() - 1));
      return true;
    }
    if (j == k + 1 && n.indent > 0 && !n.in_code && !t.ends_with('.') && !t.ends_with(',') && !t.ends_with(';') &&
        !t.ends_with(':')) {
      h.level = weak;
      h.title = t;
      return true;
    }
    return false;
  }

  // True when line j is an explicit heading ('#' or underlined), which is no content of the line before.
  bool starts_heading(size_t j) const {
    const Line& n = lines_[j];
    std::string_view t = n.text();
    if (n.indent <= 3 && t.starts_with('#')) {
      size_t c = t.find_first_not_of('#');
      if (c <= 6 && (c == std::string_view::npos || t[c] == ' ' || t[c] == '\t')) return true;
    }
    return j + 1 < end_ && !n.marker && (is_underline(lines_[j + 1].raw, '=') || is_underline(lines_[j + 1].raw, '-'));
  }

  // True when numbers continue the last numbered heading: 2 after 1, 1.1 after 1, 2.2 after 2.1, 3 after 2.4.
  bool continues_numbering(const std::vector<int>& numbers) const {
    if (last_numbers_.empty() || numbers.empty()) return false;
    size_t d = numbers.size();
    if (d == last_numbers_.size() + 1)
      return numbers.back() == 1 && std::equal(last_numbers_.begin(), last_numbers_.end(), numbers.begin());
    if (d > last_numbers_.size()) return false;
    return numbers.back() == last_numbers_[d - 1] + 1 &&
           std::equal(numbers.begin(), numbers.end() - 1, last_numbers_.begin());
  }

  const std::vector<Line>& lines_;
  size_t begin_, end_;
  std::vector<size_t> next_;
  bool outline_ = false;   // numbered headings with sub-numbers (1.1) at the left margin
  bool markdown_ = false;  // at least two '#' headings: no capitals / 'Topic:' / indented-block headings
  int strong_ = 1;         // level of the last explicit heading (the title counts as 1)
  std::vector<int> last_numbers_;
  int list_depth_ = 0;  // number depth of the numbered item just before (at the margin), 0 when none
};

}  // namespace

std::vector<Heading> find_headings(const std::vector<Line>& lines, size_t begin, size_t end) {
  return HeadingFinder(lines, begin, end).find();
}

}  // namespace minutes::formats::text
