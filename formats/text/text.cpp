// The plain-text reader: recovers a meeting (title, meta lines, sections, lists) from an etherpad
// export, an e-mail or a notepad draft, into the same IR the Markdown reader produces.
#include <algorithm>
#include <cctype>

#include "converters/core/decode.hpp"
#include "formats/formats.hpp"
#include "formats/text/internal.hpp"

namespace minutes::formats {

namespace {

using text::Heading;
using text::Line;
using text::iequals;

// What a "Key: value" line means.
enum class MetaKind { none, date, minutes, scribe, participants };

// A recognised "Key: value" line.
struct Meta {
  MetaKind kind = MetaKind::none;
  std::string_view value;
};

// Recognises "Date:", "Minutes:", "Scribe:", "Participants:", "Attendees:" (and a few synonyms) with a value.
Meta meta_of(const Line& l) {
  if (l.blank || l.in_code || l.marker) return {};
  std::string_view t = l.text();
  size_t colon = t.find(':');
  if (colon == std::string_view::npos || colon > 24) return {};
  std::string_view key = text::trim(t.substr(0, colon));
  std::string_view value = text::trim(t.substr(colon + 1));
  if (value.empty()) return {};
  static constexpr std::pair<std::string_view, MetaKind> keys[] = {
      {"date", MetaKind::date},           {"datum", MetaKind::date},
      {"minutes", MetaKind::minutes},     {"scribe", MetaKind::scribe},
      {"scribes", MetaKind::scribe},      {"protokoll", MetaKind::scribe},
      {"note taker", MetaKind::scribe},   {"notes by", MetaKind::scribe},
      {"participants", MetaKind::participants}, {"attendees", MetaKind::participants},
      {"present", MetaKind::participants},      {"teilnehmer", MetaKind::participants},
      {"teilnehmende", MetaKind::participants}};
  for (const auto& [name, kind] : keys) {
    if (!iequals(key, name)) continue;
    if (kind == MetaKind::date && !text::find_date(value.substr(0, 200))) return {};
    return {kind, value};
  }
  return {};
}

// E-mail header names that may open a draft sent by mail.
bool is_mail_header(std::string_view key) {
  for (std::string_view h : {"from", "to", "cc", "bcc", "subject", "date", "sent", "reply-to", "message-id", "betreff", "von", "an"})
    if (iequals(key, h)) return true;
  return false;
}

// Strips "Re:", "Fwd:", "AW:", "WG:" from an e-mail subject.
std::string_view strip_reply_prefixes(std::string_view s) {
  for (bool again = true; again;) {
    again = false;
    s = text::trim(s);
    for (std::string_view p : {"re:", "fwd:", "fw:", "aw:", "wg:"})
      if (s.size() >= p.size() && iequals(s.substr(0, p.size()), p)) {
        s.remove_prefix(p.size());
        again = true;
      }
  }
  return s;
}

// Nests a flat run of sections by level, as Markdown headings nest.
std::vector<ir::Section> nest(std::vector<ir::Section>& flat, size_t& i, int parent_level) {
  std::vector<ir::Section> out;
  while (i < flat.size() && flat[i].level > parent_level) {
    ir::Section s = std::move(flat[i++]);
    s.sections = nest(flat, i, s.level);
    out.push_back(std::move(s));
  }
  return out;
}

bool is_meta_section(std::string_view title) {
  return iequals(title, "meta") || iequals(title, "metadata") || iequals(title, "organisation") || iequals(title, "organization");
}

bool is_participants_section(std::string_view title) {
  for (std::string_view n : {"participants", "attendees", "present", "teilnehmer"})
    if (title.size() >= n.size() && iequals(title.substr(0, n.size()), n)) return true;
  return false;
}

// Appends names without duplicates (at most 1000, so that a huge list cannot make this quadratic).
void add_names(std::vector<std::string>& to, const std::vector<std::string>& names) {
  for (const auto& n : names)
    if (to.size() < 1000 && std::find(to.begin(), to.end(), n) == to.end()) to.push_back(n);
}

// The handles of a value made only of mentions and separators ("@a, @b"); empty otherwise.
std::vector<std::string> only_mentions(const ir::Inlines& value) {
  std::vector<std::string> handles;
  for (const auto& in : value) {
    if (in.kind == ir::InlineKind::mention) { handles.push_back(in.text); continue; }
    if (in.kind != ir::InlineKind::text) return {};
    std::string_view t = text::trim(in.text);
    if (!t.empty() && t != "," && t != "and" && t != "&" && t != "/" && t != "+" && t != ";") return {};
  }
  return handles;
}

// A "Minutes:" value as a section's minutes: the first link, and the rest as status ("Not merged yet").
ir::MinutesRef minutes_ref(const ir::Inlines& value) {
  ir::MinutesRef ref;
  ir::Inlines status;
  for (const auto& in : value) {
    if (in.kind == ir::InlineKind::link && ref.url.empty()) ref.url = in.url;
    else status.push_back(in);
  }
  std::string status_text = ir::plain_text(status);
  std::string_view st = text::trim(status_text);
  while (!st.empty() && (st.back() == ':' || st.back() == '-')) st = text::trim(st.substr(0, st.size() - 1));
  if (st.size() >= 2 && st.front() == '(' && st.back() == ')' && st.find(')') == st.size() - 1)
    st = text::trim(st.substr(1, st.size() - 2));
  ref.status = std::string(st);
  return ref;
}

// One participant from a list item, as Markdown reads it: its leading @handle, else its first line.
void add_participant(ir::Meeting& m, const ir::ListItem& item) {
  if (item.blocks.empty() || item.blocks[0].kind != ir::BlockKind::paragraph) return;
  const auto& inlines = item.blocks[0].inlines;
  for (const auto& in : inlines) {
    if (in.kind == ir::InlineKind::mention) { add_names(m.participants, {in.text}); return; }
    if (in.kind != ir::InlineKind::text || !text::trim(in.text).empty()) break;
  }
  ir::Inlines first;
  for (const auto& in : inlines) {
    if (in.kind == ir::InlineKind::soft_break || in.kind == ir::InlineKind::line_break) break;
    first.push_back(in);
  }
  std::string t(text::trim(ir::plain_text(first)));
  if (!t.empty()) add_names(m.participants, {t});
}

// "- Minutes: Jonas" items under Meta name the scribe too (the item stays).
void read_meta_items(ir::Meeting& m, const ir::Blocks& blocks) {
  for (const auto& b : blocks) {
    if (b.kind != ir::BlockKind::list) continue;
    for (const auto& item : b.items) {
      std::string t = ir::item_text(item);
      std::string_view v = t;
      v = v.substr(0, v.find('\n'));
      if (v.size() > 8 && iequals(v.substr(0, 8), "minutes:")) add_names(m.scribes, text::split_names(v.substr(8)));
    }
  }
}

}  // namespace

ir::Meeting read_text(std::string_view bytes, const ReadOptions& options) {
  ir::Meeting m;
  m.source = options.source;
  Decoded decoded = decode(bytes, options.source, {.detect_legacy = true});
  m.diagnostics = std::move(decoded.diagnostics);
  if (decoded.binary) return m;
  if (decoded.encoding != "UTF-8") m.metadata["encoding"] = decoded.encoding;

  std::vector<Line> lines = text::classify_lines(decoded.text);
  size_t k = 0;
  while (k < lines.size() && lines[k].blank) ++k;

  // E-mail headers (From:, To:, Subject: ...) up to the first blank line: metadata, the subject is the title.
  std::string title;
  int title_line = 0;
  {
    size_t j = k;
    bool mail = false;
    for (; j < lines.size() && !lines[j].blank; ++j) {
      std::string_view t = lines[j].text();
      if (lines[j].indent > 0 && j > k) continue;  // a folded header line
      size_t colon = t.find(':');
      if (colon == std::string_view::npos || !is_mail_header(t.substr(0, colon))) break;
      std::string_view key = t.substr(0, colon);
      if (iequals(key, "from") || iequals(key, "to") || iequals(key, "subject") || iequals(key, "betreff")) mail = true;
    }
    if (mail && (j == lines.size() || lines[j].blank)) {
      for (size_t h = k; h < j; ++h) {
        std::string_view t = lines[h].text();
        size_t colon = t.find(':');
        if (colon == std::string_view::npos) continue;
        std::string key(t.substr(0, colon));
        std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
        std::string_view value = text::trim(t.substr(colon + 1));
        if (key == "subject" || key == "betreff") {
          title = std::string(strip_reply_prefixes(value));
          title_line = lines[h].number;
        }
        m.metadata["mail." + key] = std::string(value);
      }
      k = j;
      while (k < lines.size() && lines[k].blank) ++k;
    }
  }

  // Metadata lines anywhere: kept as their own paragraphs, read below with their section.
  for (auto& l : lines) l.standalone = meta_of(l).kind != MetaKind::none;

  // The title: the first non-empty line (a "# " or underline is part of it), unless it is a meta line or a list item.
  if (title.empty() && k < lines.size() && !lines[k].standalone && !lines[k].marker && !lines[k].in_code &&
      !text::is_rule(lines[k].text()) && text::display_width(lines[k].text()) <= 200) {
    std::string_view t = text::trim(lines[k].text());
    if (t.starts_with('#')) t = text::trim(t.substr(std::min(t.find_first_not_of('#'), t.size())));
    title = std::string(t);
    title_line = lines[k].number;
    ++k;
    if (k < lines.size() && (text::is_underline(lines[k].raw, '=') || text::is_underline(lines[k].raw, '-'))) ++k;
  }
  m.title = title;
  if (auto found = text::find_date(std::string_view(title).substr(0, 300))) {
    m.date = found->date;
    m.series = text::series_from_title(title, *found);
  }

  // Headings, then the blocks between them.
  std::vector<Heading> headings = text::find_headings(lines, k, lines.size());
  std::vector<ir::Section> flat;
  flat.reserve(headings.size());
  std::optional<ir::Date> date_line;
  int date_line_number = 0;

  auto read_meta = [&](size_t begin, size_t end, ir::Section* section) {  // before build_blocks: may consume a line
    bool first = true;
    for (size_t i = begin; i < end; ++i) {
      const Line& l = lines[i];
      if (l.blank) continue;
      bool first_line = first;
      first = false;
      if (!l.standalone) continue;
      Meta meta = meta_of(l);
      std::string_view value = meta.value;
      switch (meta.kind) {
        case MetaKind::date:
          if (!date_line) {
            date_line = text::find_date(value.substr(0, 200))->date;
            date_line_number = l.number;
          }
          break;
        case MetaKind::scribe: add_names(m.scribes, text::split_names(value)); break;
        case MetaKind::participants: add_names(m.participants, text::split_names(value)); break;
        case MetaKind::minutes: {
          // As in Markdown: only mentions -> scribes; under Meta (or before any section) without a link ->
          // scribes; right under a heading -> that section's minutes link and status (the line is consumed).
          auto inlines = text::parse_inlines(value, l.number, 1);
          auto handles = only_mentions(inlines);
          bool has_link = std::any_of(inlines.begin(), inlines.end(), [](const ir::Inline& in) { return in.kind == ir::InlineKind::link; });
          bool meta_place = section == nullptr || is_meta_section(section->title);
          if (!handles.empty()) {
            add_names(m.scribes, handles);
          } else if (meta_place && !has_link) {
            add_names(m.scribes, text::split_names(value));
          } else if (section != nullptr && first_line) {
            section->minutes = minutes_ref(inlines);
          } else {
            break;
          }
          if (section != nullptr && first_line) lines[i].consumed = true;
          break;
        }
        case MetaKind::none: break;
      }
    }
  };

  size_t preamble_end = headings.empty() ? lines.size() : headings.front().index;
  read_meta(k, preamble_end, nullptr);
  m.blocks = text::build_blocks(lines, k, preamble_end, m);
  for (size_t h = 0; h < headings.size(); ++h) {
    const Heading& hd = headings[h];
    size_t end = h + 1 < headings.size() ? headings[h + 1].index : lines.size();
    ir::Section s;
    s.title = std::string(hd.title);
    s.title_inlines = text::parse_inlines(hd.title, lines[hd.index].number, hd.column);
    s.level = hd.level;
    s.line = lines[hd.index].number;
    read_meta(hd.next, end, &s);
    s.blocks = text::build_blocks(lines, hd.next, end, m);
    if (is_participants_section(s.title))
      for (const auto& b : s.blocks)
        if (b.kind == ir::BlockKind::list)
          for (const auto& item : b.items) add_participant(m, item);
    if (is_meta_section(s.title)) read_meta_items(m, s.blocks);
    flat.push_back(std::move(s));
  }
  size_t i = 0;
  m.sections = nest(flat, i, 0);

  if (date_line) {
    if (!m.date) {
      m.date = date_line;
    } else if (*m.date != *date_line) {
      ir::warn(m, date_line_number, 1,
               "the date line says " + ir::iso(*date_line) + " but the title says " + ir::iso(*m.date) + "; the title wins");
    }
  }
  settle_date_with_file_name(m, title_line);
  if (auto sent = m.metadata.find("mail.date"); !m.date && sent != m.metadata.end()) {
    if (auto found = text::find_date(std::string_view(sent->second).substr(0, 200))) {
      m.date = found->date;
      ir::warn(m, title_line, 1, "no meeting date in the draft: the e-mail's date " + ir::iso(found->date) + " is used",
               ir::Severity::note);
    }
  }
  return m;
}

}  // namespace minutes::formats
