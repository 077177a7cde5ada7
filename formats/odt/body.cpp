// Turns one meeting's sections, blocks and inlines into ODF text elements (content.xml body).
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

pugi::xml_node add_heading(pugi::xml_node parent, int level) {
  auto h = parent.append_child("text:h");
  h.append_attribute("text:style-name") = fmt::format("Heading_20_{}", std::clamp(level, 1, 4)).c_str();
  h.append_attribute("text:outline-level") = std::clamp(level, 1, max_outline_level);
  return h;
}

pugi::xml_node add_table(pugi::xml_node parent, size_t columns) {
  auto t = parent.append_child("table:table");
  t.append_attribute("table:style-name") = "minutes-table";
  auto col = t.append_child("table:table-column");
  if (columns > 1) col.append_attribute("table:number-columns-repeated") = static_cast<unsigned>(columns);
  return t;
}

pugi::xml_node add_row(pugi::xml_node table, bool header) {
  pugi::xml_node where = table;
  if (header) {
    where = table.child("table:table-header-rows");
    if (!where) where = table.append_child("table:table-header-rows");
  }
  return where.append_child("table:table-row");
}

pugi::xml_node add_cell(pugi::xml_node row, bool header, ir::Align align) {
  auto c = row.append_child("table:table-cell");
  c.append_attribute("table:style-name") = header ? "minutes-header-cell" : "minutes-cell";
  c.append_attribute("office:value-type") = "string";
  auto p = c.append_child("text:p");
  std::string style = header ? "Table_20_Heading" : "Table_20_Contents";
  if (align == ir::Align::center) style = header ? "minutes-heading-center" : "minutes-contents-center";
  if (align == ir::Align::right) style = header ? "minutes-heading-right" : "minutes-contents-right";
  p.append_attribute("text:style-name") = style.c_str();
  return p;
}

void add_automatic_styles(pugi::xml_node automatic, const pugi::xml_document& styles) {
  auto named = styles.document_element().child("office:styles");
  const std::pair<const char*, const char*> copies[] = {{"Table", "minutes-table"},
                                                        {"Table_20_Cell", "minutes-cell"},
                                                        {"Table_20_Header_20_Cell", "minutes-header-cell"}};
  for (const auto& [from, to] : copies) {
    auto style = automatic.append_child("style:style");
    style.append_attribute("style:name") = to;
    pugi::xml_node source;
    for (auto s : named.children("style:style"))
      if (std::string_view(s.attribute("style:name").value()) == from) source = s;
    style.append_attribute("style:family") = std::string_view(to) == "minutes-table" ? "table" : "table-cell";
    for (auto props : source.children()) style.append_copy(props);
  }
  for (const char* parent : {"Table_20_Contents", "Table_20_Heading"}) {
    for (const char* align : {"center", "right"}) {
      auto style = automatic.append_child("style:style");
      style.append_attribute("style:name") =
          fmt::format("minutes-{}-{}", std::string_view(parent) == "Table_20_Heading" ? "heading" : "contents", align)
              .c_str();
      style.append_attribute("style:family") = "paragraph";
      style.append_attribute("style:parent-style-name") = parent;
      style.append_child("style:paragraph-properties").append_attribute("fo:text-align") =
          std::string_view(align) == "right" ? "end" : "center";
    }
  }
}

std::string Body::safe(std::string_view s) { return clean_text(s, &sink_.dropped); }

void Body::note(int line, std::string message) {
  sink_.diagnostics.push_back({ir::Severity::note, meeting_.source, line, 0, std::move(message)});
}

void Body::text(pugi::xml_node parent, std::string_view s) {
  if (s.empty()) return;
  std::string clean = safe(s);
  // Line ends inside inline text are spaces in ODF anyway; write them as spaces so the XML says so.
  std::replace(clean.begin(), clean.end(), '\n', ' ');
  std::replace(clean.begin(), clean.end(), '\t', ' ');
  auto last = parent.last_child();
  if (last && last.type() == pugi::node_pcdata)
    last.set_value((std::string(last.value()) + clean).c_str());
  else
    parent.append_child(pugi::node_pcdata).set_value(clean.c_str());
}

