// `minutes events SRC|FILE...`: the calendar that would be published, each event with its mentions and confidence.
#include <cstdio>
#include <filesystem>
#include <memory>

#include "converters/cli/commands.hpp"
#include <minutes/events.hpp>

namespace minutes::cli {

namespace {

struct Args {
  std::vector<std::string> inputs;
  bool rejected = false;
  bool json = false;
  Settings settings;
};

void print(const std::vector<ir::Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
}

int run_events(Args& args, const CLI::App& cmd) {
  namespace fs = std::filesystem;
  std::vector<ir::Meeting> meetings;
  int status = exit_ok;
  for (const auto& input : args.inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      // An archive: its minutes.yaml (calendar.include, series, exclude) under the flags, its sources by path in it.
      SettingsRead read = load_settings(input, args.settings);
      print(read.diagnostics);
      for (const Setting* s : given_settings(cmd)) apply_setting(*s, args.settings, read.settings);
      args.settings = std::move(read.settings);
      archive::Discovery found = archive::discover(input, "", args.settings.exclude);
      print(found.diagnostics);
      for (const auto& s : found.sources) {
        FileRead file = read_file(s.path);
        if (!file.bytes) {
          std::fprintf(stderr, "%s: error: %s\n", s.path.c_str(), file.error.c_str());
          status = exit_bad_input;
          continue;
        }
        meetings.push_back(load(*file.bytes, ReadOptions{s.rel}, *reader_for_path(s.rel)));
        auto& m = meetings.back();
        if (m.series.empty() && ir::title_only_dates(m)) {
          std::string folder = s.rel.substr(0, s.rel.find('/'));
          auto it = args.settings.series.find(folder);
          if (s.rel.find('/') != std::string::npos) m.series = it != args.settings.series.end() ? it->second : folder;
        }
      }
      continue;
    }
    const Reader* reader = reader_for_path(input);
    if (!reader) {
      std::fprintf(stderr, "minutes: error: cannot tell the format of '%s' from its name\n", input.c_str());
      return exit_usage;
    }
    FileRead file = read_file(input);
    if (!file.bytes) {
      std::fprintf(stderr, "%s: error: %s\n", input.c_str(), file.error.c_str());
      status = exit_bad_input;
      continue;
    }
    meetings.push_back(load(*file.bytes, ReadOptions{input}, *reader));
  }
  apply_environment(args.settings.options);
  auto calendars = load_calendars(args.settings);
  print(calendars);
  if (has_error(calendars)) return exit_bad_input;
  EventReview review = review_events(meetings, args.settings.options, args.rejected);
  std::string text = args.json ? review_json(review, args.settings.options) : review_text(review, args.settings.options);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return status;
}

}  // namespace

void add_events_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "events",
      "Review the calendar before it is published: every event that would be in it (title, dates, place, URL,\n"
      "confidence and why, every mention as file:line), merged across the minutes and the curated calendars.\n"
      "SRC is an archive folder (its minutes.yaml is read) or minutes files.");
  cmd->add_option("inputs", args->inputs, "an archive folder or minutes files")->required();
  cmd->add_flag("--rejected", args->rejected, "also the candidates left out, and why");
  cmd->add_flag("--json", args->json, "JSON for tools instead of text");
  add_settings(*cmd, args->settings, command_convert);  // the flags convert has
  cmd->callback([args, cmd, &exit_code] { exit_code = run_events(*args, *cmd); });
}

}  // namespace minutes::cli
