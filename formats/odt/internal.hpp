// Internals of the ODT writer shared by its files: namespaces, the body builder, styles and the reference document.
#pragma once

#include <pugixml.hpp>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formats/common/words.hpp"
#include "formats/common/zip.hpp"
#include "formats/formats.hpp"

namespace minutes::formats::odt {

// The namespace declarations every ODF part root carries (prefix, URI).
const std::vector<std::pair<const char*, const char*>>& namespaces();

// A pugixml document serialised the same way every time (UTF-8 declaration, no indentation).
std::string to_string(const pugi::xml_document& doc);

// A picture taken into the package.
struct Picture {
  std::string name;        // "Pictures/..."
  std::string media_type;  // "image/png"...
  std::string data;
};

// The state of one write: where files come from, diagnostics, pictures, counters.
struct Sink {
  explicit Sink(const WriteContext& c) : context(c) {}
  const WriteContext& context;
  std::vector<ir::Diagnostic> diagnostics;
  std::vector<Picture> pictures;
  std::map<std::string, std::string> picture_by_key;  // image key (folder and reference) -> package name
  int dropped = 0;                                    // control characters and broken UTF-8, removed
  int frames = 0;                                     // draw:frame names
  int html = 0;                                       // raw HTML blocks written as their visible text
};

// Builds the body (office:text children) of one meeting under `parent`.
class Body {
 public:
  Body(Sink& sink, const ir::Meeting& meeting, int heading_base, const Words& words)
      : sink_(sink), meeting_(meeting), base_(heading_base), words_(words) {}
  // Writes the meeting's blocks, sections and events table.
  void meeting(pugi::xml_node parent);
  // Writes blocks that are not the meeting's own (a report's summary and appendix) in body text.
  void blocks(pugi::xml_node parent, const ir::Blocks& bs) { blocks(parent, bs, "Text_20_body", false); }
  // Embeds a picture made by the writer (the summary's chart) as a frame `width_cm` wide.
  void picture(pugi::xml_node parent, const std::string& key, const std::string& png, int width_px, int height_px,
               double width_cm, const std::string& alt);
  // Writes inlines into a paragraph-like node.
  void inlines(pugi::xml_node parent, const ir::Inlines& in, bool in_link = false);
  // Appends text, cleaned of control characters.
  void text(pugi::xml_node parent, std::string_view s);
  // Appends text keeping every space, tab and line end (code).
  void literal(pugi::xml_node parent, std::string_view s);
  // A cleaned string for attribute values.
  std::string safe(std::string_view s);

 private:
  void blocks(pugi::xml_node parent, const ir::Blocks& bs, const char* para_style, bool in_list);
  void block(pugi::xml_node parent, const ir::Block& b, const char* para_style, bool in_list);
  void list(pugi::xml_node parent, const ir::Block& b, int depth);
  void table(pugi::xml_node parent, const ir::Block& b, bool in_list);
  void section(pugi::xml_node parent, const ir::Section& s, int depth);
  void events(pugi::xml_node parent);
  void image(pugi::xml_node parent, const ir::Inline& img, bool in_link);
  void frame(pugi::xml_node parent, const std::string& name, double wcm, double hcm, const std::string& alt);
  void link(pugi::xml_node parent, const ir::Inline& link, bool in_link);
  void note(int line, std::string message);

  Sink& sink_;
  const ir::Meeting& meeting_;
  int base_;
  const Words& words_;
  int list_depth_ = 0;
};

// The heading paragraph (text:h) at an outline level, with its style.
pugi::xml_node add_heading(pugi::xml_node parent, int level);

// A table:table with the named styles, `columns` columns; returns the table node.
pugi::xml_node add_table(pugi::xml_node parent, size_t columns);

// Appends a table row; header rows go into table:table-header-rows.
pugi::xml_node add_row(pugi::xml_node table, bool header);

// Appends a cell with one paragraph (aligned as the column says) and returns that paragraph.
pugi::xml_node add_cell(pugi::xml_node row, bool header, ir::Align align = ir::Align::none);

// Adds to content.xml's automatic styles what LibreOffice only honours there: the table and cell looks (copied
// from the named styles Table, Table Cell, Table Header Cell of `styles`) and aligned table paragraphs.
void add_automatic_styles(pugi::xml_node automatic, const pugi::xml_document& styles);

// The styles part: the template (or the reference document's styles) adapted to the report.
struct StylesPart {
  std::string xml;
  std::shared_ptr<const pugi::xml_document> doc;  // the same, parsed (shared between reports: read only)
  size_t recurring_prefix = 0;                    // bytes before the report title: the same for every report
  std::vector<Picture> pictures;                  // pictures the reference document's styles use
};

// Builds styles.xml for a report title, language and paper, from the template or options.reference_doc (read once
// per cache through the context's resources).
StylesPart make_styles(const std::string& title, const std::string& lang, const WriteOptions& options, Sink& sink,
                       const Words& words);

// A reference document's styles, ready to use: extension markup removed, links checked, pictures taken in.
struct ReferenceStyles {
  std::shared_ptr<const pugi::xml_document> doc;  // null when the reference document cannot be used
  std::vector<Picture> pictures;                  // the pictures its styles show, under names the writer does not use
  std::vector<ir::Diagnostic> diagnostics;        // why it is not used, or what was left out of it
};

// Reads the reference ODT (its bytes, from `path`): styles.xml and the pictures it points at. Never throws.
ReferenceStyles read_reference(std::string_view bytes, const std::string& path);

}  // namespace minutes::formats::odt
