// DOCX inline content: runs with character formatting, external hyperlinks and embedded images.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <fstream>
#include <sstream>

#include "formats/common/report.hpp"
#include "formats/docx/internal.hpp"

namespace minutes::formats::docx {

namespace {

constexpr int64_t emu_per_pixel = 9525;          // at 96 dpi
constexpr int64_t max_width_emu = 6000000;       // a little under the A4 text width
constexpr int64_t max_height_emu = 4500000;       // 12.5 cm: a picture never takes a whole page
constexpr size_t max_image_bytes = 32u << 20;

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

// An image the package can embed: its bytes, extension and pixel size.
struct ImageData {
  std::string bytes;
  std::string ext;
  int64_t width = 0;
  int64_t height = 0;
};

uint32_t be32(const std::string& b, size_t at) {
  return (uint32_t(uint8_t(b[at])) << 24) | (uint32_t(uint8_t(b[at + 1])) << 16) |
         (uint32_t(uint8_t(b[at + 2])) << 8) | uint32_t(uint8_t(b[at + 3]));
}
uint32_t be16(const std::string& b, size_t at) { return (uint32_t(uint8_t(b[at])) << 8) | uint32_t(uint8_t(b[at + 1])); }
uint32_t le16(const std::string& b, size_t at) { return (uint32_t(uint8_t(b[at + 1])) << 8) | uint32_t(uint8_t(b[at])); }

// Recognises PNG, JPEG and GIF by their signature and reads the pixel size; false for anything else.
bool sniff(ImageData& img) {
  const std::string& b = img.bytes;
  if (b.size() > 24 && b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) {
    img.ext = "png";
    img.width = be32(b, 16);
    img.height = be32(b, 20);
  } else if (b.size() > 10 && (b.compare(0, 6, "GIF87a") == 0 || b.compare(0, 6, "GIF89a") == 0)) {
    img.ext = "gif";
    img.width = le16(b, 6);
    img.height = le16(b, 8);
  } else if (b.size() > 4 && uint8_t(b[0]) == 0xFF && uint8_t(b[1]) == 0xD8) {
    img.ext = "jpeg";
    size_t i = 2;
    while (i + 9 < b.size()) {
      if (uint8_t(b[i]) != 0xFF) return false;
      uint8_t marker = uint8_t(b[i + 1]);
      if (marker == 0xFF) {
        ++i;
        continue;
      }
      uint32_t len = be16(b, i + 2);
      bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (sof) {
        img.height = be16(b, i + 5);
        img.width = be16(b, i + 7);
        break;
      }
      if (len < 2) return false;
      i += 2 + len;
    }
  } else {
    return false;
  }
  return img.width > 0 && img.height > 0 && img.width < 100000 && img.height < 100000;
}

// Reads a local image relative to base_dir; nullopt for remote URLs and unreadable or unknown files.
std::optional<ImageData> load_image(const std::string& url, const std::string& base_dir, std::string& path) {
  if (url.empty() || url.find("://") != std::string::npos || url.rfind("data:", 0) == 0 || url.rfind("mailto:", 0) == 0)
    return std::nullopt;
  std::string rel = url.substr(0, url.find_first_of("?#"));
  if (rel.empty()) return std::nullopt;
  path = rel.front() == '/' || base_dir.empty() ? rel : base_dir + "/" + rel;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  ImageData img;
  std::ostringstream ss;
  ss << in.rdbuf();
  img.bytes = std::move(ss).str();
  if (img.bytes.size() > max_image_bytes || !sniff(img)) return std::nullopt;
  return img;
}

// The relationship id of an image part, adding the part on first use.
std::string image_relationship(State& state, const std::string& path, ImageData& img) {
  auto found = state.image_ids.find(path);
  if (found != state.image_ids.end()) return found->second;
  std::string part = fmt::format("media/minutes{}.{}", state.media.size() + 1, img.ext);
  std::string id = fmt::format("rId{}", state.next_relationship++);
  state.relationships.push_back({id, rel_image, part, false});
  state.media.push_back({part, std::move(img.bytes)});
  state.image_ids.emplace(path, id);
  return id;
}

void add_drawing(pugi::xml_node parent, const std::string& rid, int64_t width_px, int64_t height_px, const std::string& alt,
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
  std::string path;
  if (auto img = load_image(in.url, context.base_dir, path)) {
    int64_t w = img->width, h = img->height;
    add_drawing(parent, image_relationship(state, path, *img), w, h, alt, state);
    return;
  }
  std::string shown = alt.empty() ? safe(state, in.url) : alt;
  if (shown.empty()) shown = "image";
  if (in.url.empty() || context.in_link) {
    add_text(parent, shown, context.look, state);
  } else {
    auto link = add_hyperlink(parent, in.url, state);
    RunStyle look = context.look;
    look.style = "Hyperlink";
    add_text(link, shown, look, state);
  }
}

}  // namespace

std::string safe(State& state, std::string_view text) { return xml_safe(text, &state.dropped); }

std::string uri_safe(const std::string& url) {
  static const std::string_view allowed =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?@!$&'()*+,;=";
  std::string out;
  bool seen_hash = false;
  auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  for (size_t i = 0; i < url.size(); ++i) {
    char c = url[i];
    bool ok = allowed.find(c) != std::string_view::npos;
    if (c == '%') ok = i + 2 < url.size() && hex(url[i + 1]) && hex(url[i + 2]);
    if (c == '#' && !seen_hash) ok = seen_hash = true;
    if (ok)
      out += c;
    else
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
  }
  return out;
}

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

pugi::xml_node add_hyperlink(pugi::xml_node parent, const std::string& url, State& state) {
  std::string target = uri_safe(safe(state, url));
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

void add_inlines(pugi::xml_node parent, const ir::Inlines& inlines, const InlineContext& context, State& state) {
  for (const auto& in : inlines) {
    InlineContext inner = context;
    switch (in.kind) {
      case ir::InlineKind::text:
        add_text(parent, in.text, context.look, state);
        break;
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
        auto link = add_hyperlink(parent, url, state);
        if (!in.title.empty()) link.append_attribute("w:tooltip") = safe(state, in.title).c_str();
        inner.look.style = "Hyperlink";
        inner.in_link = true;
        if (in.children.empty())
          add_text(link, url, inner.look, state);
        else
          add_inlines(link, in.children, inner, state);
        break;
      }
      case ir::InlineKind::image:
        add_image(parent, in, context, state);
        break;
      case ir::InlineKind::mention:
        if (!context.in_link) inner.look.style = "Mention";
        add_text(parent, "@" + in.text, inner.look, state);
        break;
      case ir::InlineKind::line_break:
        new_run(parent, context.look).append_child("w:br");
        break;
      case ir::InlineKind::soft_break:
        add_text(parent, " ", context.look, state);
        break;
    }
  }
}

}  // namespace minutes::formats::docx
