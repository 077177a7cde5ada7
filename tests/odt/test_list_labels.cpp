// A list item's label paragraph and check box, decided before the item is written: every item starts with a text:p
// that carries the label (LibreOffice shows no bullet or number without one), the check box at its start; a leading
// space of code stays a text:s after the box. The expected bytes are those of the tree-building writer (main before
// the streaming writer), so that the change of writer shows here if it changes what users see.
#include "tests/odt/support.hpp"

using namespace odt_test;

namespace {

ir::Block code_block(std::string text) {
  ir::Block b;
  b.kind = ir::BlockKind::code;
  b.text = std::move(text);
  return b;
}

ir::ListItem checked(std::optional<bool> box, std::vector<ir::Block> blocks) {
  ir::ListItem it;
  it.checked = box;
  it.blocks = std::move(blocks);
  return it;
}

std::string content_of(const ir::Block& list_block) {
  ir::Meeting m;
  m.title = "Labels 2024-02-01";
  m.date = ir::Date{2024, 2, 1};
  m.source = "labels.md";
  m.blocks.push_back(list_block);
  auto out = formats::write_odt(std::span<const ir::Meeting>(&m, 1), formats::WriteOptions{});
  return parts(out.bytes)["content.xml"];
}

}  // namespace

TEST_CASE("a checked item's box goes into its first paragraph, or into a label paragraph written first") {
  ir::Block quote;
  quote.kind = ir::BlockKind::quote;
  quote.children = {para({txt("quoted")})};
  ir::Block empty_paragraph;
  auto content = content_of(list({checked(true, {para({txt("p first")})}),
                                  checked(false, {code_block(" lead space\n\ttab  two\n")}),
                                  checked(true, {list({checked(true, {para({txt("nested")})})})}),
                                  checked(true, {}), checked(false, {quote}),
                                  checked(true, {empty_paragraph, code_block("c")})}));
  CHECK(content.find("<text:list-item><text:p text:style-name=\"List_20_Bullet\">☑ p first</text:p></text:list-item>") !=
        std::string::npos);
  CHECK(content.find("<text:list-item><text:p text:style-name=\"Code\">☐ <text:s/>lead space</text:p>"
                     "<text:p text:style-name=\"Code\"><text:tab/>tab<text:s text:c=\"2\"/>two</text:p>"
                     "</text:list-item>") != std::string::npos);
  CHECK(content.find("<text:list-item><text:p text:style-name=\"List_20_Bullet\">☑ </text:p><text:list "
                     "text:style-name=\"List_20_Bullet_20_Style\"><text:list-item><text:p "
                     "text:style-name=\"List_20_Bullet\">☑ nested</text:p></text:list-item></text:list>"
                     "</text:list-item>") != std::string::npos);
  CHECK(content.find("<text:list-item><text:p text:style-name=\"List_20_Bullet\">☑ </text:p></text:list-item>"
                     "<text:list-item><text:p text:style-name=\"Quotations\">☐ quoted</text:p></text:list-item>") !=
        std::string::npos);
  CHECK(content.find("<text:list-item><text:p text:style-name=\"Code\">☑ c</text:p></text:list-item>") !=
        std::string::npos);
}

TEST_CASE("an item without a paragraph of its own gets an empty label paragraph") {
  auto content = content_of(list({checked(std::nullopt, {}), checked(std::nullopt, {list({item("inner")})})}));
  CHECK(content.find("<text:list-item><text:p text:style-name=\"List_20_Bullet\"/></text:list-item>"
                     "<text:list-item><text:p text:style-name=\"List_20_Bullet\"/><text:list ") != std::string::npos);
}
