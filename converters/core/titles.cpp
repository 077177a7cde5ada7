// Dates, series and names in meeting titles, file names and meta lines: one reading for every reader, on the one date scanner.
#include "converters/core/titles.hpp"

#include <algorithm>
#include <iterator>

#include "converters/core/dates.hpp"

namespace minutes {

std::optional<FoundDate> find_date(std::string_view s) {
  for (const auto& f : dates::find_dates(s, std::nullopt, {.names = true}))
    if (f.year_given && !f.implausible && f.kind == dates::DateKind::absolute)
      return FoundDate{f.start, f.begin, f.end_pos};
  return std::nullopt;
}

std::string series_from_title(std::string_view title, const FoundDate& found) {
  std::string rest(title.substr(0, found.begin));
  rest += ' ';
  rest += title.substr(found.end);
  for (std::string_view pair : {"()", "[]", "( )", "[ ]"})
    for (size_t p; (p = rest.find(pair)) != std::string::npos;) rest.erase(p, pair.size());
  std::string_view v = trim(rest);
  static constexpr std::string_view tails[] = {"-", "\xE2\x80\x93", "\xE2\x80\x94", ":",   ",",    "|",
                                               "/", " on",          " from",        " of", " vom", " am"};
  static constexpr std::string_view heads[] = {"-", "\xE2\x80\x93", "\xE2\x80\x94", ":", ",", "|", "/"};
  for (bool changed = true; changed;) {
    changed = false;
    for (auto t : tails)
      if (v.size() > t.size() && v.ends_with(t)) {
        v = trim(v.substr(0, v.size() - t.size()));
        changed = true;
      }
    for (auto h : heads)
      if (v.starts_with(h)) {
        v = trim(v.substr(h.size()));
        changed = true;
      }
  }
  if (v.starts_with("Minutes of "))
    v = trim(v.substr(11));
  else if (v.starts_with("Minutes "))
    v = trim(v.substr(8));
  if (v == "Minutes") v = {};
  return std::string(v);
}

std::optional<ir::Date> date_from_file_name(std::string_view path) {
  auto slash = path.find_last_of("/\\");
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  auto found = find_date(base);
  if (!found) return std::nullopt;
  return found->date;
}

std::optional<ir::Date> date_from_folder_name(std::string_view path) {
  auto end = path.find_last_of("/\\");
  if (end == std::string_view::npos) return std::nullopt;
  auto begin = path.find_last_of("/\\", end == 0 ? 0 : end - 1);
  size_t first = begin == std::string_view::npos || begin >= end ? 0 : begin + 1;
  auto found = find_date(path.substr(first, end - first));
  if (!found) return std::nullopt;
  return found->date;
}

std::string human_name(std::string_view folder) {
  static constexpr std::pair<std::string_view, std::string_view> spelled[] = {
      {"api", "API"}, {"ci", "CI"},     {"faq", "FAQ"},   {"iaas", "IaaS"}, {"iam", "IAM"},
      {"k8s", "K8s"}, {"kaas", "KaaS"}, {"paas", "PaaS"}, {"saas", "SaaS"}, {"sig", "SIG"},
      {"ui", "UI"},   {"ux", "UX"},     {"wg", "WG"},
  };
  std::string out;
  size_t i = 0;
  while (i < folder.size()) {
    size_t j = folder.find_first_of("-_. ", i);
    if (j == std::string_view::npos) j = folder.size();
    std::string word = lower(folder.substr(i, j - i));
    if (!word.empty()) {
      auto known = std::find_if(std::begin(spelled), std::end(spelled), [&](const auto& p) { return p.first == word; });
      bool acronym = word.size() >= 2 && word.size() <= 4 &&  // a short word with no vowel: "scs", "cfp"
                     std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
                     word.find_first_of("aeiouy") == std::string::npos;
      if (known != std::end(spelled))
        word = known->second;
      else if (acronym)
        for (auto& c : word) c = static_cast<char>(c - 'a' + 'A');
      else if (word[0] >= 'a' && word[0] <= 'z')
        word[0] = static_cast<char>(word[0] - 'a' + 'A');
      out += (out.empty() ? "" : " ") + word;
    }
    i = j + 1;
  }
  return out;
}

void settle_date_with_file_name(ir::Meeting& m, int line) {
  auto from_name = date_from_file_name(m.source);
  if (!from_name) return;
  if (m.date && *m.date != *from_name)
    ir::warn(m, line, 0,
             "the minutes say " + ir::iso(*m.date) + " but the file name says " + ir::iso(*from_name) +
                 "; the file name's date is used");
  m.date = from_name;
}

std::vector<std::string> split_names(std::string_view value) {
  std::vector<std::string> out;
  std::string v(value.substr(0, 4096));  // a name list, not a novel: bounded so dedupe stays cheap
  for (std::string_view joiner : {" and ", " & ", " und "})
    for (size_t p = 0; (p = v.find(joiner, p)) != std::string::npos;) v.replace(p, joiner.size(), ",");
  size_t start = 0;
  while (start <= v.size()) {
    size_t end = v.find_first_of(",;", start);
    if (end == std::string::npos) end = v.size();
    std::string_view name = trim(std::string_view(v).substr(start, end - start));
    if (name.starts_with('@')) name.remove_prefix(1);
    if (name.ends_with('.')) name.remove_suffix(1);
    name = trim(name);
    if (!name.empty()) out.emplace_back(name);
    start = end + 1;
  }
  return out;
}

}  // namespace minutes
