// Reads Markdown minutes (CommonMark + GFM tables, front matter, raw HTML) into the meeting IR, on cmark-gfm.
//
// Decisions, for writers and users:
// - YAML front matter goes to Meeting::metadata (nested keys as "a.b", lists joined with ", "); it is never text.
//   Invalid YAML is a warning and the block stays hidden. Keys used: title, date, lang/language.
// - Thematic breaks (`---`, `***`) at the top level and in sections separate slides or topics: they are dropped.
//   Inside list items and quotes they stay as BlockKind::rule. In slide decks (front matter `type: slide` or
//   slideOptions, or `<!-- .slide` comments) lines of only `---`/`----` are slide separators and are removed
//   before parsing, so the line above them is not read as a setext heading.
// - Raw HTML: an HTML block becomes BlockKind::html with `raw` and its visible text as inlines (style, script and
//   comments dropped; <br> and block tags as line breaks; <a href> as links; <img> as images); a block with no
//   visible text is dropped. Inline HTML tags vanish except <br> (line break), <a href> (link), <img> (image).
// - Lists and quotes nested deeper than 64 levels, and inline containers deeper than 32, are flattened into the
//   level above with one warning, so every consumer can recurse safely.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <unordered_set>

#include "converters/core/decode.hpp"
#include "formats/formats.hpp"
#include "formats/markdown/internal.hpp"

namespace minutes::formats {

namespace {

using namespace markdown;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Replaces every byte of [begin, end) except line feeds by nothing, keeping line numbers for cmark.
void blank(std::string& text, size_t begin, size_t end) {
  size_t out = begin;
  for (size_t i = begin; i < end; ++i)
    if (text[i] == '\n') text[out++] = '\n';
  text.erase(out, end - out);
}

// In a slide deck, lines of only `---`/`----` separate slides (reveal.js splits on them before Markdown):
// they become blank lines, so they neither show up nor turn the line above into a setext heading.
void blank_slide_separators(std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool in_fence = false;
  std::string fence;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    size_t stop = nl == std::string::npos ? text.size() : nl;
    std::string_view line(text.data() + pos, stop - pos);
    std::string_view body = line;
    size_t indent = 0;
    while (indent < body.size() && indent < 4 && body[indent] == ' ') ++indent;
    body.remove_prefix(indent);
    if (indent < 4 && (body.starts_with("```") || body.starts_with("~~~"))) {
      std::string mark(body.substr(0, 3));
      if (!in_fence) { in_fence = true; fence = mark; }
      else if (mark == fence) in_fence = false;
    }
    std::string_view bare = trim(line);
    bool separator = !in_fence && indent < 4 && (bare == "---" || bare == "----");
    if (!separator) out.append(line);
    if (nl != std::string::npos) out += '\n';
    pos = stop + 1;
  }
  text = std::move(out);
}

// The cmark-gfm parser with the GitHub extensions the archive uses.
cmark_node* parse(const std::string& text) {
  static std::once_flag registered;  // the extension registry is global and not thread-safe
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  // cmark-gfm switches a global table of special characters per parse: parses must not overlap.
  static std::mutex parsing;
  std::lock_guard lock(parsing);
  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(CMARK_OPT_DEFAULT), &cmark_parser_free);
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist"})
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_parser_feed(parser.get(), text.data(), text.size());
  return cmark_parser_finish(parser.get());
}

std::string heading_text(const ir::Inlines& inlines) {
  std::string text = ir::plain_text(inlines);
  std::replace(text.begin(), text.end(), '\n', ' ');
  return std::string(trim(text));
}

// Removes a leading "Minutes:" (any case) from the first text inline; false when the inlines do not start so.
bool strip_label(ir::Inlines& inlines, std::string_view label) {
  if (inlines.empty() || inlines[0].kind != ir::InlineKind::text) return false;
  std::string_view t = trim(inlines[0].text);
  if (t.size() < label.size() || lower(t.substr(0, label.size())) != label) return false;
  std::string rest(trim(t.substr(label.size())));
  if (rest.empty()) inlines.erase(inlines.begin());
  else inlines[0].text = rest;
  return true;
}

// The handles of a value made only of mentions and separators ("@a, @b and @c"); empty otherwise.
std::vector<std::string> only_mentions(const ir::Inlines& value) {
  std::vector<std::string> handles;
  for (const auto& in : value) {
    if (in.kind == ir::InlineKind::mention) { handles.push_back(in.text); continue; }
    if (in.kind == ir::InlineKind::soft_break) continue;
    if (in.kind != ir::InlineKind::text) return {};
    std::string t = lower(trim(in.text));
    for (std::string_view sep : {",", "and", "&", "/", "+"})
      if (t == sep) t.clear();
    if (!t.empty()) return {};
  }
  return handles;
}

