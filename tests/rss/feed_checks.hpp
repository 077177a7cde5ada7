// What the feed tests ask the readers: feedparser (RSS, Atom), jing with RFC 4287's schema (Atom), JSON Feed 1.1's
// required fields and types (tests/clients/check_jsonfeed.py).
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "clients/clients.hpp"

namespace minutes::test {

// The feed as python3-feedparser reads it, checked well-formed (bozo 0) and of the version expected.
inline nlohmann::json feedparser(const std::string& name, const std::string& bytes, const std::string& version) {
  auto path = write_output("feeds", name, bytes);
  nlohmann::json feed = check("/usr/bin/python3", "check_feed.py", path);
  CHECK_MESSAGE(feed["bozo"] == 0, name << ": " << feed["bozo_exception"]);
  CHECK_MESSAGE(feed["version"] == version, name);
  return feed;
}

// A JSON Feed checked against the 1.1 spec's required fields and types.
inline nlohmann::json jsonfeed(const std::string& name, const std::string& bytes) {
  nlohmann::json feed = check("/usr/bin/python3", "check_jsonfeed.py", write_output("feeds", name, bytes));
  CHECK_MESSAGE(feed["problems"].empty(), name << ": " << feed["problems"]);
  CHECK(feed["version"] == "https://jsonfeed.org/version/1.1");
  return feed;
}

// Validates an Atom document with jing against the schema of RFC 4287's appendix B; the output of jing when not.
inline std::string jing(const std::string& path) {
  int status = 0;
  std::string out =
      run("jing -c '" + std::string(MINUTES_SOURCE_DIR) + "/tests/schemas/atom/atom.rnc' '" + path + "' 2>&1", status);
  REQUIRE_MESSAGE(status != 127, "jing is missing (scripts/setup --test installs it)");
  return status == 0 ? std::string() : out + " (status " + std::to_string(status) + ")";
}

}  // namespace minutes::test
