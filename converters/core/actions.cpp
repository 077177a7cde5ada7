// Finds action items in a meeting: "TODO:", "Action:", "AI:", "AI @x:", "@x will/to ...", task lists, items under
// an "Action Items" heading.
#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <utility>
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

// Verbs a task begins with, for the forms that need one ("@x: create issue", "(@x to set up ...)", "Split epic (@x)").
bool task_verb(std::string_view s) {
  static const std::set<std::string, std::less<>> verbs = {
      "add",         "address", "align",     "announce",   "answer",   "arrange",   "ask",       "book",
      "bring",       "call",    "change",    "check",      "clarify",  "clean",     "close",     "collect",
      "connect",     "contact", "continue",  "coordinate", "create",   "debug",     "define",    "deploy",
      "dig",         "discuss", "do",        "document",   "draft",    "ensure",    "evaluate",  "extend",
      "figure",      "file",    "finalize",  "finalise",   "find",     "fix",       "follow",    "get",
      "give",        "go",      "implement", "improve",    "include",  "inform",    "inject",    "install",
      "investigate", "invite",  "look",      "make",       "merge",    "move",      "open",      "organize",
      "organise",    "ping",    "plan",      "prepare",    "present",  "propose",   "provide",   "publish",
      "push",        "put",     "reach",     "refine",     "remove",   "rename",    "reply",     "report",
      "request",     "reserve", "review",    "run",        "schedule", "send",      "set",       "setup",
      "share",       "show",    "split",     "start",      "submit",   "summarize", "summarise", "support",
      "take",        "talk",    "test",      "try",        "update",   "visualize", "visualise", "work",
      "write",       "amend",   "sent"};
  std::string word;
  for (char c : s) {
    if (!std::isalpha(static_cast<unsigned char>(c))) break;
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return verbs.count(word) > 0;
}

// Availability, not a task: "@x will be back on ...", "@x will not be around", "@x will take part in the PTG".
bool absence(std::string_view after_will) {
  static constexpr std::array<std::string_view, 14> words = {"not ",    "be back",   "be on ",    "be out", "be off",
                                                             "be away", "be around", "take part", "attend", "join",
                                                             "miss ",   "be absent", "be there",  "be in "};
  for (auto w : words)
    if (after_will.starts_with(w)) return true;
  return false;
}

// After the owner(s) at s[i]: "will <task>", "to <task>", "is going to <task>"; the task's start, or npos.
std::size_t commitment(std::string_view s, std::size_t i, bool need_verb) {
  while (i < s.size() && s[i] == ' ') ++i;
  std::size_t task = std::string_view::npos;
  if (word_at(s, i, "will") && !absence(s.substr(std::min(s.size(), i + 5))))
    task = i + 5;
  else if (word_at(s, i, "to"))
    task = i + 3;
  else if (s.substr(i).starts_with("is going to "))
    task = i + 12;
  if (task == std::string_view::npos || task >= s.size()) return std::string_view::npos;
  return !need_verb || task_verb(s.substr(task)) ? task : std::string_view::npos;
}

// Reads owners at s[i]: "@a", "@a, @b", "@a and @b", "@a with support from @b" (the first ones own the task).
std::size_t owners_at(std::string_view s, std::size_t i, std::string& owners) {
  std::size_t h = handle_at(s, i);
  if (!h) return 0;
  owners = std::string(s.substr(i + 1, h - 1));
  std::size_t j = i + h;
  for (;;) {
    std::size_t k = j;
    while (k < s.size() && (s[k] == ' ' || s[k] == ',')) ++k;
    if (word_at(s, k, "and")) k += 3;
    while (k < s.size() && s[k] == ' ') ++k;
    if (std::size_t next = handle_at(s, k)) {
      owners += ", " + std::string(s.substr(k + 1, next - 1));
      j = k + next;
      continue;
    }
    if (s.substr(k).starts_with("with support from ")) {
      std::size_t support = handle_at(s, k + 18);
      if (support) {
        j = k + 18 + support;
        continue;
      }
    }
    return j - i;
  }
}

// The task text from `from` up to a closing parenthesis, a ", @next" or the end.
std::string task_from(std::string_view s, std::size_t from) {
  std::size_t end = s.size();
  int depth = 0;
  for (std::size_t k = from; k < s.size(); ++k) {
    if (s[k] == '(') ++depth;
    if (s[k] == ')' && depth-- == 0) {
      end = k;
      break;
    }
    if (s[k] == ',' && handle_at(s, s.find_first_not_of(' ', k + 1)) && depth == 0) {
      end = k;
      break;
    }
  }
  return std::string(trim(s.substr(from, end - from)));
}

// Whether two readings of one line say the same task: most of their words shared (of the longer one).
bool alike(std::string_view a, std::string_view b) {
  auto words = [](std::string_view t) {
    std::set<std::string> out;
    std::string w;
    for (char c : t) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else if (!w.empty()) {
        out.insert(std::exchange(w, {}));
      }
    }
    if (!w.empty()) out.insert(w);
    return out;
  };
  auto x = words(a), y = words(b);
  size_t shared = 0;
  for (const auto& w : x) shared += y.count(w);
  return !x.empty() && !y.empty() && shared * 5 >= std::max(x.size(), y.size()) * 4;
}

