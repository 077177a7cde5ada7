// The one table of settings: every writer option and `minutes build` setting with its minutes.yaml key, flag,
// help, group, type and allowed values; flags, minutes.yaml and the build's options key all come from it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <minutes/ir.hpp>
#include <minutes/options.hpp>

namespace minutes {

// Everything `minutes build` is told: the writer options and what only an archive has.
struct Settings {
  WriteOptions options;
  std::vector<std::string> formats = {"odt", "docx", "html"};  // per-meeting writers
  std::vector<std::string> exclude;                            // globs of paths left out
  std::map<std::string, std::string> series;  // top folder -> series, for minutes titled with a date alone
  std::vector<std::string> calendar_include;  // curated calendars (yaml2ics) whose events join the calendar
  // `minutes report`: which meetings make the report (a period and, optionally, some series)
  std::string quarter;                     // "2023Q2": sets the period
  std::string year;                        // "2023": sets the period
  std::vector<std::string> report_series;  // series names or top folders; empty: every series
};

// The commands a setting belongs to (a bit set).
enum Command : unsigned { command_convert = 1, command_build = 2, command_report = 4 };

// What kind of value a setting holds (and how minutes.yaml and the command line spell it).
enum class SettingType {
  text,      // any string
  choice,    // one of the setting's `allowed` strings
  file,      // the path of an existing file (in minutes.yaml relative to SRC)
  files,     // a list of such paths
  flag,      // true or false
  count,     // a positive whole number
  globs,     // a list of globs
  formats,   // a list of per-meeting writer names (document writers of the registry)
  names,     // a mapping of folder to name
  date,        // a calendar date, YYYY-MM-DD
  quarter,     // a quarter of a year, YYYYQN (2023Q2)
  year,        // a year, YYYY
  names_list,  // a list of names
  epoch,     // seconds since 1970, from the environment
  internal,  // set by `minutes build` for each output it writes, never by a user
};

// Where a setting's value lives: a member of WriteOptions or of Settings.
using SettingField = std::variant<std::string WriteOptions::*, bool WriteOptions::*, int WriteOptions::*,
                                  std::optional<int64_t> WriteOptions::*, std::vector<std::string> WriteOptions::*,
                                  std::map<std::string, std::vector<std::string>> WriteOptions::*,
                                  std::vector<ir::CuratedEvent> WriteOptions::*, std::string Settings::*,
                                  std::vector<std::string> Settings::*, std::map<std::string, std::string> Settings::*>;

// One row of the table.
struct Setting {
  std::string_view key = {};         // minutes.yaml key; "feed.title" is `title` under `feed:`; empty: not in the file
  std::string_view alias = {};       // another spelling minutes.yaml accepts ("organization"); may be empty
  std::string_view flag = {};        // the command-line flag ("--feed-title"); empty: none
  std::string_view env = {};         // the environment variable that sets it; empty: none
  std::string_view help = {};        // one line for --help and the manual
  std::string_view group = {};       // --help group; empty: the command's own options
  std::string_view value_name = {};  // what --help calls the value ("GLOB"); empty: CLI11's default
  SettingType type = SettingType::text;
  std::vector<std::string_view> allowed = {};  // choice: the values allowed
  char delimiter = 0;                          // lists: a flag's value may hold several, split here (',')
  unsigned commands = command_convert | command_build | command_report;  // the commands that have it
  bool append = false;                         // lists: flags add to minutes.yaml's values instead of replacing them
  bool rebuilds = false;  // a change makes every output stale (it is part of the build's options key)
  SettingField field = {};
};

// Every setting, in the order --help lists them.
const std::vector<Setting>& settings_table();

// The table's row for a minutes.yaml key or a flag ("feed.items", "--feed-items"); nullptr when none.
const Setting* find_setting(std::string_view key_or_flag);

// Copies one setting from `from` into `to` (a list with `append` is added to instead).
void apply_setting(const Setting& setting, const Settings& from, Settings& to);

// The setting's value as text: one canonical spelling (lists joined by '\n', mappings as "key=value" lines).
std::string setting_text(const Setting& setting, const Settings& settings);

// Fills settings that come from the environment (SOURCE_DATE_EPOCH) unless they are set already.
void apply_environment(WriteOptions& options);

// What reading minutes.yaml gave: the settings over the defaults given, and what was wrong with the file.
struct SettingsRead {
  Settings settings;
  std::vector<ir::Diagnostic> diagnostics;  // with the file's path and line; an error: that setting was not used
};

// Parses minutes.yaml text (named `file` in diagnostics) over `defaults`; a relative file path is taken from
// `src`. Unknown keys are warnings; a wrong type or a value not allowed is an error and leaves the default.
SettingsRead parse_settings(std::string_view yaml, const std::string& file, const std::string& src,
                            const Settings& defaults = {});

// The settings file's name at an archive's root.
inline constexpr std::string_view settings_name = "minutes.yaml";

// Reads SRC/minutes.yaml when there is one (else the defaults, without diagnostics).
SettingsRead load_settings(const std::string& src, const Settings& defaults = {});

}  // namespace minutes
