// Test helpers: write an output to a file and ask a real client (ical.js, python3-icalendar, feedparser, chromium) about it.
#pragma once

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace minutes::test {

// Runs a shell command; returns its standard output and sets status to its exit status.
inline std::string run(const std::string& command, int& status) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  REQUIRE_MESSAGE(p != nullptr, "cannot run " << command);
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = ::pclose(p);
  status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

// A file under the build folder for an output the clients read.
inline std::string write_output(const std::string& area, const std::string& name, const std::string& bytes) {
  auto dir = std::filesystem::path(MINUTES_BUILD_DIR) / "test-out" / area;
  std::filesystem::create_directories(dir);
  auto path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// Runs a checker script from tests/clients on a file and parses the JSON it prints; fails when the tool is missing.
inline nlohmann::json check(const std::string& tool, const std::string& script, const std::string& file) {
  std::string clients = std::string(MINUTES_SOURCE_DIR) + "/tests/clients/";
  if (tool == "node")
    REQUIRE_MESSAGE(std::filesystem::exists(clients + "node_modules/ical.js"),
                    "ical.js is missing: run `npm ci` in tests/clients (scripts/setup does)");
  int status = 0;
  std::string out = run(tool + " '" + clients + script + "' '" + file + "' 2>&1", status);
  REQUIRE_MESSAGE(status == 0, script << " failed on " << file << ":\n" << out);
  return nlohmann::json::parse(out);
}

// The DOM Chromium builds from an HTML file (headless, no network); `flags` adds options, `query` a "?q=..." part.
inline std::string chromium_dom(const std::string& file, const std::string& flags = "", const std::string& query = "") {
  std::string profile = "/tmp/chr-minutes-" + std::to_string(::getpid());
  int status = 0;
  std::string out =
      run("timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking "
          "--disable-component-update --disable-sync --no-first-run --user-data-dir=" +
              profile + " " + flags + " --dump-dom 'file://" + file + query + "' 2>/dev/null",
          status);
  std::filesystem::remove_all(profile);
  REQUIRE_MESSAGE(status == 0, "chromium --dump-dom failed (is Debian's chromium installed?) status " << status);
  return out;
}

}  // namespace minutes::test
