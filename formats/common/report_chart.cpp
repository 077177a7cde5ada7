// The summary's chart: meetings per month per series as stacked bars with a legend, drawn with libgd's built-in
// bitmap font (no font files, so the same bytes on every machine) and encoded as PNG.
#include <dlfcn.h>
#include <gd.h>
#include <gdfonts.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <type_traits>

#include "formats/common/report_summary.hpp"

namespace minutes::formats {

namespace {

// Tableau's ten colours and two more: distinct in print and for most colour vision.
constexpr std::array<int, 12> palette = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948,
                                         0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC, 0x1F77B4, 0x8C564B};

// Text for the built-in font (ISO-8859-2): ASCII kept, the German letters mapped, anything else '?'.
std::string latin(std::string_view utf8, size_t max_chars) {
  std::string out;
  for (size_t i = 0; i < utf8.size() && out.size() < max_chars;) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    unsigned code =
        n == 2 && i + 1 < utf8.size() ? ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) : 0;
    // Latin-1 and Latin-2 agree on these: Ä Ö Ü ß ä ö ü é É
    constexpr std::array<unsigned, 9> same = {0xC4, 0xD6, 0xDC, 0xDF, 0xE4, 0xF6, 0xFC, 0xE9, 0xC9};
    out += std::find(same.begin(), same.end(), code) != same.end() ? static_cast<char>(code) : '?';
    i += n;
  }
  return out;
}

// libgd, opened when the first chart is drawn. Linked, it and the fifty libraries it links (image codecs, abseil)
// cost every minutes process about 20 ms of loading (`minutes convert` of the reference meeting: 38 ms of CPU
// with them, 18 ms without), fifteen times what one meeting costs inside a build; only a report draws a chart.
// Null when it cannot be opened (the report then warns and has no chart).
struct Gd {
  decltype(&gdImageCreate) create;
  decltype(&gdImageDestroy) destroy;
  decltype(&gdImageColorAllocate) colour;
  decltype(&gdImageFilledRectangle) rectangle;
  decltype(&gdImageLine) line;
  decltype(&gdImageString) string;
  decltype(&gdFontGetSmall) small_font;
  decltype(&gdImagePaletteCopy) palette_copy;
  decltype(&gdImageCopyResized) copy_resized;
  decltype(&gdImagePngPtr) png;
  decltype(&gdFree) free;
};

const Gd* gd() {
  static const std::optional<Gd> lib = []() -> std::optional<Gd> {
    void* handle = ::dlopen(MINUTES_GD_SONAME, RTLD_NOW | RTLD_LOCAL);  // never closed: it lives with the process
    if (!handle) return std::nullopt;
    bool all = true;
    auto load = [&](auto& f, const char* name) {
      f = reinterpret_cast<std::remove_reference_t<decltype(f)>>(::dlsym(handle, name));
      all = all && f;
    };
    Gd g{};
    load(g.create, "gdImageCreate");
    load(g.destroy, "gdImageDestroy");
    load(g.colour, "gdImageColorAllocate");
    load(g.rectangle, "gdImageFilledRectangle");
    load(g.line, "gdImageLine");
    load(g.string, "gdImageString");
    load(g.small_font, "gdFontGetSmall");
    load(g.palette_copy, "gdImagePaletteCopy");
    load(g.copy_resized, "gdImageCopyResized");
    load(g.png, "gdImagePngPtr");
    load(g.free, "gdFree");
    if (!all) return std::nullopt;
    return g;
  }();
  return lib ? &*lib : nullptr;
}

struct ImageDeleter {
  void operator()(gdImage* im) const { gd()->destroy(im); }
};
using ImagePtr = std::unique_ptr<gdImage, ImageDeleter>;

void put_text(gdImagePtr im, int x, int y, const std::string& text, int colour) {
  std::string s = text;
  gd()->string(im, gd()->small_font(), x, y, reinterpret_cast<unsigned char*>(s.data()), colour);
}

}  // namespace

