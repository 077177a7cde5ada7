// Helpers of the DOCX tests: temporary folders, xmllint and LibreOffice, unzipping, building meetings by hand.
#pragma once

#include <doctest/doctest.h>
#include <pugixml.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <minutes/minutes.hpp>
#include "formats/common/zip.hpp"
#include "formats/formats.hpp"
#include "tests/support.hpp"

namespace docx_test {

namespace fs = std::filesystem;
using namespace minutes;

using namespace minutes_test;  // files, scratch folders, tools, LibreOffice

inline fs::path schema_dir() { return source_dir() / "tests" / "schemas" / "ooxml"; }

// A part parsed with pugixml (the test fails when it is not well-formed).
inline std::unique_ptr<pugi::xml_document> xml(const std::string& bytes) {
  auto doc = std::make_unique<pugi::xml_document>();
  auto result = doc->load_buffer(bytes.data(), bytes.size());
  REQUIRE_MESSAGE(result, "not well-formed XML: " << result.description());
  return doc;
}

// Writes every part the standard names to a folder and runs xmllint --schema on each group; the errors, empty when valid.
inline std::string schema_errors(const std::string& docx, const std::string& label) {
  require_tool("xmllint");
  auto p = parts(docx);
  if (p.empty()) return label + ": not a zip package\n";
  fs::path dir = scratch("xmllint-" + label);
  std::string wml, errors;
  for (const char* required :
       {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml", "word/styles.xml",
        "word/numbering.xml", "word/settings.xml", "docProps/core.xml", "docProps/app.xml"})
    if (!p.count(required)) errors += label + ": no " + required + "\n";
  for (const auto& [name, bytes] : p) {
    bool word_part =
        name.rfind("word/", 0) == 0 && name.find('/', 5) == std::string::npos && name.size() > 4 &&
        name.compare(name.size() - 4, 4, ".xml") == 0 &&
        (name == "word/document.xml" || name == "word/styles.xml" || name == "word/numbering.xml" ||
         name == "word/settings.xml" || name.rfind("word/header", 0) == 0 || name.rfind("word/footer", 0) == 0);
    if (!word_part) continue;
    spit(dir / name, bytes);
    wml += " '" + (dir / name).string() + "'";
  }
  auto lint = [&](const std::string& schema, const std::string& files) {
    std::string out;
    int rc = run("xmllint --noout --schema '" + (schema_dir() / schema).string() + "'" + files, &out);
    if (rc != 0) errors += label + ": " + out.substr(0, 4000) + "\n";
  };
  lint("ISO-IEC29500-4_2016/wml.xsd", wml);
  spit(dir / "content-types.xml", p["[Content_Types].xml"]);
  lint("ecma/fouth-edition/opc-contentTypes.xsd", " '" + (dir / "content-types.xml").string() + "'");
  std::string rels;
  for (const auto& [name, bytes] : p)
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".rels") == 0) {
      spit(dir / name, bytes);
      rels += " '" + (dir / name).string() + "'";
    }
  lint("ecma/fouth-edition/opc-relationships.xsd", rels);
  return errors;
}

// Converts DOCX files to text with a headless LibreOffice (one run for all); the text of each, by stem.
inline std::map<std::string, std::string> libreoffice_text(const std::map<std::string, std::string>& docs) {
  return minutes_test::libreoffice_convert(docs, "docx", "txt:Text", "txt");
}

// Shorthands for building meetings by hand.
inline ir::Inline txt(std::string s) {
  ir::Inline i;
  i.text = std::move(s);
  return i;
}

inline ir::Inline span(ir::InlineKind kind, std::vector<ir::Inline> children, std::string url = {}) {
  ir::Inline i;
  i.kind = kind;
  i.children = std::move(children);
  i.url = std::move(url);
  return i;
}

inline ir::Block para(ir::Inlines inlines) {
  ir::Block b;
  b.inlines = std::move(inlines);
  return b;
}

inline ir::Block para(std::string text) { return para(ir::Inlines{txt(std::move(text))}); }

// A list whose items are one paragraph each, optionally followed by a nested list.
inline ir::Block list(bool ordered, std::vector<std::pair<std::string, std::optional<ir::Block>>> items,
                      int start = 1) {
  ir::Block b;
  b.kind = ir::BlockKind::list;
  b.ordered = ordered;
  b.start = start;
  for (auto& [text, sub] : items) {
    ir::ListItem item;
    item.blocks.push_back(para(text));
    if (sub) item.blocks.push_back(*sub);
    b.items.push_back(std::move(item));
  }
  return b;
}

inline ir::Section section(std::string title, int level, ir::Blocks blocks) {
  ir::Section s;
  s.title = title;
  s.title_inlines = {txt(title)};
  s.level = level;
  s.blocks = std::move(blocks);
  return s;
}

inline ir::Meeting meeting(std::string title, ir::Date date, std::vector<ir::Section> sections) {
  ir::Meeting m;
  m.title = std::move(title);
  m.series = "Test Weekly";
  m.date = date;
  m.source = "/nonexistent/minutes.md";
  m.sections = std::move(sections);
  return m;
}

// The paragraphs of document.xml, in order.
inline std::vector<pugi::xml_node> paragraphs(const pugi::xml_document& doc) {
  std::vector<pugi::xml_node> out;
  for (auto x : doc.select_nodes("//w:p")) out.push_back(x.node());
  return out;
}

// The text of a paragraph (w:t only).
inline std::string text_of(pugi::xml_node p) {
  std::string out;
  for (auto t : p.select_nodes(".//w:t")) out += t.node().text().get();
  return out;
}

}  // namespace docx_test
