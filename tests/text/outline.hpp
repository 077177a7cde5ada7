// Test helper: renders a meeting as an indented outline (metadata, sections, blocks, items, events) without line numbers.
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>

#include <minutes/convert.hpp>
#include "formats/formats.hpp"

namespace minutes::test {

inline void outline_blocks(std::string& out, const ir::Blocks& blocks, int depth);

// One block at a depth: "[p] text", "- item" / "1. item" with nested blocks, "[code] ...", "[quote]", "[rule]".
inline void outline_block(std::string& out, const ir::Block& b, int depth) {
  std::string pad(static_cast<size_t>(depth) * 2, ' ');
  switch (b.kind) {
    case ir::BlockKind::list:
      for (const auto& item : b.items) {
        std::string mark = b.ordered ? "1." : "-";
        if (item.checked) mark += *item.checked ? " [x]" : " [ ]";
        std::string text = ir::item_text(item);
        for (auto& c : text)
          if (c == '\n') c = '|';
        out += fmt::format("{}{} {}\n", pad, mark, text);
        ir::Blocks nested;
        for (const auto& c : item.blocks)
          if (c.kind == ir::BlockKind::list) nested.push_back(c);
        outline_blocks(out, nested, depth + 1);
      }
      break;
    case ir::BlockKind::quote:
      out += pad + "[quote]\n";
      outline_blocks(out, b.children, depth + 1);
      break;
    case ir::BlockKind::rule: out += pad + "[rule]\n"; break;
    case ir::BlockKind::code: out += fmt::format("{}[code {}] {}\n", pad, b.info, b.text); break;
    default: {
      std::string text = ir::plain_text(b);
      for (auto& c : text)
        if (c == '\n') c = '|';
      out += fmt::format("{}[p] {}\n", pad, text);
    }
  }
}

inline void outline_blocks(std::string& out, const ir::Blocks& blocks, int depth) {
  for (const auto& b : blocks) outline_block(out, b, depth);
}

inline void outline_sections(std::string& out, const std::vector<ir::Section>& sections, int depth) {
  for (const auto& s : sections) {
    out += fmt::format("{}{} {}", std::string(static_cast<size_t>(depth) * 2, ' '),
                       std::string(static_cast<size_t>(s.level), '#'), s.title);
    if (s.minutes) out += fmt::format(" {{minutes: {} | {}}}", s.minutes->url, s.minutes->status);
    out += '\n';
    outline_blocks(out, s.blocks, depth + 1);
    outline_sections(out, s.sections, depth + 1);
  }
}

// The whole meeting as text; two readers agree on a meeting when their outlines are equal.
inline std::string outline(const ir::Meeting& m, bool with_meta = true) {
  std::string out;
  if (with_meta) {
    out += fmt::format("title: {}\nseries: {}\ndate: {}\n", m.title, m.series, m.date ? ir::iso(*m.date) : "-");
    out += fmt::format("scribes: {}\nparticipants: {}\n", fmt::join(m.scribes, ", "), fmt::join(m.participants, ", "));
  }
  outline_blocks(out, m.blocks, 0);
  outline_sections(out, m.sections, 0);
  for (const auto& e : m.events) {
    out += fmt::format("event: {} | {}", e.title, ir::iso(e.start));
    if (e.end) out += " - " + ir::iso(*e.end);
    if (e.start_time) out += fmt::format(" {:02}:{:02}", e.start_time->hour, e.start_time->minute);
    if (e.end_time) out += fmt::format("-{:02}:{:02}", e.end_time->hour, e.end_time->minute);
    out += fmt::format(" | {} | {}\n", e.location, e.url);
  }
  return out;
}

// The outline of a plain-text draft's blocks and sections only (no metadata, no enrichment).
inline std::string text_outline(std::string_view draft) {
  return outline(recognise(formats::read_text(draft, {"draft.txt"})), false);
}

}  // namespace minutes::test
