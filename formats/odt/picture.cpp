// Reads the pixel size and media type of PNG, JPEG and GIF pictures from their first bytes.
#include "formats/odt/internal.hpp"

namespace minutes::formats::odt {

namespace {

unsigned byte(std::string_view d, size_t i) { return static_cast<unsigned char>(d[i]); }
unsigned be16(std::string_view d, size_t i) { return byte(d, i) << 8 | byte(d, i + 1); }
unsigned be32(std::string_view d, size_t i) { return be16(d, i) << 16 | be16(d, i + 2); }

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

}  // namespace

bool picture_size(std::string_view d, int& w, int& h, std::string& media_type, std::string& ext) {
  w = h = 0;
  if (d.size() >= 24 && d.substr(0, 8) == "\x89PNG\r\n\x1a\n" && d.substr(12, 4) == "IHDR") {
    w = static_cast<int>(be32(d, 16) & 0x7fffffff);
    h = static_cast<int>(be32(d, 20) & 0x7fffffff);
    media_type = "image/png";
    ext = "png";
  } else if (d.size() >= 10 && (d.substr(0, 6) == "GIF87a" || d.substr(0, 6) == "GIF89a")) {
    w = static_cast<int>(byte(d, 6) | byte(d, 7) << 8);
    h = static_cast<int>(byte(d, 8) | byte(d, 9) << 8);
    media_type = "image/gif";
    ext = "gif";
  } else if (d.size() >= 4 && byte(d, 0) == 0xFF && byte(d, 1) == 0xD8) {
    if (!jpeg_size(d, w, h)) return false;
    media_type = "image/jpeg";
    ext = "jpg";
  } else {
    return false;
  }
  return w > 0 && h > 0;
}

}  // namespace minutes::formats::odt
