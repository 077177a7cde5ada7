// HedgeDoc's and GitHub's additions to Markdown that the archive uses: image sizes "=WxH" and emoji shortcodes.
#include <string>
#include <unordered_map>

#include "formats/markdown/internal.hpp"

namespace minutes::embedded {
// The templates/emoji/ files, embedded at build time.
const std::vector<std::pair<std::string_view, std::string_view>>& emoji();
}  // namespace minutes::embedded

namespace minutes::formats::markdown {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// One side of a size: up to five digits, or a percentage (kept as 0: a picture's size is in pixels); empty: not
// given. nullopt when it is not a size.
std::optional<int> parse_side(std::string_view s) {
  bool percent = s.ends_with('%');
  if (percent) s.remove_suffix(1);
  if (s.size() > 5 || (percent && s.empty())) return std::nullopt;
  int n = 0;
  for (char c : s) {
    if (!digit(c)) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return percent ? 0 : n;
}

// "960x540", "x300", "640x", "50%x" as a size; nullopt otherwise.
std::optional<ImageSize> parse_size(std::string_view s) {
  auto x = s.find('x');
  if (x == std::string_view::npos || s.size() < 2) return std::nullopt;
  auto width = parse_side(s.substr(0, x)), height = parse_side(s.substr(x + 1));
  if (!width || !height) return std::nullopt;
  return ImageSize{*width, *height};
}

// Takes the sizes out of one line (outside code spans), recording them under the line number.
void take_from_line(std::string& line, int number, ImageSizes& sizes) {
  size_t ticks = 0;  // the length of the backtick run that opened the code span we are in (0: none)
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '`') {
      size_t run = line.find_first_not_of('`', i);
      run = (run == std::string::npos ? line.size() : run) - i;
      if (ticks == 0)
        ticks = run;
      else if (run == ticks)
        ticks = 0;
      i += run - 1;
      continue;
    }
    if (ticks || line.compare(i, 2, "![") != 0) continue;
    size_t open = line.find("](", i + 2);
    if (open == std::string::npos) return;
    size_t close = line.find(')', open + 2);
    if (close == std::string::npos) return;
    std::string_view inner = std::string_view(line).substr(open + 2, close - open - 2);
    size_t eq = inner.rfind('=');
    if (eq == std::string_view::npos || eq == 0 || (inner[eq - 1] != ' ' && inner[eq - 1] != '\t')) continue;
    auto size = parse_size(inner.substr(eq + 1));
    if (!size) continue;
    std::string_view rest = trim(inner.substr(0, eq));
    std::string_view url = rest.substr(0, rest.find_first_of(" \t"));
    if (url.starts_with('<') && url.ends_with('>') && url.size() >= 2) url = url.substr(1, url.size() - 2);
    sizes.emplace(std::make_pair(number, std::string(url)), *size);
    size_t cut = open + 2 + static_cast<size_t>(rest.data() - inner.data()) + rest.size();
    line.erase(cut, close - cut);
    i = cut;
  }
}

// GitHub's shortcodes ("rocket" -> U+1F680), from the embedded table.
const std::unordered_map<std::string_view, std::string_view>& shortcodes() {
  static const auto table = [] {
    std::unordered_map<std::string_view, std::string_view> t;
    for (const auto& [path, bytes] : embedded::emoji()) {
      for (size_t pos = 0; pos < bytes.size();) {
        size_t nl = bytes.find('\n', pos);
        std::string_view line = bytes.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? bytes.size() : nl + 1;
        auto tab = line.find('\t');
        if (line.starts_with('#') || tab == std::string_view::npos) continue;
        t.emplace(line.substr(0, tab), line.substr(tab + 1));
      }
    }
    return t;
  }();
  return table;
}

bool word_char(char c) {
  return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}

// ":rocket:" and ":+1:" as their emoji, where a word does not go on around them ("did:web:x" stays).
void replace_in(std::string& text) {
  if (text.find(':') == std::string::npos) return;
  const auto& table = shortcodes();
  std::string out;
  size_t done = 0;
  for (size_t i = text.find(':'); i != std::string::npos && i + 2 < text.size(); i = text.find(':', i + 1)) {
    if (i > 0 && word_char(text[i - 1])) continue;
    size_t end = i + 1;
    while (end < text.size() && end - i <= 40 &&
           (word_char(text[end]) || text[end] == '_' || text[end] == '+' || text[end] == '-'))
      ++end;
    if (end >= text.size() || text[end] != ':' || end == i + 1) continue;
    if (end + 1 < text.size() && word_char(text[end + 1])) continue;
    auto found = table.find(std::string_view(text).substr(i + 1, end - i - 1));
    if (found == table.end()) continue;
    out.append(text, done, i - done);
    out.append(found->second);
    done = end + 1;
    i = end;
  }
  if (done == 0) return;
  out.append(text, done);
  text = std::move(out);
}

void replace_in(ir::Inlines& inlines) {
  for (auto& in : inlines) {
    if (in.kind == ir::InlineKind::text) replace_in(in.text);
    replace_in(in.children);
  }
}

}  // namespace

ImageSizes take_image_sizes(std::string& text) {
  ImageSizes sizes;
  if (text.find(" =") == std::string::npos && text.find("\t=") == std::string::npos) return sizes;
  std::string out;
  out.reserve(text.size());
  bool in_fence = false;
  std::string fence;
  int number = 0;
  for (size_t pos = 0; pos <= text.size();) {
    size_t nl = text.find('\n', pos);
    size_t stop = nl == std::string::npos ? text.size() : nl;
    std::string line = text.substr(pos, stop - pos);
    ++number;
    std::string_view body = trim(line);
    if (body.starts_with("```") || body.starts_with("~~~")) {
      std::string mark(body.substr(0, 3));
      if (!in_fence) {
        in_fence = true;
        fence = mark;
      } else if (mark == fence) {
        in_fence = false;
      }
    } else if (!in_fence && line.find("![") != std::string::npos) {
      take_from_line(line, number, sizes);
    }
    out += line;
    if (nl == std::string::npos) break;
    out += '\n';
    pos = nl + 1;
  }
  text = std::move(out);
  return sizes;
}

void replace_shortcodes(ir::Blocks& blocks) {
  for (auto& b : blocks) {
    replace_in(b.inlines);
    for (auto& item : b.items) replace_shortcodes(item.blocks);
    replace_shortcodes(b.children);
    for (auto& row : b.rows)
      for (auto& cell : row.cells) replace_in(cell.inlines);
  }
}

}  // namespace minutes::formats::markdown
