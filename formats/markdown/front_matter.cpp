// Reads a Markdown file's YAML front matter (`---` ... `---`) into flat string metadata with yaml-cpp.
#include <yaml-cpp/yaml.h>

#include "formats/markdown/internal.hpp"

namespace minutes::formats::markdown {

namespace {

// True when a line (without its '\n') is a front matter fence: "---" (opening/closing) or "..." (closing).
bool is_fence(std::string_view line, bool closing) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "---" || (closing && line == "...");
}

// yaml-cpp recurses once per nesting level; refuse documents nested deeper than this before parsing.
constexpr int max_yaml_depth = 64;

bool too_deep(std::string_view yaml) {
  int depth = 0;
  size_t indent = 0;
  bool at_line_start = true;
  for (char c : yaml) {
    if (c == '\n') { at_line_start = true; indent = 0; continue; }
    if (at_line_start && (c == ' ' || c == '-')) { if (++indent > 2 * max_yaml_depth) return true; continue; }
    at_line_start = false;
    if (c == '[' || c == '{') { if (++depth > max_yaml_depth) return true; }
    else if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return false;
}

void flatten(const YAML::Node& node, const std::string& key, std::map<std::string, std::string>& out, int depth) {
  if (depth > max_yaml_depth) return;
  switch (node.Type()) {
    case YAML::NodeType::Scalar: out[key] = node.Scalar(); break;
    case YAML::NodeType::Sequence: {
      std::string joined;
      int index = 0;
      for (const auto& item : node) {
        if (!item.IsScalar()) {
          flatten(item, key + "." + std::to_string(index++), out, depth + 1);
          continue;
        }
        ++index;
        if (!joined.empty()) joined += ", ";
        joined += item.Scalar();
      }
      out[key] = joined;
      break;
    }
    case YAML::NodeType::Map:
      for (const auto& kv : node) {
        std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
        flatten(kv.second, key.empty() ? name : key + "." + name, out, depth + 1);
      }
      break;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      if (!key.empty()) out[key] = "";
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
  if (too_deep(yaml)) {
    not_front_matter("front matter nested too deeply; read as Markdown", open_line);
    return fm;
  }
  const int first_line = open_line + 1;  // source line of the first YAML line
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    if (root.IsMap()) flatten(root, "", fm.values, 0);
    else if (!root.IsNull()) not_front_matter("", 0);  // plain text between two rules: not YAML at all
  } catch (const YAML::Exception& e) {
    not_front_matter("front matter is not valid YAML (" + e.msg + "); read as Markdown",
                     e.mark.is_null() ? first_line - 1 : first_line + e.mark.line);
  } catch (const std::exception& e) {
    not_front_matter(std::string("front matter could not be read (") + e.what() + "); read as Markdown", first_line - 1);
  }
  if (!fm.present) return fm;
  auto type = fm.values.find("type");
  auto options = fm.values.lower_bound("slideOptions");
  fm.slides = (type != fm.values.end() && type->second == "slide") ||
              (options != fm.values.end() && options->first.starts_with("slideOptions"));
  return fm;
}

}  // namespace minutes::formats::markdown
