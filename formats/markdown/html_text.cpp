// The visible text of raw HTML in Markdown: a tolerant tokenizer, character references, block HTML to inlines.
#include <algorithm>
#include <array>
#include <cctype>

#include "converters/core/decode.hpp"
#include "formats/markdown/internal.hpp"

namespace minutes::formats::markdown {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_name_char(char c) { return is_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Named {
  std::string_view name;
  char32_t cp;
};

// The references that occur in hand-written minutes; others are kept as written.
constexpr std::array<Named, 34> named_entities = {{
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},        {"quot", '"'},     {"apos", '\''},    {"nbsp", 0xA0},
    {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"laquo", 0xAB},   {"raquo", 0xBB},   {"copy", 0xA9},
    {"reg", 0xAE},     {"euro", 0x20AC},  {"auml", 0xE4},     {"ouml", 0xF6},    {"uuml", 0xFC},    {"Auml", 0xC4},
    {"Ouml", 0xD6},    {"Uuml", 0xDC},    {"szlig", 0xDF},    {"bull", 0x2022},  {"middot", 0xB7},  {"rarr", 0x2192},
    {"larr", 0x2190},  {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"times", 0xD7},
    {"deg", 0xB0},     {"shy", 0xAD},     {"eacute", 0xE9},   {"check", 0x2713},
}};

// Parses one tag starting at html[i] == '<'; returns the index after it, or npos when it is not a tag.
size_t parse_tag(std::string_view html, size_t i, HtmlToken& tok) {
  size_t j = i + 1;
  bool end = j < html.size() && html[j] == '/';
  if (end) ++j;
  if (j >= html.size() || !is_alpha(html[j])) return std::string_view::npos;
  size_t name_begin = j;
  while (j < html.size() && is_name_char(html[j])) ++j;
  tok.kind = end ? HtmlToken::end_tag : HtmlToken::start_tag;
  tok.name = lower(html.substr(name_begin, j - name_begin));
  // Attributes: name, name=value, name="value", name='value'.
  while (j < html.size()) {
    while (j < html.size() && is_space(html[j])) ++j;
    if (j >= html.size()) return std::string_view::npos;
    if (html[j] == '>') return j + 1;
    if (html[j] == '/' && j + 1 < html.size() && html[j + 1] == '>') {
      tok.self_closing = true;
      return j + 2;
    }
    if (html[j] == '<') return std::string_view::npos;
    size_t attr_begin = j;
    while (j < html.size() && !is_space(html[j]) && html[j] != '=' && html[j] != '>' && html[j] != '<') ++j;
    if (j == attr_begin) {
      ++j;
      continue;
    }
    std::string attr = lower(html.substr(attr_begin, j - attr_begin));
    while (j < html.size() && is_space(html[j])) ++j;
    std::string_view value;
    if (j < html.size() && html[j] == '=') {
      ++j;
      while (j < html.size() && is_space(html[j])) ++j;
      if (j < html.size() && (html[j] == '"' || html[j] == '\'')) {
        char q = html[j++];
        size_t close = html.find(q, j);
        if (close == std::string_view::npos) return std::string_view::npos;
        value = html.substr(j, close - j);
        j = close + 1;
      } else {
        size_t v = j;
        while (j < html.size() && !is_space(html[j]) && html[j] != '>') ++j;
        value = html.substr(v, j - v);
      }
    }
    if ((attr == "href" && tok.name == "a") || (attr == "src" && tok.name == "img")) tok.value = decode_entities(value);
    if (attr == "alt" && tok.name == "img") tok.alt = decode_entities(value);
  }
  return std::string_view::npos;
}

void push_break(ir::Inlines& out, int line) {
  if (out.empty() || out.back().kind == ir::InlineKind::line_break) return;
  ir::Inline br;
  br.kind = ir::InlineKind::line_break;
  br.line = line;
  out.push_back(std::move(br));
}

}  // namespace

std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12 || semi == i + 1) {
      out += s[i++];
      continue;
    }
    std::string_view ref = s.substr(i + 1, semi - i - 1);
    char32_t cp = 0;
    if (ref[0] == '#') {
      bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
      std::string_view digits = ref.substr(hex ? 2 : 1);
      bool ok = !digits.empty() && digits.size() <= 7;
      for (char c : digits) {
        int d = (c >= '0' && c <= '9')        ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
        if (d < 0) {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);
      }
      if (!ok) {
        out += s[i++];
        continue;
      }
      bool allowed = cp == 0x9 || cp == 0xA || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
                     (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!allowed) cp = 0xFFFD;
    } else {
      for (const auto& e : named_entities)
        if (e.name == ref) {
          cp = e.cp;
          break;
        }
      if (cp == 0) {
        out += s[i++];
        continue;
      }
    }
    append_utf8(out, cp);
    i = semi + 1;
  }
  return out;
}

bool is_block_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 28> tags = {
      "p",          "div", "li", "ul",      "ol",      "tr",      "table",      "h1",     "h2", "h3",
      "h4",         "h5",  "h6", "center",  "section", "article", "header",     "footer", "dt", "dd",
      "blockquote", "pre", "hr", "details", "summary", "figure",  "figcaption", "address"};
  for (auto t : tags)
    if (t == name) return true;
  return false;
}

