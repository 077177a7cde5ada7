// The labelled set: events extracted from real minutes against hand-made labels; precision and recall floors.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <minutes/minutes.hpp>
#include "converters/core/strings.hpp"

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

// The figures of one labelled set: events labelled and found, extracted and right, places right.
struct Figures {
  std::size_t files = 0, labelled = 0, found = 0, extracted = 0, correct = 0, placed = 0, place_right = 0;
  double precision() const { return extracted ? double(correct) / double(extracted) : 0.0; }
  double recall() const { return labelled ? double(found) / double(labelled) : 0.0; }
  double location() const { return placed ? double(place_right) / double(placed) : 0.0; }
};

// Runs the extractor on every file of a labels file; `tell` prints each miss and each event not labelled.
Figures measure(const std::string& labels_file, bool tell) {
  const std::string corpus = std::string(MINUTES_SHARED_DIR) + "/corpus/scs-minutes/";
  auto labels = nlohmann::json::parse(slurp(std::string(MINUTES_SOURCE_DIR) + "/tests/data/events/" + labels_file));
  const auto* reader = minutes::find_reader("markdown");
  REQUIRE(reader != nullptr);
  Figures f;
  for (const auto& file : labels.at("files")) {
    const std::string rel = file.at("path");
    std::string bytes = slurp(corpus + rel);
    INFO(rel);
    REQUIRE_FALSE(bytes.empty());
    ++f.files;
    auto meeting = minutes::load(bytes, minutes::ReadOptions{rel}, *reader);
    const auto& want = file.at("events");
    f.labelled += want.size();
    f.extracted += meeting.events.size();
    for (const auto& label : want) {
      auto hit =
          std::find_if(meeting.events.begin(), meeting.events.end(), [&](const auto& e) { return matches(e, label); });
      if (hit == meeting.events.end()) {
        if (tell) MESSAGE("missed in " << rel << ": " << label.dump());
        continue;
      }
      ++f.found;
      // A place is right when it is the labelled one; a place where none is labelled is wrong.
      std::string place = label.value("location", std::string());
      if (place.empty() && hit->location.empty()) continue;
      ++f.placed;
      if (minutes::lower(place) == minutes::lower(hit->location))
        ++f.place_right;
      else if (tell)
        MESSAGE("place in " << rel << ": '" << hit->title << "' at '" << hit->location << "', labelled '" << place << "'");
    }
    for (const auto& e : meeting.events) {
      bool ok = std::any_of(want.begin(), want.end(), [&](const auto& label) { return matches(e, label); });
      if (ok)
        ++f.correct;
      else if (tell)
        MESSAGE("not labelled in " << rel << ":" << e.line << ": '" << e.title << "' " << minutes::ir::iso(e.start)
                                   << (e.end ? ".." + minutes::ir::iso(*e.end) : std::string()));
    }
  }
  return f;
}

std::string figures(const char* name, const Figures& f) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "%s: %zu files, %zu labelled events, %zu extracted; precision %.3f (%zu/%zu), recall %.3f (%zu/%zu), "
                "location %.3f (%zu/%zu)",
                name, f.files, f.labelled, f.extracted, f.precision(), f.correct, f.extracted, f.recall(), f.found,
                f.labelled, f.location(), f.place_right, f.placed);
  return buf;
}

}  // namespace

TEST_CASE("the tuning set: precision 0.97, recall 0.95 and places 0.9 at least") {
  Figures f = measure("labels.json", true);
  REQUIRE(f.files >= 40);
  REQUIRE(f.labelled >= 100);
  MESSAGE(figures("tuned set", f));
  CHECK(f.precision() >= 0.97);
  CHECK(f.recall() >= 0.95);
  CHECK(f.location() >= 0.9);
}

// Reported, never tuned: the labels were committed before the extractor ran on these files (README, Figures).
TEST_CASE("the blind set: figures reported") {
  Figures f = measure("blind.json", false);
  REQUIRE(f.files >= 20);
  MESSAGE(figures("blind set", f));
  CHECK(f.labelled >= 30);  // 23 files and 37 events left after one moved to the tuning set
}

// Reported, never tuned: blind2.json's labels were committed before the extractor ran on its files.
TEST_CASE("the second blind set: figures reported") {
  Figures f = measure("blind2.json", false);
  REQUIRE(f.files >= 30);
  MESSAGE(figures("blind set 2", f));
  CHECK(f.labelled >= 27);  // the 30 files and their 27 events, as committed
}

// Reported, never tuned: blind3.json's labels (everyday minutes that name events, mostly without a day) were
// committed before the extractor ran on its files. Its point is precision: what would be published from them.
TEST_CASE("the third blind set: figures reported") {
  Figures f = measure("blind3.json", false);
  REQUIRE(f.files >= 24);
  MESSAGE(figures("blind set 3", f));
  CHECK(f.labelled >= 1);  // the 24 files and their one event, as committed
}

// Reported, never tuned: blind4.json's labels (community calls, SIG Community and hackathon notes, the series
// where most events are named) were committed before the extractor ran on its files.
TEST_CASE("the fourth blind set: figures reported") {
  Figures f = measure("blind4.json", false);
  REQUIRE(f.files >= 16);
  MESSAGE(figures("blind set 4", f));
  CHECK(f.labelled >= 35);  // the 16 files and their 35 events, as committed
}
