// libFuzzer target: any bytes through the Markdown reader and both document writers (ODT, DOCX);
// each must give a package whose XML parts are all well-formed.
#include <pugixml.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "formats/common/zip.hpp"
#include <minutes/convert.hpp>

#include "formats/formats.hpp"

namespace {

// Aborts (a finding) unless the package unzips and every XML part parses.
void check_package(const std::string& package) {
  auto parts = minutes::formats::unzip(package);
  if (parts.empty()) std::abort();  // a writer must always produce a package
  for (const auto& part : parts) {
    bool xml = part.name.ends_with(".xml") || part.name.ends_with(".rels");
    pugi::xml_document doc;
    if (xml && !doc.load_buffer(part.data.data(), part.data.size())) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  minutes::ir::Meeting meetings[1] = {minutes::recognise(minutes::formats::read_markdown(bytes, {"fuzz/20230504.md"}))};
  check_package(minutes::formats::write_odt(meetings, {}).bytes);
  check_package(minutes::formats::write_docx(meetings, {}).bytes);
  return 0;
}
