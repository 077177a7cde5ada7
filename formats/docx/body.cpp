// DOCX body: title block, table of contents, one chapter per meeting, and the meeting blocks (lists, tables, code),
// written element by element.
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

// What a paragraph's properties hold besides its style and indentation.
struct Para {
  bool page_break = false;   // w:pageBreakBefore
  int level = -1;            // w:numPr's w:ilvl, when >= 0
  int num = 0;               // w:numPr's w:numId
  const char* jc = nullptr;  // w:jc
};

// Opens a paragraph with a style; pPr children follow the schema order (pStyle first). The caller closes it.
void open_paragraph(XmlWriter& w, const char* style, int indent = 0, const Para& extra = {}) {
  w.open("w:p").open("w:pPr");
  w.open("w:pStyle").attr("w:val", style).close();
  if (extra.page_break) w.leaf("w:pageBreakBefore");
  if (indent > 0) w.open("w:ind").attr("w:left", indent).close();
  if (extra.level >= 0) {
    w.open("w:numPr");
    w.open("w:ilvl").attr("w:val", extra.level).close();
    w.open("w:numId").attr("w:val", extra.num).close();
    w.close();
  }
  if (extra.jc) w.open("w:jc").attr("w:val", extra.jc).close();
  w.close();
}

void write_blocks(XmlWriter& w, std::span<const ir::Block> blocks, const BlockContext& context, State& state,
                  int depth);

InlineContext inline_context(const BlockContext& context) { return InlineContext{context.source, {}, false}; }

// A w:num for a new list at a level; its id.
int new_list(State& state, bool ordered, int level, int start) {
  state.lists.push_back({ordered, level, start});
  return state.list_id_base + static_cast<int>(state.lists.size());
}

void write_list(XmlWriter& w, const ir::Block& list, const BlockContext& context, State& state, int depth) {
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
    Para numbered;
    numbered.level = level;
    numbered.num = num;
    open_paragraph(w, style, 0, numbered);
    if (item.checked) add_text(w, *item.checked ? "\u2612 " : "\u2610 ", {}, state);
    size_t rest = 0;
    if (!item.blocks.empty() && item.blocks.front().kind == ir::BlockKind::paragraph) {
      add_inlines(w, item.blocks.front().inlines, inline_context(context), state);
      rest = 1;
    }
    w.close();
    for (size_t i = rest; i < item.blocks.size(); ++i) {
      const auto& b = item.blocks[i];
      if (b.kind == ir::BlockKind::list)
        write_list(w, b, context, state, depth + 1);
      else
        write_blocks(w, std::span<const ir::Block>(&b, 1), inner, state, depth + 1);
    }
  }
}

// A table; weights (one per column, optional) share the width out, else the columns are equal.
void write_table(XmlWriter& w, const ir::Block& table, const BlockContext& context, State& state,
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
  w.open("w:tbl").open("w:tblPr");
  w.open("w:tblStyle").attr("w:val", "Table").close();
  w.open("w:tblW")
      .attr("w:w", context.indent > 0 ? available : 5000)
      .attr("w:type", context.indent > 0 ? "dxa" : "pct")
      .close();
  if (context.indent > 0) w.open("w:tblInd").attr("w:w", context.indent).attr("w:type", "dxa").close();
  bool has_header = table.rows.front().header;
  w.open("w:tblLook")
      .attr("w:val", has_header ? "04A0" : "0480")
      .attr("w:firstRow", has_header ? 1 : 0)
      .attr("w:lastRow", 0)
      .attr("w:firstColumn", 0)
      .attr("w:lastColumn", 0)
      .attr("w:noHBand", 0)
      .attr("w:noVBand", 1)
      .close();
  w.close();  // w:tblPr
  w.open("w:tblGrid");
  for (size_t c = 0; c < columns; ++c) w.open("w:gridCol").attr("w:w", column_width(c)).close();
  w.close();
  bool leading = true;  // header rows must be the first rows to repeat on each page
  for (const auto& row : table.rows) {
    w.open("w:tr");
    leading = leading && row.header;
    if (leading) w.open("w:trPr").leaf("w:cantSplit").leaf("w:tblHeader").close();
    for (size_t c = 0; c < columns; ++c) {
      w.open("w:tc").open("w:tcPr");
      w.open("w:tcW").attr("w:w", column_width(c)).attr("w:type", "dxa").close();
      w.close();
      ir::Align align = c < table.alignments.size() ? table.alignments[c] : ir::Align::none;
      Para aligned;
      if (align == ir::Align::center || align == ir::Align::right)
        aligned.jc = align == ir::Align::center ? "center" : "right";
      open_paragraph(w, "TableText", 0, aligned);
      if (c < row.cells.size()) {
        InlineContext ic = inline_context(context);
        ic.look.bold = leading;
        add_inlines(w, row.cells[c].inlines, ic, state);
      }
      w.close().close();  // w:p, w:tc
    }
    w.close();
  }
  w.close();
  open_paragraph(w, "TableText");  // keeps adjacent tables apart and gives space after
  w.close();
}

