// What the pages of an archive's site share: one stylesheet, the head, the site's navigation, the footer.
#pragma once

#include <optional>
#include <pugixml.hpp>
#include <span>
#include <string>
#include <string_view>

#include <minutes/ir.hpp>
#include <minutes/options.hpp>

#include "formats/common/words.hpp"

namespace minutes::formats::html {

// The one stylesheet of every page (meeting pages and the site's); it holds no '<', '>' or '&'.
const char* stylesheet();

// A page being built: its head, its body's header and main.
struct SitePage {
  pugi::xml_document doc;
  pugi::xml_node head, header, main;
};

// Opens a page of the site: language, title, the feeds and the calendar as alternates (paths from root_prefix),
// the stylesheet, the site's navigation (archive, events, search form) and a header with the h1.
void open_site_page(SitePage& page, std::string_view title, const std::string& lang, const std::string& root_prefix,
                    const Words& words);

// Adds the site's feeds and calendar (paths from root_prefix) to a head as alternates.
void add_feed_alternates(pugi::xml_node head, const std::string& root_prefix, const Words& words);

// Adds the site's navigation (the archive's index, events, search) before `before` in the body.
void add_site_nav(pugi::xml_node body, pugi::xml_node before, const std::string& root_prefix, const Words& words);

// Appends a text element (text cleaned).
pugi::xml_node text_element(pugi::xml_node parent, const char* name, std::string_view text);

// Appends a link.
pugi::xml_node link_element(pugi::xml_node parent, std::string_view href, std::string_view text);

// The newest meeting's date, or SOURCE_DATE_EPOCH's: events that end on or after it are upcoming.
std::optional<ir::Date> today_of(std::span<const ir::Meeting> meetings, const WriteOptions& options);

// Closes a page: a footer, sealed for HTML5, serialised with the doctype.
std::string close_site_page(SitePage& page, std::string_view footer);

}  // namespace minutes::formats::html
