// Reads a Markdown file's YAML front matter (`---` ... `---`) into flat string metadata, with bounded YAML.
#include "formats/common/yaml.hpp"
#include "formats/markdown/internal.hpp"

namespace minutes::formats::markdown {

namespace {

// True when a line (without its '\n') is a front matter fence: "---" (opening/closing) or "..." (closing).
bool is_fence(std::string_view line, bool closing) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "---" || (closing && line == "...");
}

// Flattened metadata is bounded too: a long key over many nested entries would repeat in every one.
constexpr size_t max_flat_bytes = size_t{16} << 20;

void flatten(const YAML::Node& node, const std::string& key, std::map<std::string, std::string>& out, size_t& budget,
             int depth) {
  if (depth > yaml::Limits{}.depth) return;  // the YAML was checked; this only guards the recursion
  auto put = [&](std::string value) {
    if (key.size() + value.size() > budget) return;
    budget -= key.size() + value.size();
    out[key] = std::move(value);
  };
  switch (node.Type()) {
    case YAML::NodeType::Scalar: put(node.Scalar()); break;
    case YAML::NodeType::Sequence: {
      std::string joined;
      int index = 0;
      for (const auto& item : node) {
        if (!item.IsScalar()) {
          flatten(item, key + "." + std::to_string(index++), out, budget, depth + 1);
          continue;
        }
        ++index;
        if (!joined.empty()) joined += ", ";
        joined += item.Scalar();
      }
      put(std::move(joined));
      break;
    }
    case YAML::NodeType::Map:
      for (const auto& kv : node) {
        std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
        if (key.size() + name.size() < budget)
          flatten(kv.second, key.empty() ? name : key + "." + name, out, budget, depth + 1);
      }
      break;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      if (!key.empty()) put("");
      break;
  }
}

}  // namespace

FrontMatter read_front_matter(std::string_view text) {
  FrontMatter fm;
  // Blank lines before the opening fence are tolerated (HackMD exports have them).
  size_t open = 0;
  int lines = 1;
  while (open < text.size()) {
    size_t nl = text.find('\n', open);
    if (nl == std::string_view::npos || !trim(text.substr(open, nl - open)).empty()) break;
    open = nl + 1;
    ++lines;
  }
  const int open_line = lines;
  size_t eol = text.find('\n', open);
  if (eol == std::string_view::npos || !is_fence(text.substr(open, eol - open), false)) return fm;
  size_t pos = eol + 1;
  while (pos < text.size()) {
    size_t next = text.find('\n', pos);
    size_t stop = next == std::string_view::npos ? text.size() : next;
    ++lines;
    if (is_fence(text.substr(pos, stop - pos), true)) {
      fm.present = true;
      fm.end = next == std::string_view::npos ? text.size() : next + 1;
      fm.lines = lines;
      break;
    }
    pos = stop + 1;
  }
  if (!fm.present) return fm;

  // Only a YAML mapping (or nothing) is front matter; anything else between two rules is Markdown content.
  std::string_view yaml = text.substr(eol + 1, pos - (eol + 1));
  auto not_front_matter = [&](std::string why, int line) {
    fm.present = false;
    fm.end = 0;
    fm.lines = 0;
    fm.values.clear();
    fm.error = std::move(why);
    fm.error_line = line;
  };
  const int first_line = open_line + 1;  // source line of the first YAML line
  yaml::Loaded loaded = yaml::load(yaml);
  if (!loaded.error.empty()) {
    not_front_matter("front matter is " + loaded.error + "; read as Markdown",
                     loaded.line > 0 ? first_line + loaded.line - 1 : open_line);
  } else if (loaded.root.IsMap()) {
    size_t budget = max_flat_bytes;
    flatten(loaded.root, "", fm.values, budget, 0);
  } else if (!loaded.root.IsNull()) {
    not_front_matter("", 0);  // plain text between two rules: not YAML at all
  }
  if (!fm.present) return fm;
  auto type = fm.values.find("type");
  auto options = fm.values.lower_bound("slideOptions");
  fm.slides = (type != fm.values.end() && type->second == "slide") ||
              (options != fm.values.end() && options->first.starts_with("slideOptions"));
  return fm;
}

}  // namespace minutes::formats::markdown
