// Helpers of the report tests: running `minutes report`, a small archive written by the test, tables of a report.
#pragma once

#include <pugixml.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/support.hpp"

namespace report_test {

namespace fs = std::filesystem;
using namespace minutes_test;

// Runs `minutes report SRC ARGS -o OUT` and returns the report's bytes (the test fails when it did not work).
inline std::string report(const fs::path& src, const std::string& args, const std::string& out_name) {
  fs::path out = scratch("report-out") / out_name;
  Run r = run_cli("report '" + src.string() + "' " + args + " -o '" + out.string() + "'");
  INFO(r.err);
  REQUIRE(r.status == 0);
  std::string bytes = slurp(out);
  REQUIRE(!bytes.empty());
  return bytes;
}

// The text of an element and its descendants.
inline std::string text_of(pugi::xml_node n) {
  std::string out;
  for (auto d : n.select_nodes(".//text()")) out += d.node().value();
  return out;
}

// Every table of an ODT (content.xml) or DOCX (word/document.xml) as rows of cell texts, in document order.
inline std::vector<std::vector<std::vector<std::string>>> tables(const std::string& package, bool docx) {
  auto p = parts(package);
  pugi::xml_document doc;
  const std::string& xml = p[docx ? "word/document.xml" : "content.xml"];
  REQUIRE(doc.load_buffer(xml.data(), xml.size()));
  std::vector<std::vector<std::vector<std::string>>> out;
  for (auto t : doc.select_nodes(docx ? "//w:tbl" : "//table:table")) {
    out.emplace_back();
    for (auto r : t.node().select_nodes(docx ? "w:tr" : ".//table:table-row")) {
      out.back().emplace_back();
      for (auto c : r.node().select_nodes(docx ? "w:tc" : "table:table-cell"))
        out.back().back().push_back(text_of(c.node()));
    }
  }
  return out;
}

// The first table whose first row begins with `head`, as label -> value of its other rows (two columns).
inline std::map<std::string, std::string> figures(const std::string& package, bool docx, const std::string& head) {
  for (const auto& t : tables(package, docx)) {
    if (t.empty() || t[0].empty() || t[0][0] != head) continue;
    std::map<std::string, std::string> out;
    for (size_t i = 1; i < t.size(); ++i)
      if (t[i].size() >= 2) out[t[i][0]] = t[i][1];
    return out;
  }
  FAIL("no table headed '" << head << "'");
  return {};
}

}  // namespace report_test
