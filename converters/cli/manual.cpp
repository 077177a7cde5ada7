// Renders the CLI11 definitions of `minutes` as a roff manual page and as bash and zsh completion scripts.
#include "converters/cli/manual.hpp"

#include <fmt/format.h>

#include <map>
#include <sstream>

namespace minutes::cli {

namespace {

// The lines of a text.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Text safe in roff: backslashes escaped, '-' as a minus (so it can be searched and copied), no line that
// starts with a control character.
std::string roff(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

// Running text as roff paragraphs: a blank line starts a new paragraph; lines indented by two spaces are kept
// as they are (examples, lists), and "  term  text" with two or more spaces between is a tagged paragraph.
std::string roff_text(const std::string& text) {
  std::string out;
  bool in_example = false;
  for (const auto& line : lines_of(text)) {
    if (line.empty()) {
      if (in_example) out += ".fi\n.in\n";
      in_example = false;
      out += ".PP\n";
      continue;
    }
    if (line.starts_with("  ")) {
      std::string body = line.substr(2);
      auto gap = body.find("  ");
      if (gap != std::string::npos && body.find_first_not_of(' ', gap) != std::string::npos && !in_example &&
          !body.starts_with("minutes ")) {
        out +=
            ".TP\n.B " + roff(body.substr(0, gap)) + "\n" + roff(body.substr(body.find_first_not_of(' ', gap))) + "\n";
        continue;
      }
      if (!in_example) out += ".PP\n.in +4n\n.nf\n";
      in_example = true;
      out += roff(body) + "\n";
      continue;
    }
    if (in_example) out += ".fi\n.in\n";
    in_example = false;
    out += roff(line) + "\n";
  }
  if (in_example) out += ".fi\n.in\n";
  return out;
}

bool is_flag(const CLI::Option* o) { return o->get_items_expected_max() == 0; }

// "-o, --output FILE" in roff.
std::string option_head(const CLI::Option* o) {
  std::string head;
  for (const auto& s : o->get_snames()) head += fmt::format("{}\\fB\\-{}\\fR", head.empty() ? "" : ", ", s);
  for (const auto& l : o->get_lnames()) head += fmt::format("{}\\fB\\-\\-{}\\fR", head.empty() ? "" : ", ", roff(l));
  if (!is_flag(o)) {
    std::string type = o->get_type_name();
    if (type.empty()) type = "VALUE";
    head += " \\fI" + roff(type) + "\\fR";
  }
  return head;
}

// The options of a command in the order of their groups' first appearance; the hidden (empty) group left out.
std::vector<std::pair<std::string, std::vector<const CLI::Option*>>> grouped(const CLI::App& app) {
  std::vector<std::pair<std::string, std::vector<const CLI::Option*>>> groups;
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_group().empty() || o->get_positional()) continue;
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == o->get_group(); });
    if (it == groups.end()) {
      groups.push_back({o->get_group(), {}});
      it = groups.end() - 1;
    }
    it->second.push_back(o);
  }
  return groups;
}

std::vector<const CLI::App*> subcommands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* a) { return !a->get_group().empty(); });
}

// The choices a value may take, from a type name such as "TEXT:{a4,letter}".
std::vector<std::string> choices(const CLI::Option* o) {
  std::string type = o->get_type_name();
  auto open = type.find('{'), close = type.find('}');
  std::vector<std::string> out;
  if (open == std::string::npos || close == std::string::npos || close < open) return out;
  std::string list = type.substr(open + 1, close - open - 1);
  for (size_t start = 0; start <= list.size();) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) out.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// Text for a zsh description: no brackets, colons or quotes that would end the spec.
std::string zsh_text(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, text.find('\n'))) {
    if (c == '[' || c == ']')
      out += c == '[' ? '(' : ')';
    else if (c == ':')
      out += ' ';
    else if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out;
}

std::string bash_completion(const CLI::App& app) {
  std::string names, cases;
  for (const CLI::App* sub : subcommands(app)) {
    names += " " + sub->get_name();
    std::string opts, valued, choice_cases;
    for (const CLI::Option* o : sub->get_options()) {
      if (o->get_group().empty() || o->get_positional()) continue;
      std::string spellings;
      for (const auto& s : o->get_snames()) spellings += " -" + s;
      for (const auto& l : o->get_lnames()) spellings += " --" + l;
      opts += spellings;
      if (is_flag(o)) continue;
      auto c = choices(o);
      std::string pattern = spellings.substr(1);
      for (auto& ch : pattern)
        if (ch == ' ') ch = '|';
      if (!c.empty()) {
        std::string words;
        for (const auto& w : c) words += (words.empty() ? "" : " ") + w;
        choice_cases +=
            fmt::format("        {}) COMPREPLY=($(compgen -W \"{}\" -- \"$cur\")); return ;;\n", pattern, words);
      } else {
        valued += (valued.empty() ? "" : "|") + pattern;
      }
    }
    cases += fmt::format(
        "    {})\n      case \"$prev\" in\n{}{}      esac\n      opts=\"{}\" ;;\n", sub->get_name(), choice_cases,
        valued.empty() ? std::string()
                       : fmt::format("        {}) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", valued),
        opts.empty() ? "" : opts.substr(1));
  }
  return fmt::format(
      "# bash completion for {0}(1), generated from its --help definitions.\n"
      "_{0}() {{\n"
      "  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}} sub= opts= w\n"
      "  for w in \"${{COMP_WORDS[@]:1:COMP_CWORD-1}}\"; do\n"
      "    case \"$w\" in{1}) sub=$w; break ;; esac\n"
      "  done\n"
      "  case \"$sub\" in\n"
      "    \"\") COMPREPLY=($(compgen -W \"{2} --help --version\" -- \"$cur\")); return ;;\n"
      "{3}"
      "  esac\n"
      "  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"$opts --help\" -- \"$cur\"));\n"
      "  else COMPREPLY=($(compgen -f -- \"$cur\")); fi\n"
      "}}\n"
      "complete -o filenames -o bashdefault -F _{0} {0}\n",
      app.get_name(),
      [&] {
        std::string alts;
        for (const CLI::App* sub : subcommands(app)) alts += (alts.empty() ? " " : "|") + sub->get_name();
        return alts;
      }(),
      names.substr(1), cases);
}