// The actions in one line of text (several owners' tasks may share a line).
std::vector<Found> actions_in(std::string_view line) {
  std::vector<Found> out;
  std::string_view s = trim(line);
  if (s.substr(0, 2) == "->") s = trim(s.substr(2));
  auto add = [&](Found f) {
    for (auto& o : out) {
      if (o.owner == f.owner) return;
      // "AI: contact the team ... (AI @x)": one task, and @x owns it
      bool same = alike(o.text, f.text);
      if (same && (o.owner.empty() || f.owner.empty())) {
        if (o.owner.empty()) o.owner = f.owner;
        return;
      }
    }
    out.push_back(std::move(f));
  };
  // "@x will ..." / "@x to ..." / "@x is going to ..." / "@a, @b: create issue" at the start
  std::string owners;
  if (std::size_t n = owners_at(s, 0, owners)) {
    if (std::size_t task = commitment(s, n, false); task != std::string_view::npos) {
      add({owners, task_from(s, task)});
    } else if (n < s.size() && s[n] == ':' && task_verb(trim(s.substr(n + 1)))) {
      add({owners, std::string(trim(s.substr(n + 1)))});
    }
  }
  // markers anywhere: "TODO:", "To Do 1:", "Action:", "Action item:", "AI:", "AI @x", "(AI Kurt: Write epic)"
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != 'T' && s[i] != 'A') continue;  // every marker starts with one of these
    Found f;
    if (word_at(s, i, "TODO") || word_at(s, i, "ToDo") || word_at(s, i, "Todo")) {
      if (owner_and_text(s, i + 4, false, f) && settle(s, i, f)) add(f);
    } else if (word_at(s, i, "To Do")) {
      std::size_t j = i + 5;
      while (j < s.size() && (s[j] == ' ' || std::isdigit(static_cast<unsigned char>(s[j])))) ++j;
      if (j < s.size() && s[j] == ':' && owner_and_text(s, j, true, f) && settle(s, i, f)) add(f);
    } else if (word_at(s, i, "Action item") || word_at(s, i, "Action Item")) {
      if (owner_and_text(s, i + 11, true, f) && settle(s, i, f)) add(f);
    } else if (word_at(s, i, "Action") && i + 6 < s.size() && s[i + 6] == ':') {
      if (owner_and_text(s, i + 6, true, f) && settle(s, i, f)) add(f);
    } else if (word_at(s, i, "AI")) {
      if (owner_and_text(s, i + 2, true, f) && settle(s, i, f)) add(f);
    } else {
      continue;
    }
  }
  // "(@x to create ...)", ", @x will amend ...", "(@x with support from @y to dig up ...)" inside the line
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (s[i] != '@') continue;
    std::size_t before = s.find_last_not_of(' ', i - 1);
    if (before == std::string_view::npos || (s[before] != '(' && s[before] != ',' && s[before] != ';')) continue;
    if (std::size_t n = owners_at(s, i, owners))
      if (std::size_t task = commitment(s, i + n, true); task != std::string_view::npos)
        add({owners, task_from(s, task)});
  }
  // "Some people will be reached out to by @x": the task is the sentence, its owner the one after "by"
  if (out.empty())
    if (auto at = s.find(" will be "); at != std::string_view::npos)
      if (auto by = s.find(" by @", at); by != std::string_view::npos && by < at + 40) {
        std::size_t h = handle_at(s, by + 4);
        add({std::string(s.substr(by + 5, h - 1)), std::string(trim(s.substr(0, by)))});
      }
  // "Split epic (@x)", "Target: finalize the slot (@x)", "Visualize this (lead @x)": an imperative, its owner after it
  if (out.empty() && s.size() > 4 && s.back() == ')') {
    std::size_t open = s.rfind('(');
    std::string_view inner =
        open == std::string_view::npos ? std::string_view() : s.substr(open + 1, s.size() - open - 2);
    for (std::string_view lead : {"lead ", "laed ", "AI "})
      if (inner.starts_with(lead)) inner.remove_prefix(lead.size());
    std::string_view task = trim(s.substr(0, open == std::string_view::npos ? 0 : open));
    if (auto colon = task.find(": "); colon != std::string_view::npos && colon < 20)
      task = trim(task.substr(colon + 2));
    std::size_t h = handle_at(inner, 0);
    if (h && h == inner.size() && task_verb(task)) add({std::string(inner.substr(1)), std::string(task)});
  }
  return out;
}

