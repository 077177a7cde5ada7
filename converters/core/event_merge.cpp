// Merges the mentions of events across meetings into one event each, as every output shows them.
#include "converters/core/event_merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "converters/core/strings.hpp"

namespace minutes {

namespace {

auto mention_order(const ir::Event& e) { return std::make_tuple(e.mentioned_on.value_or(ir::Date{}), e.source, e.line); }

auto details(const ir::Event& e) {
  return std::tie(e.title, e.end, e.start_time, e.end_time, e.timezone, e.location, e.url, e.description);
}

// The meetings by date (undated last), then by source path: the order mentions are told in.
std::vector<const ir::Meeting*> by_date(std::span<const ir::Meeting> meetings) {
  std::vector<const ir::Meeting*> out;
  for (const auto& m : meetings) out.push_back(&m);
  std::stable_sort(out.begin(), out.end(), [](const ir::Meeting* a, const ir::Meeting* b) {
    if (a->date.has_value() != b->date.has_value()) return a->date.has_value();
    if (a->date && *a->date != *b->date) return *a->date < *b->date;
    return a->source < b->source;
  });
  return out;
}

}  // namespace

std::string normalise_title(std::string_view title) {
  std::string out;
  bool space = false;
  for (unsigned char c : title) {
    bool word = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!word) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

std::string event_uid(const ir::Event& event) {
  std::string norm = normalise_title(event.title);
  std::string day = fmt::format("{:04}{:02}{:02}", event.start.year, event.start.month, event.start.day);
  std::string name = slug(norm);
  if (name.size() > 40) name.resize(40);
  while (!name.empty() && name.back() == '-') name.pop_back();
  return fmt::format("{}-{}-{:08x}@minutes", day, name, fnv1a(norm + "|" + ir::iso(event.start)) & 0xffffffffULL);
}

std::vector<MergedEvent> merge_events(std::span<const ir::Meeting> meetings, std::vector<ir::Diagnostic>* diagnostics) {
  std::map<std::string, std::vector<ir::Event>> by_uid;
  for (const auto* m : by_date(meetings)) {
    for (ir::Event e : m->events) {
      if (e.source.empty()) e.source = m->source;
      if (!e.mentioned_on) e.mentioned_on = m->date;
      if (!ir::valid(e.start) || (e.end && !ir::valid(*e.end)) || normalise_title(e.title).empty()) {
        if (diagnostics)
          diagnostics->push_back({ir::Severity::warning, e.source, e.line, 0,
                                  fmt::format("event '{}' left out of the calendar: no valid title or date", e.title)});
        continue;
      }
      by_uid[event_uid(e)].push_back(std::move(e));
    }
  }
  std::vector<MergedEvent> out;
  out.reserve(by_uid.size());
  for (auto& [uid, mentions] : by_uid) {
    std::stable_sort(mentions.begin(), mentions.end(),
                     [](const ir::Event& a, const ir::Event& b) { return mention_order(a) < mention_order(b); });
    MergedEvent merged;
    merged.uid = uid;
    merged.event = mentions.back();  // the latest mention's details win
    merged.modified = mentions.front().mentioned_on;
    for (size_t i = 1; i < mentions.size(); ++i)
      if (details(mentions[i]) != details(mentions[i - 1])) {
        ++merged.sequence;
        if (mentions[i].mentioned_on) merged.modified = mentions[i].mentioned_on;
      }
    merged.mentions = std::move(mentions);
    out.push_back(std::move(merged));
  }
  std::stable_sort(out.begin(), out.end(), [](const MergedEvent& a, const MergedEvent& b) {
    return std::tie(a.event.start, a.event.start_time, a.uid) < std::tie(b.event.start, b.event.start_time, b.uid);
  });
  return out;
}

}  // namespace minutes
