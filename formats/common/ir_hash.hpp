// A meeting's content as a short hash, so that what is made of one meeting can be shared between the writers of one
// build (a feed entry in every feed that lists it) without comparing whole IRs.
#pragma once

#include <string>

#include <minutes/ir.hpp>

namespace minutes::formats {

// XXH3 (64 bits, 16 hex digits) of everything a writer shows of the meeting: its names, date, people, source,
// language, front matter and every block and section with their text, links and positions. Events, action items
// and diagnostics are left out.
std::string fingerprint(const ir::Meeting& meeting);

}  // namespace minutes::formats
