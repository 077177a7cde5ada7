// The `minutes` subcommands; each adds itself to the app and sets the exit code when it runs.
#pragma once

#include <CLI/CLI.hpp>

#include <minutes/minutes.hpp>

namespace minutes::cli {

// Exit codes: success, bad input, usage error.
inline constexpr int exit_ok = 0, exit_bad_input = 1, exit_usage = 2;

// Adds a flag for every setting of the table that has one and belongs to the command.
void add_settings(CLI::App& cmd, Settings& settings, Command command);

// The check of a count flag (--jobs, --feed-items): a whole number from 1, with a message saying so.
CLI::Validator count_check();

// The settings whose flags were given on cmd's command line.
std::vector<const Setting*> given_settings(const CLI::App& cmd);

// `minutes convert INPUT... [-o OUTPUT] [-t FORMAT] [-f FORMAT]`.
void add_convert_command(CLI::App& app, int& exit_code);

// `minutes check INPUT...`.
void add_check_command(CLI::App& app, int& exit_code);

// `minutes events SRC|FILE... [--rejected] [--json]`.
void add_events_command(CLI::App& app, int& exit_code);

// `minutes build SRC -o OUT`.
void add_build_command(CLI::App& app, int& exit_code);

// `minutes report SRC (--from D --to D | --quarter Q | --year Y) -o FILE`.
void add_report_command(CLI::App& app, int& exit_code);

}  // namespace minutes::cli