// Whether a line reports its task done: "[x]", "done" or "DONE" as a remark ("- done", "(done)", "done:", "-> done"),
// "erledigt", a check mark, "has been dealt with", "done differently", "done in the meantime"; never "Done?", "not done" or "obsolete".
bool says_done(std::string_view line) {
  std::string low = lower(line);
  auto has = [&](std::string_view w) { return low.find(w) != std::string::npos; };
  // Every way of saying it below names one of these; most lines name none.
  if (!has("done") && !has("erledigt") && !has("dealt") && !has("\u2705") && !has("\u2714") && !has("check_mark"))
    return false;
  if (has("not done") || has("nicht erledigt") || has("done?") || has("undone")) return false;
  if (has("\u2705") || has("\u2714") || has(":white_check_mark:") || has(":heavy_check_mark:") ||
      has("has been dealt with") || has("done differently") || has("done in the meantime") || has("erledigt") ||
      has("- done") || has("(done") || has("\u2013 done") || has(": done") || has("-> done") || has("\u2192 done"))
    return true;
  if (line.find("DONE") != std::string_view::npos) return true;
  std::string_view t = low;
  auto edge = [](char c) {
    return c == ' ' || c == '.' || c == '!' || c == ')' || c == '(' || c == '-' || c == ':' || c == '>' || c == ',' ||
           c == '*' || c == '_' || c == '~';
  };
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

// A list item that introduces tasks restated from before: "Check AIs from last time", "Action items of last week".
bool restated_tasks(std::string_view text) {
  if (trim(text).size() > 60) return false;
  std::string low = lower(trim(text));
  for (std::string_view p : {"check ais", "checking ais", "check the ais", "ais from", "ais of", "action items from",
                             "action items of", "action items last"})
    if (low.find(p) != std::string::npos) return true;
  return false;
}

// A heading under which every item is a task: "Action Items", "AIs", "Aufgaben", "Check AIs from
// last time", "Action Items from last week's call".
bool task_heading(std::string_view title) {
  std::string low = lower(trim(title));
  while (!low.empty() && (low.back() == ':' || low.back() == ' ')) low.pop_back();
  for (std::string_view p : {"action item", "ais", "aufgaben", "todo", "to do", "to-do"})
    if (low.starts_with(p)) return true;
  return restated_tasks(low);
}

// A marker alone at the start of an item, its task on the lines after it ("TODO:", "AI @x:").
bool marker_alone(std::string_view line) {
  std::string low = lower(trim(line));
  if (low.empty() || low.back() != ':') return false;
  low.pop_back();
  if (auto at = low.find(" @"); at != std::string::npos && handle_at(low, at + 1) == low.size() - at - 1)
    low.resize(at);
  for (std::string_view m : {"todo", "to do", "ai", "action", "action item"})
    if (low == m) return true;
  return false;
}

// The lines of inlines (split at soft and hard breaks) with their source line numbers.
std::vector<std::pair<int, std::string>> lines_of(const ir::Inlines& inlines, int first) {
  std::vector<std::pair<int, std::string>> out{{first, {}}};
  for (const auto& in : inlines) {
    if (in.kind == ir::InlineKind::soft_break || in.kind == ir::InlineKind::line_break) {
      out.emplace_back(out.back().first + 1, std::string());
      continue;
    }
    out.back().second += ir::plain_text(in);
  }
  return out;
}

class Finder {
 public:
  explicit Finder(ir::Meeting& m) : m_(m) {}

  void blocks(const ir::Blocks& bs, bool tasks) {
    for (const auto& b : bs) {
      if (b.kind == ir::BlockKind::list) {
        for (const auto& it : b.items) item(it, tasks);
      } else if (b.kind == ir::BlockKind::paragraph) {
        for (const auto& [line, text] : lines_of(b.inlines, b.line)) add(text, line, says_done(text), false);
      } else if (b.kind == ir::BlockKind::quote) {
        blocks(b.children, tasks);
      }
    }
  }

  void sections(const std::vector<ir::Section>& ss, bool tasks) {
    for (const auto& s : ss) {
      bool under = tasks || task_heading(s.title);
      blocks(s.blocks, under);
      sections(s.sections, under);
    }
  }

 private:
  ir::Meeting& m_;

  void item(const ir::ListItem& it, bool tasks) {
    std::string text = ir::item_text(it);
    bool done = it.checked.value_or(false) || says_done(text);
    for (const auto& b : it.blocks)  // a remark under the item: "  - done"
      if (b.kind == ir::BlockKind::list)
        for (const auto& sub : b.items)
          if (std::string t = ir::item_text(sub); says_done(t) && actions_in(t).empty()) done = true;
    // A task-list item that is not a question is a task; so is every item under an action items heading.
    bool task = tasks || (it.checked.has_value() && !text.empty() && trim(text).back() != '?');
    size_t before = m_.actions.size();
    bool first = true;
    for (const auto& b : it.blocks) {
      if (b.kind != ir::BlockKind::paragraph || !first) continue;
      auto lines = lines_of(b.inlines, it.line);
      if (marker_alone(lines.front().second)) {  // "TODO:" alone: the task is the rest of the item
        add(text, it.line, done, true);
      } else {
        for (const auto& [line, piece] : lines) {
          add(piece, line, done, task && first);
          first = false;
        }
      }
      first = false;
    }
    if (first && task) add(text, it.line, done, true);
    // Under an action items heading, the items under a task with an owner are its details, not tasks.
    bool owned = std::any_of(m_.actions.begin() + static_cast<long>(before), m_.actions.end(),
                             [](const ir::ActionItem& a) { return !a.owner.empty(); });
    bool sub_tasks = (tasks && !owned) || restated_tasks(text);
    for (const auto& b : it.blocks)
      if (b.kind == ir::BlockKind::list)
        for (const auto& sub : b.items) item(sub, sub_tasks);
  }

  // Adds the actions of one line; `task`: the line is a task even without a marker.
  void add(std::string_view text, int line, bool done, bool task) {
    std::vector<Found> found = actions_in(text);
    if (found.empty() && task && trim(text).size() > 2) {
      Found f;
      std::string_view t = trim(text);
      if (std::size_t h = handle_at(t, 0); h && t.size() > h && t[h] == ':') {
        f.owner = std::string(t.substr(1, h - 1));
        t = trim(t.substr(h + 1));
      } else if (auto colon = t.find(": ");
                 colon != std::string_view::npos && colon < 12 &&
                 std::all_of(t.begin(), t.begin() + colon, [](char c) { return is_handle_char(c); })) {
        f.owner = std::string(t.substr(0, colon));  // "VP04: create attacker models"
        t = trim(t.substr(colon + 2));
      }
      f.text = std::string(t);
      found.push_back(std::move(f));
    }
    for (auto& f : found) {
      ir::ActionItem a;
      a.owner = std::move(f.owner);
      a.text = std::move(f.text);
      a.done = done;
      a.line = line;
      for (const auto& d : dates::find_dates(a.text, m_.date))
        if (d.kind == dates::DateKind::absolute && !d.implausible) {
          a.due = d.start;
          break;
        }
      m_.actions.push_back(std::move(a));
    }
  }
};

}  // namespace

void extract_actions(ir::Meeting& meeting) {
  meeting.actions.clear();
  Finder f(meeting);
  f.blocks(meeting.blocks, false);
  f.sections(meeting.sections, false);
}

}  // namespace minutes
