// The seed's DOCX parts match the reviewed golden files (tests/golden/docx/20230504/), compared as XML trees.
#include "tests/docx/support.hpp"

using namespace docx_test;
using minutes::formats::write_docx;

namespace {

// The first difference between two element trees (names, attributes in order, text), or empty when equal.
std::string difference(pugi::xml_node a, pugi::xml_node b, const std::string& path) {
  std::string here = path + "/" + a.name();
  if (a.type() != b.type()) return here + ": node kinds differ";
  if (a.type() == pugi::node_pcdata || a.type() == pugi::node_cdata)
    return std::string(a.value()) == b.value() ? "" : here + ": text '" + a.value() + "' != '" + b.value() + "'";
  if (std::string(a.name()) != b.name()) return here + ": element " + a.name() + " != " + b.name();
  auto x = a.first_attribute(), y = b.first_attribute();
  for (; x && y; x = x.next_attribute(), y = y.next_attribute())
    if (std::string(x.name()) != y.name() || std::string(x.value()) != y.value())
      return here + ": attribute " + x.name() + "='" + x.value() + "' != " + y.name() + "='" + y.value() + "'";
  if (x || y) return here + ": attribute count differs";
  auto c = a.first_child(), d = b.first_child();
  for (; c && d; c = c.next_sibling(), d = d.next_sibling())
    if (auto diff = difference(c, d, here); !diff.empty()) return diff;
  if (c || d) return here + ": child count differs";
  return "";
}

}  // namespace

TEST_CASE("the seed's XML parts match the golden files (refresh with scripts/update-golden)") {
  fs::path golden = source_dir() / "tests" / "golden" / "docx" / "20230504";
  REQUIRE_MESSAGE(fs::is_directory(golden), "no golden files: run scripts/update-golden");
  auto out = write_docx(std::vector<ir::Meeting>{load_markdown(seed_path())}, {});
  auto p = parts(out.bytes);
  std::set<std::string> produced, expected;
  for (const auto& [name, bytes] : p)
    if (name.size() > 4 &&
        (name.compare(name.size() - 4, 4, ".xml") == 0 || name.compare(name.size() - 5, 5, ".rels") == 0))
      produced.insert(name);
  for (const auto& entry : fs::recursive_directory_iterator(golden))
    if (entry.is_regular_file()) expected.insert(fs::relative(entry.path(), golden).string());
  CHECK(produced == expected);
  for (const auto& name : expected) {
    if (!p.count(name)) continue;
    auto want = xml(slurp(golden / name));
    auto got = xml(p[name]);
    CHECK_MESSAGE(difference(got->document_element(), want->document_element(), "") == "", name);
  }
}
