// `minutes convert` and `minutes check`: read inputs, run one writer, write the result atomically.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <type_traits>
#include <variant>

#include "converters/cli/commands.hpp"
#include <minutes/minutes.hpp>

namespace minutes::cli {

namespace {

std::string format_list(bool writers_list) {
  std::string out;
  if (writers_list) {
    for (const auto& w : writers()) out += fmt::format("{}{}", out.empty() ? "" : ", ", w.name);
  } else {
    for (const auto& r : readers()) out += fmt::format("{}{}", out.empty() ? "" : ", ", r.name);
  }
  return out;
}

void print(const std::vector<ir::Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) std::fprintf(stderr, "%s\n", format_diagnostic(d).c_str());
}

// Reads every input; false (after printing why) when one could not be read at all.
bool load_inputs(const std::vector<std::string>& inputs, const std::string& from, std::vector<ir::Meeting>& meetings,
                 int& exit_code) {
  bool ok = true;
  for (const auto& path : inputs) {
    const Reader* reader = from.empty() ? reader_for_path(path) : find_reader(from);
    if (!reader) {
      std::fprintf(stderr, "minutes: error: cannot tell the format of '%s' from its name; say -f FORMAT (%s)\n",
                   path.c_str(), format_list(false).c_str());
      exit_code = exit_usage;
      return false;
    }
    std::string error;
    std::optional<std::string> bytes;
    if (path == "-") {
      std::string data;
      char buf[65536];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) data.append(buf, n);
      bytes = std::move(data);
    } else {
      auto file = read_file(path);
      bytes = std::move(file.bytes);
      error = std::move(file.error);
    }
    if (!bytes) {
      std::fprintf(stderr, "%s: error: %s\n", path.c_str(), error.c_str());
      ok = false;
      continue;
    }
    meetings.push_back(load(*bytes, minutes::ReadOptions{path}, *reader));
    print(meetings.back().diagnostics);
    if (has_error(meetings.back().diagnostics)) ok = false;
  }
  if (!ok && exit_code == exit_ok) exit_code = exit_bad_input;
  return ok;
}

// The folders a conversion may read pictures from: each input's own (standard input: the current folder), those
// --resource-path names, and the reference document itself.
std::vector<std::string> resource_roots(const std::vector<std::string>& inputs, const std::vector<std::string>& extra,
                                        const std::string& reference_doc) {
  std::vector<std::string> roots;
  for (const auto& input : inputs) {
    std::string folder = input == "-" ? "." : std::filesystem::path(input).parent_path().string();
    roots.push_back(folder.empty() ? "." : folder);
  }
  roots.insert(roots.end(), extra.begin(), extra.end());
  if (!reference_doc.empty()) roots.push_back(reference_doc);
  return roots;
}

}  // namespace

void add_settings(CLI::App& cmd, Settings& settings, bool build) {
  static const Settings defaults;
  for (const auto& s : settings_table()) {
    if (s.flag.empty() || (s.build_only && !build)) continue;
    std::string flag(s.flag), help(s.help);
    CLI::Option* option = std::visit(
        [&](auto field) -> CLI::Option* {
          auto& value = [&]() -> auto& {
            if constexpr (requires { settings.options.*field; })
              return settings.options.*field;
            else
              return settings.*field;
          }
          ();
          using Value = std::remove_reference_t<decltype(value)>;
          if constexpr (std::is_same_v<Value, bool>) {
            return cmd.add_flag(flag, value, help);
          } else if constexpr (std::is_same_v<Value, std::string> || std::is_same_v<Value, int> ||
                               std::is_same_v<Value, std::vector<std::string>>) {
            auto* o = cmd.add_option(flag, value, help);
            // A writer option's default shows: "--paper TEXT:{a4,letter}=a4" (an archive's lists say theirs in words).
            if (std::is_same_v<decltype(field), Value WriteOptions::*> && !setting_text(s, defaults).empty())
              o->capture_default_str();
            return o;
          } else {
            return nullptr;  // no flag sets a mapping or the environment's epoch
          }
        },
        s.field);
    if (!option) continue;
    if (!s.group.empty()) option->group(std::string(s.group));
    if (!s.value_name.empty()) option->type_name(std::string(s.value_name));
    if (s.delimiter) option->delimiter(s.delimiter);
    if (s.type == SettingType::choice)
      option->check(CLI::IsMember(std::vector<std::string>(s.allowed.begin(), s.allowed.end())));
    if (s.type == SettingType::file || s.type == SettingType::files) option->check(CLI::ExistingFile);
    if (s.type == SettingType::count) option->check(CLI::PositiveNumber);
  }
}

