// Renders the meeting IR as a safe HTML5 fragment (shared by the HTML page and the RSS feed's content).
#pragma once

#include <pugixml.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>

namespace minutes::formats::html {

// How a fragment is rendered.
struct FragmentOptions {
  std::string base_url;       // relative links and images are made absolute against it; empty: kept as written
  int top_heading = 2;        // HTML level (1..6) of the meeting's highest section headings
  bool remote_images = true;  // false: images on other hosts become links (the page makes no external requests)
  std::string id_prefix;      // prefix of section ids, to keep them unique on a page with several meetings
  std::string source;         // the meeting's source path, for diagnostics
  std::vector<ir::Diagnostic>* diagnostics = nullptr;  // where dropped links and raw HTML are reported
};

// A URL fit for href/src: cleaned, percent-encoded to ASCII, resolved against base when relative; empty when
// its scheme is not a known safe one (javascript:, vbscript:, file:, and data: except raster images).
std::string safe_url(std::string_view url, std::string_view base = {}, bool image = false);

// Resolves a relative reference against an absolute base URL (RFC 3986 section 5.2).
std::string resolve_url(std::string_view base, std::string_view ref);

// The lower-case scheme of a URL ("https"); empty for a relative reference.
std::string url_scheme(std::string_view url);

// A file path made into a relative reference: percent-encoded (with '%', '#' and '?'), and "./" before a first segment with a ':' (which
// would otherwise read as a scheme, RFC 3986 4.2).
std::string local_href(std::string_view path);

// Joins a base URL with a meeting's source path made relative (leading "./" and "/" dropped, encoded).
std::string join_url(std::string_view base, std::string_view path);

// Text fit for HTML and XML: valid UTF-8 without C0/C1 control characters other than tab and newline.
std::string clean_text(std::string_view text);

// A short id of ASCII letters, digits and '-' ("Team IaaS" -> "team-iaas"; "section" when nothing is left).
std::string slug(std::string_view text);

// Appends inlines as phrasing content to parent.
void append_inlines(pugi::xml_node parent, const ir::Inlines& inlines, const FragmentOptions& options);

// Appends one block as flow content to parent.
void append_block(pugi::xml_node parent, const ir::Block& block, const FragmentOptions& options);

// Appends blocks as flow content to parent.
void append_blocks(pugi::xml_node parent, const ir::Blocks& blocks, const FragmentOptions& options);

// Appends a meeting's body (its leading blocks, then its sections as <section> with headings) to parent;
// ids already used on the page are in used_ids, and the new ones are added.
void append_meeting_body(pugi::xml_node parent, const ir::Meeting& meeting, const FragmentOptions& options,
                         std::set<std::string>& used_ids);

// Makes a tree serialise as HTML5: no self-closed non-void element, no indentation inside pre.
void seal_for_html(pugi::xml_node root);

// Serialises a node's children as HTML (after seal_for_html), without indentation.
std::string serialise_children(pugi::xml_node node);

// The meeting's body as one HTML fragment string.
std::string meeting_fragment(const ir::Meeting& meeting, const FragmentOptions& options);

}  // namespace minutes::formats::html