void Body::literal(pugi::xml_node parent, std::string_view s) {
  std::string clean = safe(s);
  std::string run;
  auto flush = [&] {
    if (!run.empty()) parent.append_child(pugi::node_pcdata).set_value(run.c_str());
    run.clear();
  };
  for (size_t i = 0; i < clean.size();) {
    char c = clean[i];
    if (c == ' ') {
      size_t n = 1;
      while (i + n < clean.size() && clean[i + n] == ' ') ++n;
      bool at_start = run.empty() && !parent.last_child();
      if (n == 1 && !at_start) {
        run.push_back(' ');
      } else {
        flush();
        auto sp = parent.append_child("text:s");
        if (n > 1) sp.append_attribute("text:c") = static_cast<unsigned>(n);
      }
      i += n;
    } else if (c == '\t') {
      flush();
      parent.append_child("text:tab");
      ++i;
    } else if (c == '\n') {
      flush();
      parent.append_child("text:line-break");
      ++i;
    } else {
      run.push_back(c);
      ++i;
    }
  }
  flush();
}

void Body::inlines(pugi::xml_node parent, const ir::Inlines& in, bool in_link) {
  for (const auto& i : in) {
    switch (i.kind) {
      case ir::InlineKind::text: text(parent, i.text); break;
      case ir::InlineKind::emphasis:
      case ir::InlineKind::strong:
      case ir::InlineKind::strikethrough: {
        auto span = parent.append_child("text:span");
        span.append_attribute("text:style-name") = i.kind == ir::InlineKind::emphasis ? "Emphasis"
                                                   : i.kind == ir::InlineKind::strong ? "Strong_20_Emphasis"
                                                                                      : "Strikethrough";
        inlines(span, i.children, in_link);
        break;
      }
      case ir::InlineKind::code: {
        auto span = parent.append_child("text:span");
        span.append_attribute("text:style-name") = "Source_20_Text";
        literal(span, i.text);
        break;
      }
      case ir::InlineKind::link: link(parent, i, in_link); break;
      case ir::InlineKind::image: image(parent, i, in_link); break;
      case ir::InlineKind::mention: {
        auto span = parent.append_child("text:span");
        span.append_attribute("text:style-name") = "Mention";
        text(span, "@" + i.text);
        break;
      }
      case ir::InlineKind::line_break: parent.append_child("text:line-break"); break;
      case ir::InlineKind::soft_break: text(parent, " "); break;
    }
  }
}

void Body::link(pugi::xml_node parent, const ir::Inline& i, bool in_link) {
  std::string href = safe_url(safe(i.url));
  if (href.empty() && !i.url.empty())
    note(i.line, fmt::format("link '{}' kept as text: its URL scheme is not allowed",
                             clean_text(std::string_view(i.url).substr(0, 60))));
  if (in_link || href.empty()) {  // ODF links cannot nest
    inlines(parent, i.children, in_link);
    return;
  }
  auto a = parent.append_child("text:a");
  a.append_attribute("xlink:type") = "simple";
  a.append_attribute("xlink:href") = href.c_str();
  if (!i.title.empty()) a.append_attribute("office:title") = safe(i.title).c_str();
  a.append_attribute("text:style-name") = "Internet_20_link";
  a.append_attribute("text:visited-style-name") = "Visited_20_Internet_20_Link";
  if (i.children.empty())
    text(a, i.url);
  else
    inlines(a, i.children, true);
}