void write_code(XmlWriter& w, const ir::Block& block, const BlockContext& context, State& state) {
  std::string text = block.text;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  open_paragraph(w, "Code", context.indent > 0 ? context.indent + 170 : 0);
  add_text(w, text, {}, state);
  w.close();
}

void write_blocks(XmlWriter& w, std::span<const ir::Block> blocks, const BlockContext& context, State& state,
                  int depth) {
  for (const auto& b : blocks) {
    switch (b.kind) {
      case ir::BlockKind::paragraph:
      case ir::BlockKind::heading:  // only in a reader's document: a meeting's headings are its sections
      case ir::BlockKind::html: {
        if (b.inlines.empty()) break;
        open_paragraph(w, context.paragraph, context.indent);
        add_inlines(w, b.inlines, inline_context(context), state);
        w.close();
        break;
      }
      case ir::BlockKind::image: {
        Para centred;
        if (context.indent == 0) centred.jc = "center";
        open_paragraph(w, context.paragraph, context.indent, centred);
        add_inlines(w, b.inlines, inline_context(context), state);
        w.close();
        break;
      }
      case ir::BlockKind::list: write_list(w, b, context, state, depth); break;
      case ir::BlockKind::code: write_code(w, b, context, state); break;
      case ir::BlockKind::quote: {
        BlockContext inner = context;
        inner.paragraph = "Quote";
        write_blocks(w, b.children, inner, state, depth);
        break;
      }
      case ir::BlockKind::table: write_table(w, b, context, state); break;
      case ir::BlockKind::rule:
        open_paragraph(w, "Rule", context.indent);
        w.close();
        break;
    }
  }
}

