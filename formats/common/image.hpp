// Pictures a document embeds: recognised by their first bytes, fetched only through the caller's resources.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <minutes/resources.hpp>

namespace minutes::formats {

// What a picture is: its media type and file extension, and its size in pixels (0 for SVG, which has none).
struct ImageKind {
  std::string media_type;  // "image/png", "image/jpeg", "image/gif", "image/svg+xml"
  std::string ext;         // "png", "jpeg", "gif", "svg"
  int width = 0;
  int height = 0;
};

// Recognises PNG, JPEG and GIF (with a pixel size between 1 and 99999) and SVG by their bytes; nullopt otherwise.
std::optional<ImageKind> sniff_image(std::string_view bytes);

// The size in pixels a picture is shown at: what the meeting asks for (HedgeDoc's "=960x540"; with one side given,
// the other in proportion), else the picture's own.
std::pair<int, int> shown_size(const ImageKind& kind, int width, int height);

// A meeting's picture, read to be embedded.
struct Image {
  std::string bytes;
  ImageKind kind;
  std::string key;  // the same picture named twice has the same key (its folder and reference)
};

// What loading a picture gave: the image, or why not (a phrase for a note; empty for a remote picture, which a
// document links by design).
struct LoadedImage {
  std::optional<Image> image;
  std::string why;
};

// Loads the raster picture (PNG, JPEG, GIF) that `url` names, resolved against the folder of `source`, through the
// context's resources (none: nothing is read). A URL with a scheme other than file: is remote and never fetched.
LoadedImage load_image(const WriteContext& context, std::string_view url, std::string_view source);

}  // namespace minutes::formats
