// libFuzzer target: any bytes through the Markdown reader and the JSON writer; the JSON must parse back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include <minutes/convert.hpp>

#include "formats/formats.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  minutes::ir::Meeting meetings[1] = {minutes::recognise(minutes::formats::read_markdown(bytes, {"fuzz/20230504.md"}))};
  auto out = minutes::formats::write_json(meetings, {});
  if (!nlohmann::json::accept(out.bytes)) std::abort();  // the writer must always produce valid JSON
  return 0;
}