// "Label: value" in the Info style.
void add_info(XmlWriter& w, std::string_view label, std::string_view value, State& state) {
  open_paragraph(w, "Info");
  RunStyle bold;
  bold.bold = true;
  add_text(w, std::string(label) + ": ", bold, state);
  if (!value.empty()) add_text(w, value, {}, state);
  w.close();
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

// Opens a heading paragraph (the caller closes it).
void open_heading(XmlWriter& w, int level, const Para& extra = {}) {
  level = std::clamp(level, 1, 6);
  std::string style = fmt::format("Heading{}", level);
  open_paragraph(w, style.c_str(), 0, extra);
}

bool starts_with_minutes(const ir::Block& b) {
  if (b.kind != ir::BlockKind::paragraph) return false;
  auto text = ir::plain_text(b.inlines);
  return text.rfind("Minutes:", 0) == 0;
}

void write_section(XmlWriter& w, const ir::Section& s, int offset, const BlockContext& context, State& state) {
  if (ir::consumed_meta(s) || empty_section(s)) return;
  open_heading(w, s.level + offset);
  if (!s.title_inlines.empty())
    add_inlines(w, s.title_inlines, inline_context(context), state);
  else
    add_text(w, s.title, {}, state);
  w.close();
  size_t skip = 0;
  if (s.minutes) {
    open_paragraph(w, "Info");
    RunStyle bold;
    bold.bold = true;
    add_text(w, state.words->minutes + ": ", bold, state);
    if (!s.minutes->url.empty()) {
      bool link = open_hyperlink(w, s.minutes->url, state, context.source, s.line);
      add_text(w, s.minutes->url, RunStyle{false, false, false, link ? "Hyperlink" : nullptr}, state);
      if (link) w.close();
    }
    add_text(w, minutes_status_text(*s.minutes), {}, state);
    w.close();
    if (!s.blocks.empty() && starts_with_minutes(s.blocks.front())) skip = 1;
  }
  write_blocks(w, std::span<const ir::Block>(s.blocks).subspan(skip), context, state, 0);
  for (const auto& sub : s.sections) write_section(w, sub, offset, context, state);
}

ir::Inline text_inline(std::string text) {
  ir::Inline in;
  in.text = std::move(text);
  return in;
}

void write_events(XmlWriter& w, const ir::Meeting& m, int level, State& state) {
  open_heading(w, level);
  add_text(w, state.words->events, {}, state);
  w.close();
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
  write_table(w, table, context, state, {5, 3, 3});
}

// The meeting's own date, scribe and participants lines.
void write_meeting_info(XmlWriter& w, const ir::Meeting& m, State& state) {
  if (m.date) add_info(w, state.words->date, period_text(*m.date, *m.date, *state.words), state);
  if (!m.scribes.empty())
    add_info(w, m.scribes.size() > 1 ? state.words->scribes : state.words->scribe, joined(m.scribes), state);
  if (!m.participants.empty()) add_info(w, state.words->participants, joined(m.participants), state);
}

void write_meeting(XmlWriter& w, const ir::Meeting& m, int offset, State& state) {
  BlockContext context;
  context.source = m.source;
  write_blocks(w, m.blocks, context, state, 0);
  for (const auto& s : m.sections) write_section(w, s, offset, context, state);
  if (!meeting_events(m).empty()) write_events(w, m, min_level(m.sections) + offset, state);
}

// One entry of the report's contents: its level, text and bookmark.
struct Entry {
  int level = 1;
  std::string title;
  std::string bookmark;
};

// "_TocEntry0001"...: numbered in the contents' order, so that their sorted names are that order too.
std::string bookmark_name(size_t index) { return fmt::format("_TocEntry{:04}", index + 1); }

void field_char(XmlWriter& w, const char* type) {
  w.open("w:r").open("w:fldChar").attr("w:fldCharType", type).close().close();
}

void instruction(XmlWriter& w, const std::string& text) {
  w.open("w:r").open("w:instrText").attr("xml:space", "preserve").text(text).close().close();
}

// The table of contents: a TOC field whose result is already the list of entries, each a link to its heading and
// a PAGEREF field whose shown value is the page LibreOffice laid it out on (none without LibreOffice).
void write_toc(XmlWriter& w, const std::vector<Entry>& entries, const std::vector<std::string>& pages, State& state) {
  open_paragraph(w, "TOCHeading");
  add_text(w, state.words->contents, {}, state);
  w.close();
  for (size_t i = 0; i < entries.size(); ++i) {
    open_paragraph(w, entries[i].level == 1 ? "TOC1" : "TOC2");
    if (i == 0) {
      field_char(w, "begin");
      instruction(w, " TOC \\o \"1-2\" \\h \\z \\u ");
      field_char(w, "separate");
    }
    w.open("w:hyperlink").attr("w:anchor", entries[i].bookmark).attr("w:history", 1);
    add_text(w, entries[i].title, {}, state);
    w.open("w:r").leaf("w:tab").close();
    field_char(w, "begin");
    instruction(w, " PAGEREF " + entries[i].bookmark + " \\h ");
    field_char(w, "separate");
    if (i < pages.size()) add_text(w, pages[i], {}, state);
    field_char(w, "end");
    w.close();
    if (i + 1 == entries.size()) field_char(w, "end");
    w.close();
  }
}

// A heading of the report's own outline, its runs in a bookmark the contents link to; on a new page when asked.
void report_heading(XmlWriter& w, const Entry& entry, bool new_page, State& state) {
  Para extra;
  extra.page_break = new_page;
  open_heading(w, entry.level, extra);
  int id = state.next_bookmark++;
  w.open("w:bookmarkStart").attr("w:id", id).attr("w:name", entry.bookmark).close();
  add_text(w, entry.title, {}, state);
  w.open("w:bookmarkEnd").attr("w:id", id).close();
  w.close();
}

// A report of several meetings: summary, contents, chapters by series, appendix.
void write_report(XmlWriter& w, std::span<const ir::Meeting> meetings, const WriteOptions& options, State& state) {
  const Words& words = *state.words;
  Summary summary = summarise(meetings, options, words);
  auto groups = chapters(meetings);
  std::vector<Entry> entries;
  auto entry = [&](int level, std::string title) {
    entries.push_back({level, std::move(title), bookmark_name(entries.size())});
    return entries.size() - 1;
  };
  entry(1, words.summary);
  std::vector<std::pair<size_t, std::vector<size_t>>> outline;  // series entry, its meetings' entries
  for (const auto& g : groups) {
    outline.emplace_back(entry(1, g.name.empty() ? words.no_series : g.name), std::vector<size_t>{});
    for (const ir::Meeting* m : g.meetings) outline.back().second.push_back(entry(2, chapter_title(*m, g.name)));
  }
  size_t appendix = entry(1, words.appendix);

  BlockContext context;
  report_heading(w, entries[0], false, state);
  auto parts = summary_blocks(summary, words);
  write_blocks(w, parts.figures, context, state, 0);
  Chart chart = meetings_chart(summary, words);
  if (!chart.png.empty()) {
    Para centred;
    centred.jc = "center";
    open_paragraph(w, "BodyText", 0, centred);
    add_picture(w, Image{chart.png, ImageKind{"image/png", "png", chart.width, chart.height}, "minutes:chart"},
                words.chart, state);
    w.close();
    open_paragraph(w, "Caption");
    add_text(w, words.chart, {}, state);
    w.close();
  } else if (!chart.error.empty()) {
    state.diagnostics.push_back({ir::Severity::warning, "", 0, 0, chart.error});
  }
  if (!parts.events.empty()) {
    open_heading(w, 2);
    add_text(w, words.events_held, {}, state);
    w.close();
    write_blocks(w, parts.events, context, state, 0);
  }
  write_toc(w, entries, options.contents_pages, state);
  for (size_t g = 0; g < groups.size(); ++g) {
    report_heading(w, entries[outline[g].first], true, state);
    for (size_t i = 0; i < groups[g].meetings.size(); ++i) {
      const ir::Meeting& m = *groups[g].meetings[i];
      report_heading(w, entries[outline[g].second[i]], i > 0, state);
      write_meeting_info(w, m, state);
      write_meeting(w, m, 3 - min_level(m.sections), state);
    }
  }
  report_heading(w, entries[appendix], true, state);
  for (const auto& [title, blocks] : appendix_blocks(summary, words)) {
    open_heading(w, 2);
    add_text(w, title, {}, state);
    w.close();
    write_blocks(w, blocks, context, state, 0);
  }
}

// The title, its hyphens between digits unbreakable so that a date never wraps in the middle.
void write_title(XmlWriter& w, const std::string& title) {
  open_paragraph(w, "Title");
  w.open("w:r");
  std::string piece;
  auto flush = [&] {
    if (piece.empty()) return;
    w.open("w:t");
    if (piece.front() == ' ' || piece.back() == ' ') w.attr("xml:space", "preserve");
    w.text(piece).close();
    piece.clear();
  };
  for (size_t i = 0; i < title.size(); ++i) {
    bool digits = i > 0 && i + 1 < title.size() && std::isdigit(static_cast<unsigned char>(title[i - 1])) &&
                  std::isdigit(static_cast<unsigned char>(title[i + 1]));
    if (title[i] == '-' && digits) {
      flush();
      w.leaf("w:noBreakHyphen");
    } else {
      piece += title[i];
    }
  }
  flush();
  w.close().close();
}

}  // namespace

void write_body(XmlWriter& w, std::span<const ir::Meeting> meetings, const WriteOptions& options, State& state) {
  TitleBlock block = title_block(meetings, options, *state.words);
  write_title(w, safe(state, block.title));
  if (!block.subtitle.empty()) {
    open_paragraph(w, "Subtitle");
    add_text(w, block.subtitle, {}, state);
    w.close();
  }
  for (const auto& [label, value] : block.lines) add_info(w, label, value, state);
  if (block.report) {
    write_report(w, meetings, options, state);
  } else if (!meetings.empty()) {
    write_meeting(w, meetings.front(), 1 - min_level(meetings.front().sections), state);
  }
}

}  // namespace minutes::formats::docx
