// Renders the meeting IR as a safe HTML5 fragment, shared by the HTML page and the RSS feed's content.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <minutes/ir.hpp>
#include <minutes/resources.hpp>

#include "formats/common/words.hpp"

namespace minutes::formats::html {

// How a fragment is rendered.
struct FragmentOptions {
  std::string base_url;          // relative links and images are made absolute against it (an http(s) URL); empty: kept
  const Words* words = nullptr;  // the writer's own words ("Minutes:"); null: English
  int top_heading = 2;           // HTML level (1..6) of the meeting's highest section headings
  bool remote_images = true;     // false: images on other hosts become links (the page makes no external requests)
  std::string id_prefix;         // prefix of section ids, to keep them unique on a page with several meetings
  std::string source;            // the meeting's source path, for diagnostics
  std::vector<ir::Diagnostic>* diagnostics = nullptr;  // where dropped links and raw HTML are reported
  // Links to the archive's own minutes (relative ones, and those under source_root) go to their pages:
  const Site* site = nullptr;  // the archive's pages; null: links stay as they are
  std::string source_root;     // the URL the sources are published under (base_url), if any
  std::string page;            // this meeting's page relative to the output root ("iam/20241002.html")
  std::string page_url;        // its absolute URL (a feed's item); empty: links between pages stay relative
  // A first heading that only repeats the meeting's title (its date, its series, the title slide) is left out,
  // its content kept: the page or entry shows the title already.
  bool skip_repeated_title = false;
};

// The href of the page of an archive's minutes file that `url` (in the meeting `source`) links to, with its
// anchor ("scs-federation.html#roles"); empty when it links to none of them.
std::string archive_page_href(std::string_view url, const FragmentOptions& options);

// Appends inlines as phrasing content to parent.
void append_inlines(pugi::xml_node parent, const ir::Inlines& inlines, const FragmentOptions& options);

// Appends one block as flow content to parent.
void append_block(pugi::xml_node parent, const ir::Block& block, const FragmentOptions& options);

// Appends blocks as flow content to parent.
void append_blocks(pugi::xml_node parent, const ir::Blocks& blocks, const FragmentOptions& options);

// The ids used on one page, each given once ("agenda", "agenda-2", ...) in time linear in the page.
class PageIds {
 public:
  // base when it is unused, else base-N with the least N >= 2 that is; the id is used from then on.
  std::string unique(const std::string& base);

 private:
  std::unordered_set<std::string> used_;
  std::unordered_map<std::string, int> next_;  // per base: every N below it is used
};

// Appends a meeting's body (its leading blocks, then its sections as <section> with headings) to parent;
// its ids are taken from the page's.
void append_meeting_body(pugi::xml_node parent, const ir::Meeting& meeting, const FragmentOptions& options,
                         PageIds& ids);

// Makes a tree serialise as HTML5: no self-closed non-void element, no indentation inside pre.
void seal_for_html(pugi::xml_node root);

// Serialises a node's children as HTML (after seal_for_html), without indentation.
std::string serialise_children(pugi::xml_node node);

// The meeting's body as one HTML fragment string.
std::string meeting_fragment(const ir::Meeting& meeting, const FragmentOptions& options);

}  // namespace minutes::formats::html
