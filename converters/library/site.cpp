// The site of an archive: pages, series and neighbours from the sources' paths; series names from minutes.yaml,
// from what the minutes call themselves, or from the folder's name.
#include "converters/library/site.hpp"

#include <map>

#include "converters/core/titles.hpp"

namespace minutes::archive {

std::string top_folder(std::string_view rel) {
  auto slash = rel.find('/');
  return slash == std::string_view::npos ? std::string() : std::string(rel.substr(0, slash));
}

Site make_site(std::span<const Source> sources, const Settings& settings, bool pages) {
  Site site;
  for (const auto& s : sources) {
    SitePage p;
    p.source = s.rel;
    if (pages) p.page = s.stem + ".html";
    p.series = top_folder(s.rel);
    auto name = s.rel.substr(s.rel.find_last_of('/') + 1);
    auto date = date_from_file_name(name);
    p.label = date ? ir::iso(*date) : std::string(name.substr(0, name.find_last_of('.')));
    if (!p.series.empty() && !site.series_names.count(p.series)) {
      auto named = settings.series.find(p.series);
      site.series_names[p.series] = named != settings.series.end() ? named->second : human_name(p.series);
    }
    site.pages.push_back(std::move(p));
  }
  return site;
}

void name_series(Site& site, std::span<ir::Meeting> meetings, const Settings& settings) {
  std::map<std::string, std::map<std::string, int>> own;  // folder -> series its meetings' own titles give -> count
  for (const auto& m : meetings) {
    std::string folder = top_folder(m.source);
    if (!folder.empty() && !m.series.empty() && !ir::title_only_dates(m)) own[folder][m.series]++;
  }
  for (auto& [folder, name] : site.series_names) {
    if (settings.series.count(folder) || !own.count(folder)) continue;
    const std::string* best = nullptr;
    int most = 1;  // at least two meetings call themselves so
    for (const auto& [series, count] : own[folder])
      if (count > most) best = &series, most = count;
    if (best) name = *best;
  }
  for (auto& m : meetings) {
    std::string folder = top_folder(m.source);
    auto it = site.series_names.find(folder);
    if (it != site.series_names.end() && ir::title_only_dates(m)) m.series = it->second;
  }
}

}  // namespace minutes::archive
