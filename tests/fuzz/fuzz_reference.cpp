// libFuzzer target: any bytes as the reference document of the ODT and the DOCX writer. Input that starts with "PK"
// is the reference itself (a zip archive); any other input lists its parts as "=== name" lines, each followed by the
// part's bytes (seeds-fuzz_reference/, made from templates/ at build time, are in this form). Every package must
// unzip, every XML part must parse, and the report's own parts must hold the report.
#include <pugixml.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "formats/common/zip.hpp"
#include "formats/formats.hpp"

namespace {

// Resources that hold one file, the reference document.
struct Reference final : minutes::Resources {
  std::string bytes;
  minutes::Fetched fetch(std::string_view reference, std::string_view) const override {
    if (reference == "reference") return {bytes, {}};
    return {std::nullopt, "is not the reference document"};
  }
};

// The reference document the input stands for.
std::string reference_of(std::string_view input) {
  if (input.starts_with("PK")) return std::string(input);
  std::vector<minutes::formats::ZipEntry> parts;
  constexpr std::string_view mark = "=== ";
  size_t at = input.starts_with(mark) ? 0 : input.find("\n=== ");
  while (at != std::string_view::npos) {
    at += input[at] == '\n' ? mark.size() + 1 : mark.size();
    size_t line_end = input.find('\n', at);
    if (line_end == std::string_view::npos) break;
    size_t next = input.find("\n=== ", line_end);
    size_t end = next == std::string_view::npos ? input.size() : next;
    std::string name(input.substr(at, line_end - at));
    parts.push_back({std::move(name), std::string(input.substr(line_end + 1, end - line_end - 1))});
    at = next;
  }
  return minutes::formats::zip_package(parts, 0).bytes;
}

// Aborts (a finding) unless the package unzips, every XML part parses and each of `own` holds the report's title.
void check_package(const minutes::Output& out, std::initializer_list<std::string_view> own) {
  for (const auto& d : out.diagnostics)
    if (d.severity == minutes::ir::Severity::error) std::abort();  // a reference document never stops the writer
  auto parts = minutes::formats::unzip(out.bytes);
  if (parts.empty()) std::abort();
  size_t found = 0;
  for (const auto& part : parts) {
    bool xml = part.name.ends_with(".xml") || part.name.ends_with(".rels");
    pugi::xml_document doc;
    if (xml && !doc.load_buffer(part.data.data(), part.data.size())) std::abort();
    for (auto name : own) found += part.name == name && part.data.find("fuzz-marker-7c1d") != std::string::npos;
  }
  if (found != own.size()) std::abort();  // a part the writer owns was replaced
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Reference files;
  files.bytes = reference_of(std::string_view(reinterpret_cast<const char*>(data), size));
  minutes::ir::Meeting meetings[1];
  auto& m = meetings[0];
  m.title = "fuzz-marker-7c1d 2023-05-04";
  m.date = minutes::ir::Date{2023, 5, 4};
  m.source = "fuzz/20230504.md";
  minutes::ir::Section s;
  s.title = "Team";
  m.sections.push_back(s);
  minutes::WriteOptions options;
  options.reference_doc = "reference";
  check_package(minutes::formats::write_odt(meetings, options, {&files}), {"content.xml", "meta.xml"});
  check_package(minutes::formats::write_docx(meetings, options, {&files}), {"word/document.xml", "docProps/core.xml"});
  return 0;
}
