// The `minutes` command line: parses arguments and hands over to a subcommand.
#include <cstdio>
#include <cstring>
#include <exception>

#include "converters/cli/commands.hpp"
#include "converters/cli/manual.hpp"

namespace {

// The settings that come from the environment, from the table of settings.
std::string environment() {
  std::string out;
  for (const auto& s : minutes::settings_table())
    if (!s.env.empty()) out += (out.empty() ? "  " : "\n  ") + std::string(s.env) + "  " + std::string(s.help);
  return out;
}

// Everything --help and the manual page say besides the options: one source for both.
const minutes::cli::Manual& manual() {
  static const minutes::cli::Manual m{
      "minutes",
      "turn meeting minutes into reports, a calendar, feeds and pages",
      "minutes turns meeting minutes (Markdown committed from an etherpad or HedgeDoc, or plain-text drafts)\n"
      "into funder-ready ODT/DOCX reports, an iCalendar feed of the events they mention, an RSS feed,\n"
      "HTML pages and JSON. Every input goes through one intermediate representation of a meeting.\n"
      "\n"
      "Diagnostics go to standard error as file:line:col: severity: message. Outputs are written\n"
      "atomically: a failed run leaves an existing output untouched. The same input gives the same bytes.",
      {
          {"EXAMPLES",
           "  minutes convert 20230504.md -o week.odt\n"
           "one meeting as a report\n"
           "  minutes convert minutes/2023-0[4-6]*.md -o q2.docx --organisation \"Sovereign Cloud Stack\"\n"
           "a quarter in one report\n"
           "  minutes convert minutes/*.md -o events.ics --calendar-name \"SCS events\"\n"
           "the events the minutes mention, as a calendar\n"
           "  minutes convert draft.txt -t json\n"
           "the intermediate representation of a plain-text draft\n"
           "  minutes check minutes/*.md\n"
           "diagnostics only\n"
           "  minutes build minutes/ -o site/\n"
           "a whole archive: pages, reports, calendar, feed and index, incrementally\n"
           "  minutes events minutes/ --rejected\n"
           "the calendar that would be published, and the candidates left out and why"},
          {"EXIT STATUS",
           "  0  success (warnings may have been printed)\n"
           "  1  bad input: a file could not be read or has an error; the diagnostics name it\n"
           "  2  usage error: an unknown option or format, a missing argument"},
          {"FILES",
           "  SRC/minutes.yaml  settings of an archive for minutes build: writer options, series names, excluded globs\n"
           "  OUT/.minutes-manifest  what minutes build wrote, with content hashes, for incremental rebuilds"},
          {"ENVIRONMENT", environment()},
          {"SEE ALSO",
           "pandoc(1), libreoffice(1). The README of the project explains the intermediate representation, the JSON\n"
           "contract and how to write events so that they are found. Shell completions: minutes --completion bash\n"
           "(or zsh) prints the script."},
      }};
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  const auto& text = manual();
  CLI::App app{text.description, text.name};
  app.footer(minutes::cli::help_footer(text));
  app.set_version_flag("--version", std::string("minutes ") + minutes::version);
  app.require_subcommand(1);
  // CLI11's messages quote what was given (a file name): printed safely, like every diagnostic.
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return minutes::printable(e.what()) + "\nRun with --help for more information.\n";
  });
  app.fallthrough();
  int exit_code = minutes::cli::exit_ok;
  minutes::cli::add_convert_command(app, exit_code);
  minutes::cli::add_check_command(app, exit_code);
  minutes::cli::add_build_command(app, exit_code);
  minutes::cli::add_report_command(app, exit_code);
  minutes::cli::add_events_command(app, exit_code);
  // Generated documents, from the definitions above: the build writes the manual page and completions so.
  if (argc == 2 && std::strcmp(argv[1], "--man") == 0) {
    std::fputs(minutes::cli::man_page(app, text, minutes::version).c_str(), stdout);
    return minutes::cli::exit_ok;
  }
  if (argc == 3 && std::strcmp(argv[1], "--completion") == 0) {
    std::string script = minutes::cli::completion_script(app, argv[2]);
    if (script.empty()) {
      std::fprintf(stderr, "minutes: error: no completion for '%s' (bash, zsh)\n", argv[2]);
      return minutes::cli::exit_usage;
    }
    std::fputs(script.c_str(), stdout);
    return minutes::cli::exit_ok;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) { return app.exit(e); } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) { return app.exit(e); } catch (const CLI::ParseError& e) {
    app.exit(e);
    return minutes::cli::exit_usage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "minutes: error: %s\n", minutes::printable(e.what()).c_str());
    return minutes::cli::exit_bad_input;
  }
  return exit_code;
}
