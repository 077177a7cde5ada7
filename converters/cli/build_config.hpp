// `minutes build`: the optional SRC/minutes.yaml (archive settings) and how flags override it.
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <string>
#include <vector>

#include <minutes/ir.hpp>
#include "formats/formats.hpp"

namespace minutes::build {

// The settings of an archive: writer options, excluded globs and per-meeting formats.
struct Config {
  formats::WriteOptions options;
  std::vector<std::string> excludes;
  std::vector<std::string> formats;           // per-meeting outputs; empty: the default (odt, docx, html)
  std::map<std::string, std::string> series;  // top folder -> series name, for minutes titled with their date alone
  std::vector<ir::Diagnostic> diagnostics;   // unknown keys, wrong types, unreadable file
};

// The config file's name at SRC's root.
inline constexpr const char* config_name = "minutes.yaml";

// Reads the YAML file at path (when it exists) over `defaults`; a relative reference_doc is taken from src.
Config load_config(const std::string& path, const std::string& src, const formats::WriteOptions& defaults);

// Copies into `merged` every writer option that was given on cmd's command line, from `flags`.
void override_from_flags(const CLI::App& cmd, const formats::WriteOptions& flags, formats::WriteOptions& merged);

}  // namespace minutes::build
