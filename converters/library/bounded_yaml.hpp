// YAML from files a user controls, parsed within limits: no alias bomb, no runaway nesting, no huge file.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace minutes::library {

// How much YAML may hold; nodes are counted with every alias expanded (so a "billion laughs" is refused).
struct YamlLimits {
  std::size_t max_bytes = 1u << 20;
  std::size_t max_depth = 32;
  std::size_t max_nodes = 10000;
  std::size_t max_aliases = 1000;
};

// The first document of a YAML text, or why not (error non-empty, with the 1-based line when known).
struct YamlParsed {
  YAML::Node root;
  std::string error;
  int line = 0;
};

// Parses text into nodes when it stays within limits; never throws.
YamlParsed parse_bounded_yaml(std::string_view text, const YamlLimits& limits = {});

}  // namespace minutes::library
