// The layering rules of the sources (README, Architecture): every #include runs down the layers, never up or
// across, a writer never includes another writer, the CLI uses only the public headers; no source file grows
// past the size a reader can hold in mind.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// The layer a source file (path relative to the checkout) belongs to: "public-base", "public", "core", "common",
// "format:<name>", "library", "cli"; empty for what the rules do not cover.
std::string layer_of(const std::string& rel) {
  static const std::set<std::string> base = {"ir.hpp", "options.hpp", "resources.hpp", "version.hpp"};
  if (rel.starts_with("converters/include/minutes/"))
    return base.count(fs::path(rel).filename().string()) ? "public-base" : "public";
  if (rel.starts_with("converters/core/")) return "core";
  if (rel.starts_with("converters/library/")) return "library";
  if (rel.starts_with("converters/cli/")) return "cli";
  if (rel.starts_with("formats/common/")) return "common";
  if (rel == "formats/formats.hpp") return "formats-api";
  if (rel.starts_with("formats/")) return "format:" + rel.substr(8, rel.find('/', 8) - 8);
  return {};
}

// Whether a file of layer `from` may include one of layer `to`.
bool allowed(const std::string& from, const std::string& to) {
  if (to == "public-base") return true;
  if (from == to) return true;
  if (from == "public-base") return false;
  if (from == "public") return to == "public";
  if (from == "core") return false;
  if (from == "common") return to == "core";
  if (from == "formats-api") return false;
  if (from.starts_with("format:")) return to == "core" || to == "common" || to == "formats-api";
  if (from == "library")
    return to == "public" || to == "core" || to == "common" || to == "formats-api" || to.starts_with("format:");
  if (from == "cli") return to == "public";
  return false;
}

// What a file includes: the quoted project headers and <minutes/...> ones, as paths relative to the checkout.
std::vector<std::string> includes(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("#include ")) continue;
    std::string target = line.substr(9);
    if (target.starts_with("<minutes/"))
      out.push_back("converters/include/" + target.substr(1, target.find('>') - 1));
    else if (target.starts_with("\""))
      out.push_back(target.substr(1, target.find('"', 1) - 1));
  }
  return out;
}

std::vector<std::string> sources() {
  std::vector<std::string> out;
  fs::path root = MINUTES_SOURCE_DIR;
  for (const char* top : {"converters", "formats"})
    for (const auto& e : fs::recursive_directory_iterator(root / top)) {
      auto ext = e.path().extension();
      if (e.is_regular_file() && (ext == ".cpp" || ext == ".hpp"))
        out.push_back(e.path().lexically_relative(root).generic_string());
    }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("every include runs down the layers: core, common, formats, library, CLI") {
  auto files = sources();
  REQUIRE(files.size() > 50);
  int checked = 0;
  for (const auto& rel : files) {
    std::string from = layer_of(rel);
    REQUIRE_MESSAGE(!from.empty(), rel << " is in no layer");
    for (const auto& inc : includes(fs::path(MINUTES_SOURCE_DIR) / rel)) {
      std::string to = layer_of(inc);
      if (to.empty()) continue;  // a generated file beside the sources, or a test header
      ++checked;
      CHECK_MESSAGE(allowed(from, to), rel << " (" << from << ") includes " << inc << " (" << to << ")");
    }
  }
  CHECK(checked > 100);
}

TEST_CASE("the rules themselves: what may include what") {
  CHECK(allowed("cli", "public"));
  CHECK_FALSE(allowed("cli", "core"));
  CHECK_FALSE(allowed("cli", "format:odt"));
  CHECK_FALSE(allowed("format:rss", "format:html"));
  CHECK(allowed("format:rss", "common"));
  CHECK_FALSE(allowed("common", "format:html"));
  CHECK_FALSE(allowed("core", "common"));
  CHECK_FALSE(allowed("core", "public"));
  CHECK(allowed("library", "format:odt"));
  CHECK_FALSE(allowed("public-base", "public"));
  CHECK(layer_of("converters/include/minutes/ir.hpp") == "public-base");
  CHECK(layer_of("formats/odt/body.cpp") == "format:odt");
}

TEST_CASE("no source file over 600 lines") {
  for (const auto& rel : sources()) {
    std::ifstream in(fs::path(MINUTES_SOURCE_DIR) / rel);
    int lines = 0;
    for (std::string line; std::getline(in, line);) ++lines;
    CHECK_MESSAGE(lines <= 600, rel << " has " << lines << " lines");
  }
}
