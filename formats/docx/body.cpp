// DOCX body: title block, table of contents, one chapter per meeting, and the meeting blocks (lists, tables, code).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "formats/common/report.hpp"
#include "formats/common/report_summary.hpp"
#include "formats/docx/internal.hpp"

namespace minutes::formats::docx {

namespace {

constexpr int text_width = 9638;   // twips between the default A4 margins
constexpr int list_indent = 397;   // twips per list level, as in numbering.xml
constexpr int max_list_level = 8;  // WordprocessingML has levels 0..8

// Where blocks are written: the meeting (whose folder images are relative to), the indentation of list continuations.
struct BlockContext {
  std::string source;
  int indent = 0;  // twips; > 0 inside list items
  const char* paragraph = "BodyText";
};

// A paragraph with a style; pPr children follow the schema order (pStyle first).
pugi::xml_node add_paragraph(pugi::xml_node parent, const char* style, int indent = 0) {
  auto p = parent.append_child("w:p");
  auto pr = p.append_child("w:pPr");
  pr.append_child("w:pStyle").append_attribute("w:val") = style;
  if (indent > 0) pr.append_child("w:ind").append_attribute("w:left") = indent;
  return p;
}

void write_blocks(pugi::xml_node body, const ir::Blocks& blocks, const BlockContext& context, State& state, int depth);

InlineContext inline_context(const BlockContext& context) { return InlineContext{context.source, {}, false}; }

// A w:num for a new list at a level; its id.
int new_list(State& state, bool ordered, int level, int start) {
  state.lists.push_back({ordered, level, start});
  return state.list_id_base + static_cast<int>(state.lists.size());
}

void write_list(pugi::xml_node body, const ir::Block& list, const BlockContext& context, State& state, int depth) {
  int level = std::min(depth, max_list_level);
  if (depth > max_list_level && !state.deep_list_warned) {
    state.deep_list_warned = true;
    state.diagnostics.push_back({ir::Severity::warning, "", list.line, list.column,
                                 "lists nested deeper than 9 levels are shown at the 9th level in DOCX"});
  }
  int num = new_list(state, list.ordered, level, std::max(0, list.start));
  const char* style = list.ordered ? "ListNumber" : "ListBullet";
  BlockContext inner = context;
  inner.indent = list_indent * (level + 1);
  inner.paragraph = "ListContinue";
  for (const auto& item : list.items) {
    auto p = add_paragraph(body, style);
    auto num_pr = p.child("w:pPr").append_child("w:numPr");
    num_pr.append_child("w:ilvl").append_attribute("w:val") = level;
    num_pr.append_child("w:numId").append_attribute("w:val") = num;
    if (item.checked) add_text(p, *item.checked ? "\u2612 " : "\u2610 ", {}, state);
    size_t rest = 0;
    if (!item.blocks.empty() && item.blocks.front().kind == ir::BlockKind::paragraph) {
      add_inlines(p, item.blocks.front().inlines, inline_context(context), state);
      rest = 1;
    }
    for (size_t i = rest; i < item.blocks.size(); ++i) {
      const auto& b = item.blocks[i];
      if (b.kind == ir::BlockKind::list)
        write_list(body, b, context, state, depth + 1);
      else
        write_blocks(body, ir::Blocks{b}, inner, state, depth + 1);
    }
  }
}

// A table; weights (one per column, optional) share the width out, else the columns are equal.
void write_table(pugi::xml_node body, const ir::Block& table, const BlockContext& context, State& state,
                 const std::vector<int>& weights = {}) {
  size_t columns = table.alignments.size();
  for (const auto& row : table.rows) columns = std::max(columns, row.cells.size());
  if (columns == 0 || table.rows.empty()) return;
  int available = std::max(text_width - context.indent, 1000);
  int width = std::max(1, available / static_cast<int>(columns));
  int total_weight = 0;
  for (size_t c = 0; c < columns && c < weights.size(); ++c) total_weight += std::max(weights[c], 1);
  bool weighted = weights.size() == columns && total_weight > 0;
  auto column_width = [&](size_t c) {
    return weighted ? std::max(1, available * std::max(weights[c], 1) / total_weight) : width;
  };
  auto tbl = body.append_child("w:tbl");
  auto pr = tbl.append_child("w:tblPr");
  pr.append_child("w:tblStyle").append_attribute("w:val") = "Table";
  auto w = pr.append_child("w:tblW");
  w.append_attribute("w:w") = context.indent > 0 ? available : 5000;
  w.append_attribute("w:type") = context.indent > 0 ? "dxa" : "pct";
  if (context.indent > 0) {
    auto ind = pr.append_child("w:tblInd");
    ind.append_attribute("w:w") = context.indent;
    ind.append_attribute("w:type") = "dxa";
  }
  auto look = pr.append_child("w:tblLook");
  bool has_header = table.rows.front().header;
  look.append_attribute("w:val") = has_header ? "04A0" : "0480";
  look.append_attribute("w:firstRow") = has_header ? 1 : 0;
  look.append_attribute("w:lastRow") = 0;
  look.append_attribute("w:firstColumn") = 0;
  look.append_attribute("w:lastColumn") = 0;
  look.append_attribute("w:noHBand") = 0;
  look.append_attribute("w:noVBand") = 1;
  auto grid = tbl.append_child("w:tblGrid");
  for (size_t c = 0; c < columns; ++c) grid.append_child("w:gridCol").append_attribute("w:w") = column_width(c);
  bool leading = true;  // header rows must be the first rows to repeat on each page
  for (const auto& row : table.rows) {
    auto tr = tbl.append_child("w:tr");
    leading = leading && row.header;
    if (leading) {
      auto trpr = tr.append_child("w:trPr");
      trpr.append_child("w:cantSplit");
      trpr.append_child("w:tblHeader");
    }
    for (size_t c = 0; c < columns; ++c) {
      auto tc = tr.append_child("w:tc");
      auto tcw = tc.append_child("w:tcPr").append_child("w:tcW");
      tcw.append_attribute("w:w") = column_width(c);
      tcw.append_attribute("w:type") = "dxa";
      auto p = add_paragraph(tc, "TableText");
      ir::Align align = c < table.alignments.size() ? table.alignments[c] : ir::Align::none;
      if (align == ir::Align::center || align == ir::Align::right)
        p.child("w:pPr").append_child("w:jc").append_attribute("w:val") =
            align == ir::Align::center ? "center" : "right";
      if (c < row.cells.size()) {
        InlineContext ic = inline_context(context);
        ic.look.bold = leading;
        add_inlines(p, row.cells[c].inlines, ic, state);
      }
    }
  }
  add_paragraph(body, "TableText");  // keeps adjacent tables apart and gives space after
}

void write_code(pugi::xml_node body, const ir::Block& block, const BlockContext& context, State& state) {
  std::string text = block.text;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  auto p = add_paragraph(body, "Code", context.indent > 0 ? context.indent + 170 : 0);
  add_text(p, text, {}, state);
}

void write_blocks(pugi::xml_node body, const ir::Blocks& blocks, const BlockContext& context, State& state, int depth) {
  for (const auto& b : blocks) {
    switch (b.kind) {
      case ir::BlockKind::paragraph:
      case ir::BlockKind::heading:  // only in a reader's document: a meeting's headings are its sections
      case ir::BlockKind::html: {
        if (b.inlines.empty()) break;
        auto p = add_paragraph(body, context.paragraph, context.indent);
        add_inlines(p, b.inlines, inline_context(context), state);
        break;
      }
      case ir::BlockKind::image: {
        auto p = add_paragraph(body, context.paragraph, context.indent);
        if (context.indent == 0) p.child("w:pPr").append_child("w:jc").append_attribute("w:val") = "center";
        add_inlines(p, b.inlines, inline_context(context), state);
        break;
      }
      case ir::BlockKind::list: write_list(body, b, context, state, depth); break;
      case ir::BlockKind::code: write_code(body, b, context, state); break;
      case ir::BlockKind::quote: {
        BlockContext inner = context;
        inner.paragraph = "Quote";
        write_blocks(body, b.children, inner, state, depth);
        break;
      }
      case ir::BlockKind::table: write_table(body, b, context, state); break;
      case ir::BlockKind::rule: add_paragraph(body, "Rule", context.indent); break;
    }
  }
}

// "Label: value" in the Info style.
pugi::xml_node add_info(pugi::xml_node body, std::string_view label, std::string_view value, State& state) {
  auto p = add_paragraph(body, "Info");
  RunStyle bold;
  bold.bold = true;
  add_text(p, std::string(label) + ": ", bold, state);
  if (!value.empty()) add_text(p, value, {}, state);
  return p;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += separator;
    out += s;
  }
  return out;
}

int min_level(const std::vector<ir::Section>& sections) {
  int level = 6;
  ir::for_each_section(sections, [&](const ir::Section& s) { level = std::min(level, std::clamp(s.level, 1, 6)); });
  return level;
}

pugi::xml_node add_heading(pugi::xml_node body, int level) {
  level = std::clamp(level, 1, 6);
  std::string style = fmt::format("Heading{}", level);
  return add_paragraph(body, style.c_str());
}

// Wraps a heading's runs in a bookmark so the table of contents can link to it.
void bookmark(pugi::xml_node p, const std::string& name, State& state) {
  int id = state.next_bookmark++;
  auto start = p.insert_child_after("w:bookmarkStart", p.child("w:pPr"));
  start.append_attribute("w:id") = id;
  start.append_attribute("w:name") = name.c_str();
  p.append_child("w:bookmarkEnd").append_attribute("w:id") = id;
}

bool starts_with_minutes(const ir::Block& b) {
  if (b.kind != ir::BlockKind::paragraph) return false;
  auto text = ir::plain_text(b.inlines);
  return text.rfind("Minutes:", 0) == 0;
}

void write_section(pugi::xml_node body, const ir::Section& s, int offset, const BlockContext& context, State& state) {
  if (ir::consumed_meta(s) || empty_section(s)) return;
  auto h = add_heading(body, s.level + offset);
  if (!s.title_inlines.empty())
    add_inlines(h, s.title_inlines, inline_context(context), state);
  else
    add_text(h, s.title, {}, state);
  size_t skip = 0;
  if (s.minutes) {
    auto p = add_paragraph(body, "Info");
    RunStyle bold;
    bold.bold = true;
    add_text(p, state.words->minutes + ": ", bold, state);
    if (!s.minutes->url.empty()) {
      auto link = add_hyperlink(p, s.minutes->url, state, context.source, s.line);
      add_text(link ? link : p, s.minutes->url, RunStyle{false, false, false, link ? "Hyperlink" : nullptr}, state);
    }
    add_text(p, minutes_status_text(*s.minutes), {}, state);
    if (!s.blocks.empty() && starts_with_minutes(s.blocks.front())) skip = 1;
  }
  write_blocks(body, ir::Blocks(s.blocks.begin() + static_cast<long>(skip), s.blocks.end()), context, state, 0);
  for (const auto& sub : s.sections) write_section(body, sub, offset, context, state);
}

ir::Inline text_inline(std::string text) {
  ir::Inline in;
  in.text = std::move(text);
  return in;
}

void write_events(pugi::xml_node body, const ir::Meeting& m, int level, State& state) {
  auto h = add_heading(body, level);
  add_text(h, state.words->events, {}, state);
  ir::Block table;
  table.kind = ir::BlockKind::table;
  table.alignments = {ir::Align::left, ir::Align::left, ir::Align::left};
  ir::TableRow head;
  head.header = true;
  for (const auto* label : {&state.words->event, &state.words->date, &state.words->place})
    head.cells.push_back({{text_inline(*label)}});
  table.rows.push_back(head);
  for (const auto& e : meeting_events(m)) {
    ir::TableRow row;
    ir::Inline title = text_inline(e.title);
    if (!e.url.empty()) {
      ir::Inline link;
      link.kind = ir::InlineKind::link;
      link.url = e.url;
      link.children.push_back(title);
      row.cells.push_back({{link}});
    } else {
      row.cells.push_back({{title}});
    }
    row.cells.push_back({{text_inline(event_when(e, *state.words))}});
    row.cells.push_back({{text_inline(e.location)}});
    table.rows.push_back(std::move(row));
  }
  BlockContext context;
  context.source = m.source;
  write_table(body, table, context, state, {5, 3, 3});
}

// The meeting's own date, scribe and participants lines.
void write_meeting_info(pugi::xml_node body, const ir::Meeting& m, State& state) {
  if (m.date) add_info(body, state.words->date, period_text(*m.date, *m.date, *state.words), state);
  if (!m.scribes.empty())
    add_info(body, m.scribes.size() > 1 ? state.words->scribes : state.words->scribe, joined(m.scribes), state);
  if (!m.participants.empty()) add_info(body, state.words->participants, joined(m.participants), state);
}

void write_meeting(pugi::xml_node body, const ir::Meeting& m, int offset, State& state) {
  BlockContext context;
  context.source = m.source;
  write_blocks(body, m.blocks, context, state, 0);
  for (const auto& s : m.sections) write_section(body, s, offset, context, state);
  if (!meeting_events(m).empty()) write_events(body, m, min_level(m.sections) + offset, state);
}

// One entry of the report's contents: its level, text and bookmark.
struct Entry {
  int level = 1;
  std::string title;
  std::string bookmark;
};

// "_TocEntry0001"...: numbered in the contents' order, so that their sorted names are that order too.
std::string bookmark_name(size_t index) { return fmt::format("_TocEntry{:04}", index + 1); }

void field_char(pugi::xml_node p, const char* type) {
  p.append_child("w:r").append_child("w:fldChar").append_attribute("w:fldCharType") = type;
}

void instruction(pugi::xml_node p, const std::string& text) {
  auto instr = p.append_child("w:r").append_child("w:instrText");
  instr.append_attribute("xml:space") = "preserve";
  instr.text().set(text.c_str());
}

// The table of contents: a TOC field whose result is already the list of entries, each a link to its heading and
// a PAGEREF field whose shown value is the page LibreOffice laid it out on (none without LibreOffice).
void write_toc(pugi::xml_node body, const std::vector<Entry>& entries, const std::vector<std::string>& pages,
               State& state) {
  auto h = add_paragraph(body, "TOCHeading");
  add_text(h, state.words->contents, {}, state);
  for (size_t i = 0; i < entries.size(); ++i) {
    auto p = add_paragraph(body, entries[i].level == 1 ? "TOC1" : "TOC2");
    if (i == 0) {
      field_char(p, "begin");
      instruction(p, " TOC \\o \"1-2\" \\h \\z \\u ");
      field_char(p, "separate");
    }
    auto link = p.append_child("w:hyperlink");
    link.append_attribute("w:anchor") = entries[i].bookmark.c_str();
    link.append_attribute("w:history") = 1;
    add_text(link, entries[i].title, {}, state);
    link.append_child("w:r").append_child("w:tab");
    field_char(link, "begin");
    instruction(link, " PAGEREF " + entries[i].bookmark + " \\h ");
    field_char(link, "separate");
    if (i < pages.size()) add_text(link, pages[i], {}, state);
    field_char(link, "end");
    if (i + 1 == entries.size()) field_char(p, "end");
  }
}

// A heading of the report's own outline, with its bookmark; on a new page when asked.
void report_heading(pugi::xml_node body, const Entry& entry, bool new_page, State& state) {
  auto h = add_heading(body, entry.level);
  if (new_page) {
    auto pr = h.child("w:pPr");
    pr.insert_child_after("w:pageBreakBefore", pr.child("w:pStyle"));
  }
  add_text(h, entry.title, {}, state);
  bookmark(h, entry.bookmark, state);
}

// A report of several meetings: summary, contents, chapters by series, appendix.
void write_report(pugi::xml_node body, std::span<const ir::Meeting> meetings, const WriteOptions& options,
                  State& state) {
  const Words& w = *state.words;
  Summary summary = summarise(meetings, options, w);
  auto groups = chapters(meetings);
  std::vector<Entry> entries;
  auto entry = [&](int level, std::string title) {
    entries.push_back({level, std::move(title), bookmark_name(entries.size())});
    return entries.size() - 1;
  };
  entry(1, w.summary);
  std::vector<std::pair<size_t, std::vector<size_t>>> outline;  // series entry, its meetings' entries
  for (const auto& g : groups) {
    outline.emplace_back(entry(1, g.name.empty() ? w.no_series : g.name), std::vector<size_t>{});
    for (const ir::Meeting* m : g.meetings) outline.back().second.push_back(entry(2, chapter_title(*m, g.name)));
  }
  size_t appendix = entry(1, w.appendix);

  BlockContext context;
  report_heading(body, entries[0], false, state);
  auto parts = summary_blocks(summary, w);
  write_blocks(body, parts.figures, context, state, 0);
  Chart chart = meetings_chart(summary, w);
  if (!chart.png.empty()) {
    auto p = add_paragraph(body, "BodyText");
    p.child("w:pPr").append_child("w:jc").append_attribute("w:val") = "center";
    add_picture(p, Image{chart.png, ImageKind{"image/png", "png", chart.width, chart.height}, "minutes:chart"}, w.chart,
                state);
  }
  add_text(add_paragraph(body, "Caption"), w.chart, {}, state);
  if (!parts.events.empty()) {
    add_text(add_heading(body, 2), w.events_held, {}, state);
    write_blocks(body, parts.events, context, state, 0);
  }
  write_toc(body, entries, options.contents_pages, state);
  for (size_t g = 0; g < groups.size(); ++g) {
    report_heading(body, entries[outline[g].first], true, state);
    for (size_t i = 0; i < groups[g].meetings.size(); ++i) {
      const ir::Meeting& m = *groups[g].meetings[i];
      report_heading(body, entries[outline[g].second[i]], i > 0, state);
      write_meeting_info(body, m, state);
      write_meeting(body, m, 3 - min_level(m.sections), state);
    }
  }
  report_heading(body, entries[appendix], true, state);
  for (const auto& [title, blocks] : appendix_blocks(summary, w)) {
    add_text(add_heading(body, 2), title, {}, state);
    write_blocks(body, blocks, context, state, 0);
  }
}

// The title, its hyphens between digits unbreakable so that a date never wraps in the middle.
void write_title(pugi::xml_node p, const std::string& title) {
  auto r = p.append_child("w:r");
  std::string piece;
  auto flush = [&] {
    if (piece.empty()) return;
    auto t = r.append_child("w:t");
    if (piece.front() == ' ' || piece.back() == ' ') t.append_attribute("xml:space") = "preserve";
    t.text().set(piece.c_str());
    piece.clear();
  };
  for (size_t i = 0; i < title.size(); ++i) {
    bool digits = i > 0 && i + 1 < title.size() && std::isdigit(static_cast<unsigned char>(title[i - 1])) &&
                  std::isdigit(static_cast<unsigned char>(title[i + 1]));
    if (title[i] == '-' && digits) {
      flush();
      r.append_child("w:noBreakHyphen");
    } else {
      piece += title[i];
    }
  }
  flush();
}

}  // namespace

void write_body(pugi::xml_node body, std::span<const ir::Meeting> meetings, const WriteOptions& options, State& state) {
  TitleBlock block = title_block(meetings, options, *state.words);
  write_title(add_paragraph(body, "Title"), safe(state, block.title));
  if (!block.subtitle.empty()) add_text(add_paragraph(body, "Subtitle"), block.subtitle, {}, state);
  for (const auto& [label, value] : block.lines) add_info(body, label, value, state);
  if (block.report) {
    write_report(body, meetings, options, state);
  } else if (!meetings.empty()) {
    write_meeting(body, meetings.front(), 1 - min_level(meetings.front().sections), state);
  }
}

}  // namespace minutes::formats::docx
