// The manual page minutes(1) and the shell completions, generated from the same CLI11 definitions as --help.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <utility>
#include <vector>

namespace minutes::cli {

// The text of the manual that is not an option: printed by --help (as the footer) and in the man page.
struct Manual {
  std::string name;         // "minutes"
  std::string summary;      // one line for NAME: what the program does
  std::string description;  // paragraphs for DESCRIPTION (the top of --help)
  // Sections after the commands, in order: {"EXIT STATUS", text}, {"FILES", text}, ...; a line "  a  b" is a
  // definition (term a, text b), any other line running text.
  std::vector<std::pair<std::string, std::string>> sections;
};

// The sections as --help prints them after the subcommand list.
std::string help_footer(const Manual& manual);

// The manual page in roff (man(7)): NAME, SYNOPSIS, DESCRIPTION, one subsection per subcommand with its
// options by group, then the manual's own sections.
std::string man_page(const CLI::App& app, const Manual& manual, const std::string& version);

// A completion script for bash (complete -F) or zsh (#compdef); empty for another shell.
std::string completion_script(const CLI::App& app, const std::string& shell);

}  // namespace minutes::cli
