// The `minutes` command line: parses arguments and hands over to a subcommand.
#include <cstdio>
#include <exception>

#include "converters/cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "minutes: turns meeting minutes (Markdown or plain-text drafts) into funder-ready ODT/DOCX reports,\n"
      "an iCalendar feed of the events they mention, an RSS feed, HTML pages and JSON.\n\n"
      "Examples:\n"
      "  minutes convert 20230504.md -o week.odt           one meeting as a report\n"
      "  minutes convert minutes/2023-0[4-6]*.md -o q2.docx a quarter in one report\n"
      "  minutes convert minutes/*.md -o events.ics        the events as a calendar\n"
      "  minutes convert draft.txt -t json                 the IR of a plain-text draft\n"
      "  minutes check minutes/*.md                        diagnostics only\n"
      "  minutes build minutes/ -o site/                   a whole archive, incrementally\n",
      "minutes"};
  app.set_version_flag("--version", std::string("minutes ") + MINUTES_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  int exit_code = minutes::cli::exit_ok;
  minutes::cli::add_convert_command(app, exit_code);
  minutes::cli::add_check_command(app, exit_code);
  minutes::cli::add_build_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return minutes::cli::exit_usage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "minutes: error: %s\n", e.what());
    return minutes::cli::exit_bad_input;
  }
  return exit_code;
}
