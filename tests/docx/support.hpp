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

#include "converters/cli/pipeline.hpp"
#include "formats/common/zip.hpp"
#include "formats/formats.hpp"

namespace docx_test {

namespace fs = std::filesystem;
using namespace minutes;

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void spit(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

// Removes this process's scratch folders when the tests end.
struct ScratchCleanup {
  ~ScratchCleanup() {
    std::error_code ignored;
    fs::remove_all(fs::temp_directory_path() / ("minutes-docx-test-" + std::to_string(::getpid())), ignored);
  }
};
inline ScratchCleanup scratch_cleanup;

// A fresh folder under /tmp for this process.
inline fs::path scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("minutes-docx-test-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Runs a shell command; its exit status, with stdout+stderr in `output`.
inline int run(const std::string& command, std::string* output = nullptr) {
  fs::path log = fs::temp_directory_path() / ("minutes-docx-run-" + std::to_string(::getpid()) + ".log");
  int rc = std::system((command + " >'" + log.string() + "' 2>&1").c_str());
  if (output) *output = slurp(log);
  fs::remove(log);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

// Fails the test (never skips) when a tool the test needs is missing.
inline void require_tool(const std::string& tool) {
  INFO("the test needs '" << tool << "' (see scripts/packages/docx.txt)");
  REQUIRE(run("command -v " + tool) == 0);
}

inline fs::path source_dir() { return MINUTES_SOURCE_DIR; }
inline fs::path seed_path() { return source_dir() / "samples" / "20230504.md"; }
inline fs::path corpus_dir() { return fs::path(MINUTES_SHARED_DIR) / "corpus" / "scs-minutes"; }
inline fs::path schema_dir() { return source_dir() / "tests" / "schemas" / "ooxml"; }

// Reads a Markdown file through the real pipeline (reader + enrichment).
inline ir::Meeting load_markdown(const fs::path& p) { return load(slurp(p), p.string(), *find_reader("markdown")); }

// The parts of a package by name.
inline std::map<std::string, std::string> parts(const std::string& docx) {
  std::map<std::string, std::string> out;
  for (auto& e : formats::unzip(docx)) out[e.name] = e.data;
  return out;
}

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
  for (const char* required : {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml",
                               "word/styles.xml", "word/numbering.xml", "word/settings.xml", "docProps/core.xml",
                               "docProps/app.xml"})
    if (!p.count(required)) errors += label + ": no " + required + "\n";
  for (const auto& [name, bytes] : p) {
    bool word_part = name.rfind("word/", 0) == 0 && name.find('/', 5) == std::string::npos && name.size() > 4 &&
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
  require_tool("soffice");
  fs::path dir = scratch("soffice");
  std::string files;
  for (const auto& [stem, bytes] : docs) {
    spit(dir / (stem + ".docx"), bytes);
    files += " '" + (dir / (stem + ".docx")).string() + "'";
  }
  std::string log;
  int rc = run("soffice --headless -env:UserInstallation=file:///tmp/lo-docx-" + std::to_string(::getpid()) +
                   " --convert-to txt:Text --outdir '" + (dir / "txt").string() + "'" + files,
               &log);
  INFO(log);
  REQUIRE(rc == 0);
  std::map<std::string, std::string> out;
  for (const auto& [stem, bytes] : docs) {
    auto txt = dir / "txt" / (stem + ".txt");
    REQUIRE_MESSAGE(fs::exists(txt), "LibreOffice made no " << txt);
    out[stem] = slurp(txt);
  }
  fs::remove_all("/tmp/lo-docx-" + std::to_string(::getpid()));
  return out;
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
inline ir::Block list(bool ordered, std::vector<std::pair<std::string, std::optional<ir::Block>>> items, int start = 1) {
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
