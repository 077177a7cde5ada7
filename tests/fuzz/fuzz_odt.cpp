// libFuzzer target: any bytes through the Markdown reader and the ODT writer; every XML part must be well-formed.
#include <pugixml.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "formats/common/zip.hpp"
#include "formats/formats.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  minutes::ir::Meeting meetings[1] = {minutes::formats::read_markdown(bytes, {"fuzz/20230504.md"})};
  auto out = minutes::formats::write_odt(meetings, {});
  auto parts = minutes::formats::unzip(out.bytes);
  if (parts.empty()) std::abort();  // the writer must always produce a package
  for (const auto& part : parts) {
    bool xml = part.name.ends_with(".xml");
    pugi::xml_document doc;
    if (xml && !doc.load_buffer(part.data.data(), part.data.size())) std::abort();
  }
  return 0;
}
