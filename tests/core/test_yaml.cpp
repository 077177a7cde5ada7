// Bounded YAML (front matter, minutes.yaml): aliases, nodes and depth are limited, errors name their line.
#include <doctest/doctest.h>

#include <string>

#include <minutes/convert.hpp>

#include "formats/common/yaml.hpp"
#include "formats/formats.hpp"

using minutes::formats::yaml::load;

namespace {

// "Billion laughs": nine levels of nine aliases each, 9^9 copies of "lol" in 370 bytes.
std::string laughs() {
  std::string y = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    y += std::string(1, c) + ": &" + c + " [";
    for (int k = 0; k < 9; ++k) y += std::string(k ? "," : "") + "*" + static_cast<char>(c - 1);
    y += "]\n";
  }
  return y;
}

}  // namespace

TEST_CASE("YAML within the limits is read, aliases included") {
  auto ok = load("title: Team IaaS\nanchor: &x [a, b]\ncopy: *x\n");
  REQUIRE(ok.error.empty());
  CHECK(ok.root["title"].as<std::string>() == "Team IaaS");
  CHECK(ok.root["copy"].size() == 2);
}

TEST_CASE("nested aliases (billion laughs) are refused with the line, before anything expands") {
  std::string y = laughs();
  CHECK(y.size() < 400);
  auto refused = load(y);
  CHECK(refused.root.IsNull());
  CHECK(refused.error.find("expands to more than 100000 nodes") != std::string::npos);
  CHECK(refused.line == 6);  // f: the first level past 100 000 copies
  // As front matter: a warning naming the source line, and the block is read as Markdown (no word is lost).
  auto m = minutes::recognise(minutes::formats::read_markdown("---\n" + y + "---\n# Weekly 2024-03-14\n", {"x.md"}));
  REQUIRE(m.diagnostics.size() == 1);
  CHECK(m.diagnostics[0].line == 7);
  CHECK(m.diagnostics[0].message.find("front matter") != std::string::npos);
  CHECK(m.metadata.empty());
  CHECK(m.title == "Weekly 2024-03-14");
}

TEST_CASE("too many aliases, too deep, too big, cycles and invalid YAML: errors with their line") {
  std::string many = "a: &a x\nb: [";
  for (int i = 0; i < 1001; ++i) many += "*a,";
  many += "]\n";
  auto aliases = load(many);
  CHECK(aliases.error == "YAML with more than 1000 aliases");
  CHECK(aliases.line == 2);
  auto deep = load("a: " + std::string(100, '[') + std::string(100, ']') + "\n");
  CHECK(deep.error == "YAML nested deeper than 64 levels");
  CHECK(deep.line == 1);
  std::string big = "a: &a " + std::string(100'000, 'x') + "\nb: [";
  for (int i = 0; i < 200; ++i) big += "*a,";
  auto bytes = load(big + "]\n");
  CHECK(bytes.error.find("bytes") != std::string::npos);
  auto cycle = load("a: 1\nb: &b [x, *b]\n");  // an alias inside its own anchor: a structure without end
  CHECK(cycle.error.find("a cycle") != std::string::npos);
  CHECK(cycle.line == 2);
  auto m = minutes::recognise(minutes::formats::read_markdown("---\nb: &b {c: *b}\n---\n# T\n", {"x.md"}));
  CHECK(m.metadata.empty());
  CHECK(m.diagnostics.size() == 1);
  auto bad = load("a: b\n  c: [\n");
  CHECK(bad.error.find("not valid YAML") == 0);
  CHECK(bad.line >= 2);
}
