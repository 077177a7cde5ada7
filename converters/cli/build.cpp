// `minutes build`: placeholder until the archive pipeline lands (issue 5).
#include <cstdio>

#include "converters/cli/commands.hpp"

namespace minutes::cli {

void add_build_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("build", "Build a whole minutes archive (not implemented yet)");
  cmd->callback([&exit_code] {
    std::fprintf(stderr, "minutes: error: build is not implemented yet\n");
    exit_code = exit_usage;
  });
}

}  // namespace minutes::cli
