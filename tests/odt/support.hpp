// Helpers of the ODT tests: temporary folders, shelling out to jing and LibreOffice, unzipping, building meetings.
#pragma once

#include <doctest/doctest.h>
#include <pugixml.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <minutes/minutes.hpp>
#include "formats/common/report.hpp"
#include "formats/common/zip.hpp"
#include "formats/formats.hpp"
#include "tests/support.hpp"

namespace odt_test {

namespace fs = std::filesystem;
using namespace minutes;

using namespace minutes_test;  // files, scratch folders, tools, LibreOffice

// jing -i on one XML part against an ODF 1.3 schema of tests/schemas/odf-1.3; true when valid.
inline bool jing_valid(const std::string& xml, const std::string& name, const std::string& schema,
                       std::string* report = nullptr) {
  fs::path dir = scratch("jing");
  fs::path file = dir / name;
  spit(file, xml);
  std::string out;
  int rc =
      run("jing -i '" + (source_dir() / "tests/schemas/odf-1.3" / schema).string() + "' '" + file.string() + "'", &out);
  // jing prints one line per error; only the Debian wrapper's class-path warnings are not errors.
  std::string errors;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);)
    if (line.find("Unable to locate") == std::string::npos && !line.empty()) errors += line + "\n";
  if (rc != 0 && errors.empty()) errors = "jing exited with " + std::to_string(rc) + "\n";
  if (report) *report = errors;
  return errors.empty() && rc == 0;
}

// Checks content, styles, meta (and settings if present) and the manifest of packages with jing (two runs for all).
inline void check_packages_valid(const std::vector<std::pair<std::string, std::string>>& packages) {
  require_tool("jing");
  fs::path dir = scratch("packages");
  std::string documents, manifests;
  std::map<std::string, std::string> label_of;  // file path -> "label part"
  for (size_t i = 0; i < packages.size(); ++i) {
    const std::string& label = packages[i].first;
    const std::string& odt = packages[i].second;
    auto p = parts(odt);
    REQUIRE_MESSAGE(!p.empty(), label << ": not a zip package");
    fs::path sub = dir / std::to_string(i);
    for (std::string name : {"content.xml", "styles.xml", "meta.xml", "settings.xml", "META-INF/manifest.xml"}) {
      if (!p.count(name)) {
        CHECK_MESSAGE(name == "settings.xml", label << ": no " << name);
        continue;
      }
      spit(sub / name, p[name]);
      label_of[(sub / name).string()] = label + " " + name;
      (name == "META-INF/manifest.xml" ? manifests : documents) += " '" + (sub / name).string() + "'";
    }
  }
  for (const auto& group : {std::pair<std::string, std::string>{"OpenDocument-v1.3-schema.rng", documents},
                            std::pair<std::string, std::string>{"OpenDocument-v1.3-manifest-schema.rng", manifests}}) {
    const std::string& schema = group.first;
    const std::string& files = group.second;
    if (files.empty()) continue;
    std::string out;
    int rc = run("jing -i '" + (source_dir() / "tests/schemas/odf-1.3" / schema).string() + "'" + files, &out);
    std::istringstream lines(out);
    int errors = 0;
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || line.find("Unable to locate") != std::string::npos) continue;
      std::string where = line.substr(0, line.find(':'));
      ++errors;
      std::string message = (label_of.count(where) ? label_of[where] : where) + ": " + line;
      if (errors <= 20) FAIL_CHECK(message);
    }
    CHECK_MESSAGE(rc == 0, schema << ": jing exited with " << rc << " (" << errors << " error lines)");
  }
}

// Checks one package.
inline void check_package_valid(const std::string& odt, const std::string& label) {
  check_packages_valid({{label, odt}});
}

// Shorthands for building meetings by hand.
inline ir::Inline txt(std::string s) {
  ir::Inline i;
  i.text = std::move(s);
  return i;
}
inline ir::Inline wrap(ir::InlineKind k, std::vector<ir::Inline> children) {
  ir::Inline i;
  i.kind = k;
  i.children = std::move(children);
  return i;
}
inline ir::Inline hyperlink(std::string url, std::string label) {
  auto i = wrap(ir::InlineKind::link, {txt(std::move(label))});
  i.url = std::move(url);
  return i;
}
inline ir::Block para(std::vector<ir::Inline> in) {
  ir::Block b;
  b.inlines = std::move(in);
  return b;
}
inline ir::ListItem item(std::string text, std::vector<ir::Block> more = {}) {
  ir::ListItem it;
  it.blocks.push_back(para({txt(std::move(text))}));
  for (auto& b : more) it.blocks.push_back(std::move(b));
  return it;
}
inline ir::Block list(std::vector<ir::ListItem> items, bool ordered = false, int start = 1) {
  ir::Block b;
  b.kind = ir::BlockKind::list;
  b.ordered = ordered;
  b.start = start;
  b.items = std::move(items);
  return b;
}

// All elements named `name` under a node, in document order.
inline std::vector<pugi::xml_node> all(pugi::xml_node root, const char* name) {
  std::vector<pugi::xml_node> out;
  for (auto n : root.select_nodes((std::string("//") + name).c_str())) out.push_back(n.node());
  return out;
}

// The text of a node and its descendants (text:s counted as spaces, line breaks as '\n').
inline std::string node_text(pugi::xml_node n) {
  std::string out;
  for (auto c : n.children()) {
    if (c.type() == pugi::node_pcdata)
      out += c.value();
    else if (std::string_view(c.name()) == "text:line-break")
      out += "\n";
    else if (std::string_view(c.name()) == "text:s")
      out += std::string(std::max(1, c.attribute("text:c").as_int(1)), ' ');
    else if (std::string_view(c.name()) == "text:tab")
      out += "\t";
    else
      out += node_text(c);
  }
  return out;
}

}  // namespace odt_test