// Names in a free-text value: "Jonas", "Anna, Bob", "@a and Bob" (mentions as handles).
std::vector<std::string> names(const ir::Inlines& value) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    std::string_view n = trim(current);
    while (!n.empty() && (n.back() == '.' || n.back() == ';')) n.remove_suffix(1);
    if (n.starts_with("and ")) n.remove_prefix(4);
    n = trim(n);
    if (!n.empty()) out.emplace_back(n);
    current.clear();
  };
  for (const auto& in : value) {
    if (in.kind == ir::InlineKind::mention) { current += in.text; continue; }
    std::string t = ir::plain_text(ir::Inlines{in});
    for (char c : t) {
      if (c == ',' || c == '\n' || c == ';') flush();
      else current += c;
    }
  }
  flush();
  return out;
}

// Splits a paragraph's inlines at its first line end: (first line, the rest).
std::pair<ir::Inlines, ir::Inlines> first_line(const ir::Inlines& inlines) {
  auto it = std::find_if(inlines.begin(), inlines.end(), [](const ir::Inline& in) {
    return in.kind == ir::InlineKind::soft_break || in.kind == ir::InlineKind::line_break;
  });
  ir::Inlines head(inlines.begin(), it), rest;
  if (it != inlines.end()) rest.assign(it + 1, inlines.end());
  return {std::move(head), std::move(rest)};
}

bool is_meta(const ir::Section& s) { return lower(s.title) == "meta"; }

// "Minutes: <url> (status)" / "Minutes: None" right under a heading; "Minutes: @scribe" under Meta.
void read_minutes_line(ir::Meeting& m, ir::Section& s) {
  if (s.blocks.empty() || s.blocks[0].kind != ir::BlockKind::paragraph) return;
  auto [value, rest] = first_line(s.blocks[0].inlines);
  if (!strip_label(value, "minutes:")) return;
  auto handles = only_mentions(value);
  bool has_link = std::any_of(value.begin(), value.end(), [](const ir::Inline& in) { return in.kind == ir::InlineKind::link; });
  if (!handles.empty()) {
    m.scribes.insert(m.scribes.end(), handles.begin(), handles.end());
  } else if (is_meta(s) && !has_link) {
    for (auto& n : names(value)) m.scribes.push_back(std::move(n));
  } else {
    ir::MinutesRef ref;
    ir::Inlines status;
    for (auto& in : value) {
      if (in.kind == ir::InlineKind::link && ref.url.empty()) ref.url = in.url;
      else status.push_back(in);
    }
    std::string status_text = ir::plain_text(status);
    std::string_view st = trim(status_text);
    while (!st.empty() && (st.back() == ':' || st.back() == '-')) st = trim(st.substr(0, st.size() - 1));
    if (st.size() >= 2 && st.front() == '(' && st.back() == ')' && st.find(')') == st.size() - 1) st = trim(st.substr(1, st.size() - 2));
    ref.status = std::string(st);
    s.minutes = std::move(ref);
  }
  if (rest.empty()) s.blocks.erase(s.blocks.begin());
  else s.blocks[0].inlines = std::move(rest);
}

// "- Minutes: Jonas" items under Meta name the scribe too (the item stays as content).
void read_meta_items(ir::Meeting& m, const ir::Section& s) {
  if (!is_meta(s)) return;
  for (const auto& b : s.blocks) {
    if (b.kind != ir::BlockKind::list) continue;
    for (const auto& item : b.items) {
      if (item.blocks.empty() || item.blocks[0].kind != ir::BlockKind::paragraph) continue;
      auto value = first_line(item.blocks[0].inlines).first;
      if (!strip_label(value, "minutes:")) continue;
      for (auto& n : names(value)) m.scribes.push_back(std::move(n));
    }
  }
}

bool is_participants_title(std::string_view title) {
  std::string t = lower(trim(title));
  return t.starts_with("participants") || t.starts_with("attendees") || t.starts_with("teilnehmer");
}

// One participant from a list item: its leading @handle, else the item's first line.
void add_participant(ir::Meeting& m, const ir::ListItem& item) {
  if (item.blocks.empty() || item.blocks[0].kind != ir::BlockKind::paragraph) return;
  auto line = first_line(item.blocks[0].inlines).first;
  for (const auto& in : line) {
    if (in.kind == ir::InlineKind::mention) { m.participants.push_back(in.text); return; }
    if (in.kind != ir::InlineKind::text || !trim(in.text).empty()) break;
  }
  std::string text(trim(ir::plain_text(line)));
  if (!text.empty()) m.participants.push_back(std::move(text));
}

// Participants from a "Participants"/"Attendees" section's lists, or "Participants: a, b" lines.
void read_participants(ir::Meeting& m, const ir::Blocks& blocks, bool in_section) {
  for (size_t i = 0; i < blocks.size(); ++i) {
    const auto& b = blocks[i];
    if (in_section && b.kind == ir::BlockKind::list) {
      for (const auto& item : b.items) add_participant(m, item);
    } else if (b.kind == ir::BlockKind::paragraph) {
      auto value = first_line(b.inlines).first;
      if (!strip_label(value, "participants:") && !strip_label(value, "attendees:")) continue;
      if (value.empty() && i + 1 < blocks.size() && blocks[i + 1].kind == ir::BlockKind::list) {
        for (const auto& item : blocks[i + 1].items) add_participant(m, item);
        ++i;
      } else {
        for (auto& n : names(value)) m.participants.push_back(n.starts_with('@') ? n.substr(1) : n);
      }
    }
  }
}

