// The plain-text reader: the syntax of an etherpad export, an e-mail or a notepad draft (title line, headings,
// lists, paragraphs) as a document, like the Markdown reader's, for recognition to read the meeting from.
#include <algorithm>

#include "converters/core/decode.hpp"
#include "converters/core/recognise.hpp"
#include "formats/common/bounds.hpp"
#include "formats/formats.hpp"
#include "formats/text/internal.hpp"

namespace minutes::formats {

namespace {

using text::Heading;
using text::Line;

// E-mail header names that may open a draft sent by mail.
bool is_mail_header(std::string_view key) {
  for (std::string_view h :
       {"from", "to", "cc", "bcc", "subject", "date", "sent", "reply-to", "message-id", "betreff", "von", "an"})
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

// A heading block: the title of a draft, or one of its section headings.
ir::Block heading(int level, std::string_view title, int line, int column) {
  ir::Block h;
  h.kind = ir::BlockKind::heading;
  h.level = level;
  h.line = line;
  h.column = column;
  h.inlines = text::parse_inlines(title, line, column);
  return h;
}

// E-mail headers (From:, To:, Subject: ...) from line k up to the first blank line go to metadata["mail.<name>"],
// the subject (without "Re:") is the title. Returns the first line after them (k when there are none).
size_t read_mail_headers(const std::vector<Line>& lines, size_t k, ir::Document& doc) {
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
  if (!mail || (j < lines.size() && !lines[j].blank)) return k;
  for (size_t h = k; h < j; ++h) {
    std::string_view t = lines[h].text();
    size_t colon = t.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = minutes::lower(t.substr(0, colon));
    std::string_view value = text::trim(t.substr(colon + 1));
    if ((key == "subject" || key == "betreff") && doc.blocks.empty() && !strip_reply_prefixes(value).empty()) {
      std::string_view subject = strip_reply_prefixes(value);
      int column =
          1 + text::display_width(t.substr(0, static_cast<size_t>(subject.data() - t.data()))) + lines[h].indent;
      doc.blocks.push_back(heading(1, subject, lines[h].number, column));
    }
    doc.metadata["mail." + key] = std::string(value);
  }
  while (j < lines.size() && lines[j].blank) ++j;
  return j;
}

ir::Document read(std::string_view bytes, const ReadOptions& options) {
  ir::Document doc;
  doc.source = options.source;
  Decoded decoded = decode(bytes, options.source, {.detect_legacy = true});
  doc.diagnostics = std::move(decoded.diagnostics);
  if (decoded.binary) return doc;
  if (decoded.encoding != "UTF-8") doc.metadata["encoding"] = decoded.encoding;

  // Past the budget of structure (or a line too long to scan), the rest of the draft is plain paragraphs.
  std::string rest;
  int rest_line = 0;
  if (size_t cut = structure_cut(decoded.text); cut != std::string::npos) {
    rest_line = 1 + static_cast<int>(std::count(decoded.text.begin(), decoded.text.begin() + cut, '\n'));
    rest = decoded.text.substr(cut);
    decoded.text.resize(cut);
  }
  std::vector<Line> lines = text::classify_lines(decoded.text);
  size_t k = 0;
  while (k < lines.size() && lines[k].blank) ++k;
  k = read_mail_headers(lines, k, doc);
  bool titled = !doc.blocks.empty();

  // "Key: value" lines (Minutes:, Scribe:, Date: ... as recognition reads them) are paragraphs of their own.
  for (auto& l : lines) l.standalone = !l.blank && !l.in_code && !l.marker && is_meta_line(l.text());

  // The title: the first non-empty line (a "# " or underline is part of it), unless it is a meta line or a list item.
  if (!titled && k < lines.size() && !lines[k].standalone && !lines[k].marker && !lines[k].in_code &&
      !text::is_rule(lines[k].text()) && text::display_width(lines[k].text()) <= 200) {
    std::string_view raw = lines[k].raw;
    std::string_view t = text::trim(lines[k].text());
    if (t.starts_with('#')) t = text::trim(t.substr(std::min(t.find_first_not_of('#'), t.size())));
    int column = 1 + text::display_width(raw.substr(0, static_cast<size_t>(t.data() - raw.data())));
    doc.blocks.push_back(heading(1, t, lines[k].number, column));
    ++k;
    if (k < lines.size() && (text::is_underline(lines[k].raw, '=') || text::is_underline(lines[k].raw, '-'))) ++k;
  }

  // Headings, then the blocks between them.
  std::vector<Heading> headings = text::find_headings(lines, k, lines.size());
  auto append = [&](size_t begin, size_t end) {
    ir::Blocks blocks = text::build_blocks(lines, begin, end);
    doc.blocks.insert(doc.blocks.end(), std::make_move_iterator(blocks.begin()), std::make_move_iterator(blocks.end()));
  };
  append(k, headings.empty() ? lines.size() : headings.front().index);
  for (size_t h = 0; h < headings.size(); ++h) {
    const Heading& hd = headings[h];
    doc.blocks.push_back(heading(hd.level, hd.title, lines[hd.index].number, hd.column));
    append(hd.next, h + 1 < headings.size() ? headings[h + 1].index : lines.size());
  }
  if (rest_line > 0) {
    ir::warn(doc, rest_line, 1, plain_from_here());
    ir::Blocks plain = plain_paragraphs(rest, rest_line);
    doc.blocks.insert(doc.blocks.end(), std::make_move_iterator(plain.begin()), std::make_move_iterator(plain.end()));
  }
  return doc;
}

}  // namespace

ir::Document read_text(std::string_view bytes, const ReadOptions& options) {
  try {
    return read(bytes, options);
  } catch (const std::exception& e) {  // only std::bad_alloc in practice; a reader never throws
    ir::Document doc;
    doc.source = options.source;
    ir::warn(doc, 0, 0, std::string("the text reader failed: ") + e.what(), ir::Severity::error);
    return doc;
  }
}

}  // namespace minutes::formats
