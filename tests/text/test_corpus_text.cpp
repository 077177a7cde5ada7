// The real archive read as plain text: no crash, no error, and every word of every file reaches the IR.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "converters/core/decode.hpp"
#include "converters/core/strings.hpp"
#include "corpus/field_labels.hpp"
#include "converters/core/enrich.hpp"
#include "formats/formats.hpp"
#include "tests/support.hpp"

namespace fs = std::filesystem;

namespace {

// Words: maximal runs of ASCII letters, digits and non-ASCII bytes, at least two long, with a letter.
std::set<std::string> words(std::string_view s) {
  std::set<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    auto word_byte = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
    if (!word_byte(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    bool letter = false;
    while (j < s.size() && word_byte(static_cast<unsigned char>(s[j])))
      letter |= !std::isdigit(static_cast<unsigned char>(s[j++]));
    if (j - i >= 2 && letter) out.emplace(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// Every string value in a JSON document, joined by spaces (JSON escapes such as \n would glue words).
void strings(const nlohmann::json& j, std::string& out) {
  if (j.is_string()) {
    out += j.get<std::string>();
    out += ' ';
  } else if (j.is_structured()) {
    for (const auto& v : j) strings(v, out);
  }
}

}  // namespace

TEST_CASE("every corpus file read as a plain-text draft keeps all its words") {
  fs::path root = minutes_test::corpus_dir();
  auto files = minutes_test::corpus_files();
  REQUIRE(files.size() > 700);
  size_t total = 0, kept = 0, errors = 0;
  std::vector<std::pair<double, std::string>> worst;
  for (const auto& f : files) {
    std::string bytes = minutes_test::slurp(f);
    auto m = minutes::recognise(minutes::formats::read_text(bytes, {f.string()}));
    minutes::enrich(m);
    for (const auto& d : m.diagnostics) errors += d.severity == minutes::ir::Severity::error;
    auto json = minutes::formats::write_json({&m, 1}, {});
    auto source = words(minutes::decode(bytes, f.string(), {.detect_legacy = true}).text);
    std::string ir_text;
    strings(nlohmann::json::parse(json.bytes), ir_text);
    auto ir = words(ir_text);
    for (const auto& label : minutes_test::field_labels(bytes, nlohmann::json::parse(json.bytes))) {
      auto w = words(label);  // the source spells its labels "Minutes", the JSON keeps them as fields
      for (const auto& s : source)
        if (w.count(minutes::lower(s))) ir.insert(s);
    }
    size_t here = 0;
    std::string missing;
    for (const auto& w : source) {
      if (ir.count(w))
        ++here;
      else if (missing.size() < 120)
        missing += w + " ";
    }
    total += source.size();
    kept += here;
    if (here < source.size())
      worst.push_back({double(here) / double(source.size()), f.filename().string() + ": " + missing});
  }
  std::sort(worst.begin(), worst.end());
  double coverage = total ? double(kept) / double(total) : 0;
  std::cout << "text reader over " << files.size() << " corpus files: " << kept << " of " << total
            << " distinct words per file reach the IR (" << coverage * 100 << "%)\n";
  for (size_t i = 0; i < std::min<size_t>(worst.size(), 8); ++i) std::cout << "  " << worst[i].second << "\n";
  CHECK(errors == 0);
  CHECK(coverage >= 0.99997);
}
