// libFuzzer target: any bytes through the plain-text reader, enrichment and the JSON writer, without a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "converters/core/enrich.hpp"
#include "formats/formats.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  minutes::ir::Meeting m = minutes::formats::read_text(bytes, {"fuzz.txt"});
  minutes::enrich(m);
  auto out = minutes::formats::write_json({&m, 1}, {});
  return out.bytes.empty() ? 0 : 0;
}
