// YAML with bounds, for front matter and minutes.yaml: limits on nesting, nodes and aliases, errors as values.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace minutes::formats::yaml {

// How much YAML a document may hold; aliases count as copies of what they refer to (no "billion laughs").
struct Limits {
  int depth = 64;                   // nested sequences and mappings
  size_t nodes = 100'000;           // nodes, aliases expanded
  size_t aliases = 1'000;           // alias references
  size_t bytes = size_t{16} << 20;  // scalar bytes, aliases expanded
};

// A YAML document as read: its root, or why not and where.
struct Loaded {
  YAML::Node root;    // null when there is an error
  std::string error;  // empty when the YAML was read: "not valid YAML (...)", "YAML with more than 1000 aliases", ...
  int line = 0;       // 1-based line of the text the error is on; 0 when unknown
};

// Reads one YAML document within the limits, in time linear in the text; never throws.
Loaded load(std::string_view text, const Limits& limits = {});

}  // namespace minutes::formats::yaml
