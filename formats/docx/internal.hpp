// Internals of the DOCX writer shared by its files: the state of one document being written.
#pragma once

#include <pugixml.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "formats/common/image.hpp"
#include "formats/common/words.hpp"
#include "formats/common/xml_writer.hpp"
#include "formats/formats.hpp"

namespace minutes::formats::docx {

// One relationship of word/document.xml.
struct Relationship {
  std::string id;
  std::string type;  // full relationship type URI
  std::string target;
  bool external = false;
};

// One list instance (a w:num): which abstract definition, and the start value at its level.
struct ListInstance {
  bool ordered = false;
  int level = 0;
  int start = 1;
};

// One embedded image part.
struct Media {
  std::string part;  // "media/image1.png" (relative to word/)
  std::string bytes;
};

// A part as bytes: the XML declaration (standalone) and the tree without indentation.
std::string serialize(pugi::xml_document& doc);

// Everything the body writer accumulates besides the body itself.
struct State {
  explicit State(const WriteContext& c) : context(c) {}
  const WriteContext& context;              // where pictures come from
  const Words* words = &words_for("en");    // the writer's own words
  std::set<std::string> taken;              // package names the reference document uses
  std::vector<Relationship> relationships;  // added to the template's
  int next_relationship = 100;              // rId numbers above the template's
  std::vector<ListInstance> lists;          // w:num ids are 1 + index + list_id_base
  int list_id_base = 0;
  std::vector<Media> media;
  std::map<std::string, std::string> image_ids;  // image key (folder and reference) -> relationship id
  std::map<std::string, std::string> link_ids;   // url -> relationship id
  int next_drawing = 1;                          // wp:docPr ids
  int next_bookmark = 1;                         // w:bookmarkStart ids
  int dropped = 0;                               // control characters and broken UTF-8, removed
  bool deep_list_warned = false;
  std::vector<ir::Diagnostic> diagnostics;
};

// Relationship type URIs.
inline constexpr const char* rel_hyperlink =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
inline constexpr const char* rel_image = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

// How runs look: direct bold/italic/strike and a character style.
struct RunStyle {
  bool bold = false;
  bool italic = false;
  bool strike = false;
  const char* style = nullptr;  // character style id (Hyperlink, CodeChar, Mention) or none
};

// Where inlines are written: the meeting (whose folder images are relative to), the run look, inside a hyperlink.
struct InlineContext {
  std::string source;
  RunStyle look;
  bool in_link = false;
};

// Text cleaned of control characters, counting what was removed.
std::string safe(State& state, std::string_view text);

// Writes runs for text into the open w:p or w:hyperlink ('\n' as w:br, '\t' as w:tab).
void add_text(XmlWriter& w, std::string_view text, const RunStyle& look, State& state);

// Writes a drawing of a picture the writer made (the summary's chart), at most the text width.
void add_picture(XmlWriter& w, Image image, const std::string& alt, State& state);

// Writes inlines as runs, hyperlinks and drawings.
void add_inlines(XmlWriter& w, const ir::Inlines& inlines, const InlineContext& context, State& state);

// Opens a w:hyperlink to an external URL (a relationship shared by equal URLs; the caller closes it) and returns
// true; false, with a note and nothing written, when the URL's scheme is not allowed (the caller writes the text
// alone).
bool open_hyperlink(XmlWriter& w, const std::string& url, State& state, std::string_view source = {}, int line = 0);

// Writes the title block, the table of contents (several meetings) and every meeting: word/document.xml's body
// before its sectPr.
void write_body(XmlWriter& w, std::span<const ir::Meeting> meetings, const WriteOptions& options, State& state);

}  // namespace minutes::formats::docx
