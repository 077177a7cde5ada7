// Finds action items in a meeting: "TODO:", "Action:", "AI:", "AI @x:", "@handle will/to ..." lines.
#include <string>
#include <string_view>

#include "converters/core/dates.hpp"
#include "converters/core/enrich.hpp"

namespace minutes {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '*' || c == '_'; }
bool is_handle_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  for (;;) {  // spaces, and a closing parenthesis that closes nothing
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    if (s.empty() || s.back() != ')') break;
    int depth = 0;
    for (char c : s) depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    if (depth >= 0) break;
    s.remove_suffix(1);
  }
  return s;
}

// Reads "@handle" at s[i]; returns its length (0 when none).
std::size_t handle_at(std::string_view s, std::size_t i) {
  if (i >= s.size() || s[i] != '@') return 0;
  std::size_t j = i + 1;
  while (j < s.size() && is_handle_char(s[j])) ++j;
  while (j > i + 1 && s[j - 1] == '.') --j;  // a sentence's full stop
  return j > i + 1 ? j - i : 0;
}

bool word_at(std::string_view s, std::size_t i, std::string_view w) {
  if (s.size() < i + w.size() || s.substr(i, w.size()) != w) return false;
  bool before = i == 0 || !is_handle_char(s[i - 1]);
  bool after = i + w.size() == s.size() || !is_handle_char(s[i + w.size()]);
  return before && after;
}

// An action found in a line: its owner and text.
struct Found {
  std::string owner;
  std::string text;
};

// After a marker ("TODO", "AI", "Action"), reads an optional owner ("@x", "(@x)", "Kurt") and the colon.
bool owner_and_text(std::string_view s, std::size_t i, bool need_colon, Found& out) {
  while (i < s.size() && s[i] == ' ') ++i;
  std::string owner;
  bool paren = i < s.size() && s[i] == '(';
  if (paren) ++i;
  if (std::size_t h = handle_at(s, i)) {
    owner = std::string(s.substr(i + 1, h - 1));
    i += h;
  } else if (i < s.size() && s[i] >= 'A' && s[i] <= 'Z') {  // "AI Kurt: ..."
    std::size_t j = i;
    while (j < s.size() && is_handle_char(s[j])) ++j;
    std::size_t k = j;
    while (k < s.size() && s[k] == ' ') ++k;
    if (k < s.size() && (s[k] == ':' || (paren && s[k] == ')'))) {
      owner = std::string(s.substr(i, j - i));
      i = j;
    }
  }
  // further owners in parentheses: "@garloff (@jschoone)"
  while (i < s.size() && (s[i] == ' ' || s[i] == ')')) ++i;
  bool colon = i < s.size() && s[i] == ':';
  if (colon) ++i;
  if (need_colon && !colon && owner.empty()) return false;
  std::string_view text = trim(s.substr(i));
  if (owner.empty()) {  // "AI: @fkr ..."
    if (std::size_t h = handle_at(text, 0)) {
      owner = std::string(text.substr(1, h - 1));
      text = trim(text.substr(h));
    }
  }
  out.owner = owner;
  out.text = std::string(text);
  return true;
}

// Whether text says no more than who ("@a via @b", "@x/@y"): then the task is what stands before the marker.
bool only_people(std::string_view t) {
  std::size_t i = 0, letters = 0;
  while (i < t.size()) {
    if (std::size_t h = handle_at(t, i)) {
      i += h;
      continue;
    }
    if (word_at(t, i, "via") || word_at(t, i, "and")) {
      i += 3;
      continue;
    }
    if (is_handle_char(t[i])) ++letters;
    ++i;
  }
  return letters < 3;
}

// The action whose marker stands at `marker` in s, with `f` read after it.
bool settle(std::string_view s, std::size_t marker, Found& f) {
  if (!only_people(f.text)) return true;
  std::string_view before = s.substr(0, marker);
  while (!before.empty() && (is_space(before.back()) || before.back() == '(' || before.back() == '-' ||
                             before.back() == '>' || before.back() == ',' || before.back() == ':'))
    before.remove_suffix(1);
  before = trim(before);
  if (before.size() < 3) return false;
  if (f.owner.empty())
    if (std::size_t h = handle_at(f.text, 0)) f.owner = f.text.substr(1, h - 1);
  f.text = std::string(before);
  return true;
}

