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

// Opens a w:r with its properties (the caller closes it).
void open_run(XmlWriter& w, const RunStyle& look) {
  w.open("w:r");
  if (look.style || look.bold || look.italic || look.strike) {
    w.open("w:rPr");
    if (look.style) w.open("w:rStyle").attr("w:val", look.style).close();
    if (look.bold) w.leaf("w:b").leaf("w:bCs");
    if (look.italic) w.leaf("w:i").leaf("w:iCs");
    if (look.strike) w.leaf("w:strike");
    w.close();
  }
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

void add_drawing(XmlWriter& w, const std::string& rid, int64_t width_px, int64_t height_px, const std::string& alt,
                 State& state) {
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
  open_run(w, {});
  w.open("w:drawing").open("wp:inline");
  for (const char* d : {"distT", "distB", "distL", "distR"}) w.attr(d, 0);
  w.open("wp:extent").attr("cx", cx).attr("cy", cy).close();
  w.open("wp:docPr").attr("id", id).attr("name", fmt::format("Picture {}", id));
  if (!alt.empty()) w.attr("descr", alt);
  w.close();
  w.open("wp:cNvGraphicFramePr").open("a:graphicFrameLocks").attr("noChangeAspect", 1).close().close();
  w.open("a:graphic").open("a:graphicData").attr("uri", "http://schemas.openxmlformats.org/drawingml/2006/picture");
  w.open("pic:pic");
  w.open("pic:nvPicPr");
  w.open("pic:cNvPr").attr("id", 0).attr("name", fmt::format("image{}", id)).close();
  w.leaf("pic:cNvPicPr");
  w.close();
  w.open("pic:blipFill");
  w.open("a:blip").attr("r:embed", rid).close();
  w.open("a:stretch").leaf("a:fillRect").close();
  w.close();
  w.open("pic:spPr");
  w.open("a:xfrm");
  w.open("a:off").attr("x", 0).attr("y", 0).close();
  w.open("a:ext").attr("cx", cx).attr("cy", cy).close();
  w.close();
  w.open("a:prstGeom").attr("prst", "rect").leaf("a:avLst").close();
  w.close();                               // pic:spPr
  w.close().close().close();               // pic:pic, a:graphicData, a:graphic
  w.close().close().close();               // wp:inline, w:drawing, w:r
}

void add_image(XmlWriter& w, const ir::Inline& in, const InlineContext& context, State& state) {
  std::string alt = safe(state, in.text);
  auto loaded = load_image(state.context, in.url, context.source);
  if (loaded.image) {
    auto [width, height] = shown_size(loaded.image->kind, in.width, in.height);
    add_drawing(w, image_relationship(state, *loaded.image), width, height, alt, state);
    return;
  }
  if (!loaded.why.empty())
    state.diagnostics.push_back(
        {ir::Severity::note, context.source, in.line, 0,
         fmt::format("image '{}' not embedded: it {}; linked instead", clean_text(in.url), loaded.why)});
  std::string shown = alt.empty() ? safe(state, in.url) : alt;
  if (shown.empty()) shown = state.words->image;
  bool link = !in.url.empty() && !context.in_link && open_hyperlink(w, in.url, state, context.source, in.line);
  RunStyle look = context.look;
  if (link) look.style = "Hyperlink";
  add_text(w, shown, look, state);
  if (link) w.close();
}

}  // namespace

std::string safe(State& state, std::string_view text) { return clean_text(text, &state.dropped); }

void add_text(XmlWriter& w, std::string_view text, const RunStyle& look, State& state) {
  std::string clean = safe(state, text);
  if (clean.empty()) return;
  open_run(w, look);
  size_t start = 0;
  auto flush = [&](size_t end) {
    if (end <= start) return;
    std::string_view piece(clean.data() + start, end - start);
    w.open("w:t");
    if (needs_preserve(piece)) w.attr("xml:space", "preserve");
    w.text(piece).close();
  };
  for (size_t i = 0; i < clean.size(); ++i) {
    char c = clean[i];
    if (c == '\n' || c == '\t' || c == '\r') {
      flush(i);
      if (c == '\n') w.leaf("w:br");
      if (c == '\t') w.leaf("w:tab");
      start = i + 1;
    }
  }
  flush(clean.size());
  w.close();
}

bool open_hyperlink(XmlWriter& w, const std::string& url, State& state, std::string_view source, int line) {
  std::string target = safe_url(safe(state, url));
  if (target.empty()) {
    state.diagnostics.push_back({ir::Severity::note, std::string(source), line, 0,
                                 fmt::format("link '{}' kept as text: its URL scheme is not allowed",
                                             clean_text(std::string_view(url).substr(0, 60)))});
    return false;
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
  w.open("w:hyperlink").attr("r:id", id).attr("w:history", 1);
  return true;
}

void add_picture(XmlWriter& w, Image image, const std::string& alt, State& state) {
  int64_t width = image.kind.width, height = image.kind.height;
  add_drawing(w, image_relationship(state, image), width, height, safe(state, alt), state);
}

void add_inlines(XmlWriter& w, const ir::Inlines& inlines, const InlineContext& context, State& state) {
  for (const auto& in : inlines) {
    InlineContext inner = context;
    switch (in.kind) {
      case ir::InlineKind::text: add_text(w, in.text, context.look, state); break;
      case ir::InlineKind::emphasis:
        inner.look.italic = true;
        add_inlines(w, in.children, inner, state);
        break;
      case ir::InlineKind::strong:
        inner.look.bold = true;
        add_inlines(w, in.children, inner, state);
        break;
      case ir::InlineKind::strikethrough:
        inner.look.strike = true;
        add_inlines(w, in.children, inner, state);
        break;
      case ir::InlineKind::code:
        inner.look.style = context.in_link ? "Hyperlink" : "CodeChar";
        add_text(w, in.text, inner.look, state);
        break;
      case ir::InlineKind::link: {
        std::string url = safe(state, in.url);
        if (url.empty() || url.front() == '#' || context.in_link) {
          add_inlines(w, in.children, context, state);
          break;
        }
        if (!open_hyperlink(w, url, state, context.source, in.line)) {  // the text alone
          if (in.children.empty())
            add_text(w, url, context.look, state);
          else
            add_inlines(w, in.children, context, state);
          break;
        }
        if (!in.title.empty()) w.attr("w:tooltip", safe(state, in.title));
        inner.look.style = "Hyperlink";
        inner.in_link = true;
        if (in.children.empty())
          add_text(w, url, inner.look, state);
        else
          add_inlines(w, in.children, inner, state);
        w.close();
        break;
      }
      case ir::InlineKind::image: add_image(w, in, context, state); break;
      case ir::InlineKind::mention:
        if (!context.in_link) inner.look.style = "Mention";
        add_text(w, "@" + in.text, inner.look, state);
        break;
      case ir::InlineKind::line_break:
        open_run(w, context.look);
        w.leaf("w:br").close();
        break;
      case ir::InlineKind::soft_break: add_text(w, " ", context.look, state); break;
    }
  }
}

}  // namespace minutes::formats::docx
