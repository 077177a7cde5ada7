// Recognises PNG, JPEG, GIF and SVG pictures by their first bytes and loads a meeting's pictures through resources.
#include "formats/common/image.hpp"

#include "formats/common/report.hpp"
#include "formats/common/url.hpp"

namespace minutes::formats {

namespace {

unsigned byte(std::string_view d, size_t i) { return static_cast<unsigned char>(d[i]); }
unsigned be16(std::string_view d, size_t i) { return byte(d, i) << 8 | byte(d, i + 1); }
unsigned be32(std::string_view d, size_t i) { return be16(d, i) << 16 | be16(d, i + 2); }

// The frame size from a JPEG's start-of-frame segment.
bool jpeg_size(std::string_view d, int& w, int& h) {
  size_t i = 2;
  while (i + 9 < d.size()) {
    if (byte(d, i) != 0xFF) return false;
    unsigned marker = byte(d, i + 1);
    if (marker == 0xFF) {
      ++i;
      continue;
    }
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      i += 2;
      continue;
    }
    unsigned len = be16(d, i + 2);
    bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      h = static_cast<int>(be16(d, i + 5));
      w = static_cast<int>(be16(d, i + 7));
      return true;
    }
    if (len < 2) return false;
    i += 2 + len;
  }
  return false;
}

// An SVG document: optional BOM, space, XML declaration, comments or doctype, then an <svg> element.
bool is_svg(std::string_view d) {
  d = d.substr(0, 4096);
  if (d.starts_with("\xEF\xBB\xBF")) d.remove_prefix(3);
  auto start = d.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  d.remove_prefix(start);
  if (!d.starts_with("<?xml") && !d.starts_with("<!--") && !d.starts_with("<!DOCTYPE") && !d.starts_with("<svg"))
    return false;
  return d.find("<svg") != std::string_view::npos;
}

// True for a reference to another host ("https://...", "//host/x", "data:..."); "C:\x.png" and file: are local.
bool remote(std::string_view url) {
  if (url.starts_with("//")) return true;
  std::string scheme = url_scheme(url);
  return scheme.size() > 1 && scheme != "file";
}

}  // namespace

std::optional<ImageKind> sniff_image(std::string_view d) {
  ImageKind k;
  if (d.size() >= 24 && d.substr(0, 8) == "\x89PNG\r\n\x1a\n" && d.substr(12, 4) == "IHDR") {
    k = {"image/png", "png", static_cast<int>(be32(d, 16) & 0x7fffffff), static_cast<int>(be32(d, 20) & 0x7fffffff)};
  } else if (d.size() >= 10 && (d.substr(0, 6) == "GIF87a" || d.substr(0, 6) == "GIF89a")) {
    k = {"image/gif", "gif", static_cast<int>(byte(d, 6) | byte(d, 7) << 8),
         static_cast<int>(byte(d, 8) | byte(d, 9) << 8)};
  } else if (d.size() >= 4 && byte(d, 0) == 0xFF && byte(d, 1) == 0xD8) {
    k = {"image/jpeg", "jpeg", 0, 0};
    if (!jpeg_size(d, k.width, k.height)) return std::nullopt;
  } else if (is_svg(d)) {
    return ImageKind{"image/svg+xml", "svg", 0, 0};
  } else {
    return std::nullopt;
  }
  if (k.width <= 0 || k.height <= 0 || k.width >= 100000 || k.height >= 100000) return std::nullopt;
  return k;
}

std::pair<int, int> shown_size(const ImageKind& kind, int width, int height) {
  if (width > 0 && height > 0) return {width, height};
  if (width > 0 && kind.width > 0) return {width, static_cast<int>(int64_t{width} * kind.height / kind.width)};
  if (height > 0 && kind.height > 0) return {static_cast<int>(int64_t{height} * kind.width / kind.height), height};
  return {kind.width, kind.height};
}

LoadedImage load_image(const WriteContext& context, std::string_view url, std::string_view source) {
  if (url.empty() || remote(url)) return {};
  Fetched file = fetch_file(context, url, source);
  if (!file.bytes) return {std::nullopt, file.why};
  auto kind = sniff_image(*file.bytes);
  if (!kind || kind->ext == "svg") return {std::nullopt, "is not a PNG, JPEG or GIF picture"};
  auto slash = source.find_last_of('/');
  std::string key = std::string(slash == std::string_view::npos ? std::string_view() : source.substr(0, slash)) + "|" +
                    std::string(url);
  return {Image{std::move(*file.bytes), *kind, std::move(key)}, {}};
}

}  // namespace minutes::formats
