// Follows action items across the meetings of a series: a restated task is the same task, done when a later
// meeting says so.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "converters/core/actions.hpp"
#include "converters/core/meeting_order.hpp"
#include "converters/core/strings.hpp"

namespace minutes {
namespace {

// The words of a task, lower case, for comparing restatements ("@x" and one-letter words left out).
std::set<std::string> task_words(std::string_view text) {
  std::set<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() > 1) out.insert(word);
    word.clear();
  };
  bool handle = false;
  for (unsigned char c : text) {
    if (c == '@') {
      flush();
      handle = true;
    } else if (c >= 0x80 || std::isalnum(c)) {
      if (!handle) word += static_cast<char>(std::tolower(c));
    } else {
      flush();
      handle = false;
    }
  }
  flush();
  return out;
}

// How much of the shorter task the longer one says: shared words over the smaller count (0..1).
double overlap(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t shared = 0;
  for (const auto& w : a) shared += b.count(w);
  return static_cast<double>(shared) / static_cast<double>(std::min(a.size(), b.size()));
}

// True when two owner lists ("a, b") name someone in common, or both name nobody.
bool same_owner(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty();
  auto names = [](std::string_view s) {
    std::set<std::string> out;
    for (size_t start = 0; start <= s.size();) {
      size_t end = std::min(s.find(',', start), s.size());
      std::string name = lower(minutes::trim(s.substr(start, end - start)));
      if (!name.empty()) out.insert(name);
      start = end + 1;
    }
    return out;
  };
  auto x = names(a), y = names(b);
  return std::any_of(x.begin(), x.end(), [&](const std::string& n) { return y.count(n) > 0; });
}

}  // namespace

std::string action_series(const ir::Meeting& meeting) {
  if (!meeting.series.empty()) return meeting.series;
  auto slash = meeting.source.find_last_of('/');
  return slash == std::string::npos ? std::string() : meeting.source.substr(0, slash);
}

std::vector<FollowedAction> follow_actions(std::span<const ir::Meeting> meetings) {
  auto ordered = meetings_by_date(meetings);
  std::vector<FollowedAction> out;
  std::vector<std::set<std::string>> words;         // of each item in out, as last stated
  std::map<std::string, std::vector<size_t>> open;  // by series: the items in out still open
  for (const ir::Meeting* m : ordered) {
    std::string series = action_series(*m);
    auto& candidates = open[series];
    std::set<size_t> taken;  // each earlier item is restated at most once per meeting
    std::vector<size_t> raised;
    for (const auto& a : m->actions) {
      auto w = task_words(a.text);
      size_t best = out.size();
      double best_score = 0;
      for (size_t i : candidates) {
        if (out[i].meeting == m || taken.count(i)) continue;
        double score = overlap(w, words[i]);
        bool like = same_owner(a.owner, out[i].item.owner) ? score >= 0.6 : score >= 0.9 && w.size() >= 3;
        if (like && score > best_score) best = i, best_score = score;
      }
      if (best == out.size()) {
        FollowedAction f;
        f.meeting = m;
        f.item = a;
        f.done = a.done;
        out.push_back(std::move(f));
        words.push_back(std::move(w));
        raised.push_back(out.size() - 1);
        continue;
      }
      taken.insert(best);
      auto& f = out[best];
      ++f.restated;
      words[best] = std::move(w);
      if (a.done) {
        f.done = true;
        f.done_in = m;
        f.done_line = a.line;
      }
    }
    std::erase_if(candidates, [&](size_t i) { return out[i].done; });
    for (size_t i : raised)
      if (!out[i].done) candidates.push_back(i);
  }
  return out;
}

}  // namespace minutes