// The action in one line of text, if it holds one.
std::optional<Found> action_in(std::string_view line) {
  std::string_view s = trim(line);
  if (s.substr(0, 2) == "->") s = trim(s.substr(2));
  Found f;
  // "@handle will ..." / "@handle to ..."
  if (std::size_t h = handle_at(s, 0)) {
    std::size_t j = h;
    while (j < s.size() && s[j] == ' ') ++j;
    if (word_at(s, j, "will") || word_at(s, j, "to")) {
      f.owner = std::string(s.substr(1, h - 1));
      f.text = std::string(trim(s.substr(j)));
      return f;
    }
  }
  // markers anywhere: "TODO:", "Action:", "Action item:", "AI:", "AI @x", "(AI Kurt: Write epic)"
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != 'T' && s[i] != 'A') continue;  // every marker starts with one of these
    if (word_at(s, i, "TODO") || word_at(s, i, "ToDo") || word_at(s, i, "Todo")) {
      if (owner_and_text(s, i + 4, false, f) && settle(s, i, f)) return f;
    } else if (word_at(s, i, "Action item") || word_at(s, i, "Action Item")) {
      if (owner_and_text(s, i + 11, true, f) && settle(s, i, f)) return f;
    } else if (word_at(s, i, "Action") && i + 6 < s.size() && s[i + 6] == ':') {
      if (owner_and_text(s, i + 6, true, f) && settle(s, i, f)) return f;
    } else if (word_at(s, i, "AI")) {
      if (owner_and_text(s, i + 2, true, f) && settle(s, i, f)) return f;
    }
  }
  return std::nullopt;
}

class Finder {
 public:
  explicit Finder(ir::Meeting& m) : m_(m) {}

  void blocks(const ir::Blocks& bs) {
    for (const auto& b : bs) {
      if (b.kind == ir::BlockKind::list) {
        for (const auto& it : b.items) item(it);
      } else if (b.kind == ir::BlockKind::paragraph) {
        std::string text = ir::plain_text(b.inlines);
        std::size_t start = 0;
        int line = b.line;
        for (;;) {
          std::size_t nl = text.find('\n', start);
          add(std::string_view(text).substr(start, nl == std::string::npos ? std::string::npos : nl - start), line,
              false);
          if (nl == std::string::npos) break;
          start = nl + 1;
          ++line;
        }
      } else if (b.kind == ir::BlockKind::quote) {
        blocks(b.children);
      }
    }
  }

  void sections(const std::vector<ir::Section>& ss) {
    for (const auto& s : ss) {
      blocks(s.blocks);
      sections(s.sections);
    }
  }

 private:
  ir::Meeting& m_;

  void item(const ir::ListItem& it) {
    add(ir::item_text(it), it.line, it.checked.value_or(false));
    for (const auto& b : it.blocks)
      if (b.kind == ir::BlockKind::list)
        for (const auto& sub : b.items) item(sub);
  }

  void add(std::string_view text, int line, bool done) {
    // soft breaks are spaces in plain text; look at each sentence-sized piece once
    auto f = action_in(text);
    if (!f) return;
    ir::ActionItem a;
    a.owner = f->owner;
    a.text = f->text;
    a.done = done;
    a.line = line;
    for (const auto& d : dates::find_dates(a.text, m_.date))
      if (d.kind == dates::DateKind::absolute && !d.implausible) {
        a.due = d.start;
        break;
      }
    m_.actions.push_back(std::move(a));
  }
};

}  // namespace

void extract_actions(ir::Meeting& meeting) {
  meeting.actions.clear();
  Finder f(meeting);
  f.blocks(meeting.blocks);
  f.sections(meeting.sections);
}

}  // namespace minutes
