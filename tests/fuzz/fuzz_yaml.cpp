// libFuzzer target: any bytes as YAML (bounded: aliases, nodes, depth) and as a Markdown file's front matter;
// nothing may crash, run away or exhaust memory, and a refusal names a line.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "formats/common/yaml.hpp"
#include "formats/markdown/internal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto loaded = minutes::formats::yaml::load(bytes);
  if (!loaded.error.empty() && !loaded.root.IsNull()) std::abort();
  auto fm = minutes::formats::markdown::read_front_matter("---\n" + std::string(bytes) + "\n---\n# Title\n");
  if (!fm.error.empty() && fm.present) std::abort();  // refused YAML is read as Markdown, never half-used
  return 0;
}
