// Lists the Markdown, HedgeDoc and GitHub syntax that the readers leave as raw text over the whole shared archive.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include <minutes/minutes.hpp>

using namespace minutes;

namespace {

// A construct that a HedgeDoc or GitHub page renders, and that must not reach our outputs as its source text.
struct Construct {
  const char* name;
  std::regex pattern;
};

const std::vector<Construct>& constructs() {
  static const std::vector<Construct> list = {
      {"image", std::regex(R"(!\[[^\]]*\]\()")},
      {"image size", std::regex(R"(\S =\d*x\d*\))")},
      {"link", std::regex(R"(\[[^\]]+\]\((https?:|\.|/|#)[^) ]*\))")},
      {"emoji shortcode", std::regex(R"((^|[\s(\[>])(:[a-z0-9_+-]+:)(?=$|[\s).,!?\]<]))")},
      {"table of contents", std::regex(R"(\[(toc|TOC)\])")},
      {"container", std::regex(R"((^|\n):::)")},
      {"highlight", std::regex(R"(==[^=\s][^=\n]*[^=\s]==)")},
      {"embed", std::regex(R"(\{%\s*\w+)")},
      {"comment tag", std::regex(R"(\[(name|time|color)=)")},
      {"footnote", std::regex(R"(\[\^[^\]\s]+\])")},
      {"table rule", std::regex(R"(\|\s*:?-{3,}:?\s*\|)")},
      {"html tag", std::regex(R"(</?(br|div|span|font|center|img|a|b|i|u|p|details|summary)\b[^>]*>)")},
  };
  return list;
}

struct Finding {
  std::string where;
  std::string text;
};

void scan_text(const std::string& text, int line, const std::string& file,
               std::map<std::string, std::vector<Finding>>& out) {
  for (const auto& c : constructs()) {
    std::smatch m;
    if (std::regex_search(text, m, c.pattern))
      out[c.name].push_back({file + ":" + std::to_string(line), text.substr(m.position(0), 60)});
  }
}

void scan(const ir::Inlines& inlines, const std::string& file, std::map<std::string, std::vector<Finding>>& out) {
  for (const auto& in : inlines) {
    if (in.kind == ir::InlineKind::text) scan_text(in.text, in.line, file, out);
    scan(in.children, file, out);
  }
}

void scan(const ir::Blocks& blocks, const std::string& file, std::map<std::string, std::vector<Finding>>& out) {
  static const std::regex task_box(R"(^\s*\[[ xX]\]\s)");  // GitHub and HedgeDoc make a box of it at an item's start
  for (const auto& b : blocks) {
    if (b.kind != ir::BlockKind::html) scan(b.inlines, file, out);
    for (const auto& item : b.items) {
      if (!item.blocks.empty() && !item.blocks[0].inlines.empty() &&
          item.blocks[0].inlines[0].kind == ir::InlineKind::text &&
          std::regex_search(item.blocks[0].inlines[0].text, task_box))
        out["task box"].push_back(
            {file + ":" + std::to_string(item.line), item.blocks[0].inlines[0].text.substr(0, 60)});
      scan(item.blocks, file, out);
    }
    scan(b.children, file, out);
    for (const auto& row : b.rows)
      for (const auto& cell : row.cells) scan(cell.inlines, file, out);
  }
}

void scan(const std::vector<ir::Section>& sections, const std::string& file,
          std::map<std::string, std::vector<Finding>>& out) {
  for (const auto& s : sections) {
    scan(s.title_inlines, file, out);
    scan(s.blocks, file, out);
    scan(s.sections, file, out);
  }
}

}  // namespace

TEST_CASE("no HedgeDoc or GitHub syntax is left as raw text in any file of the shared archive") {
  auto root = std::filesystem::path(MINUTES_SHARED_DIR) / "corpus/scs-minutes";
  REQUIRE(std::filesystem::is_directory(root));
  std::map<std::string, std::vector<Finding>> found;
  int files = 0;
  for (const auto& f : std::filesystem::recursive_directory_iterator(root)) {
    if (f.path().extension() != ".md") continue;
    std::ifstream in(f.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string rel = f.path().lexically_relative(root).generic_string();
    ir::Meeting m = load(ss.str(), ReadOptions{rel}, *find_reader("markdown"));
    scan(m.blocks, rel, found);
    scan(m.sections, rel, found);
    ++files;
  }
  CHECK(files > 700);
  std::string report;
  for (const auto& [name, list] : found) {
    std::map<std::string, int> per_file;
    for (const auto& f : list) per_file[f.where.substr(0, f.where.find(':'))]++;
    report += name + ": " + std::to_string(list.size()) + " in " + std::to_string(per_file.size()) + " files\n";
    for (size_t k = 0; k < list.size() && k < 8; ++k) report += "  " + list[k].where + ": " + list[k].text + "\n";
  }
  MESSAGE(report);
  CHECK_MESSAGE(found.empty(), report);
}

TEST_CASE("HedgeDoc image sizes and GitHub emoji shortcodes are read, not left as text") {
  std::string md =
      "# Weekly 2024-12-19\n\n## News :rocket:\n\n"
      "![](https://example.org/a.png =960x540) and ![b](b.png =x300) and ![c](<c.png> \"C\" =50%x) :+1: :family:\n\n"
      "Not these: did:web:example `:rocket:` 10:30:00 :not_an_emoji: `![](d.png =1x2)`\n\n"
      "```\n![](e.png =3x4) :rocket:\n```\n";
  ir::Meeting m = load(md, ReadOptions{"w.md"}, *find_reader("markdown"));
  REQUIRE(m.sections.size() == 1);
  CHECK(m.sections[0].title == "News \U0001F680");
  const ir::Inlines& p = m.sections[0].blocks.at(0).inlines;
  REQUIRE(p.size() >= 6);
  CHECK(p[0].kind == ir::InlineKind::image);
  CHECK(p[0].url == "https://example.org/a.png");
  CHECK((p[0].width == 960 && p[0].height == 540));
  CHECK(p[2].kind == ir::InlineKind::image);
  CHECK((p[2].url == "b.png" && p[2].width == 0 && p[2].height == 300));
  CHECK(p[4].kind == ir::InlineKind::image);
  CHECK((p[4].url == "c.png" && p[4].title == "C" && p[4].width == 0));  // a percentage is no pixel size
  CHECK(p[5].text == " \U0001F44D \U0001F46A");
  std::string rest = ir::plain_text(m.sections[0].blocks.at(1).inlines);
  CHECK(rest == "Not these: did:web:example :rocket: 10:30:00 :not_an_emoji: ![](d.png =1x2)");
  CHECK(m.sections[0].blocks.at(2).text == "![](e.png =3x4) :rocket:\n");
  // The size reaches the page and the JSON.
  std::vector<ir::Meeting> ms = {m};
  auto json = nlohmann::json::parse(write(*find_writer("json"), ms, {}).bytes);
  const auto& image = json["sections"][0]["blocks"][0]["inlines"][0];
  CHECK(image["width"] == 960);
  CHECK(image["height"] == 540);
}
