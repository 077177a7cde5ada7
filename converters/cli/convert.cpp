// `minutes convert` and `minutes check`: read inputs, run one writer, write the result atomically.
#include <unistd.h>

#include <charconv>
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

// An error of the whole run ("minutes: error: ..."), safe to print.
void fail(const std::string& message) { print({{ir::Severity::error, "", 0, 0, message}}); }

// Reads every input; false (after printing why) when one could not be read at all.
bool load_inputs(const std::vector<std::string>& inputs, const std::string& from, std::vector<ir::Meeting>& meetings,
                 int& exit_code) {
  bool ok = true;
  for (const auto& path : inputs) {
    const Reader* reader = from.empty() ? reader_for_path(path) : find_reader(from);
    if (!reader) {
      fail(fmt::format("cannot tell the format of '{}' from its name; say -f FORMAT ({})", path, format_list(false)));
      exit_code = exit_usage;
      return false;
    }
    // A FIFO or device named as input (`<(cmd)`, /dev/stdin) is read as a stream, bounded as a file is.
    FileRead file = path == "-" ? read_stream(STDIN_FILENO) : read_file(path, {.streams = true});
    if (!file.bytes) {
      if (std::error_code ec; std::filesystem::is_directory(path, ec)) file.error += " (`minutes build SRC -o OUT` reads a folder of minutes)";
      print({{ir::Severity::error, path, 0, 0, file.error}});
      ok = false;
      continue;
    }
    meetings.push_back(load(*file.bytes, minutes::ReadOptions{path}, *reader));
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

// The writer -t names, else the one the output's extension names; nullptr after saying why.
const Writer* pick_writer(const std::string& to, const std::string& output) {
  if (!to.empty()) {
    if (const Writer* w = find_writer(to)) return w;
    fail(fmt::format("unknown output format '{}' ({})", to, format_list(true)));
  } else if (!output.empty()) {
    if (const Writer* w = writer_for_path(output)) return w;
    fail(fmt::format("cannot tell the output format from '{}'; say -t FORMAT ({})", output, format_list(true)));
  } else {
    fail(fmt::format("say where to (-o FILE) or what to (-t FORMAT: {})", format_list(true)));
  }
  return nullptr;
}

// Why `output` may not be written (a folder; one of the files the conversion reads), or empty.
std::string output_refused(const std::string& output, const std::vector<std::string>& inputs,
                           const Settings& settings) {
  std::error_code ec;
  if (output.ends_with('/') || std::filesystem::is_directory(output, ec))
    return fmt::format("-o names the file to write, and '{}' is a folder; say e.g. -o {}{}meeting.odt", output,
                       output, output.ends_with('/') ? "" : "/");
  std::vector<std::string> read = inputs;  // and the reference document, the calendars --events names
  if (!settings.options.reference_doc.empty()) read.push_back(settings.options.reference_doc);
  read.insert(read.end(), settings.calendar_include.begin(), settings.calendar_include.end());
  for (const auto& input : read)
    if (same_file(input == "-" ? "/dev/stdin" : input, output))
      return fmt::format("the output '{}' is the input '{}' (the same file, or a link to it): writing it would "
                         "destroy the input; name another output with -o",
                         output, input);
  return {};
}

int run_convert(const std::vector<std::string>& inputs, const std::string& output, const std::string& to,
                const std::string& from, Settings settings, const std::vector<std::string>& resource_paths) {
  if (std::string why = output.empty() ? std::string() : output_refused(output, inputs, settings);
      !why.empty()) {
    fail(why);
    return exit_usage;
  }
  const Writer* writer = pick_writer(to, output);
  if (!writer) return exit_usage;
  if (writer->binary && output.empty() && ::isatty(STDOUT_FILENO)) {
    fail(fmt::format("{} is binary; write it to a file with -o FILE", writer->name));
    return exit_usage;
  }
  int exit_code = exit_ok;
  std::vector<ir::Meeting> meetings;
  if (!load_inputs(inputs, from, meetings, exit_code)) {
    std::fprintf(stderr, "minutes: nothing written\n");
    return exit_code;
  }
  apply_environment(settings.options);
  auto calendars = load_calendars(settings);  // --events FILE.yml
  print(calendars);
  if (has_error(calendars)) {
    std::fprintf(stderr, "minutes: nothing written\n");
    return exit_bad_input;
  }
  FileResources files(resource_roots(inputs, resource_paths, settings.options.reference_doc));
  Cache cache;
  Output out = write(*writer, meetings, settings.options, WriteContext{&files, &cache});
  print(out.diagnostics);
  if (has_error(out.diagnostics)) {
    std::fprintf(stderr, "minutes: nothing written\n");
    return exit_bad_input;
  }
  if (output.empty()) {
    std::fwrite(out.bytes.data(), 1, out.bytes.size(), stdout);
    return std::fflush(stdout) == 0 ? exit_ok : exit_bad_input;
  }
  if (std::string error = write_output(output, out.bytes, writer->binary); !error.empty()) {
    fail(error + "; nothing written");
    return exit_bad_input;
  }
  return exit_ok;
}

}  // namespace

// CLI11's PositiveNumber would print its range, up to 1.797e308.
CLI::Validator count_check() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        long long n = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec == std::errc() && end == value.data() + value.size() && n >= 1 && n <= 1'000'000) return {};
        return "'" + value + "' is not a count: say a whole number from 1 to 1000000";
      },
      "POSITIVE");
}

void add_settings(CLI::App& cmd, Settings& settings, Command command) {
  static const Settings defaults;
  for (const auto& s : settings_table()) {
    if (s.flag.empty() || !(s.commands & command)) continue;
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
    if (s.type == SettingType::count) option->check(count_check());
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
  add_settings(*cmd, args->settings, command_convert);
  cmd->add_option("--resource-path", args->resource_paths,
                  "a folder pictures may also come from (repeatable); by default only the inputs' folders are read")
      ->check(CLI::ExistingDirectory)
      ->group("Report (ODT, DOCX, HTML)");
  cmd->callback([args, cmd, &exit_code] {
    if (!cmd->count("--feed-items")) args->settings.options.feed_items = 0;  // explicit inputs: every one of them
    exit_code = run_convert(args->inputs, args->output, args->to, args->from, args->settings, args->resource_paths);
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
