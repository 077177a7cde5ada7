// Finds the decisions a meeting records, precision before recall (see decisions.hpp for the rules).
#include "converters/core/decisions.hpp"

#include <array>
#include <string_view>

#include "converters/core/strings.hpp"

namespace minutes {
namespace {

// Markdown leftovers and list marks at either end of a line.
std::string_view strip(std::string_view s) {
  auto junk = [](char c) { return c == ' ' || c == '\t' || c == '*' || c == '_' || c == '-' || c == '>'; };
  while (!s.empty() && junk(s.front())) s.remove_prefix(1);
  while (!s.empty() && (junk(s.back()) || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

bool has(std::string_view low, std::string_view word) { return low.find(word) != std::string_view::npos; }

// Words that make a line about a decision something else: not taken yet, or a document about one.
bool undecided(std::string_view low) {
  static constexpr std::array<std::string_view, 16> words = {
      "no decision", "not decided",       "not agreed",        "no official decision", "to be decided",
      "be decided",  "being prepared",    "decision record",   "decision needed",      "needs a decision",
      "pending",     "upcoming decision", "will be finalized", "nearly ready",         "decision regarding",
      "noch nicht"};
  for (auto w : words)
    if (has(low, w)) return true;
  return !low.empty() && low.back() == '?';
}

// "Decision: x" and its kin: the text after the marker, or nothing.
std::optional<std::string> after_marker(std::string_view s) {
  static constexpr std::array<std::string_view, 9> markers = {
      "decision:",    "decisions:",    "decided:",  "agreed:",    "beschluss:",
      "beschlossen:", "entscheidung:", "ergebnis:", "resolution:"};
  std::string low = lower(s);
  for (auto m : markers)
    if (low.starts_with(m)) return std::string(strip(s.substr(m.size())));
  static constexpr std::array<std::string_view, 6> openings = {"decision to ",  "decision taken to ", "decided to ",
                                                               "decided that ", "decided on ",        "agreed to "};
  for (auto o : openings)
    if (low.starts_with(o)) return std::string(strip(s));
  return std::nullopt;
}

// "we agreed that ...", "it was decided to ...", "wir haben beschlossen ...": people deciding.
bool says_decided(std::string_view low) {
  static constexpr std::array<std::string_view, 14> phrases = {
      "we agreed",      "we have agreed", "we decided",      "we have decided",   "it was agreed",
      "it was decided", "was decided to", "were decided",    "all agreed",        "agreed upon",
      "agreed on",      "beschlossen",    "wir einigen uns", "haben uns geeinigt"};
  for (auto p : phrases)
    if (has(low, p)) return true;
  return false;
}

class Finder {
 public:
  std::vector<Decision> found;

  void blocks(const ir::Blocks& bs) {
    for (const auto& b : bs) {
      if (b.kind == ir::BlockKind::paragraph) {
        std::string text = ir::plain_text(b.inlines);
        int line = b.line;
        size_t start = 0;
        for (;;) {
          size_t nl = text.find('\n', start);
          line_of(std::string_view(text).substr(start, nl == std::string::npos ? std::string::npos : nl - start), line,
                  nullptr);
          if (nl == std::string::npos) break;
          start = nl + 1;
          ++line;
        }
      } else if (b.kind == ir::BlockKind::list) {
        for (const auto& item : b.items) this->item(item);
      } else if (b.kind == ir::BlockKind::quote) {
        blocks(b.children);
      }
    }
  }

 private:
  void item(const ir::ListItem& it) {
    line_of(ir::item_text(it), it.line, &it);
    for (const auto& b : it.blocks)
      if (b.kind == ir::BlockKind::list)
        for (const auto& sub : b.items) item(sub);
  }

  // One line; a marker alone ("Decision:") takes its item's first sub-item as the text.
  void line_of(std::string_view raw, int line, const ir::ListItem* item) {
    std::string_view s = strip(raw);
    if (s.empty()) return;
    std::string low = lower(s);
    if (undecided(low)) return;
    std::optional<std::string> text = after_marker(s);
    if (text && text->empty() && item) {
      for (const auto& b : item->blocks)
        if (b.kind == ir::BlockKind::list && !b.items.empty()) text = std::string(strip(ir::item_text(b.items[0])));
    }
    if (!text && says_decided(low)) text = std::string(s);
    if (!text || text->empty()) return;
    found.push_back({std::move(*text), line});
  }
};

}  // namespace

std::vector<Decision> find_decisions(const ir::Meeting& meeting) {
  Finder f;
  f.blocks(meeting.blocks);
  ir::for_each_section(meeting.sections, [&](const ir::Section& s) { f.blocks(s.blocks); });
  return f.found;
}

}  // namespace minutes
