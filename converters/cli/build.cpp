// `minutes build SRC -o OUT`: arguments to the library's archive build (minutes/archive.hpp), its report printed.
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "converters/cli/build_progress.hpp"
#include "converters/cli/commands.hpp"
#include <minutes/archive.hpp>

namespace minutes::cli {

namespace {

// The command line of `minutes build`.
struct Args {
  std::string src, out;
  unsigned jobs = 0;
  bool quiet = false;
  bool verbose = false;
  Settings flags;
};

void print(const ir::Diagnostic& d, bool quiet) {
  if (quiet && d.severity != ir::Severity::error) return;
  std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
}

// A note naming a file below SRC ("skipped: a template, not minutes").
void note(const std::string& src, const std::string& rel, const std::string& message) {
  print({ir::Severity::note, (std::filesystem::path(src) / rel).string(), 0, 0, message}, false);
}

int run_build(const Args& args, const CLI::App& cmd) {
  auto started = std::chrono::steady_clock::now();
#ifdef __GLIBC__
  // The writers allocate and free large buffers (zlib windows, XML trees) per file; without this glibc hands
  // them back to the kernel each time and the next file page-faults them in again (a third of the CPU time).
  ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
  // Pictures and reference documents may come from inside SRC only; one cache serves the whole build.
  FileResources files({args.src}, {}, args.src);
  Cache cache;
  archive::Request request{
      args.src, args.out, args.flags, given_settings(cmd), args.jobs, WriteContext{&files, &cache}, {}};
  if (!args.quiet)
    request.waiting = [](const std::string& why) { std::fprintf(stderr, "minutes: note: %s\n", why.c_str()); };
  archive::Build build = archive::prepare(request);
  if (build.refusal) {
    std::fprintf(stderr, "minutes: error: %s\n", printable(build.refusal->message).c_str());
    return build.refusal->usage ? exit_usage : exit_bad_input;
  }
  for (const auto& d : build.diagnostics) print(d, args.quiet);
  bool verbose = args.verbose && !args.quiet;
  if (verbose)
    for (const auto& s : build.skipped) note(args.src, s.rel, "skipped: " + s.why);

  ProgressBar progress(::isatty(STDERR_FILENO) != 0, args.quiet);
  archive::Report report = archive::execute(build, progress);
  for (const auto& d : report.diagnostics) print(d, args.quiet);
  if (verbose) {
    for (const auto& rel : report.built) note(args.src, rel, "built");
    for (const auto& rel : report.removed) note(args.src, rel, "gone: its outputs were removed");
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!args.quiet) {
    if (!report.wrote && report.errors == 0)
      std::fprintf(stderr, "minutes: %zu meetings up to date, nothing written (%.2f s)\n", report.meetings, seconds);
    else
      std::fprintf(stderr,
                   "minutes: %zu meetings (%zu built, %zu up to date, %zu failed, %zu removed), %zu events, %d "
                   "warnings, %d errors in %.2f s\n",
                   report.meetings, report.built.size(), report.meetings - report.built.size(),
                   report.sources - report.meetings, report.removed.size(), report.events, report.warnings,
                   report.errors, seconds);
  }
  return report.errors > 0 ? exit_bad_input : exit_ok;
}

}  // namespace

void add_build_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "build",
      "Build a whole minutes archive: every Markdown (.md) and plain-text (.txt) file under SRC becomes\n"
      "OUT/<path>.odt, .docx and .html; plus OUT/calendar.ics, the feeds OUT/feed.xml (RSS), atom.xml and\n"
      "feed.json, OUT/events.html, search.html and index.html; per series (top folder) OUT/<series>/index.html\n"
      "and OUT/feeds/<series>.xml, .atom and .json. --site-url makes the feeds link to the built pages.\n"
      "Skipped: hidden files and folders, node_modules, files named README, LICENSE, LICENCE, COPYING,\n"
      "CHANGELOG, CONTRIBUTING, CODE_OF_CONDUCT, AUTHORS, NOTICE, SECURITY or SOURCE (with any extension),\n"
      "templates (a name that begins or ends with the word 'template') and --exclude globs; --verbose says\n"
      "why. SRC/minutes.yaml may hold the settings below; flags override it.\n"
      "--title names the archive (index page, default feed title); each meeting keeps its own title.\n"
      "Incremental: only changed sources are rebuilt (OUT/.minutes-manifest).");
  cmd->add_option("src", args->src, "the archive's folder")->required();
  cmd->add_option("-o,--output", args->out, "output folder (created if needed)")->required();
  add_settings(*cmd, args->flags, command_build);
  cmd->add_option("-j,--jobs", args->jobs, "parallel jobs (default: all cores)")->check(count_check());
  cmd->add_flag("-q,--quiet", args->quiet, "no progress, summary or warnings; errors only");
  cmd->add_flag("-v,--verbose", args->verbose, "also list what was skipped and why, what was built and removed");
  cmd->callback([args, cmd, &exit_code] { exit_code = run_build(*args, *cmd); });
}

}  // namespace minutes::cli