void Body::image(pugi::xml_node parent, const ir::Inline& img, bool in_link) {
  std::string alt = img.text.empty() ? img.title : img.text;
  auto loaded = load_image(sink_.context, img.url, meeting_.source);
  if (!loaded.image) {
    // Not embeddable: a link to it with the alt text, never an empty frame. A remote picture is linked by design
    // (a writer never fetches); a local one that cannot be read is worth a note.
    if (!loaded.why.empty())
      note(img.line, fmt::format("image '{}' not embedded: it {}; linked instead", clean_text(img.url), loaded.why));
    inlines(parent, {link_to(img.url, alt.empty() ? img.url : alt)}, in_link);
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
  frame(parent, name, wcm * scale, hcm * scale, alt);
}

void Body::frame(pugi::xml_node parent, const std::string& name, double wcm, double hcm, const std::string& alt) {
  auto frame = parent.append_child("draw:frame");
  frame.append_attribute("draw:name") = fmt::format("Image{}", ++sink_.frames).c_str();
  frame.append_attribute("text:anchor-type") = "as-char";
  frame.append_attribute("svg:width") = fmt::format("{:.3f}cm", wcm).c_str();
  frame.append_attribute("svg:height") = fmt::format("{:.3f}cm", hcm).c_str();
  auto im = frame.append_child("draw:image");
  im.append_attribute("xlink:href") = name.c_str();
  im.append_attribute("xlink:type") = "simple";
  im.append_attribute("xlink:show") = "embed";
  im.append_attribute("xlink:actuate") = "onLoad";
  if (!alt.empty()) frame.append_child("svg:desc").append_child(pugi::node_pcdata).set_value(safe(alt).c_str());
}

void Body::picture(pugi::xml_node parent, const std::string& key, const std::string& png, int width_px, int height_px,
                   double width_cm, const std::string& alt) {
  if (png.empty() || width_px <= 0 || height_px <= 0) return;
  auto found = sink_.picture_by_key.find(key);
  std::string name = found != sink_.picture_by_key.end()
                         ? found->second
                         : fmt::format("Pictures/minutes-{}.png", sink_.pictures.size() + 1);
  if (found == sink_.picture_by_key.end()) {
    sink_.pictures.push_back({name, "image/png", png});
    sink_.picture_by_key.emplace(key, name);
  }
  frame(parent, name, width_cm, width_cm * height_px / width_px, alt);
}

void Body::blocks(pugi::xml_node parent, const ir::Blocks& bs, const char* para_style, bool in_list) {
  for (const auto& b : bs) block(parent, b, para_style, in_list);
}

void Body::block(pugi::xml_node parent, const ir::Block& b, const char* para_style, bool in_list) {
  switch (b.kind) {
    case ir::BlockKind::paragraph:
    case ir::BlockKind::heading:  // only in a reader's document: a meeting's headings are its sections
    case ir::BlockKind::html: {
      if (b.kind == ir::BlockKind::html) ++sink_.html;
      if (b.inlines.empty()) break;
      auto p = parent.append_child("text:p");
      p.append_attribute("text:style-name") = para_style;
      inlines(p, b.inlines);
      break;
    }
    case ir::BlockKind::image: {
      auto p = parent.append_child("text:p");
      p.append_attribute("text:style-name") = in_list ? para_style : "Figure";
      inlines(p, b.inlines);
      break;
    }
    case ir::BlockKind::list: list(parent, b, list_depth_ + 1); break;
    case ir::BlockKind::code: {
      std::string_view rest = b.text;
      if (!rest.empty() && rest.back() == '\n') rest.remove_suffix(1);
      while (true) {
        auto nl = rest.find('\n');
        auto p = parent.append_child("text:p");
        p.append_attribute("text:style-name") = "Code";
        literal(p, rest.substr(0, nl));
        if (nl == std::string_view::npos) break;
        rest.remove_prefix(nl + 1);
      }
      break;
    }
    case ir::BlockKind::quote: blocks(parent, b.children, "Quotations", in_list); break;
    case ir::BlockKind::table: table(parent, b, in_list); break;
    case ir::BlockKind::rule: {
      auto p = parent.append_child("text:p");
      p.append_attribute("text:style-name") = "Horizontal_20_Line";
      break;
    }
  }
}

void Body::list(pugi::xml_node parent, const ir::Block& b, int depth) {
  if (b.items.empty()) return;
  int saved = list_depth_;
  list_depth_ = depth;
  auto l = parent.append_child("text:list");
  l.append_attribute("text:style-name") = b.ordered ? "List_20_Number_20_Style" : "List_20_Bullet_20_Style";
  const char* para = b.ordered ? "List_20_Number" : "List_20_Bullet";
  bool first = true;
  for (const auto& item : b.items) {
    auto li = l.append_child("text:list-item");
    if (first && b.ordered && b.start != 1) li.append_attribute("text:start-value") = std::max(b.start, 0);
    first = false;
    blocks(li, item.blocks, para, true);
    // An item needs a paragraph to carry its label; a check box goes in front of the first one.
    auto p = li.first_child();
    if (!p || std::string_view(p.name()) != "text:p") {
      p = li.prepend_child("text:p");
      p.append_attribute("text:style-name") = para;
    }
    if (item.checked) p.prepend_child(pugi::node_pcdata).set_value(*item.checked ? "☑ " : "☐ ");
  }
  list_depth_ = saved;
}

void Body::table(pugi::xml_node parent, const ir::Block& b, bool in_list) {
  size_t columns = 0;
  for (const auto& r : b.rows) columns = std::max(columns, r.cells.size());
  if (columns == 0) return;
  if (in_list) {  // ODF lists cannot hold tables: one paragraph per row
    note(b.line, "a table inside a list item is written as one line per row");
    for (const auto& r : b.rows) {
      auto p = parent.append_child("text:p");
      p.append_attribute("text:style-name") = "List_20_Bullet";
      for (size_t c = 0; c < r.cells.size(); ++c) {
        if (c) text(p, " | ");
        auto span = r.header ? p.append_child("text:span") : p;
        if (r.header) span.append_attribute("text:style-name") = "Strong_20_Emphasis";
        inlines(span, r.cells[c].inlines);
      }
    }
    return;
  }
  auto t = add_table(parent, columns);
  t.prepend_attribute("table:name") = fmt::format("Table{}", ++sink_.frames).c_str();
  bool header_done = false;
  for (const auto& r : b.rows) {
    bool header = r.header && !header_done;
    if (!r.header) header_done = true;
    auto row = add_row(t, header);
    for (size_t c = 0; c < columns; ++c) {
      auto p = add_cell(row, header, c < b.alignments.size() ? b.alignments[c] : ir::Align::none);
      if (c >= r.cells.size()) continue;
      inlines(p, r.cells[c].inlines);
    }
  }
}

void Body::section(pugi::xml_node parent, const ir::Section& s, int depth) {
  if (ir::consumed_meta(s) || empty_section(s)) return;
  auto h = add_heading(parent, base_ + depth);
  if (!s.title_inlines.empty())
    inlines(h, s.title_inlines);
  else
    text(h, s.title);
  if (s.minutes && (!s.minutes->url.empty() || !s.minutes->status.empty())) {
    auto p = parent.append_child("text:p");
    p.append_attribute("text:style-name") = "Text_20_body";
    auto label = p.append_child("text:span");
    label.append_attribute("text:style-name") = "Strong_20_Emphasis";
    text(label, words_.minutes + ": ");
    if (!s.minutes->url.empty()) inlines(p, {link_to(s.minutes->url, s.minutes->url)});
    text(p, minutes_status_text(*s.minutes));
  }
  blocks(parent, s.blocks, "Text_20_body", false);
  for (const auto& sub : s.sections) section(parent, sub, depth + 1);
}

void Body::events(pugi::xml_node parent) {
  auto events = meeting_events(meeting_);
  if (events.empty()) return;
  text(add_heading(parent, base_), words_.events);
  auto t = add_table(parent, 3);
  t.prepend_attribute("table:name") = fmt::format("Table{}", ++sink_.frames).c_str();
  auto head = add_row(t, true);
  for (const auto* label : {&words_.event, &words_.date, &words_.place}) text(add_cell(head, true), *label);
  for (const auto& e : events) {
    auto row = add_row(t, false);
    auto title = add_cell(row, false);
    if (!e.url.empty()) {
      inlines(title, {link_to(e.url, e.title.empty() ? e.url : e.title)});
    } else {
      text(title, e.title);
    }
    text(add_cell(row, false), event_when(e, words_));
    text(add_cell(row, false), e.location);
  }
}

void Body::meeting(pugi::xml_node parent) {
  blocks(parent, meeting_.blocks, "Text_20_body", false);
  for (const auto& s : meeting_.sections) section(parent, s, 0);
  events(parent);
}

}  // namespace minutes::formats::odt