std::vector<const Setting*> given_settings(const CLI::App& cmd) {
  std::vector<const Setting*> given;
  for (const auto& s : settings_table())
    if (!s.flag.empty() && cmd.get_option_no_throw(std::string(s.flag)) && cmd.count(std::string(s.flag)) > 0)
      given.push_back(&s);
  return given;
}

void add_convert_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::vector<std::string> inputs;
    std::string output, to, from;
    Settings settings;
    std::vector<std::string> resource_paths;
  };
  auto args = std::make_shared<Args>();
  std::string writers_help;
  for (const auto& w : writers()) writers_help += fmt::format("\n  {:<5} {}", w.name, w.description);
  auto* cmd = app.add_subcommand(
      "convert",
      "Convert minutes into one output. Several inputs make one report, calendar, feed or JSON array.\n"
      "The reader comes from -f or the extension (.md .markdown: markdown; .txt: text), the writer from -t or\n"
      "the output's extension. Text formats go to standard output without -o.\nWriters:" +
          writers_help);
  cmd->add_option("inputs", args->inputs, "minutes files (- for standard input, with -f)")->required();
  cmd->add_option("-o,--output", args->output, "output file (written atomically)");
  cmd->add_option("-t,--to", args->to, "output format: " + format_list(true));
  cmd->add_option("-f,--from", args->from, "input format: " + format_list(false));
  add_settings(*cmd, args->settings, false);
  cmd->add_option("--resource-path", args->resource_paths,
                  "a folder pictures may also come from (repeatable); by default only the inputs' folders are read")
      ->check(CLI::ExistingDirectory)
      ->group("Report (ODT, DOCX, HTML)");
  cmd->callback([args, cmd, &exit_code] {
    const Writer* writer = nullptr;
    if (!args->to.empty()) {
      writer = find_writer(args->to);
      if (!writer) {
        std::fprintf(stderr, "minutes: error: unknown output format '%s' (%s)\n", args->to.c_str(),
                     format_list(true).c_str());
        exit_code = exit_usage;
        return;
      }
    } else if (!args->output.empty()) {
      writer = writer_for_path(args->output);
      if (!writer) {
        std::fprintf(stderr, "minutes: error: cannot tell the output format from '%s'; say -t FORMAT (%s)\n",
                     args->output.c_str(), format_list(true).c_str());
        exit_code = exit_usage;
        return;
      }
    } else {
      std::fprintf(stderr, "minutes: error: say where to (-o FILE) or what to (-t FORMAT: %s)\n",
                   format_list(true).c_str());
      exit_code = exit_usage;
      return;
    }
    if (writer->binary && args->output.empty() && ::isatty(STDOUT_FILENO)) {
      std::fprintf(stderr, "minutes: error: %s is binary; write it to a file with -o FILE\n",
                   std::string(writer->name).c_str());
      exit_code = exit_usage;
      return;
    }
    std::vector<ir::Meeting> meetings;
    if (!load_inputs(args->inputs, args->from, meetings, exit_code)) {
      std::fprintf(stderr, "minutes: nothing written\n");
      return;
    }
    apply_environment(args->settings.options);
    if (!cmd->count("--feed-items")) args->settings.options.feed_items = 0;  // explicit inputs: every one of them
    auto calendars = load_calendars(args->settings);  // --events FILE.yml
    print(calendars);
    if (has_error(calendars)) {
      std::fprintf(stderr, "minutes: nothing written\n");
      exit_code = exit_bad_input;
      return;
    }
    FileResources files(resource_roots(args->inputs, args->resource_paths, args->settings.options.reference_doc));
    Cache cache;
    Output out = write(*writer, meetings, args->settings.options, WriteContext{&files, &cache});
    print(out.diagnostics);
    if (has_error(out.diagnostics)) {
      std::fprintf(stderr, "minutes: nothing written\n");
      exit_code = exit_bad_input;
      return;
    }
    if (args->output.empty()) {
      std::fwrite(out.bytes.data(), 1, out.bytes.size(), stdout);
      std::fflush(stdout);
      return;
    }
    if (std::string error = write_atomic(args->output, out.bytes); !error.empty()) {
      std::fprintf(stderr, "%s: error: %s\n", args->output.c_str(), error.c_str());
      exit_code = exit_bad_input;
    }
  });
}

void add_check_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::vector<std::string> inputs;
    std::string from;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("check",
                                 "Read minutes and print diagnostics as file:line:col: severity: message.\n"
                                 "Exit status 1 when any input has an error.");
  cmd->add_option("inputs", args->inputs, "minutes files")->required();
  cmd->add_option("-f,--from", args->from, "input format: " + format_list(false));
  cmd->callback([args, cmd, &exit_code] {
    std::vector<ir::Meeting> meetings;
    load_inputs(args->inputs, args->from, meetings, exit_code);
  });
}

}  // namespace minutes::cli
