// Internals of the DOCX writer shared by its files: the state of one document being written.
#pragma once

#include <pugixml.hpp>

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "formats/formats.hpp"

namespace minutes::formats::docx {

// One relationship of word/document.xml.
struct Relationship {
  std::string id;
  std::string type;    // full relationship type URI
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

// The words the writer adds itself, in the document's language (the same words as the ODT writer's).
struct Labels {
  const char *minutes, *scribe, *scribes, *participants, *date, *organisation, *funder, *meetings, *contents, *events,
      *event, *place, *page, *of, *period, *series, *meeting_minutes, *none;
};

// German labels for "de", "de-DE"...; English otherwise.
const Labels& labels_for(const std::string& lang);

// A part as bytes: the XML declaration (standalone) and the tree without indentation.
std::string serialize(pugi::xml_document& doc);

// Everything the body writer accumulates besides the body itself.
struct State {
  const Labels* labels = &labels_for("en");
  std::vector<Relationship> relationships;  // added to the template's
  int next_relationship = 100;              // rId numbers above the template's
  std::vector<ListInstance> lists;          // w:num ids are 1 + index + list_id_base
  int list_id_base = 0;
  std::vector<Media> media;
  std::map<std::string, std::string> image_ids;     // source path -> relationship id
  std::map<std::string, std::string> link_ids;      // url -> relationship id
  int next_drawing = 1;    // wp:docPr ids
  int next_bookmark = 1;   // w:bookmarkStart ids
  int dropped = 0;         // characters XML forbids, dropped
  bool deep_list_warned = false;
  std::vector<ir::Diagnostic> diagnostics;
};

// Relationship type URIs.
inline constexpr const char* rel_hyperlink = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
inline constexpr const char* rel_image = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

// How runs look: direct bold/italic/strike and a character style.
struct RunStyle {
  bool bold = false;
  bool italic = false;
  bool strike = false;
  const char* style = nullptr;  // character style id (Hyperlink, CodeChar, Mention) or none
};

// Where inlines are written: the folder images are relative to, the run look, whether inside a hyperlink.
struct InlineContext {
  std::string base_dir;
  RunStyle look;
  bool in_link = false;
};

// Text made XML-safe, counting what was dropped.
std::string safe(State& state, std::string_view text);

// Appends runs for text to a w:p or w:hyperlink ('\n' as w:br, '\t' as w:tab).
void add_text(pugi::xml_node parent, std::string_view text, const RunStyle& look, State& state);

// Appends inlines as runs, hyperlinks and drawings.
void add_inlines(pugi::xml_node parent, const ir::Inlines& inlines, const InlineContext& context, State& state);

// Appends a w:hyperlink to an external URL (a relationship shared by equal URLs); returns it.
pugi::xml_node add_hyperlink(pugi::xml_node parent, const std::string& url, State& state);

// Writes the title block, the table of contents (several meetings) and every meeting into body, before its sectPr.
void write_body(pugi::xml_node body, std::span<const ir::Meeting> meetings, const WriteOptions& options, State& state);

// A URI that xsd:anyURI accepts: bytes outside the URI character set percent-encoded.
std::string uri_safe(const std::string& url);

}  // namespace minutes::formats::docx
