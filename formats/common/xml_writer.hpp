// A streaming XML writer for the parts the document writers make: appends to a string, no tree.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minutes::formats {

// The one place where the document writers escape XML. The bytes are those pugixml (format_raw, UTF-8) writes for
// the same value set through its C-string API, so a part written here is byte for byte the part a pugixml tree gave:
// character data escapes & < > and writes C0 controls other than tab, line feed and carriage return as "&#NN;";
// attribute values escape & < " and every C0 control (tab, line feed and carriage return too), keep > and ';
// bytes from 0x7F up go over unchanged; a NUL ends the value (as the C string it was). The writers clean text
// (clean_text) first, so the controls never reach a part in practice.
void append_xml_text(std::string& out, std::string_view text);
void append_xml_attribute(std::string& out, std::string_view value);
// A CDATA section as pugixml writes one: "<![CDATA[...]]>", a "]]>" inside split between two sections
// ("]]" ends one, ">" starts the next); the value ends at a NUL as the C string it was; empty, "<![CDATA[]]>".
void append_xml_cdata(std::string& out, std::string_view value);

// Writes elements in document order: open, attributes, content, close. Open elements are kept on a stack, and a
// misuse (an attribute after content, a close without an open element, taking the result while elements are open)
// throws std::logic_error, which the writers' guard turns into an error diagnostic: an unbalanced part never leaves.
// An element without content is written "<name/>", one whose content is empty text "<name></name>", as pugixml does.
//
// An indented writer (XmlWriter::indented) writes what pugixml's format_indent makes of the same tree: every element
// on a line of its own, `indent` once per enclosing element, unless it follows text (or CDATA, or raw markup) in its
// parent; an element's end tag on a line of its own when its last content is an element; "<name />" for an empty
// element; a line feed after the last element. Start bytes (a declaration) stand on their own line too.
class XmlWriter {
 public:
  XmlWriter() = default;
  // Starts from bytes already written (an XML declaration, say).
  explicit XmlWriter(std::string start) : out_(std::move(start)) {}
  // Indented as pugixml's format_indent with `indent`, after the start bytes (an XML declaration, say) if any.
  static XmlWriter indented(std::string start, std::string indent) {
    XmlWriter w(std::move(start));
    w.indent_ = std::move(indent);
    w.indented_ = true;
    w.line_ = !w.out_.empty();
    return w;
  }

  XmlWriter& open(std::string_view name);
  XmlWriter& attr(std::string_view name, std::string_view value);
  XmlWriter& attr(std::string_view name, const char* value) { return attr(name, std::string_view(value)); }
  XmlWriter& attr(std::string_view name, const std::string& value) { return attr(name, std::string_view(value)); }
  XmlWriter& attr(std::string_view name, int64_t value);
  XmlWriter& attr(std::string_view name, int value) { return attr(name, static_cast<int64_t>(value)); }
  XmlWriter& attr(std::string_view name, unsigned value) { return attr(name, static_cast<int64_t>(value)); }
  // Character data of the open element, escaped; empty text still makes the element "<name></name>".
  XmlWriter& text(std::string_view s);
  // Character data of the open element as CDATA sections (append_xml_cdata), counted as text.
  XmlWriter& cdata(std::string_view s);
  // Markup already serialised (a copied subtree, a prepared part's piece), written as it is, counted as content
  // (as text, when indented: no line break around it).
  XmlWriter& raw(std::string_view xml);
  XmlWriter& close();
  // An element without attributes or content: "<name/>".
  XmlWriter& leaf(std::string_view name) { return open(name).close(); }

  // True when the innermost open element has content (text, raw markup or a child) already.
  bool has_content() const { return !open_tag_ && !starts_.empty(); }
  size_t depth() const { return starts_.size(); }
  const std::string& bytes() const { return out_; }
  // The part (when indented, with its final line feed); throws std::logic_error when an element is still open.
  std::string take();

 private:
  void end_start_tag() {
    if (open_tag_) {
      out_ += '>';
      open_tag_ = false;
    }
  }
  void new_line();  // indented: a line feed and the indent of the current depth, when the last content was no text
  std::string out_;
  std::string names_;            // the open elements' names, one after another
  std::vector<uint32_t> starts_;  // where each open element's name begins in names_
  bool open_tag_ = false;        // the innermost element's start tag is not closed yet ("<name attr=...")
  bool indented_ = false;        // pugixml's format_indent
  bool line_ = false;            // indented: the next tag starts a line (the last thing written was no text)
  std::string indent_;           // indented: what one level of depth adds at a line's start
};

}  // namespace minutes::formats
