// The seed converted by the CLI matches the golden parts in tests/golden/odt/20230504/, compared as XML trees.
#include "tests/odt/support.hpp"

using namespace odt_test;

namespace {

// Compares two element trees (names, attributes as sets, text and child order); the first difference, or "".
std::string tree_difference(pugi::xml_node a, pugi::xml_node b, const std::string& path) {
  if (a.type() != b.type()) return path + ": node kinds differ";
  if (a.type() == pugi::node_pcdata) {
    return std::string_view(a.value()) == b.value() ? "" : path + ": text '" + a.value() + "' != '" + b.value() + "'";
  }
  if (std::string_view(a.name()) != b.name()) return path + ": <" + a.name() + "> != <" + b.name() + ">";
  std::map<std::string, std::string> aa, ba;
  for (auto x : a.attributes()) aa[x.name()] = x.value();
  for (auto x : b.attributes()) ba[x.name()] = x.value();
  if (aa != ba) {
    for (const auto& [k, v] : aa)
      if (!ba.count(k) || ba[k] != v)
        return path + "/@" + k + ": '" + v + "' != '" + (ba.count(k) ? ba[k] : "(none)") + "'";
    return path + ": the golden element has more attributes";
  }
  auto ca = a.first_child(), cb = b.first_child();
  int i = 0;
  for (; ca && cb; ca = ca.next_sibling(), cb = cb.next_sibling(), ++i) {
    auto d = tree_difference(
        ca, cb, path + "/" + (ca.type() == pugi::node_pcdata ? "text()" : ca.name()) + "[" + std::to_string(i) + "]");
    if (!d.empty()) return d;
  }
  if (ca || cb) return path + ": " + (ca ? "more" : "fewer") + " children than the golden file";
  return "";
}

}  // namespace

TEST_CASE(
    "golden: the seed's ODT parts match tests/golden/odt/20230504 (run scripts/update-golden after a wanted change)") {
  fs::path golden = source_dir() / "tests/golden/odt/20230504";
  REQUIRE(fs::is_directory(golden));
  fs::path dir = scratch("golden");
  std::string log;
  int rc = run("env -u SOURCE_DATE_EPOCH '" + std::string(MINUTES_BINARY) + "' convert '" + seed_path().string() +
                   "' -o '" + (dir / "seed.odt").string() + "'",
               &log);
  INFO(log);
  REQUIRE(rc == 0);
  auto p = parts(slurp(dir / "seed.odt"));
  std::set<std::string> xml_parts, golden_parts;
  for (const auto& [name, data] : p)
    if (name.ends_with(".xml")) xml_parts.insert(name);
  for (const auto& e : fs::recursive_directory_iterator(golden))
    if (e.is_regular_file()) golden_parts.insert(fs::relative(e.path(), golden).generic_string());
  CHECK(xml_parts == golden_parts);
  for (const auto& name : golden_parts) {
    if (!p.count(name)) continue;
    pugi::xml_document want, got;
    REQUIRE_MESSAGE(want.load_file((golden / name).c_str()), name);
    REQUIRE_MESSAGE(got.load_string(p[name].c_str()), name);
    auto diff = tree_difference(got.document_element(), want.document_element(), name);
    CHECK_MESSAGE(diff.empty(), diff);
  }
}
