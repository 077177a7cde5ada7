// The site `minutes build` makes of an archive: each source's page, series and neighbours, and the series' names.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <minutes/archive.hpp>

namespace minutes::archive {

// The top folder of a path relative to SRC ("iaas/20241211.md" -> "iaas"); empty for a file at the top.
std::string top_folder(std::string_view rel);

// The site of these sources (in byte order of rel): pages (when `pages`, i.e. HTML is among the formats), series
// and labels; each series named by minutes.yaml, else by its folder's name made human.
Site make_site(std::span<const Source> sources, const Settings& settings, bool pages);

// Names each series that minutes.yaml does not name by what its minutes call themselves (the series most of their
// own titles give, if at least two do), and gives that name to its meetings titled with their date alone.
void name_series(Site& site, std::span<ir::Meeting> meetings, const Settings& settings);

}  // namespace minutes::archive