std::string zsh_completion(const CLI::App& app) {
  std::string described, cases;
  for (const CLI::App* sub : subcommands(app)) {
    described += fmt::format("    '{}:{}'\n", sub->get_name(), zsh_text(sub->get_description()));
    std::string specs;
    for (const CLI::Option* o : sub->get_options()) {
      if (o->get_group().empty()) continue;
      std::string help = zsh_text(o->get_description());
      if (o->get_positional()) {
        specs += fmt::format(" \\\n        '*:{}:_files'", help);
        continue;
      }
      std::vector<std::string> spellings;
      for (const auto& s : o->get_snames()) spellings.push_back("-" + s);
      for (const auto& l : o->get_lnames()) spellings.push_back("--" + l);
      std::string action;
      if (!is_flag(o)) {
        auto c = choices(o);
        std::string words;
        for (const auto& w : c) words += (words.empty() ? "" : " ") + w;
        action = c.empty() ? ":value:_files" : fmt::format(":value:({})", words);
      }
      for (const auto& s : spellings) specs += fmt::format(" \\\n        '{}[{}]{}'", s, help, action);
    }
    cases += fmt::format("    {})\n      _arguments -s{} ;;\n", sub->get_name(), specs);
  }
  return fmt::format(
      "#compdef {0}\n"
      "# zsh completion for {0}(1), generated from its --help definitions.\n"
      "_{0}() {{\n"
      "  local -a commands\n"
      "  commands=(\n{1}  )\n"
      "  if (( CURRENT == 2 )); then _describe command commands; return; fi\n"
      "  shift words; (( CURRENT-- ))\n"
      "  case $words[1] in\n{2}  esac\n"
      "}}\n"
      "_{0} \"$@\"\n",
      app.get_name(), described, cases);
}

}  // namespace

std::string help_footer(const Manual& manual) {
  std::string out;
  for (const auto& [title, text] : manual.sections) {
    std::string heading = title;
    for (auto& c : heading) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    heading[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(heading[0])));
    out += "\n" + heading + ":\n";
    for (const auto& line : lines_of(text)) out += (line.empty() ? "" : "  ") + line + "\n";
  }
  return out;
}

std::string man_page(const CLI::App& app, const Manual& manual, const std::string& version) {
  std::string name = manual.name;
  std::string upper = name;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string out = fmt::format(
      ".\\\" The manual of {0}, generated from its --help definitions: do not edit.\n"
      ".TH {1} 1 \"\" \"{0} {2}\" \"User Commands\"\n.SH NAME\n{0} \\- {3}\n.SH SYNOPSIS\n",
      name, upper, version, roff(manual.summary));
  for (const CLI::App* sub : subcommands(app)) {
    out += fmt::format(".B {} {}\n", name, sub->get_name());
    std::string args;
    for (const CLI::Option* o : sub->get_options())
      if (o->get_positional() && !o->get_group().empty()) {
        std::string pname = o->get_name(true);
        for (auto& c : pname) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        bool many = o->get_expected_max() > 1;
        args += fmt::format(" \\fI{}\\fR{}", roff(pname), many ? "..." : "");
      }
    out += fmt::format("[\\fIOPTIONS\\fR]{}\n.br\n", args);
  }
  out += fmt::format(".B {} \\-\\-help\\fR | \\fB\\-\\-version\n", name);
  out += ".SH DESCRIPTION\n" + roff_text(manual.description);
  out += ".SH COMMANDS\n";
  for (const CLI::App* sub : subcommands(app)) {
    out += fmt::format(".SS \"{} {}\"\n", name, sub->get_name());
    out += roff_text(sub->get_description());
    for (const CLI::Option* o : sub->get_options())
      if (o->get_positional() && !o->get_group().empty())
        out += fmt::format(".TP\n\\fI{}\\fR\n{}\n", roff(o->get_name(true)), roff(o->get_description()));
    for (const auto& [group, options] : grouped(*sub)) {
      if (group != "Options") out += fmt::format(".PP\n\\fI{}\\fR\n", roff(group));
      for (const CLI::Option* o : options) {
        std::string text = o->get_description();
        if (!o->get_default_str().empty()) text += " (default: " + o->get_default_str() + ")";
        out += fmt::format(".TP\n{}\n{}\n", option_head(o), roff(text));
      }
    }
  }
  for (const auto& [title, text] : manual.sections) out += fmt::format(".SH {}\n{}", roff(title), roff_text(text));
  return out;
}

std::string completion_script(const CLI::App& app, const std::string& shell) {
  if (shell == "bash") return bash_completion(app);
  if (shell == "zsh") return zsh_completion(app);
  return {};
}

}  // namespace minutes::cli
