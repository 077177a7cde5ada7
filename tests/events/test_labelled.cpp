// The labelled set: events extracted from real minutes against hand-made labels; precision and recall floors.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <minutes/minutes.hpp>

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The significant lowered words of a title.
std::set<std::string> title_words(const std::string& title) {
  static const std::set<std::string> skip = {"the", "and", "of", "in", "at", "on", "scs", "for", "de", "with"};
  std::set<std::string> out;
  std::string w;
  auto flush = [&] {
    if (w.size() >= 2 && !skip.count(w)) out.insert(w);
    w.clear();
  };
  for (unsigned char c : title) {
    if (std::isalnum(c) || c >= 0x80)
      w += static_cast<char>(std::tolower(c));
    else
      flush();
  }
  flush();
  return out;
}

// Whether two titles name the same event: half of the shorter one's words are in the other.
bool similar(const std::string& a, const std::string& b) {
  auto wa = title_words(a), wb = title_words(b);
  if (wa.empty() || wb.empty()) return false;
  std::size_t common = 0;
  for (const auto& w : wa) common += wb.count(w);
  return common * 2 >= std::min(wa.size(), wb.size());
}

std::string hhmm(const minutes::ir::Time& t) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", t.hour, t.minute);
  return buf;
}

// Whether an extracted event is the labelled one: same days, same start time when labelled, similar title.
bool matches(const minutes::ir::Event& e, const nlohmann::json& label) {
  if (minutes::ir::iso(e.start) != label.at("start").get<std::string>()) return false;
  std::string end = label.value("end", std::string());
  if ((e.end ? minutes::ir::iso(*e.end) : std::string()) != end) return false;
  if (label.contains("time") && (!e.start_time || hhmm(*e.start_time) != label.at("time").get<std::string>()))
    return false;
  return similar(e.title, label.at("title").get<std::string>());
}

}  // namespace

TEST_CASE("labelled events from the corpus: precision and recall of at least 0.9") {
  const std::string corpus = std::string(MINUTES_SHARED_DIR) + "/corpus/scs-minutes/";
  auto labels = nlohmann::json::parse(slurp(std::string(MINUTES_SOURCE_DIR) + "/tests/data/events/labels.json"));
  const auto* reader = minutes::find_reader("markdown");
  REQUIRE(reader != nullptr);

  std::size_t labelled = 0, found = 0, extracted = 0, correct = 0, files = 0;
  for (const auto& file : labels.at("files")) {
    const std::string rel = file.at("path");
    std::string bytes = slurp(corpus + rel);
    INFO(rel);
    REQUIRE_FALSE(bytes.empty());
    ++files;
    auto meeting = minutes::load(bytes, minutes::ReadOptions{rel}, *reader);
    const auto& want = file.at("events");
    labelled += want.size();
    extracted += meeting.events.size();
    for (const auto& label : want) {
      bool hit =
          std::any_of(meeting.events.begin(), meeting.events.end(), [&](const auto& e) { return matches(e, label); });
      if (hit)
        ++found;
      else
        MESSAGE("missed in " << rel << ": " << label.dump());
    }
    for (const auto& e : meeting.events) {
      bool ok = std::any_of(want.begin(), want.end(), [&](const auto& label) { return matches(e, label); });
      if (ok)
        ++correct;
      else
        MESSAGE("not labelled in " << rel << ":" << e.line << ": '" << e.title << "' " << minutes::ir::iso(e.start)
                                   << (e.end ? ".." + minutes::ir::iso(*e.end) : std::string()));
    }
  }
  REQUIRE(files >= 20);
  REQUIRE(labelled >= 60);
  double precision = extracted ? double(correct) / double(extracted) : 0.0;
  double recall = labelled ? double(found) / double(labelled) : 0.0;
  MESSAGE("labelled set: " << files << " files, " << labelled << " labelled events, " << extracted
                           << " extracted; precision " << precision << " (" << correct << "/" << extracted
                           << "), recall " << recall << " (" << found << "/" << labelled << ")");
  CHECK(precision >= 0.9);
  CHECK(recall >= 0.9);
}
