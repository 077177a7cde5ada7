// Finds action items in a meeting: "TODO:", "Action:", "AI:", "AI @x:", "@handle will/to ..." lines.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "converters/core/actions.hpp"
#include "converters/core/dates.hpp"
#include "converters/core/enrich.hpp"
#include "converters/core/strings.hpp"

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

// Whether a line reports its task done: "[x]", "done" or "DONE" as a remark at either end ("- done", "(done)"),
// "erledigt", a check mark, "has been dealt with", "done differently"; never "Done?", "not done" or "obsolete".
bool says_done(std::string_view line) {
  std::string low = lower(line);
  auto has = [&](std::string_view w) { return low.find(w) != std::string::npos; };
  if (has("not done") || has("nicht erledigt") || has("done?") || has("undone")) return false;
  if (has("\u2705") || has("\u2714") || has(":white_check_mark:") || has(":heavy_check_mark:") ||
      has("has been dealt with") || has("done differently") || has("erledigt"))
    return true;
  if (line.find("DONE") != std::string_view::npos) return true;
  std::string_view t = low;
  auto edge = [](char c) { return c == ' ' || c == '.' || c == '!' || c == ')' || c == '(' || c == '-' || c == ':' ||
                                  c == '>' || c == ',' || c == '*' || c == '_' || c == '~'; };
  while (!t.empty() && edge(t.back())) t.remove_suffix(1);
  while (!t.empty() && edge(t.front())) t.remove_prefix(1);
  auto word_end = [&](std::string_view w) {
    return t.ends_with(w) && (t.size() == w.size() || !is_handle_char(t[t.size() - w.size() - 1]));
  };
  auto word_start = [&](std::string_view w) {
    return t.starts_with(w) && (t.size() == w.size() || !is_handle_char(t[w.size()]));
  };
  return word_end("done") || word_start("done");
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
          std::string_view piece =
              std::string_view(text).substr(start, nl == std::string::npos ? std::string::npos : nl - start);
          add(piece, line, says_done(piece));
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
    std::string text = ir::item_text(it);
    bool done = it.checked.value_or(false) || says_done(text);
    for (const auto& b : it.blocks)  // a remark under the item: "  - done"
      if (b.kind == ir::BlockKind::list)
        for (const auto& sub : b.items)
          if (!action_in(ir::item_text(sub)) && says_done(ir::item_text(sub))) done = true;
    add(text, it.line, done);
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

// The words of a task, lower case, for comparing restatements ("@x" and one-letter words left out).
std::set<std::string> task_words(std::string_view text) {
  std::set<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() > 1) out.insert(word);
    word.clear();
  };
  bool handle = false;
  for (unsigned char c : text) {
    if (c == '@') {
      flush();
      handle = true;
    } else if (c >= 0x80 || std::isalnum(c)) {
      if (!handle) word += static_cast<char>(std::tolower(c));
    } else {
      flush();
      handle = false;
    }
  }
  flush();
  return out;
}

// How much of the shorter task the longer one says: shared words over the smaller count (0..1).
double overlap(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t shared = 0;
  for (const auto& w : a) shared += b.count(w);
  return static_cast<double>(shared) / static_cast<double>(std::min(a.size(), b.size()));
}

// True when two owner lists ("a, b") name someone in common, or both name nobody.
bool same_owner(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty();
  auto names = [](std::string_view s) {
    std::set<std::string> out;
    for (size_t start = 0; start <= s.size();) {
      size_t end = std::min(s.find(',', start), s.size());
      std::string name = lower(minutes::trim(s.substr(start, end - start)));
      if (!name.empty()) out.insert(name);
      start = end + 1;
    }
    return out;
  };
  auto x = names(a), y = names(b);
  return std::any_of(x.begin(), x.end(), [&](const std::string& n) { return y.count(n) > 0; });
}

}  // namespace

void extract_actions(ir::Meeting& meeting) {
  meeting.actions.clear();
  Finder f(meeting);
  f.blocks(meeting.blocks);
  f.sections(meeting.sections);
}

std::string action_series(const ir::Meeting& meeting) {
  if (!meeting.series.empty()) return meeting.series;
  auto slash = meeting.source.find_last_of('/');
  return slash == std::string::npos ? std::string() : meeting.source.substr(0, slash);
}

std::vector<FollowedAction> follow_actions(std::span<const ir::Meeting> meetings) {
  std::vector<const ir::Meeting*> ordered;
  for (const auto& m : meetings) ordered.push_back(&m);
  std::stable_sort(ordered.begin(), ordered.end(), [](const ir::Meeting* a, const ir::Meeting* b) {
    if (a->date.has_value() != b->date.has_value()) return a->date.has_value();
    if (a->date && *a->date != *b->date) return *a->date < *b->date;
    return a->source < b->source;
  });
  std::vector<FollowedAction> out;
  std::vector<std::set<std::string>> words;        // of each item in out, as last stated
  std::map<std::string, std::vector<size_t>> open;  // by series: the items in out still open
  for (const ir::Meeting* m : ordered) {
    std::string series = action_series(*m);
    auto& candidates = open[series];
    std::set<size_t> taken;  // each earlier item is restated at most once per meeting
    std::vector<size_t> raised;
    for (const auto& a : m->actions) {
      auto w = task_words(a.text);
      size_t best = out.size();
      double best_score = 0;
      for (size_t i : candidates) {
        if (out[i].meeting == m || taken.count(i)) continue;
        double score = overlap(w, words[i]);
        bool like = same_owner(a.owner, out[i].item.owner) ? score >= 0.6 : score >= 0.9 && w.size() >= 3;
        if (like && score > best_score) best = i, best_score = score;
      }
      if (best == out.size()) {
        FollowedAction f;
        f.meeting = m;
        f.item = a;
        f.done = a.done;
        out.push_back(std::move(f));
        words.push_back(std::move(w));
        raised.push_back(out.size() - 1);
        continue;
      }
      taken.insert(best);
      auto& f = out[best];
      ++f.restated;
      words[best] = std::move(w);
      if (a.done) {
        f.done = true;
        f.done_in = m;
        f.done_line = a.line;
      }
    }
    std::erase_if(candidates, [&](size_t i) { return out[i].done; });
    for (size_t i : raised)
      if (!out[i].done) candidates.push_back(i);
  }
  return out;
}

}  // namespace minutes
