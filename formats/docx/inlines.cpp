// DOCX inline content: runs with character formatting, external hyperlinks and embedded images.
#include <fmt/format.h>

#include <algorithm>

#include "formats/common/image.hpp"
#include "formats/common/text.hpp"
#include "formats/common/url.hpp"
#include "formats/docx/internal.hpp"

namespace minutes::formats::docx {

namespace {

constexpr int64_t emu_per_pixel = 9525;      // at 96 dpi
constexpr int64_t max_width_emu = 6000000;   // a little under the A4 text width
constexpr int64_t max_height_emu = 4500000;  // 12.5 cm: a picture never takes a whole page

bool needs_preserve(std::string_view t) {
  return !t.empty() && (t.front() == ' ' || t.back() == ' ' || t.find("  ") != std::string_view::npos);
}

pugi::xml_node new_run(pugi::xml_node parent, const RunStyle& look) {
  auto r = parent.append_child("w:r");
  if (look.style || look.bold || look.italic || look.strike) {
    auto pr = r.append_child("w:rPr");
    if (look.style) pr.append_child("w:rStyle").append_attribute("w:val") = look.style;
    if (look.bold) {
      pr.append_child("w:b");
      pr.append_child("w:bCs");
    }
    if (look.italic) {
      pr.append_child("w:i");
      pr.append_child("w:iCs");
    }
    if (look.strike) pr.append_child("w:strike");
  }
  return r;
}

// The relationship id of an image part, adding the part on first use (under a name the reference does not use).
std::string image_relationship(State& state, Image& img) {
  auto found = state.image_ids.find(img.key);
  if (found != state.image_ids.end()) return found->second;
  std::string part;
  for (size_t n = state.media.size() + 1; part.empty() || state.taken.count("word/" + part); ++n)
    part = fmt::format("media/minutes{}.{}", n, img.kind.ext);
  std::string id = fmt::format("rId{}", state.next_relationship++);
  state.relationships.push_back({id, rel_image, part, false});
  state.media.push_back({part, std::move(img.bytes)});
  state.image_ids.emplace(img.key, id);
  return id;
}

void add_drawing(pugi::xml_node parent, const std::string& rid, int64_t width_px, int64_t height_px,
                 const std::string& alt, State& state) {
  int64_t cx = width_px * emu_per_pixel, cy = height_px * emu_per_pixel;
  if (cx > max_width_emu) {
    cy = cy * max_width_emu / cx;
    cx = max_width_emu;
  }
  if (cy > max_height_emu) {
    cx = cx * max_height_emu / cy;
    cy = max_height_emu;
  }
  cx = std::max<int64_t>(cx, 1);
  cy = std::max<int64_t>(cy, 1);
  int id = state.next_drawing++;
  auto inl = new_run(parent, {}).append_child("w:drawing").append_child("wp:inline");
  for (const char* d : {"distT", "distB", "distL", "distR"}) inl.append_attribute(d) = 0;
  auto extent = inl.append_child("wp:extent");
  extent.append_attribute("cx") = cx;
  extent.append_attribute("cy") = cy;
  auto doc_pr = inl.append_child("wp:docPr");
  doc_pr.append_attribute("id") = id;
  doc_pr.append_attribute("name") = fmt::format("Picture {}", id).c_str();
  if (!alt.empty()) doc_pr.append_attribute("descr") = alt.c_str();
  inl.append_child("wp:cNvGraphicFramePr").append_child("a:graphicFrameLocks").append_attribute("noChangeAspect") = 1;
  auto data = inl.append_child("a:graphic").append_child("a:graphicData");
  data.append_attribute("uri") = "http://schemas.openxmlformats.org/drawingml/2006/picture";
  auto pic = data.append_child("pic:pic");
  auto nv = pic.append_child("pic:nvPicPr");
  auto c_nv = nv.append_child("pic:cNvPr");
  c_nv.append_attribute("id") = 0;
  c_nv.append_attribute("name") = fmt::format("image{}", id).c_str();
  nv.append_child("pic:cNvPicPr");
  auto fill = pic.append_child("pic:blipFill");
  fill.append_child("a:blip").append_attribute("r:embed") = rid.c_str();
  fill.append_child("a:stretch").append_child("a:fillRect");
  auto sp = pic.append_child("pic:spPr");
  auto xfrm = sp.append_child("a:xfrm");
  auto off = xfrm.append_child("a:off");
  off.append_attribute("x") = 0;
  off.append_attribute("y") = 0;
  auto ext = xfrm.append_child("a:ext");
  ext.append_attribute("cx") = cx;
  ext.append_attribute("cy") = cy;
  auto geom = sp.append_child("a:prstGeom");
  geom.append_attribute("prst") = "rect";
  geom.append_child("a:avLst");
}

void add_image(pugi::xml_node parent, const ir::Inline& in, const InlineContext& context, State& state) {
  std::string alt = safe(state, in.text);
  auto loaded = load_image(state.context, in.url, context.source);
  if (loaded.image) {
    auto [w, h] = shown_size(loaded.image->kind, in.width, in.height);
    add_drawing(parent, image_relationship(state, *loaded.image), w, h, alt, state);
    return;
  }
  if (!loaded.why.empty())
    state.diagnostics.push_back(
        {ir::Severity::note, context.source, in.line, 0,
         fmt::format("image '{}' not embedded: it {}; linked instead", clean_text(in.url), loaded.why)});
  std::string shown = alt.empty() ? safe(state, in.url) : alt;
  if (shown.empty()) shown = state.words->image;
  pugi::xml_node link;
  if (!in.url.empty() && !context.in_link) link = add_hyperlink(parent, in.url, state, context.source, in.line);
  RunStyle look = context.look;
  if (link) look.style = "Hyperlink";
  add_text(link ? link : parent, shown, look, state);
}

}  // namespace

std::string safe(State& state, std::string_view text) { return clean_text(text, &state.dropped); }

void add_text(pugi::xml_node parent, std::string_view text, const RunStyle& look, State& state) {
  std::string clean = safe(state, text);
  if (clean.empty()) return;
  auto r = new_run(parent, look);
  size_t start = 0;
  auto flush = [&](size_t end) {
    if (end <= start) return;
    std::string_view piece(clean.data() + start, end - start);
    auto t = r.append_child("w:t");
    if (needs_preserve(piece)) t.append_attribute("xml:space") = "preserve";
    t.text().set(std::string(piece).c_str());
  };
  for (size_t i = 0; i < clean.size(); ++i) {
    char c = clean[i];
    if (c == '\n' || c == '\t' || c == '\r') {
      flush(i);
      if (c == '\n') r.append_child("w:br");
      if (c == '\t') r.append_child("w:tab");
      start = i + 1;
    }
  }
  flush(clean.size());
}

pugi::xml_node add_hyperlink(pugi::xml_node parent, const std::string& url, State& state, std::string_view source,
                             int line) {
  std::string target = safe_url(safe(state, url));
  if (target.empty()) {
    state.diagnostics.push_back({ir::Severity::note, std::string(source), line, 0,
                                 fmt::format("link '{}' kept as text: its URL scheme is not allowed",
                                             clean_text(std::string_view(url).substr(0, 60)))});
    return {};
  }
  auto found = state.link_ids.find(target);
  std::string id;
  if (found != state.link_ids.end()) {
    id = found->second;
  } else {
    id = fmt::format("rId{}", state.next_relationship++);
    state.relationships.push_back({id, rel_hyperlink, target, true});
    state.link_ids.emplace(target, id);
  }
  auto link = parent.append_child("w:hyperlink");
  link.append_attribute("r:id") = id.c_str();
  link.append_attribute("w:history") = 1;
  return link;
}

void add_picture(pugi::xml_node parent, Image image, const std::string& alt, State& state) {
  int64_t w = image.kind.width, h = image.kind.height;
  add_drawing(parent, image_relationship(state, image), w, h, safe(state, alt), state);
}

void add_inlines(pugi::xml_node parent, const ir::Inlines& inlines, const InlineContext& context, State& state) {
  for (const auto& in : inlines) {
    InlineContext inner = context;
    switch (in.kind) {
      case ir::InlineKind::text: add_text(parent, in.text, context.look, state); break;
      case ir::InlineKind::emphasis:
        inner.look.italic = true;
        add_inlines(parent, in.children, inner, state);
        break;
      case ir::InlineKind::strong:
        inner.look.bold = true;
        add_inlines(parent, in.children, inner, state);
        break;
      case ir::InlineKind::strikethrough:
        inner.look.strike = true;
        add_inlines(parent, in.children, inner, state);
        break;
      case ir::InlineKind::code:
        inner.look.style = context.in_link ? "Hyperlink" : "CodeChar";
        add_text(parent, in.text, inner.look, state);
        break;
      case ir::InlineKind::link: {
        std::string url = safe(state, in.url);
        if (url.empty() || url.front() == '#' || context.in_link) {
          add_inlines(parent, in.children, context, state);
          break;
        }
        auto link = add_hyperlink(parent, url, state, context.source, in.line);
        if (!link) {  // the text alone
          if (in.children.empty())
            add_text(parent, url, context.look, state);
          else
            add_inlines(parent, in.children, context, state);
          break;
        }
        if (!in.title.empty()) link.append_attribute("w:tooltip") = safe(state, in.title).c_str();
        inner.look.style = "Hyperlink";
        inner.in_link = true;
        if (in.children.empty())
          add_text(link, url, inner.look, state);
        else
          add_inlines(link, in.children, inner, state);
        break;
      }
      case ir::InlineKind::image: add_image(parent, in, context, state); break;
      case ir::InlineKind::mention:
        if (!context.in_link) inner.look.style = "Mention";
        add_text(parent, "@" + in.text, inner.look, state);
        break;
      case ir::InlineKind::line_break: new_run(parent, context.look).append_child("w:br"); break;
      case ir::InlineKind::soft_break: add_text(parent, " ", context.look, state); break;
    }
  }
}

}  // namespace minutes::formats::docx
