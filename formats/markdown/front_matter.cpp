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
  size_t eol = text.find('\n');
  if (eol == std::string_view::npos || !is_fence(text.substr(0, eol), false)) return fm;
  size_t pos = eol + 1;
  int lines = 1;
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

  std::string_view yaml = text.substr(eol + 1, pos - (eol + 1));
  if (too_deep(yaml)) {
    fm.error = "front matter nested too deeply; ignored";
    fm.error_line = 1;
    return fm;
  }
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    if (root.IsMap()) {
      flatten(root, "", fm.values, 0);
    } else if (!root.IsNull()) {
      fm.error = "front matter is not a YAML mapping (key: value lines); ignored";
      fm.error_line = 2;
    }
  } catch (const YAML::Exception& e) {
    fm.error = "front matter is not valid YAML (" + e.msg + "); ignored";
    fm.error_line = e.mark.is_null() ? 1 : e.mark.line + 2;
  } catch (const std::exception& e) {
    fm.error = std::string("front matter could not be read (") + e.what() + "); ignored";
    fm.error_line = 1;
  }
  auto type = fm.values.find("type");
  auto options = fm.values.lower_bound("slideOptions");
  fm.slides = (type != fm.values.end() && type->second == "slide") ||
              (options != fm.values.end() && options->first.starts_with("slideOptions"));
  return fm;
}

}  // namespace minutes::formats::markdown
