// Renders the meeting IR as a safe HTML5 fragment: never the source's raw HTML, only vetted URLs.
#include "formats/common/fragment.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <sstream>

#include "formats/common/report_summary.hpp"
#include "formats/common/text.hpp"
#include "formats/common/url.hpp"

namespace minutes::formats::html {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

const Words& words_of(const FragmentOptions& options) { return options.words ? *options.words : words_for("en"); }

std::string append_utf8_text(pugi::xml_node parent, std::string_view text) {
  std::string t = clean_text(text);
  if (!t.empty()) parent.append_child(pugi::node_pcdata).set_value(t.c_str());
  return t;
}

pugi::xml_node element(pugi::xml_node parent, const char* name) { return parent.append_child(name); }

void set_attr(pugi::xml_node node, const char* name, std::string_view value) {
  node.append_attribute(name).set_value(clean_text(value).c_str());
}

void report(const FragmentOptions& options, int line, int column, std::string message,
            ir::Severity severity = ir::Severity::warning) {
  if (options.diagnostics) options.diagnostics->push_back({severity, options.source, line, column, std::move(message)});
}

std::string shorten(std::string_view s) {
  std::string t = clean_text(s.substr(0, 60));
  for (auto& c : t)
    if (c == '\n' || c == '\t') c = ' ';
  return s.size() > 60 ? t + "..." : t;
}

bool is_local_url(std::string_view url) { return url_scheme(url).empty() && !url.starts_with("//"); }

void append_image(pugi::xml_node parent, const ir::Inline& in, const FragmentOptions& options) {
  std::string src = safe_url(in.url, options.base_url);
  bool local = is_local_url(src);
  if (!src.empty() && (options.remote_images || local)) {
    auto img = element(parent, "img");
    set_attr(img, "src", src);
    set_attr(img, "alt", in.text);
    if (!in.title.empty()) set_attr(img, "title", in.title);
    if (in.width > 0) img.append_attribute("width").set_value(in.width);
    if (in.height > 0) img.append_attribute("height").set_value(in.height);
    return;
  }
  // No external request: a link to the image, named by its alt text.
  if (src.empty() && !in.url.empty())
    report(options, in.line, in.column, "image '" + shorten(in.url) + "' dropped: its URL scheme is not allowed");
  bool in_link = false;  // an <a> inside an <a> is invalid: inside a link, the alt text alone
  for (auto n = parent; n && !in_link; n = n.parent()) in_link = std::string_view(n.name()) == "a";
  pugi::xml_node target = parent;
  if (!src.empty() && !in_link) {
    target = element(parent, "a");
    set_attr(target, "href", src);
    set_attr(target, "class", "image-link");
  }
  append_utf8_text(target, in.text.empty() ? std::string_view(words_of(options).image) : std::string_view(in.text));
}

void append_list(pugi::xml_node parent, const ir::Block& b, const FragmentOptions& options);

// A list item's content: a tight list's paragraphs go straight into <li>.
void append_item_blocks(pugi::xml_node li, const ir::Blocks& blocks, bool tight, const FragmentOptions& options) {
  bool first = true;
  for (const auto& b : blocks) {
    if (tight && b.kind == ir::BlockKind::paragraph) {
      if (!first) element(li, "br");
      append_inlines(li, b.inlines, options);
      first = false;
    } else {
      append_block(li, b, options);
    }
  }
}

void append_list(pugi::xml_node parent, const ir::Block& b, const FragmentOptions& options) {
  auto list = element(parent, b.ordered ? "ol" : "ul");
  if (b.ordered && b.start != 1) list.append_attribute("start").set_value(b.start);
  bool tasks = std::any_of(b.items.begin(), b.items.end(), [](const ir::ListItem& i) { return i.checked.has_value(); });
  if (tasks) set_attr(list, "class", "tasks");
  for (const auto& item : b.items) {
    auto li = element(list, "li");
    if (item.checked) {
      auto box = element(li, "span");
      set_attr(box, "class", *item.checked ? "task done" : "task");
      append_utf8_text(box, *item.checked ? "\u2611 " : "\u2610 ");
    }
    append_item_blocks(li, item.blocks, b.tight, options);
  }
}

void append_table(pugi::xml_node parent, const ir::Block& b, const FragmentOptions& options) {
  auto table = element(parent, "table");
  pugi::xml_node head, body;
  for (const auto& row : b.rows) {
    pugi::xml_node group;
    if (row.header) {
      if (!head) head = element(table, "thead");
      group = head;
    } else {
      if (!body) body = element(table, "tbody");
      group = body;
    }
    auto tr = element(group, "tr");
    for (size_t i = 0; i < row.cells.size(); ++i) {
      auto cell = element(tr, row.header ? "th" : "td");
      ir::Align a = i < b.alignments.size() ? b.alignments[i] : ir::Align::none;
      if (a == ir::Align::center) set_attr(cell, "class", "center");
      if (a == ir::Align::right) set_attr(cell, "class", "right");
      append_inlines(cell, row.cells[i].inlines, options);
    }
  }
}

int min_level(const std::vector<ir::Section>& sections) {
  int m = 6;
  for (const auto& s : sections) m = std::min(m, s.level);
  return m;
}

struct SectionContext {
  const FragmentOptions& options;
  PageIds& ids;
  int shift;  // added to a source level to get the HTML level
};

void append_section(pugi::xml_node parent, const ir::Section& s, SectionContext& ctx) {
  if (ir::consumed_meta(s)) return;
  auto sec = element(parent, "section");
  std::string id = ctx.ids.unique(ctx.options.id_prefix + slug(s.title));
  set_attr(sec, "id", id);
  int level = std::clamp(s.level + ctx.shift, 1, 6);
  std::string tag = "h" + std::to_string(level);
  auto h = element(sec, tag.c_str());
  if (!s.title_inlines.empty()) {
    append_inlines(h, s.title_inlines, ctx.options);
  } else {
    append_utf8_text(h, s.title);
  }
  if (s.minutes) {
    auto p = element(sec, "p");
    set_attr(p, "class", "minutes-ref");
    append_utf8_text(p, words_of(ctx.options).minutes + ": ");
    std::string href = archive_page_href(s.minutes->url, ctx.options);
    if (href.empty()) href = safe_url(s.minutes->url, ctx.options.base_url);
    if (!href.empty()) {
      auto a = element(p, "a");
      set_attr(a, "href", href);
      append_utf8_text(a, s.minutes->url);
    } else {
      append_utf8_text(p, s.minutes->url);
    }
    append_utf8_text(p, minutes_status_text(*s.minutes));  // "(waiting to be merged)", "+ https://..."
  }
  append_blocks(sec, s.blocks, ctx.options);
  for (const auto& sub : s.sections) append_section(sec, sub, ctx);
}

void seal_node(pugi::xml_node node) {
  static constexpr std::array<std::string_view, 8> void_elements = {"br",   "hr",    "img", "meta",
                                                                    "link", "input", "wbr", "source"};
  for (auto child = node.first_child(); child; child = child.next_sibling())
    if (child.type() == pugi::node_element) seal_node(child);
  if (node.type() != pugi::node_element) return;
  std::string_view name = node.name();
  if (std::find(void_elements.begin(), void_elements.end(), name) != void_elements.end()) return;
  if (!node.first_child()) node.append_child(pugi::node_pcdata);
  if (name == "pre") {
    if (node.first_child().type() != pugi::node_pcdata) node.prepend_child(pugi::node_pcdata);
    if (node.last_child().type() != pugi::node_pcdata) node.append_child(pugi::node_pcdata);
  }
}

int hex_value(char c) {
  return is_digit(c) ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
}

std::string percent_decoded(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The relative reference from one page to another, both relative to the output root ("iam/a.html" to
// "iam/b.html": "b.html"; to "ops/c.html": "../ops/c.html").
std::string relative_href(std::string_view from, std::string_view to) {
  size_t common = 0;
  for (size_t i = 0; i < from.size() && i < to.size() && from[i] == to[i]; ++i)
    if (from[i] == '/') common = i + 1;
  std::string up;
  for (size_t i = common; i < from.size(); ++i)
    if (from[i] == '/') up += "../";
  return local_href(up + std::string(to.substr(common)));
}

// The words of a text, lower case, letters and digits only.
std::vector<std::string> words_of_text(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (is_alpha(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0x80) {
      word += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

// True for a heading that says no more than the meeting's title: its own title or series, or words of its
// display title that include the date ("2023-02-08" under "IAM – 2023-02-08").
bool repeats_title(std::string_view heading, const ir::Meeting& m) {
  auto words = words_of_text(heading);
  if (words.empty()) return false;
  if (words == words_of_text(m.title) || words == words_of_text(m.series)) return true;
  auto shown = words_of_text(ir::display_title(m));
  bool all = std::all_of(words.begin(), words.end(),
                         [&](const std::string& w) { return std::find(shown.begin(), shown.end(), w) != shown.end(); });
  return all && m.date && std::find(words.begin(), words.end(), std::to_string(m.date->year)) != words.end();
}

}  // namespace

std::string archive_page_href(std::string_view url, const FragmentOptions& options) {
  if (!options.site || url.empty()) return {};
  if (url.front() == '#')  // within the meeting: its own page
    return options.page.empty()
               ? std::string()
               : safe_url(options.page_url.empty() ? std::string(url) : options.page_url + std::string(url));
  std::string_view rel = url;
  if (!options.source_root.empty() && url.starts_with(options.source_root))
    rel = url.substr(options.source_root.size());
  else if (!url_scheme(url).empty() || url.starts_with("//"))
    return {};
  else if (rel.starts_with('/'))
    return {};
  std::string_view anchor;
  if (auto hash = rel.find('#'); hash != std::string_view::npos) {
    anchor = rel.substr(hash);
    rel = rel.substr(0, hash);
  }
  if (rel.find('?') != std::string_view::npos || rel.empty()) return {};
  // The target relative to the archive's root: resolved against the meeting's own path (unless under the root URL).
  std::string target = percent_decoded(rel);
  if (rel.data() == url.data()) {
    std::string resolved = resolve_url("x:/" + options.source, target);
    if (!resolved.starts_with("x:/")) return {};
    target = resolved.substr(3);
  }
  const SitePage* to = options.site->find(target);
  if (!to || to->page.empty()) return {};
  std::string href = relative_href(options.page, to->page) + std::string(anchor);
  return safe_url(options.page_url.empty() ? href : resolve_url(options.page_url, href));
}

void append_inlines(pugi::xml_node parent, const ir::Inlines& inlines, const FragmentOptions& options) {
  for (const auto& in : inlines) {
    switch (in.kind) {
      case ir::InlineKind::text: append_utf8_text(parent, in.text); break;
      case ir::InlineKind::emphasis: append_inlines(element(parent, "em"), in.children, options); break;
      case ir::InlineKind::strong: append_inlines(element(parent, "strong"), in.children, options); break;
      case ir::InlineKind::strikethrough: append_inlines(element(parent, "del"), in.children, options); break;
      case ir::InlineKind::code: append_utf8_text(element(parent, "code"), in.text); break;
      case ir::InlineKind::link: {
        std::string href = archive_page_href(in.url, options);
        if (href.empty()) href = safe_url(in.url, options.base_url);
        pugi::xml_node target = parent;
        if (!href.empty()) {
          target = element(parent, "a");
          set_attr(target, "href", href);
          if (!in.title.empty()) set_attr(target, "title", in.title);
        } else if (!in.url.empty()) {
          report(options, in.line, in.column,
                 "link '" + shorten(in.url) + "' kept as text: its URL scheme is not allowed");
        }
        if (in.children.empty()) {
          append_utf8_text(target, in.url);
        } else {
          append_inlines(target, in.children, options);
        }
        break;
      }
      case ir::InlineKind::image: append_image(parent, in, options); break;
      case ir::InlineKind::mention: {
        auto span = element(parent, "span");
        set_attr(span, "class", "mention");
        append_utf8_text(span, "@" + in.text);
        break;
      }
      case ir::InlineKind::line_break: element(parent, "br"); break;
      case ir::InlineKind::soft_break: append_utf8_text(parent, "\n"); break;
    }
  }
}

void append_blocks(pugi::xml_node parent, const ir::Blocks& blocks, const FragmentOptions& options) {
  for (const auto& b : blocks) append_block(parent, b, options);
}

void append_block(pugi::xml_node parent, const ir::Block& b, const FragmentOptions& options) {
  switch (b.kind) {
    case ir::BlockKind::paragraph:
    case ir::BlockKind::heading:  // only in a reader's document: a meeting's headings are its sections
      append_inlines(element(parent, "p"), b.inlines, options);
      break;
    case ir::BlockKind::list: append_list(parent, b, options); break;
    case ir::BlockKind::code: {
      auto pre = element(parent, "pre");
      set_attr(pre, "tabindex", "0");  // a long line scrolls it: keyboards reach it (WCAG 2.1.1)
      auto code = element(pre, "code");
      std::string lang;
      for (char c : b.info) {
        if (c == ' ') break;
        if (is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '+') lang += c;
      }
      if (!lang.empty()) set_attr(code, "class", "language-" + lang);
      append_utf8_text(code, b.text);
      break;
    }
    case ir::BlockKind::quote: append_blocks(element(parent, "blockquote"), b.children, options); break;
    case ir::BlockKind::table: append_table(parent, b, options); break;
    case ir::BlockKind::image: {
      auto p = element(parent, "p");
      set_attr(p, "class", "image");
      append_inlines(p, b.inlines, options);
      break;
    }
    case ir::BlockKind::rule: element(parent, "hr"); break;
    case ir::BlockKind::html: {
      // Raw HTML is never passed through: only its visible text, when it has any.
      report(options, b.line, b.column, "raw HTML rendered as its text only", ir::Severity::note);
      if (ir::plain_text(b.inlines).find_first_not_of(" \t\n") == std::string::npos) return;
      auto p = element(parent, "p");
      set_attr(p, "class", "html-text");
      append_inlines(p, b.inlines, options);
      break;
    }
  }
}

std::string PageIds::unique(const std::string& base) {
  if (used_.insert(base).second) return base;
  int& n = next_.try_emplace(base, 2).first->second;
  for (;; ++n) {
    std::string id = base + "-" + std::to_string(n);
    if (used_.insert(id).second) {
      ++n;
      return id;
    }
  }
}

void append_meeting_body(pugi::xml_node parent, const ir::Meeting& meeting, const FragmentOptions& options,
                         PageIds& ids) {
  append_blocks(parent, meeting.blocks, options);
  auto first = meeting.sections.begin();
  if (options.skip_repeated_title && meeting.blocks.empty() && first != meeting.sections.end() &&
      repeats_title(first->title, meeting)) {
    append_blocks(parent, first->blocks, options);
    SectionContext inner{options, ids, options.top_heading - min_level(first->sections)};
    for (const auto& s : first->sections) append_section(parent, s, inner);
    ++first;
  }
  std::vector<ir::Section> rest(first, meeting.sections.end());
  SectionContext ctx{options, ids, options.top_heading - min_level(rest)};
  for (const auto& s : rest) append_section(parent, s, ctx);
}

void seal_for_html(pugi::xml_node root) { seal_node(root); }

std::string serialise_children(pugi::xml_node node) {
  std::ostringstream out;
  for (auto child = node.first_child(); child; child = child.next_sibling())
    child.print(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

std::string meeting_fragment(const ir::Meeting& meeting, const FragmentOptions& options) {
  pugi::xml_document doc;
  auto root = doc.append_child("div");
  PageIds ids;
  append_meeting_body(root, meeting, options, ids);
  seal_for_html(root);
  return serialise_children(root);
}

}  // namespace minutes::formats::html
