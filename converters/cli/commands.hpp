// The `minutes` subcommands; each adds itself to the app and sets the exit code when it runs.
#pragma once

#include <CLI/CLI.hpp>

#include "formats/formats.hpp"

namespace minutes::cli {

// Exit codes: success, bad input, usage error.
inline constexpr int exit_ok = 0, exit_bad_input = 1, exit_usage = 2;

// Adds the writer options (title, feed, calendar...) shared by `convert` and `build`.
void add_write_options(CLI::App& cmd, formats::WriteOptions& options);

// `minutes convert INPUT... [-o OUTPUT] [-t FORMAT] [-f FORMAT]`.
void add_convert_command(CLI::App& app, int& exit_code);

// `minutes check INPUT...`.
void add_check_command(CLI::App& app, int& exit_code);

// `minutes build SRC -o OUT`.
void add_build_command(CLI::App& app, int& exit_code);

}  // namespace minutes::cli
