// Renders the meeting IR as a safe HTML5 fragment, shared by the HTML page and the RSS feed's content.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <minutes/ir.hpp>

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
};

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
