// Internals of the ODT writer shared by its files: namespaces, the body writer, styles and the reference document.
#pragma once

#include <pugixml.hpp>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formats/common/words.hpp"
#include "formats/common/xml_writer.hpp"
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

// Writes the body (office:text children) of one meeting at the writer's position, element by element.
class Body {
 public:
  Body(XmlWriter& w, Sink& sink, const ir::Meeting& meeting, int heading_base, const Words& words)
      : w_(w), sink_(sink), meeting_(meeting), base_(heading_base), words_(words) {}
  // Writes the meeting's blocks, sections and events table.
  void meeting();
  // Writes blocks that are not the meeting's own (a report's summary and appendix) in body text.
  void blocks(const ir::Blocks& bs) { blocks(bs, "Text_20_body", false); }
  // Embeds a picture made by the writer (the summary's chart) as a frame `width_cm` wide, in the open element.
  void picture(const std::string& key, const std::string& png, int width_px, int height_px, double width_cm,
               const std::string& alt);
  // Writes inlines into the open paragraph-like element.
  void inlines(const ir::Inlines& in, bool in_link = false);
  // Appends text, cleaned of control characters, to the open element.
  void text(std::string_view s);
  // Appends text keeping every space, tab and line end (code) to the open element, which has no content yet.
  void literal(std::string_view s);
  // A cleaned string for attribute values.
  std::string safe(std::string_view s);

 private:
  void blocks(const ir::Blocks& bs, const char* para_style, bool in_list);
  void block(const ir::Block& b, const char* para_style, bool in_list);
  void list(const ir::Block& b, int depth);
  void table(const ir::Block& b, bool in_list);
  void section(const ir::Section& s, int depth);
  void events();
  void image(const ir::Inline& img, bool in_link);
  void frame(const std::string& name, double wcm, double hcm, const std::string& alt);
  void link(const ir::Inline& link, bool in_link);
  void note(int line, std::string message);
  // Opens a text:p of a block; the first one of a checked list item starts with its check box.
  void open_paragraph(const char* style);

  XmlWriter& w_;
  Sink& sink_;
  const ir::Meeting& meeting_;
  int base_;
  const Words& words_;
  int list_depth_ = 0;
  std::string_view check_box_;  // written at the start of the next block paragraph (a checked item's first)
};

// Opens the heading paragraph (text:h) at an outline level, with its style (else the level's).
void open_heading(XmlWriter& w, int level, const char* style = nullptr);

// Opens a table:table named `name` with the named styles and `columns` columns.
void open_table(XmlWriter& w, const std::string& name, size_t columns);

// Opens a cell with one paragraph (aligned as the column says), leaving the paragraph open (close it twice).
void open_cell(XmlWriter& w, bool header, ir::Align align = ir::Align::none);

// What content.xml's automatic styles need from `styles`, serialised: what LibreOffice only honours there, the
// table and cell looks (copied from the named styles Table, Table Cell, Table Header Cell) and aligned table
// paragraphs.
std::string automatic_styles(const pugi::xml_document& styles);

// The styles part: the template (or the reference document's styles) adapted to the report.
struct StylesPart {
  std::string xml;
  std::shared_ptr<const std::string> automatic;   // content.xml's automatic styles taken from it (automatic_styles)
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
