// `minutes report SRC --quarter 2023Q2 -o q2.pdf`: arguments to the library's report (minutes/report.hpp).
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "converters/cli/commands.hpp"
#include <minutes/report.hpp>

namespace minutes::cli {

void add_report_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::string src, output, to;
    bool no_layout = false;
    Settings flags;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "report",
      "One report of a period across an archive's series: a summary (meetings per series, participants, events,\n"
      "action items, decisions, a chart), contents and chapters grouped by series, an appendix of action items\n"
      "and decisions. ODT, DOCX (page numbers in the contents when LibreOffice is installed) or PDF/A-2b (through\n"
      "LibreOffice). SRC/minutes.yaml may hold the settings (series names, organisation, funder, lang); flags\n"
      "override it.");
  cmd->add_option("src", args->src, "the archive's folder")->required();
  cmd->add_option("-o,--output", args->output, "the report (.odt, .docx or .pdf; written atomically)")->required();
  cmd->add_option("-t,--format", args->to, "odt, docx or pdf (default: from the output's extension)");
  cmd->add_flag("--no-layout", args->no_layout,
                "a DOCX: do not lay it out through LibreOffice (its contents then show no page numbers until fields "
                "are updated)");
  add_settings(*cmd, args->flags, command_report);
  cmd->callback([args, cmd, &exit_code] {
    FileResources files({args->src}, {}, args->src);
    Cache cache;
    report::Request request{args->src, args->output, args->to, args->flags, given_settings(*cmd), {&files, &cache}};
    request.lay_out = !args->no_layout;
    report::Result result = report::make(request);
    if (result.refusal) {
      std::fprintf(stderr, "minutes: error: %s\n", result.refusal->c_str());
      exit_code = exit_usage;
      return;
    }
    for (const auto& d : result.diagnostics) std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
    if (has_error(result.diagnostics) || result.bytes.empty()) {
      std::fprintf(stderr, "minutes: nothing written\n");
      exit_code = exit_bad_input;
      return;
    }
    if (std::string error = write_atomic(args->output, result.bytes); !error.empty()) {
      std::fprintf(stderr, "%s: error: %s\n", args->output.c_str(), error.c_str());
      exit_code = exit_bad_input;
      return;
    }
    std::fprintf(stderr, "minutes: %zu meetings of %zu files in %s\n", result.meetings, result.sources,
                 args->output.c_str());
  });
}

}  // namespace minutes::cli
