// Merges the mentions of events across meetings into one event each, as every output shows them, and applies
// the curated events (yaml2ics) over them.
#include "converters/core/event_merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include "converters/core/event_words.hpp"
#include "converters/core/strings.hpp"

namespace minutes {

namespace {

auto mention_order(const ir::Event& e) {
  return std::make_tuple(e.mentioned_on.value_or(ir::Date{}), e.source, e.line);
}

auto details(const ir::Event& e) {
  return std::tie(e.title, e.start, e.end, e.start_time, e.end_time, e.timezone, e.location, e.url);
}

int64_t first_day(const ir::Event& e) { return ir::days_from_civil(e.start); }
int64_t last_day(const ir::Event& e) { return ir::days_from_civil(e.end && *e.end > e.start ? *e.end : e.start); }
bool overlap(const ir::Event& a, const ir::Event& b) {
  return first_day(a) <= last_day(b) && first_day(b) <= last_day(a);
}

// Words of a core name that tell events apart (not "event", "day", "community").
std::set<std::string> distinctive(std::string_view core) {
  static const std::set<std::string, std::less<>> generic = {"and", "community", "day",     "days", "event", "events",
                                                             "for", "in",        "meeting", "of",   "on",    "with"};
  std::set<std::string> out;
  for (auto w : event_words::words(core)) {
    std::string word(w);
    // "4th" is "4"
    if (word.size() > 2 && std::isdigit(static_cast<unsigned char>(word[0])) &&
        (word.ends_with("st") || word.ends_with("nd") || word.ends_with("rd") || word.ends_with("th")))
      word.resize(word.size() - 2);
    if (!generic.count(word) && (word.size() >= 3 || std::isdigit(static_cast<unsigned char>(word[0]))))
      out.insert(std::move(word));
  }
  return out;
}

// Two words written as one elsewhere: "mini hackathon" and "minihackathon", "open infra" and "openinfra".
std::set<std::string> pairs(std::string_view core) {
  std::set<std::string> out;
  auto ws = event_words::words(core);
  for (size_t i = 0; i + 1 < ws.size(); ++i) out.insert(std::string(ws[i]) + std::string(ws[i + 1]));
  return out;
}

// A link that says which event it is: not a notes pad, a video room or a site's front page.
std::string event_link(std::string_view url) {
  std::string u = lower(url);
  for (std::string_view w : {"input.scs.community", "etherpad", "hedgedoc", "/p/", "jitsi", "meet.", "matrix.to"})
    if (u.find(w) != std::string::npos) return {};
  for (std::string_view p : {"https://", "http://", "www."})
    if (u.starts_with(p)) u.erase(0, p.size());
  while (!u.empty() && (u.back() == '/' || u.back() == '#')) u.pop_back();
  if (u.find('/') == std::string::npos) return {};  // "froscon.de": a site, many events
  return u;
}

// What is compared of one mention.
struct Key {
  std::string core;
  std::set<std::string> words;
  std::string link;
  std::string initials;  // of the name's words ("end of funding" -> "eof"), for acronyms
  std::set<std::string> pairs;
  std::set<std::string> numbers;  // its words that are numbers ("4" of "Hackathon #4")
};

std::string initials(std::string_view core) {
  std::string out;
  for (auto w : event_words::words(core)) out += w[0];
  return out;
}

Key key_of(const ir::Event& e) {
  std::string core = core_name(e.title);
  Key key{core, distinctive(core), event_link(e.url), initials(core), pairs(core), {}};
  for (const auto& w : key.words)
    if (std::all_of(w.begin(), w.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      key.numbers.insert(w);
  return key;
}

bool same_name(const Key& a, const Key& b) {
  if (a.core.empty() || b.core.empty() || a.words.empty() || b.words.empty()) return false;
  if (a.core == b.core) return true;
  // "EOF Community Meeting" and "End of Funding Event"
  for (const auto* k : {&a, &b}) {
    const Key& other = k == &a ? b : a;
    for (const auto& w : k->words)
      if (w.size() >= 3 && w.size() <= 6 && other.initials.find(w) != std::string::npos &&
          std::all_of(w.begin(), w.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
        return true;
  }
  // "SCS Summit" within "OpenInfra Day Germany and SCS Summit"
  const Key& small = a.words.size() <= b.words.size() ? a : b;
  const Key& big = &small == &a ? b : a;
  return std::all_of(small.words.begin(), small.words.end(),
                     [&](const std::string& w) { return big.words.count(w) || big.pairs.count(w); });
}

// Whether two long words are one typo apart ("Hackthon" and "Hackathon"): one letter left out, added, changed or
// two letters swapped; linear in their length.
bool one_typo(std::string_view a, std::string_view b) {
  if (a.size() < 6 || b.size() < 6 || a == b) return false;
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() < b.size()) return a.substr(i) == b.substr(i + 1);
  if (a.substr(i + 1) == b.substr(i + 1)) return true;  // a letter changed
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
}

// The distinctive words two names share (one written as two in the other counts; so does one with a typo).
std::size_t shared_words(const Key& a, const Key& b) {
  std::size_t n = 0;
  for (const auto& w : a.words)
    n += b.words.count(w) || b.pairs.count(w) ||
         std::any_of(b.words.begin(), b.words.end(), [&](const std::string& o) { return one_typo(w, o); });
  for (const auto& w : b.words) n += !a.words.count(w) && a.pairs.count(w);
  return n;
}

// Numbers in two names that say they are different events ("Hackathon 1", "Hackathon 2").
bool numbers_differ(const Key& a, const Key& b) {
  return !a.numbers.empty() && !b.numbers.empty() && a.numbers != b.numbers;
}

struct Groups {
  std::vector<int> parent;
  int find(int i) { return parent[i] == i ? i : parent[i] = find(parent[i]); }
  void join(int a, int b) { parent[find(b)] = find(a); }
};

// The published details of mentions (oldest first): the latest's, gaps filled from the ones before it; the title
// the mentions agree on most (by confidence), the latest among equals.
ir::Event published(std::span<const ir::Event> mentions) {
  ir::Event e = mentions.back();
  std::map<std::string, std::pair<double, size_t>> votes;
  for (size_t i = 0; i < mentions.size(); ++i) {
    auto& v = votes[mentions[i].title];
    v.first += mentions[i].confidence + (event_words::name_like(mentions[i].title) ? 0.5 : 0);
    v.second = i;
  }
  auto best = std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second.first, a.second.second) < std::tie(b.second.first, b.second.second);
  });
  e.title = best->first;
  for (size_t i = mentions.size(); i-- > 0;) {
    const ir::Event& m = mentions[i];
    if (e.location.empty()) e.location = m.location;
    if (e.url.empty()) e.url = m.url;
    if (m.start == e.start) {
      if (!e.end && m.end) e.end = m.end;
      if (!e.start_time && m.start_time) e.start_time = m.start_time, e.end_time = m.end_time, e.timezone = m.timezone;
    }
  }
  e.confidence = 0;
  for (const auto& m : mentions) e.confidence = std::max(e.confidence, m.confidence);
  return e;
}

MergedEvent make(std::vector<ir::Event> mentions) {
  std::stable_sort(mentions.begin(), mentions.end(),
                   [](const ir::Event& a, const ir::Event& b) { return mention_order(a) < mention_order(b); });
  MergedEvent merged;
  merged.uid = event_uid(mentions.front());  // the first mention names it for good: retitles and moves keep it
  merged.event = published(mentions);
  merged.modified = mentions.front().mentioned_on;
  ir::Event before = published(std::span(mentions).first(1));
  for (size_t i = 1; i < mentions.size(); ++i) {
    ir::Event now = published(std::span(mentions).first(i + 1));
    if (details(now) != details(before)) {
      ++merged.sequence;
      if (mentions[i].mentioned_on) merged.modified = mentions[i].mentioned_on;
    }
    before = std::move(now);
  }
  merged.confidence = merged.event.confidence;
  const ir::Event* sure = &mentions.front();
  for (const auto& m : mentions)
    if (m.confidence > sure->confidence) sure = &m;
  std::set<std::string> sources;
  for (const auto& m : mentions) sources.insert(m.source);
  merged.reason = sure->reason;
  if (sources.size() > 1)
    merged.reason += fmt::format("{}named in {} minutes", merged.reason.empty() ? "" : "; ", sources.size());
  merged.mentions = std::move(mentions);
  return merged;
}

// Applies a curated event: it corrects or suppresses the merged event it names (by UID or title) or that it is
// (same days and name, or link), else it is one of its own.
void apply(const CuratedEvent& c, std::vector<MergedEvent>& events) {
  std::string wanted = normalise_title(c.replaces);
  Key key = key_of(c.event);
  auto names = [&](const MergedEvent& m) {
    if (!c.uid.empty() && m.uid == c.uid) return true;
    if (!wanted.empty())
      return normalise_title(m.event.title) == wanted ||
             std::any_of(m.mentions.begin(), m.mentions.end(),
                         [&](const ir::Event& e) { return normalise_title(e.title) == wanted; });
    if (c.repeat || m.curated || !overlap(m.event, c.event)) return false;
    Key other = key_of(m.event);
    return same_name(key, other) || (!key.link.empty() && key.link == other.link);
  };
  if (c.suppress) {
    std::erase_if(events, names);
    return;
  }
  ir::Event e = c.event;
  e.confidence = 1;
  e.reason = "given in the curated calendar " + e.source;
  auto it = std::find_if(events.begin(), events.end(), names);
  if (it == events.end()) {
    MergedEvent m;
    m.uid = !c.uid.empty() ? c.uid : event_uid(e);
    m.event = e;
    m.reason = e.reason;
    m.repeat = c.repeat;
    m.minutes = c.minutes;
    m.curated = true;
    m.modified = e.mentioned_on;
    events.push_back(std::move(m));
    return;
  }
  // The curated details win; what it leaves out stays as the minutes say.
  ir::Event& d = it->event;
  ir::Event old = d;
  d.title = e.title.empty() ? d.title : e.title;
  if (ir::valid(e.start))
    d.start = e.start, d.end = e.end, d.start_time = e.start_time, d.end_time = e.end_time, d.timezone = e.timezone;
  if (!e.location.empty()) d.location = e.location;
  if (!e.url.empty()) d.url = e.url;
  if (!e.description.empty()) d.description = e.description;
  d.confidence = 1;
  if (!c.uid.empty() && c.replaces.empty()) it->uid = c.uid;
  if (details(old) != details(d)) ++it->sequence;
  it->confidence = 1;
  it->reason = e.reason + "; " + it->reason;
  it->curated = true;
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

std::string core_name(std::string_view title) {
  std::string norm = normalise_title(event_words::tidy_title(title));
  if (norm.starts_with("sovereign cloud stack ")) norm.replace(0, 22, "scs ");
  std::string out;
  for (auto w : event_words::words(norm)) {
    bool year = w.size() == 4 && (w.starts_with("19") || w.starts_with("20"));
    if (year || w == "scs" || w == "at" || w == "the" || static_cast<unsigned char>(w[0]) >= 0xE0) continue;
    std::string word(w);
    // "INFORMATIK2024" is "informatik"
    if (word.size() > 6 && std::isalpha(static_cast<unsigned char>(word[0])) &&
        std::all_of(word.end() - 4, word.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      word.resize(word.size() - 4);
    out += (out.empty() ? "" : " ") + word;
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

std::string common_folder(std::span<const ir::Meeting> meetings) {
  std::optional<std::string> common;
  for (const auto& m : meetings) {
    if (!m.source.starts_with('/')) continue;
    std::string folder = m.source.substr(0, m.source.rfind('/') + 1);
    if (!common) {
      common = folder;
      continue;
    }
    size_t n = 0;
    while (n < common->size() && n < folder.size() && (*common)[n] == folder[n]) ++n;
    common->resize(common->rfind('/', n ? n - 1 : 0) + 1);
  }
  return common.value_or("");
}

std::string mention_path(std::string_view source, std::string_view common) {
  if (!common.empty() && source.starts_with(common)) source.remove_prefix(common.size());
  if (source.starts_with('/')) source.remove_prefix(source.rfind('/') + 1);  // not below: its name alone
  return std::string(source);
}

std::vector<MergedEvent> merge_events(std::span<const ir::Meeting> meetings, std::vector<ir::Diagnostic>* diagnostics) {
  return merge_events(meetings, {}, diagnostics);
}

std::vector<MergedEvent> merge_events(std::span<const ir::Meeting> meetings, std::span<const CuratedEvent> curated,
                                      std::vector<ir::Diagnostic>* diagnostics) {
  std::vector<ir::Event> all;
  for (const auto& m : meetings) {
    for (ir::Event e : m.events) {
      if (e.source.empty()) e.source = m.source;
      if (!e.mentioned_on) e.mentioned_on = m.date;
      if (!ir::valid(e.start) || (e.end && !ir::valid(*e.end)) || normalise_title(e.title).empty()) {
        if (diagnostics)
          diagnostics->push_back({ir::Severity::warning, e.source, e.line, 0,
                                  fmt::format("event '{}' left out of the calendar: no valid title or date", e.title)});
        continue;
      }
      all.push_back(std::move(e));
    }
  }
  // In order of start, so that only mentions within two months of each other are compared.
  std::stable_sort(all.begin(), all.end(), [](const ir::Event& a, const ir::Event& b) {
    return std::tie(a.start, a.mentioned_on, a.source, a.line) < std::tie(b.start, b.mentioned_on, b.source, b.line);
  });
  std::vector<Key> keys;
  keys.reserve(all.size());
  std::vector<int64_t> first, last;  // each mention's days
  first.reserve(all.size());
  last.reserve(all.size());
  for (const auto& e : all) {
    keys.push_back(key_of(e));
    first.push_back(first_day(e));
    last.push_back(last_day(e));
  }
  Groups groups{std::vector<int>(all.size())};
  std::iota(groups.parent.begin(), groups.parent.end(), 0);
  for (size_t i = 0; i < all.size(); ++i) {
    for (size_t j = i + 1; j < all.size() && first[j] - last[i] <= 62; ++j) {
      const ir::Event &a = all[i], &b = all[j];
      const Key &ka = keys[i], &kb = keys[j];
      if (a.source == b.source || numbers_differ(ka, kb)) continue;  // one meeting names two events
      bool places_agree = a.location.empty() || b.location.empty() || a.location == b.location;
      bool link = !ka.link.empty() && ka.link == kb.link;
      bool same = false;
      if (first[i] <= last[j] && first[j] <= last[i]) {  // their days overlap
        std::size_t shared = shared_words(ka, kb);
        same = (same_name(ka, kb) && places_agree) || link ||
               (!a.location.empty() && a.location == b.location && shared > 0) ||
               (a.start == b.start && a.end == b.end && shared >= 2 && places_agree);  // the same days
      } else if (ka.core == kb.core && !ka.words.empty() && places_agree) {
        // A date moved: the later mention came before the date it moves from, and no meeting names both days.
        bool a_early = a.mentioned_on <= b.mentioned_on;
        const ir::Event &early = a_early ? a : b, &late = a_early ? b : a;
        same = late.mentioned_on && ir::days_from_civil(*late.mentioned_on) < (a_early ? first[i] : first[j]) &&
               std::none_of(keys.begin(), keys.end(), [&](const Key& k) {
                 const ir::Event& o = all[static_cast<size_t>(&k - keys.data())];
                 return o.source == late.source && o.start == early.start && k.core == ka.core;
               });
      }
      if (same) groups.join(static_cast<int>(i), static_cast<int>(j));
    }
  }
  std::map<int, std::vector<ir::Event>> clusters;
  for (size_t i = 0; i < all.size(); ++i) clusters[groups.find(static_cast<int>(i))].push_back(std::move(all[i]));
  std::vector<MergedEvent> out;
  out.reserve(clusters.size());
  for (auto& [root, mentions] : clusters) out.push_back(make(std::move(mentions)));
  // Two clusters may still name one UID (the same first title and day): keep one UID per VEVENT.
  std::set<std::string> uids;
  for (auto& m : out)
    for (int k = 2; !uids.insert(m.uid).second; ++k)
      m.uid = fmt::format("{}-{}@minutes", m.uid.substr(0, m.uid.find('@')), k);
  for (const auto& c : curated) apply(c, out);
  std::stable_sort(out.begin(), out.end(), [](const MergedEvent& a, const MergedEvent& b) {
    return std::tie(a.event.start, a.event.start_time, a.uid) < std::tie(b.event.start, b.event.start_time, b.uid);
  });
  return out;
}

}  // namespace minutes
