// The order meetings are told in: by date (undated last), then by source path.
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include <minutes/ir.hpp>

namespace minutes {

// The meetings by date (undated last), then by source path; stable for equal keys.
inline std::vector<const ir::Meeting*> meetings_by_date(std::span<const ir::Meeting> meetings) {
  std::vector<const ir::Meeting*> out;
  for (const auto& m : meetings) out.push_back(&m);
  std::stable_sort(out.begin(), out.end(), [](const ir::Meeting* a, const ir::Meeting* b) {
    if (a->date.has_value() != b->date.has_value()) return a->date.has_value();
    if (a->date && *a->date != *b->date) return *a->date < *b->date;
    return a->source < b->source;
  });
  return out;
}

}  // namespace minutes