void walk_sections(ir::Meeting& m, std::vector<ir::Section>& sections) {
  for (auto& s : sections) {
    read_minutes_line(m, s);
    read_meta_items(m, s);
    read_participants(m, s.blocks, is_participants_title(s.title));
    walk_sections(m, s.sections);  // at most six levels deep
  }
}

void dedupe(std::vector<std::string>& v) {
  std::unordered_set<std::string> seen;
  std::vector<std::string> out;
  for (auto& s : v)
    if (seen.insert(s).second) out.push_back(std::move(s));
  v = std::move(out);
}

// Title, series and date from the first level-1 heading, front matter, or the file name.
void read_title(ir::Meeting& m, const std::vector<TopBlock>& top, size_t title_index) {
  auto meta = [&](const char* key) -> std::string {
    auto it = m.metadata.find(key);
    return it == m.metadata.end() ? std::string() : std::string(trim(it->second));
  };
  if (title_index < top.size()) m.title = heading_text(top[title_index].inlines);
  if (m.title.empty()) m.title = meta("title");

  std::optional<FoundDate> found;
  std::string dated_heading;
  int dated_line = 0;
  if (!m.title.empty() && (found = find_date(m.title))) {
    dated_heading = m.title;
    dated_line = title_index < top.size() ? top[title_index].line : 1;
  } else {
    // "# SCS SIG Documentation" then "# SIG Documentation on 2023-10-16": one of the first headings holds the date.
    int seen = 0;
    for (const auto& t : top) {
      if (!t.heading) continue;
      if (++seen > 3) break;
      std::string h = heading_text(t.inlines);
      if ((found = find_date(h))) { dated_heading = h; dated_line = t.line; break; }
    }
  }
  if (found) {
    m.date = found->date;
    m.series = series_from_title(dated_heading, *found);
  } else if (auto d = find_date(meta("date"))) {
    m.date = d->date;
  }
  if (m.series.empty() && !meta("title").empty() && meta("title") != m.title) {
    auto t = meta("title");
    auto d = find_date(t);
    m.series = d ? series_from_title(t, *d) : t;
  }
  settle_date_with_file_name(m, dated_line);
  m.language = meta("lang");
  if (m.language.empty()) m.language = meta("language");
}

}  // namespace

ir::Meeting read_markdown(std::string_view bytes, const ReadOptions& options) {
  ir::Meeting m;
  m.source = options.source;
  try {
    Decoded decoded = decode(bytes, options.source);
    for (auto& d : decoded.diagnostics) {
      d.file = options.source;
      m.diagnostics.push_back(std::move(d));
    }
    if (decoded.binary) return m;
    std::string& text = decoded.text;

    FrontMatter fm = read_front_matter(text);
    if (fm.present) {
      blank(text, 0, fm.end);
      m.metadata = std::move(fm.values);
    }
    if (!fm.error.empty()) ir::warn(m, fm.error_line, 0, fm.error);
    if (fm.slides || text.find("<!-- .slide") != std::string::npos) blank_slide_separators(text);
    if (auto guard = guard_tables(text); guard.count > 0)
      ir::warn(m, guard.first_line, 0,
               std::to_string(guard.count) +
                   " place(s) with too much markup to parse quickly (a huge table, thousands of '[' or '|') are read as text");

    std::vector<TopBlock> top;
    {
      std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(parse(text), &cmark_node_free);
      if (!doc) {
        ir::warn(m, 0, 0, "the Markdown parser failed", ir::Severity::error);
        return m;
      }
      top = convert_tree(doc.get(), m);
    }

    size_t title_index = top.size();
    for (size_t i = 0; i < top.size(); ++i)
      if (top[i].heading && top[i].level == 1) { title_index = i; break; }
    read_title(m, top, title_index);

    // Sections nested by heading level; slide/section separators (top-level rules) are not content.
    std::vector<ir::Section*> open;
    for (size_t i = 0; i < top.size(); ++i) {
      auto& t = top[i];
      if (i == title_index) continue;
      if (t.heading) {
        while (!open.empty() && open.back()->level >= t.level) open.pop_back();
        auto& siblings = open.empty() ? m.sections : open.back()->sections;
        ir::Section s;
        s.title = heading_text(t.inlines);
        s.title_inlines = std::move(t.inlines);
        s.level = t.level;
        s.line = t.line;
        siblings.push_back(std::move(s));
        open.push_back(&siblings.back());
        continue;
      }
      if (t.block.kind == ir::BlockKind::rule) continue;
      (open.empty() ? m.blocks : open.back()->blocks).push_back(std::move(t.block));
    }

    read_participants(m, m.blocks, false);
    walk_sections(m, m.sections);
    dedupe(m.scribes);
    dedupe(m.participants);
  } catch (const std::exception& e) {  // only std::bad_alloc in practice; a reader never throws
    ir::warn(m, 0, 0, std::string("the Markdown reader failed: ") + e.what(), ir::Severity::error);
  }
  return m;
}

}  // namespace minutes::formats
