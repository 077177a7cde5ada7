// Test helper for the word-coverage runs: the labels of the meta lines recognition turns into fields.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace minutes_test {

// The label words of a source's meta lines ("Minutes: Jonas", "- Teilnehmende: ...") whose field the meeting's
// JSON has: a label becomes its field (scribes, participants, a section's minutes, the date), and every writer
// shows the field with its own label, so the source's label is counted as kept when its field is set. One entry
// per such line, lower case.
inline std::vector<std::string> field_labels(std::string_view source, const nlohmann::json& meeting) {
  auto set = [&](const char* key) { return meeting.contains(key) && !meeting[key].is_null() && !meeting[key].empty(); };
  bool section_minutes = false;
  auto walk = [&](auto&& self, const nlohmann::json& sections) -> void {
    for (const auto& s : sections) {
      section_minutes |= s.contains("minutes") && !s["minutes"].is_null();
      if (s.contains("sections")) self(self, s["sections"]);
    }
  };
  if (meeting.contains("sections")) walk(walk, meeting["sections"]);
  struct Label {
    std::string_view name;
    bool kept;
  };
  const bool scribes = set("scribes"), participants = set("participants"), date = set("date");
  const Label labels[] = {{"minutes", scribes || section_minutes},
                          {"scribe", scribes},
                          {"scribes", scribes},
                          {"protokoll", scribes},
                          {"protokollant", scribes},
                          {"protokollantin", scribes},
                          {"note taker", scribes},
                          {"notes by", scribes},
                          {"present", participants},
                          {"participants", participants},
                          {"attendees", participants},
                          {"teilnehmer", participants},
                          {"teilnehmende", participants},
                          {"anwesend", participants},
                          {"date", date},
                          {"datum", date}};
  std::vector<std::string> out;
  for (size_t pos = 0; pos < source.size();) {
    size_t nl = source.find('\n', pos);
    std::string_view line = source.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? source.size() : nl + 1;
    size_t i = line.find_first_not_of(" \t");
    if (i == std::string_view::npos) continue;
    if ((line[i] == '-' || line[i] == '*' || line[i] == '+') && i + 1 < line.size() && line[i + 1] == ' ') i += 2;
    size_t colon = line.find(':', i);
    if (colon == std::string_view::npos || colon - i > 24) continue;
    std::string key;
    for (char c : line.substr(i, colon - i)) key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.pop_back();
    for (const auto& l : labels)
      if (l.kept && key == l.name) {
        for (size_t w = 0, sp; w <= key.size(); w = sp + 1) {  // "note taker": two words
          sp = std::min(key.find(' ', w), key.size());
          out.push_back(key.substr(w, sp - w));
        }
      }
  }
  return out;
}

}  // namespace minutes_test
