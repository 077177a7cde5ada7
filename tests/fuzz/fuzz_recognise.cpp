// libFuzzer target: any bytes through both readers, recognition and enrichment (dates, events, actions), as
// `minutes convert` does; the meetings must hold what recognition promises, and the JSON writer must accept them.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <minutes/convert.hpp>

namespace {

void check(bool ok) {
  if (!ok) std::abort();  // a finding
}

void check_inlines(const minutes::ir::Inlines& inlines) {
  for (const auto& in : inlines) {
    if (in.kind == minutes::ir::InlineKind::mention) check(!in.text.empty() && in.text.find('@') == std::string::npos);
    check_inlines(in.children);
  }
}

void check_blocks(const minutes::ir::Blocks& blocks) {
  for (const auto& b : blocks) {
    check(b.kind != minutes::ir::BlockKind::heading);  // headings became sections
    check_inlines(b.inlines);
    for (const auto& item : b.items) check_blocks(item.blocks);
    check_blocks(b.children);
  }
}

void check_meeting(const minutes::ir::Meeting& m) {
  check(m.scribes.size() <= 1000 && m.participants.size() <= 1000);
  if (m.date) check(minutes::ir::valid(*m.date));
  check_blocks(m.blocks);
  minutes::ir::for_each_section(m.sections, [](const minutes::ir::Section& s) {
    check(s.level >= 1 && s.level <= 6);
    check_blocks(s.blocks);
  });
  for (const auto& e : m.events) check(minutes::ir::valid(e.start) && (!e.end || *e.end >= e.start));
  for (const auto& a : m.actions)
    if (a.due) check(minutes::ir::valid(*a.due));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const minutes::Writer* json = minutes::find_writer("json");
  for (const char* reader : {"markdown", "text"}) {
    minutes::ir::Meeting m = minutes::load(bytes, {"fuzz/20240314.md"}, *minutes::find_reader(reader));
    check_meeting(m);
    check(!minutes::has_error(minutes::write(*json, {&m, 1}, {}).diagnostics));
  }
  return 0;
}