std::vector<HtmlToken> tokenize_html(std::string_view html) {
  std::vector<HtmlToken> out;
  std::string text;
  auto flush = [&] {
    if (text.empty()) return;
    HtmlToken t;
    t.value = decode_entities(text);
    out.push_back(std::move(t));
    text.clear();
  };
  for (size_t i = 0; i < html.size();) {
    if (html[i] != '<') {
      size_t next = html.find('<', i);
      if (next == std::string_view::npos) next = html.size();
      text.append(html.substr(i, next - i));
      i = next;
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      flush();
      size_t close = html.find("-->", i + 4);
      i = close == std::string_view::npos ? html.size() : close + 3;
      out.push_back(HtmlToken{HtmlToken::comment, {}, {}, {}, false});
      continue;
    }
    if (i + 1 < html.size() && (html[i + 1] == '!' || html[i + 1] == '?')) {  // <!DOCTYPE ...>, <?xml ...?>
      flush();
      size_t close = html.find('>', i);
      i = close == std::string_view::npos ? html.size() : close + 1;
      continue;
    }
    HtmlToken tok;
    constexpr size_t max_tag = 4096;  // longer "tags" are text: keeps pathological input linear
    size_t after = parse_tag(html.substr(0, std::min(html.size(), i + max_tag)), i, tok);
    if (after == std::string_view::npos) {  // a lone '<' is text
      text += '<';
      ++i;
      continue;
    }
    flush();
    out.push_back(std::move(tok));
    i = after;
    // Raw text elements: everything up to the matching end tag is their content, not markup.
    const auto& name = out.back().name;
    if (out.back().kind == HtmlToken::start_tag && !out.back().self_closing && (name == "style" || name == "script")) {
      std::string close_tag = "</" + name;
      size_t j = i;
      for (;;) {
        j = html.find("</", j);
        if (j == std::string_view::npos || lower(html.substr(j, close_tag.size())) == close_tag) break;
        j += 2;
      }
      i = j == std::string_view::npos ? html.size() : j;  // the raw content itself is dropped
    }
  }
  flush();
  return out;
}

ir::Inlines html_block_inlines(std::string_view html, int line, int column) {
  ir::Inlines out;
  std::optional<ir::Inline> link;  // an open <a href>
  int hidden = 0;                  // inside <style>/<script>/<head>/<title>
  bool space_pending = false;
  auto target = [&]() -> ir::Inlines& { return link ? link->children : out; };
  auto at_line_start = [&] {
    auto& t = target();
    if (t.empty()) return link ? out.empty() || out.back().kind == ir::InlineKind::line_break : true;
    return t.back().kind == ir::InlineKind::line_break;
  };
  auto close_link = [&] {
    if (!link) return;
    if (link->children.empty()) {
      ir::Inline t;
      t.kind = ir::InlineKind::text;
      t.text = link->url;
      t.line = line;
      link->children.push_back(std::move(t));
    }
    out.push_back(std::move(*link));
    link.reset();
  };
  for (auto& tok : tokenize_html(html)) {
    switch (tok.kind) {
      case HtmlToken::comment: break;
      case HtmlToken::text: {
        if (hidden > 0) break;
        // Collapse whitespace runs to one space, as a browser does.
        std::string collapsed;
        for (char c : tok.value) {
          if (is_space(c)) {
            space_pending = true;
            continue;
          }
          if (space_pending && !collapsed.empty())
            collapsed += ' ';
          else if (space_pending && !at_line_start())
            collapsed += ' ';
          space_pending = false;
          collapsed += c;
        }
        if (!collapsed.empty()) append_text(target(), collapsed, line, column);
        break;
      }
      case HtmlToken::start_tag:
        if (tok.name == "style" || tok.name == "script") {
          if (!tok.self_closing) ++hidden;  // the tokenizer already skipped the content; the end tag closes it
        } else if (tok.name == "br") {
          close_link();
          push_break(out, line);
          space_pending = false;
        } else if (tok.name == "a" && !tok.value.empty()) {
          close_link();
          link.emplace();
          link->kind = ir::InlineKind::link;
          link->url = tok.value;
          link->line = line;
          link->column = column;
        } else if (tok.name == "img") {
          ir::Inline img;
          img.kind = ir::InlineKind::image;
          img.url = tok.value;
          img.text = tok.alt;
          img.line = line;
          target().push_back(std::move(img));
        } else if (is_block_tag(tok.name)) {
          close_link();
          push_break(out, line);
          space_pending = false;
        }
        break;
      case HtmlToken::end_tag:
        if (tok.name == "style" || tok.name == "script") {
          if (hidden > 0) --hidden;
        } else if (tok.name == "a") {
          close_link();
        } else if (is_block_tag(tok.name)) {
          close_link();
          push_break(out, line);
          space_pending = false;
        }
        break;
    }
  }
  close_link();
  while (!out.empty() && out.back().kind == ir::InlineKind::line_break) out.pop_back();
  return out;
}

}  // namespace minutes::formats::markdown
