// Recognition, once for every reader: a document's headings and blocks become a meeting with a title, series
// and date, nested sections, meta fields (scribes, participants, minutes links) and mentions.
#include "converters/core/recognise.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "converters/core/decode.hpp"
#include "converters/core/titles.hpp"

namespace minutes {

namespace {

std::string heading_text(const ir::Inlines& inlines) {
  std::string text = ir::plain_text(inlines);
  std::replace(text.begin(), text.end(), '\n', ' ');
  return std::string(trim(text));
}

std::string meta(const ir::Meeting& m, const char* key) {
  auto it = m.metadata.find(key);
  return it == m.metadata.end() ? std::string() : std::string(trim(it->second));
}

// Title, series and date from the first level-1 heading, one of the first headings, the front matter or
// metadata; returns the line that dated the meeting (0 when none did).
int read_title(ir::Meeting& m, const ir::Blocks& blocks, size_t title_index) {
  if (title_index < blocks.size()) m.title = heading_text(blocks[title_index].inlines);
  if (m.title.empty()) m.title = meta(m, "title");

  std::optional<FoundDate> found;
  std::string dated_heading;
  int dated_line = 0;
  if (!m.title.empty() && (found = find_date(m.title))) {
    dated_heading = m.title;
    dated_line = title_index < blocks.size() ? blocks[title_index].line : 1;
  } else {
    // "# SCS SIG Documentation" then "# SIG Documentation on 2023-10-16": one of the first headings holds the date.
    int seen = 0;
    for (const auto& b : blocks) {
      if (b.kind != ir::BlockKind::heading) continue;
      if (++seen > 3) break;
      std::string h = heading_text(b.inlines);
      if ((found = find_date(h))) {
        dated_heading = h;
        dated_line = b.line;
        break;
      }
    }
  }
  if (found) {
    m.date = found->date;
    m.series = series_from_title(dated_heading, *found);
  } else if (auto d = find_date(meta(m, "date"))) {
    m.date = d->date;
  }
  std::string meta_title = meta(m, "title");
  if (m.series.empty() && !meta_title.empty() && meta_title != m.title) {
    auto d = find_date(meta_title);
    m.series = d ? series_from_title(meta_title, *d) : meta_title;
  }
  m.language = meta(m, "lang");
  if (m.language.empty()) m.language = meta(m, "language");
  return dated_line;
}

// Sections nested by heading level; what comes before the first heading is the meeting's own content.
void nest_sections(ir::Meeting& m, ir::Blocks& blocks, size_t title_index) {
  std::vector<ir::Section*> open;
  for (size_t i = 0; i < blocks.size(); ++i) {
    auto& b = blocks[i];
    if (i == title_index) continue;
    if (b.kind == ir::BlockKind::heading) {
      while (!open.empty() && open.back()->level >= b.level) open.pop_back();
      auto& siblings = open.empty() ? m.sections : open.back()->sections;
      ir::Section s;
      s.title = heading_text(b.inlines);
      s.title_inlines = std::move(b.inlines);
      s.level = b.level;
      s.line = b.line;
      siblings.push_back(std::move(s));
      open.push_back(&siblings.back());
      continue;
    }
    (open.empty() ? m.blocks : open.back()->blocks).push_back(std::move(b));
  }
}

}  // namespace

void drop_invisible_in(ir::Meeting& m, std::initializer_list<std::string*> texts, int line, std::string_view what) {
  int dropped = 0;
  for (std::string* text : texts)
    *text = drop_invisible(*text, &dropped);
  if (dropped > 0)
    ir::warn(m, line, 1,
             std::string(what) + " held bidi controls or zero-width characters, which can make it read other than it "
                                 "is; they were dropped");
}

ir::Meeting recognise(ir::Document document) {
  ir::Meeting m;
  m.source = std::move(document.source);
  m.metadata = std::move(document.metadata);
  m.diagnostics = std::move(document.diagnostics);
  bool refused = std::any_of(m.diagnostics.begin(), m.diagnostics.end(),
                             [](const ir::Diagnostic& d) { return d.severity == ir::Severity::error; });
  if (refused) return m;  // a binary file, a parser that failed: nothing to recognise
  ir::Blocks& blocks = document.blocks;
  if (int line = split_mentions(blocks))
    ir::warn(m, line, 1,
             fmt::format("more than {} @handles in one meeting: from here on they are kept as text, not mentions",
                         max_mentions));

  auto title = std::find_if(blocks.begin(), blocks.end(),
                            [](const ir::Block& b) { return b.kind == ir::BlockKind::heading && b.level == 1; });
  size_t title_index = static_cast<size_t>(title - blocks.begin());
  int title_line = title == blocks.end() ? 0 : title->line;
  int dated_line = read_title(m, blocks, title_index);
  drop_invisible_in(m, {&m.title, &m.series}, title_line, "the title");
  nest_sections(m, blocks, title_index);

  std::optional<DateLine> date_line = recognise_meta(m);
  if (date_line) {
    if (!m.date) {
      m.date = date_line->date;
      dated_line = date_line->line;
    } else if (*m.date != date_line->date) {
      ir::warn(m, date_line->line, 1,
               "the date line says " + ir::iso(date_line->date) + " but the title says " + ir::iso(*m.date) +
                   "; the title wins");
    }
  }
  settle_date_with_file_name(m, dated_line);
  if (auto sent = m.metadata.find("mail.date"); !m.date && sent != m.metadata.end()) {
    if (auto found = find_date(std::string_view(sent->second).substr(0, 200))) {
      m.date = found->date;
      ir::warn(m, title_line, 1, "no meeting date in the draft: the e-mail's date " + ir::iso(found->date) + " is used",
               ir::Severity::note);
    }
  }
  if (!m.date) m.date = date_from_folder_name(m.source);  // "hackathons/2024-04-16-arnsberg/notes.md"
  return m;
}

}  // namespace minutes