Chart meetings_chart(const Summary& s, const Words& words) {
  constexpr int scale = 2, legend_w = 200, left = 30, top = 10, bottom = 22, plot_w = 470, row_h = 16;
  const int months = std::max<int>(1, static_cast<int>(s.months.size()));
  const int legend_rows = static_cast<int>(s.series.size());
  const int height = std::max(220, top + legend_rows * row_h + 10);
  const int width = left + plot_w + 20 + legend_w;
  const int plot_h = height - top - bottom;
  const Gd* g = gd();
  if (!g) return {{}, 0, 0, "the report has no chart: " MINUTES_GD_SONAME " cannot be opened (on Debian: apt-get install libgd3)"};
  ImagePtr im(g->create(width, height));
  if (!im) return {};
  int white = g->colour(im.get(), 255, 255, 255);
  int ink = g->colour(im.get(), 64, 64, 64);
  int grid = g->colour(im.get(), 217, 217, 217);
  std::vector<int> colours;
  for (size_t i = 0; i < s.series.size(); ++i) {
    int rgb = palette[i % palette.size()];
    colours.push_back(g->colour(im.get(), rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF));
  }
  g->rectangle(im.get(), 0, 0, width - 1, height - 1, white);

  std::vector<int> totals(static_cast<size_t>(months), 0);
  for (const auto& counts : s.per_month)
    for (size_t m = 0; m < counts.size() && m < totals.size(); ++m) totals[m] += counts[m];
  int most = std::max(1, *std::max_element(totals.begin(), totals.end()));
  int step = std::max(1, (most + 4) / 5);
  int top_value = (most + step - 1) / step * step;
  auto y_of = [&](int v) { return top + plot_h - v * plot_h / top_value; };
  for (int v = 0; v <= top_value; v += step) {
    g->line(im.get(), left, y_of(v), left + plot_w, y_of(v), v == 0 ? ink : grid);
    std::string label = std::to_string(v);
    put_text(im.get(), left - 6 - 6 * static_cast<int>(label.size()), y_of(v) - 6, label, ink);
  }
  int slot = plot_w / months;
  int bar = std::max(2, slot * 3 / 5);
  int every = std::max(1, (months * 42 + plot_w - 1) / plot_w);  // month labels that fit (7 characters each)
  for (int m = 0; m < months; ++m) {
    int x = left + m * slot + (slot - bar) / 2;
    int base = 0;
    for (size_t c = 0; c < s.per_month.size(); ++c) {
      int n = static_cast<size_t>(m) < s.per_month[c].size() ? s.per_month[c][static_cast<size_t>(m)] : 0;
      if (n == 0) continue;
      g->rectangle(im.get(), x, y_of(base + n), x + bar - 1, y_of(base) - 1, colours[c]);
      base += n;
    }
    if (m % every != 0 || static_cast<size_t>(m) >= s.months.size()) continue;
    const std::string& ym = s.months[static_cast<size_t>(m)];
    int month = std::stoi(ym.substr(5, 2));
    std::string label = latin(words.months[static_cast<size_t>(month - 1)], 3) + " " + ym.substr(2, 2);
    put_text(im.get(), left + m * slot + (slot - 6 * static_cast<int>(label.size())) / 2, top + plot_h + 5, label, ink);
  }
  int lx = left + plot_w + 20;
  for (size_t c = 0; c < s.series.size(); ++c) {
    int y = top + static_cast<int>(c) * row_h;
    g->rectangle(im.get(), lx, y + 2, lx + 10, y + 12, colours[c]);
    std::string name = s.series[c].name.empty() ? words.no_series : s.series[c].name;
    put_text(im.get(), lx + 16, y, latin(name, (legend_w - 16) / 6), ink);
  }

  // Twice the size, pixel for pixel: crisp in print, and the bitmap font stays legible.
  ImagePtr big(g->create(width * scale, height * scale));
  if (!big) return {};
  g->palette_copy(big.get(), im.get());
  g->copy_resized(big.get(), im.get(), 0, 0, 0, 0, width * scale, height * scale, width, height);
  int size = 0;
  void* png = g->png(big.get(), &size);
  if (!png) return {};
  Chart chart{std::string(static_cast<const char*>(png), static_cast<size_t>(size)), width * scale, height * scale, {}};
  g->free(png);
  return chart;
}

}  // namespace minutes::formats
