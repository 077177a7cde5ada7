// Writes one meeting's sections, blocks and inlines as ODF text elements (content.xml body), element by element.
#include <fmt/format.h>

#include <algorithm>

#include "formats/common/image.hpp"
#include "formats/common/report_summary.hpp"
#include "formats/common/text.hpp"
#include "formats/common/url.hpp"
#include "formats/odt/internal.hpp"

namespace minutes::formats::odt {

namespace {

constexpr int max_outline_level = 10;

// A link inline with plain text.
ir::Inline link_to(const std::string& url, const std::string& label) {
  ir::Inline text;
  text.text = label;
  ir::Inline link;
  link.kind = ir::InlineKind::link;
  link.url = url;
  link.children.push_back(std::move(text));
  return link;
}

}  // namespace

void open_heading(XmlWriter& w, int level, const char* style) {
  w.open("text:h");
  if (style)
    w.attr("text:style-name", style);
  else
    w.attr("text:style-name", fmt::format("Heading_20_{}", std::clamp(level, 1, 4)));
  w.attr("text:outline-level", std::clamp(level, 1, max_outline_level));
}

void open_table(XmlWriter& w, const std::string& name, size_t columns) {
  w.open("table:table").attr("table:name", name).attr("table:style-name", "minutes-table");
  w.open("table:table-column");
  if (columns > 1) w.attr("table:number-columns-repeated", static_cast<unsigned>(columns));
  w.close();
}

void open_cell(XmlWriter& w, bool header, ir::Align align) {
  w.open("table:table-cell")
      .attr("table:style-name", header ? "minutes-header-cell" : "minutes-cell")
      .attr("office:value-type", "string");
  const char* style = header ? "Table_20_Heading" : "Table_20_Contents";
  if (align == ir::Align::center) style = header ? "minutes-heading-center" : "minutes-contents-center";
  if (align == ir::Align::right) style = header ? "minutes-heading-right" : "minutes-contents-right";
  w.open("text:p").attr("text:style-name", style);
}

std::string automatic_styles(const pugi::xml_document& styles) {
  struct Raw : pugi::xml_writer {
    XmlWriter& w;
    explicit Raw(XmlWriter& x) : w(x) {}
    void write(const void* data, size_t size) override { w.raw(std::string_view(static_cast<const char*>(data), size)); }
  };
  XmlWriter w;
  auto named = styles.document_element().child("office:styles");
  const std::pair<const char*, const char*> copies[] = {{"Table", "minutes-table"},
                                                        {"Table_20_Cell", "minutes-cell"},
                                                        {"Table_20_Header_20_Cell", "minutes-header-cell"}};
  for (const auto& [from, to] : copies) {
    pugi::xml_node source;
    for (auto s : named.children("style:style"))
      if (std::string_view(s.attribute("style:name").value()) == from) source = s;
    w.open("style:style")
        .attr("style:name", to)
        .attr("style:family", std::string_view(to) == "minutes-table" ? "table" : "table-cell");
    Raw raw(w);
    for (auto props : source.children()) props.print(raw, "", pugi::format_raw, pugi::encoding_utf8);
    w.close();
  }
  for (const char* parent : {"Table_20_Contents", "Table_20_Heading"}) {
    for (const char* align : {"center", "right"}) {
      w.open("style:style")
          .attr("style:name", fmt::format("minutes-{}-{}",
                                          std::string_view(parent) == "Table_20_Heading" ? "heading" : "contents", align))
          .attr("style:family", "paragraph")
          .attr("style:parent-style-name", parent);
      w.open("style:paragraph-properties").attr("fo:text-align", std::string_view(align) == "right" ? "end" : "center");
      w.close().close();
    }
  }
  return w.take();
}

std::string Body::safe(std::string_view s) { return clean_text(s, &sink_.dropped); }

void Body::note(int line, std::string message) {
  sink_.diagnostics.push_back({ir::Severity::note, meeting_.source, line, 0, std::move(message)});
}

void Body::open_paragraph(const char* style) {
  w_.open("text:p").attr("text:style-name", style);
  if (!check_box_.empty()) {
    w_.text(check_box_);
    check_box_ = {};
  }
}

void Body::text(std::string_view s) {
  if (s.empty()) return;
  std::string clean = safe(s);
  // Line ends inside inline text are spaces in ODF anyway; write them as spaces so the XML says so.
  std::replace(clean.begin(), clean.end(), '\n', ' ');
  std::replace(clean.begin(), clean.end(), '\t', ' ');
  w_.text(clean);  // empty text still opens the element ("<x></x>"), as an empty text node did
}

void Body::literal(std::string_view s) {
  std::string clean = safe(s);
  std::string run;
  bool written = false;  // anything in the element yet (it has nothing when called)
  auto flush = [&] {
    if (!run.empty()) {
      w_.text(run);
      written = true;
    }
    run.clear();
  };
  for (size_t i = 0; i < clean.size();) {
    char c = clean[i];
    if (c == ' ') {
      size_t n = 1;
      while (i + n < clean.size() && clean[i + n] == ' ') ++n;
      bool at_start = run.empty() && !written;
      if (n == 1 && !at_start) {
        run.push_back(' ');
      } else {
        flush();
        w_.open("text:s");
        if (n > 1) w_.attr("text:c", static_cast<unsigned>(n));
        w_.close();
        written = true;
      }
      i += n;
    } else if (c == '\t') {
      flush();
      w_.leaf("text:tab");
      written = true;
      ++i;
    } else if (c == '\n') {
      flush();
      w_.leaf("text:line-break");
      written = true;
      ++i;
    } else {
      run.push_back(c);
      ++i;
    }
  }
  flush();
}

void Body::inlines(const ir::Inlines& in, bool in_link) {
  for (const auto& i : in) {
    switch (i.kind) {
      case ir::InlineKind::text: text(i.text); break;
      case ir::InlineKind::emphasis:
      case ir::InlineKind::strong:
      case ir::InlineKind::strikethrough: {
        w_.open("text:span").attr("text:style-name", i.kind == ir::InlineKind::emphasis ? "Emphasis"
                                                     : i.kind == ir::InlineKind::strong ? "Strong_20_Emphasis"
                                                                                        : "Strikethrough");
        inlines(i.children, in_link);
        w_.close();
        break;
      }
      case ir::InlineKind::code: {
        w_.open("text:span").attr("text:style-name", "Source_20_Text");
        literal(i.text);
        w_.close();
        break;
      }
      case ir::InlineKind::link: link(i, in_link); break;
      case ir::InlineKind::image: image(i, in_link); break;
      case ir::InlineKind::mention: {
        w_.open("text:span").attr("text:style-name", "Mention");
        text("@" + i.text);
        w_.close();
        break;
      }
      case ir::InlineKind::line_break: w_.leaf("text:line-break"); break;
      case ir::InlineKind::soft_break: text(" "); break;
    }
  }
}

void Body::link(const ir::Inline& i, bool in_link) {
  std::string href = safe_url(safe(i.url));
  if (href.empty() && !i.url.empty())
    note(i.line, fmt::format("link '{}' kept as text: its URL scheme is not allowed",
                             clean_text(std::string_view(i.url).substr(0, 60))));
  if (in_link || href.empty()) {  // ODF links cannot nest
    inlines(i.children, in_link);
    return;
  }
  w_.open("text:a").attr("xlink:type", "simple").attr("xlink:href", href);
  if (!i.title.empty()) w_.attr("office:title", safe(i.title));
  w_.attr("text:style-name", "Internet_20_link").attr("text:visited-style-name", "Visited_20_Internet_20_Link");
  if (i.children.empty())
    text(i.url);
  else
    inlines(i.children, true);
  w_.close();
}

void Body::image(const ir::Inline& img, bool in_link) {
  std::string alt = img.text.empty() ? img.title : img.text;
  auto loaded = load_image(sink_.context, img.url, meeting_.source);
  if (!loaded.image) {
    // Not embeddable: a link to it with the alt text, never an empty frame. A remote picture is linked by design
    // (a writer never fetches); a local one that cannot be read is worth a note.
    if (!loaded.why.empty())
      note(img.line, fmt::format("image '{}' not embedded: it {}; linked instead", clean_text(img.url), loaded.why));
    inlines({link_to(img.url, alt.empty() ? img.url : alt)}, in_link);
    return;
  }
  auto& picture = *loaded.image;
  auto found = sink_.picture_by_key.find(picture.key);
  std::string name;
  if (found != sink_.picture_by_key.end()) {
    name = found->second;
  } else {
    name = fmt::format("Pictures/minutes-{}.{}", sink_.pictures.size() + 1, picture.kind.ext);
    sink_.pictures.push_back({name, picture.kind.media_type, std::move(picture.bytes)});
    sink_.picture_by_key.emplace(picture.key, name);
  }
  // 96 dpi, at most the text width (16.6 cm) and 20 cm high.
  auto [width, height] = shown_size(picture.kind, img.width, img.height);
  double wcm = width * 2.54 / 96, hcm = height * 2.54 / 96;
  double scale = std::min({1.0, 16.6 / wcm, 20.0 / hcm});
  frame(name, wcm * scale, hcm * scale, alt);
}

void Body::frame(const std::string& name, double wcm, double hcm, const std::string& alt) {
  w_.open("draw:frame")
      .attr("draw:name", fmt::format("Image{}", ++sink_.frames))
      .attr("text:anchor-type", "as-char")
      .attr("svg:width", fmt::format("{:.3f}cm", wcm))
      .attr("svg:height", fmt::format("{:.3f}cm", hcm));
  w_.open("draw:image")
      .attr("xlink:href", name)
      .attr("xlink:type", "simple")
      .attr("xlink:show", "embed")
      .attr("xlink:actuate", "onLoad")
      .close();
  if (!alt.empty()) w_.open("svg:desc").text(safe(alt)).close();
  w_.close();
}

void Body::picture(const std::string& key, const std::string& png, int width_px, int height_px, double width_cm,
                   const std::string& alt) {
  if (png.empty() || width_px <= 0 || height_px <= 0) return;
  auto found = sink_.picture_by_key.find(key);
  std::string name = found != sink_.picture_by_key.end()
                         ? found->second
                         : fmt::format("Pictures/minutes-{}.png", sink_.pictures.size() + 1);
  if (found == sink_.picture_by_key.end()) {
    sink_.pictures.push_back({name, "image/png", png});
    sink_.picture_by_key.emplace(key, name);
  }
  frame(name, width_cm, width_cm * height_px / width_px, alt);
}

namespace {

// What blocks write first, as block() writes them: nothing, a text:p, or another element.
enum class First { nothing, paragraph, other };

First first_written(const ir::Blocks& bs);

First first_written(const ir::Block& b) {
  switch (b.kind) {
    case ir::BlockKind::paragraph:
    case ir::BlockKind::heading:
    case ir::BlockKind::html: return b.inlines.empty() ? First::nothing : First::paragraph;
    case ir::BlockKind::image:
    case ir::BlockKind::code:
    case ir::BlockKind::rule: return First::paragraph;
    case ir::BlockKind::list: return b.items.empty() ? First::nothing : First::other;
    case ir::BlockKind::quote: return first_written(b.children);
    case ir::BlockKind::table:  // in a list item: one paragraph per row
      for (const auto& r : b.rows)
        if (!r.cells.empty()) return First::paragraph;
      return First::nothing;
  }
  return First::nothing;
}

First first_written(const ir::Blocks& bs) {
  for (const auto& b : bs)
    if (First f = first_written(b); f != First::nothing) return f;
  return First::nothing;
}

}  // namespace

void Body::blocks(const ir::Blocks& bs, const char* para_style, bool in_list) {
  for (const auto& b : bs) block(b, para_style, in_list);
}

void Body::block(const ir::Block& b, const char* para_style, bool in_list) {
  switch (b.kind) {
    case ir::BlockKind::paragraph:
    case ir::BlockKind::heading:  // only in a reader's document: a meeting's headings are its sections
    case ir::BlockKind::html: {
      if (b.kind == ir::BlockKind::html) ++sink_.html;
      if (b.inlines.empty()) break;
      open_paragraph(para_style);
      inlines(b.inlines);
      w_.close();
      break;
    }
    case ir::BlockKind::image: {
      open_paragraph(in_list ? para_style : "Figure");
      inlines(b.inlines);
      w_.close();
      break;
    }
    case ir::BlockKind::list: list(b, list_depth_ + 1); break;
    case ir::BlockKind::code: {
      std::string_view rest = b.text;
      if (!rest.empty() && rest.back() == '\n') rest.remove_suffix(1);
      while (true) {
        auto nl = rest.find('\n');
        open_paragraph("Code");
        literal(rest.substr(0, nl));
        w_.close();
        if (nl == std::string_view::npos) break;
        rest.remove_prefix(nl + 1);
      }
      break;
    }
    case ir::BlockKind::quote: blocks(b.children, "Quotations", in_list); break;
    case ir::BlockKind::table: table(b, in_list); break;
    case ir::BlockKind::rule: {
      open_paragraph("Horizontal_20_Line");
      w_.close();
      break;
    }
  }
}

void Body::list(const ir::Block& b, int depth) {
  if (b.items.empty()) return;
  int saved = list_depth_;
  list_depth_ = depth;
  w_.open("text:list").attr("text:style-name", b.ordered ? "List_20_Number_20_Style" : "List_20_Bullet_20_Style");
  const char* para = b.ordered ? "List_20_Number" : "List_20_Bullet";
  bool first = true;
  for (const auto& item : b.items) {
    w_.open("text:list-item");
    if (first && b.ordered && b.start != 1) w_.attr("text:start-value", std::max(b.start, 0));
    first = false;
    // An item needs a paragraph to carry its label, first; a check box goes in front of that paragraph's text.
    std::string_view box = item.checked ? (*item.checked ? "☑ " : "☐ ") : "";
    if (first_written(item.blocks) == First::paragraph) {
      check_box_ = box;
    } else {
      w_.open("text:p").attr("text:style-name", para);
      if (!box.empty()) w_.text(box);
      w_.close();
    }
    blocks(item.blocks, para, true);
    check_box_ = {};
    w_.close();
  }
  w_.close();
  list_depth_ = saved;
}

void Body::table(const ir::Block& b, bool in_list) {
  size_t columns = 0;
  for (const auto& r : b.rows) columns = std::max(columns, r.cells.size());
  if (columns == 0) return;
  if (in_list) {  // ODF lists cannot hold tables: one paragraph per row
    note(b.line, "a table inside a list item is written as one line per row");
    for (const auto& r : b.rows) {
      open_paragraph("List_20_Bullet");
      for (size_t c = 0; c < r.cells.size(); ++c) {
        if (c) text(" | ");
        if (r.header) w_.open("text:span").attr("text:style-name", "Strong_20_Emphasis");
        inlines(r.cells[c].inlines);
        if (r.header) w_.close();
      }
      w_.close();
    }
    return;
  }
  open_table(w_, fmt::format("Table{}", ++sink_.frames), columns);
  // Header rows (the leading ones) go into table:table-header-rows.
  bool header_done = false, in_header = false;
  for (const auto& r : b.rows) {
    bool header = r.header && !header_done;
    if (!r.header) header_done = true;
    if (header && !in_header) w_.open("table:table-header-rows");
    if (!header && in_header) w_.close();
    in_header = header;
    w_.open("table:table-row");
    for (size_t c = 0; c < columns; ++c) {
      open_cell(w_, header, c < b.alignments.size() ? b.alignments[c] : ir::Align::none);
      if (c < r.cells.size()) inlines(r.cells[c].inlines);
      w_.close().close();
    }
    w_.close();
  }
  if (in_header) w_.close();
  w_.close();
}

void Body::section(const ir::Section& s, int depth) {
  if (ir::consumed_meta(s) || empty_section(s)) return;
  open_heading(w_, base_ + depth);
  if (!s.title_inlines.empty())
    inlines(s.title_inlines);
  else
    text(s.title);
  w_.close();
  if (s.minutes && (!s.minutes->url.empty() || !s.minutes->status.empty())) {
    w_.open("text:p").attr("text:style-name", "Text_20_body");
    w_.open("text:span").attr("text:style-name", "Strong_20_Emphasis");
    text(words_.minutes + ": ");
    w_.close();
    if (!s.minutes->url.empty()) inlines({link_to(s.minutes->url, s.minutes->url)});
    text(minutes_status_text(*s.minutes));
    w_.close();
  }
  blocks(s.blocks, "Text_20_body", false);
  for (const auto& sub : s.sections) section(sub, depth + 1);
}

void Body::events() {
  auto events = meeting_events(meeting_);
  if (events.empty()) return;
  open_heading(w_, base_);
  text(words_.events);
  w_.close();
  open_table(w_, fmt::format("Table{}", ++sink_.frames), 3);
  w_.open("table:table-header-rows").open("table:table-row");
  for (const auto* label : {&words_.event, &words_.date, &words_.place}) {
    open_cell(w_, true);
    text(*label);
    w_.close().close();
  }
  w_.close().close();
  for (const auto& e : events) {
    w_.open("table:table-row");
    open_cell(w_, false);
    if (!e.url.empty())
      inlines({link_to(e.url, e.title.empty() ? e.url : e.title)});
    else
      text(e.title);
    w_.close().close();
    open_cell(w_, false);
    text(event_when(e, words_));
    w_.close().close();
    open_cell(w_, false);
    text(e.location);
    w_.close().close();
    w_.close();
  }
  w_.close();
}

void Body::meeting() {
  blocks(meeting_.blocks, "Text_20_body", false);
  for (const auto& s : meeting_.sections) section(s, 0);
  events();
}

}  // namespace minutes::formats::odt
