// The visible words of Markdown minutes, computed independently of the reader under test (cmark-gfm's plain
// text renderer and regexes for raw HTML), for tests that check that words reach an output.
#pragma once

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

namespace minutes_test {

// Each word with how often it occurs.
using Words = std::map<std::string, size_t>;

// Words: runs of ASCII letters/digits and non-ASCII bytes (but not no-break spaces), lower-cased.
inline void add_words(Words& out, std::string_view text) {
  std::string w;
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      c = ' ';
      ++i;
    }
    if (std::isalnum(c) || c >= 0x80) {
      w += static_cast<char>(std::tolower(c));
    } else if (!w.empty()) {
      ++out[w];
      w.clear();
    }
  }
  if (!w.empty()) ++out[w];
}

// The text without the extensions the reader reads and the reference renderer does not: GitHub's emoji shortcodes
// (":rocket:", templates/emoji/shortcodes.tsv), which become emoji, no words, and HedgeDoc's image sizes
// ("![](a.png =960x540)"), which become sizes.
inline std::string without_extensions(std::string text) {
  static const std::regex size(R"((!\[[^\]]*\]\([^)\s]*)\s+=\d*%?x\d*%?\))");
  text = std::regex_replace(text, size, "$1)");
  static const std::set<std::string> names = [] {
    std::set<std::string> out;
    std::ifstream in(std::string(MINUTES_SOURCE_DIR) + "/templates/emoji/shortcodes.tsv");
    for (std::string line; std::getline(in, line);)
      if (!line.empty() && line[0] != '#') out.insert(line.substr(0, line.find('\t')));
    if (out.size() < 1000) throw std::runtime_error("templates/emoji/shortcodes.tsv is missing or short");
    return out;
  }();
  static const std::regex code(R"(:([a-z0-9_+-]+):)");
  std::string out;
  size_t last = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), code), end; it != end; ++it) {
    if (!names.count((*it)[1].str())) continue;
    out.append(text, last, static_cast<size_t>(it->position(0)) - last);
    out += ' ';
    last = static_cast<size_t>(it->position(0) + it->length(0));
  }
  return out + text.substr(last);
}

// The reference: what a reader of the rendered page sees, computed independently of the reader under test:
// cmark-gfm's own plain-text renderer, plus raw HTML with tags, style/script and comments cut out by regexes.
inline Words reference_words(std::string text) {
  text = without_extensions(text);
  // YAML front matter (a mapping between `---` lines, maybe after blank lines) is metadata, not text.
  static const std::regex front(R"(^\s*---[ \t]*\n([\s\S]*?)\n(---|\.\.\.)[ \t]*(\n|$))");
  std::smatch m;
  if (std::regex_search(text, m, front) && std::regex_search(m[1].str(), std::regex(R"((^|\n)[A-Za-z_][\w.-]*:)")))
    text = text.substr(static_cast<size_t>(m.position(0) + m.length(0)));
  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist"})
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name));
  cmark_parser_feed(parser, text.data(), text.size());
  cmark_node* doc = cmark_parser_finish(parser);

  // Ordered-list numbers are markers, not words (the IR keeps them as numbers): render every list as bullets.
  cmark_iter* lists = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(lists)) != CMARK_EVENT_DONE;)
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(cmark_iter_get_node(lists)) == CMARK_NODE_LIST)
      cmark_node_set_list_type(cmark_iter_get_node(lists), CMARK_BULLET_LIST);
  cmark_iter_free(lists);

  Words words;
  char* plain = cmark_render_plaintext(doc, CMARK_OPT_DEFAULT, 0);
  add_words(words, plain);
  free(plain);

  static const std::regex hidden(R"(<(style|script)[\s\S]*?</(style|script)\s*>|<!--[\s\S]*?-->)", std::regex::icase);
  static const std::regex tag(R"(<[^>]*>|&[#a-zA-Z0-9]+;)");
  cmark_iter* it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    auto type = cmark_node_get_type(n);
    if (ev != CMARK_EVENT_ENTER || (type != CMARK_NODE_HTML_BLOCK && type != CMARK_NODE_HTML_INLINE)) continue;
    std::string html = cmark_node_get_literal(n);
    html = std::regex_replace(html, hidden, " ");
    if (type == CMARK_NODE_HTML_BLOCK) {  // an unclosed <style> hides the rest of its block
      auto lower = html;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
      for (const char* open : {"<style", "<script"})
        if (auto p = lower.find(open); p != std::string::npos) html.resize(p);
    }
    add_words(words, std::regex_replace(html, tag, " "));
  }
  cmark_iter_free(it);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return words;
}

}  // namespace minutes_test
