// libFuzzer target: any bytes as SRC/minutes.yaml, through the bounded YAML loader and the table of settings;
// whatever the file holds, the settings that come out keep to the table (a paper size it allows, a positive count).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <minutes/settings.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  minutes::SettingsRead read = minutes::parse_settings(bytes, "minutes.yaml", "/nonexistent");
  const minutes::WriteOptions& o = read.settings.options;
  if (o.paper != "a4" && o.paper != "letter") std::abort();
  if (o.feed_items <= 0) std::abort();
  for (const auto& d : read.diagnostics)
    if (d.file != "minutes.yaml" || d.message.empty()) std::abort();
  return 0;
}
