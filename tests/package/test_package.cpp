// Tests of what a user installs: `cmake --install` into a prefix and the `.deb` from `cpack -G DEB`, each used to
// convert the seed; the manual page and completions they carry.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace minutes_test;

namespace {

// The build folder this test belongs to (where CPackConfig.cmake and the generated manual are).
fs::path build_dir() { return MINUTES_BUILD_DIR; }

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// Converts the seed with a binary and checks that a readable ODT came out.
void converts_seed(const fs::path& binary, const fs::path& dir) {
  std::string log;
  fs::path odt = dir / "seed.odt";
  INFO(log);
  REQUIRE(run(quoted(binary) + " convert " + quoted(seed_path()) + " -o " + quoted(odt), &log) == 0);
  auto p = parts(slurp(odt));
  CHECK(p["mimetype"] == "application/vnd.oasis.opendocument.text");
  CHECK(p["content.xml"].find("Team IaaS") != std::string::npos);
}

}  // namespace

TEST_CASE("cmake --install puts the CLI, its manual page and completions under the prefix, and the CLI works there") {
  fs::path prefix = scratch("prefix");
  std::string log;
  INFO(log);
  REQUIRE(run("cmake --install " + quoted(build_dir()) + " --prefix " + quoted(prefix) + " --component cli", &log) ==
          0);
  REQUIRE(fs::is_regular_file(prefix / "bin" / "minutes"));
  converts_seed(prefix / "bin" / "minutes", prefix);
  REQUIRE(fs::is_regular_file(prefix / "share/man/man1/minutes.1.gz"));
  std::string page;
  REQUIRE(run("gzip -dc " + quoted(prefix / "share/man/man1/minutes.1.gz"), &page) == 0);
  for (const char* section : {".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH COMMANDS", ".SH EXIT STATUS",
                              ".SH FILES", ".SH ENVIRONMENT", ".SH EXAMPLES"})
    CHECK_MESSAGE(page.find(section) != std::string::npos, std::string(section));
  for (const char* command : {"minutes convert", "minutes check", "minutes build"})
    CHECK_MESSAGE(page.find(std::string(".SS \"") + command + "\"") != std::string::npos, std::string(command));
  CHECK(page.find("SOURCE_DATE_EPOCH") != std::string::npos);
  CHECK(page.find("minutes.yaml") != std::string::npos);
  // Every long option of --help is in the page (one source of truth: the page cannot fall behind).
  Run help = run_cli("convert --help");
  REQUIRE(help.status == 0);
  for (const char* option : {"--output", "--to", "--from", "--reference-doc", "--calendar-name", "--feed-items"}) {
    CHECK(help.out.find(option) != std::string::npos);
    std::string roff;  // the page writes every '-' of an option as roff's minus, "\-"
    for (const char* c = option; *c; ++c) roff += *c == '-' ? std::string("\\-") : std::string(1, *c);
    CHECK_MESSAGE(page.find(roff) != std::string::npos, std::string(option));
  }
  fs::path bash = prefix / "share/bash-completion/completions/minutes";
  REQUIRE(fs::is_regular_file(bash));
  REQUIRE(fs::is_regular_file(prefix / "share/zsh/vendor-completions/_minutes"));
  // The bash completion offers the subcommands, and a subcommand's options.
  std::string words;
  REQUIRE(run("bash -c 'source " + bash.string() +
                  "; COMP_WORDS=(minutes co); COMP_CWORD=1; _minutes; echo \"${COMPREPLY[*]}\";"
                  " COMP_WORDS=(minutes convert --ref); COMP_CWORD=2; _minutes; echo \"${COMPREPLY[*]}\";"
                  " COMP_WORDS=(minutes convert x.md --paper \"\"); COMP_CWORD=4; _minutes; echo \"${COMPREPLY[*]}\"'",
              &words) == 0);
  CHECK(words == "convert\n--reference-doc\na4 letter\n");
}

TEST_CASE("cpack -G DEB makes a package whose Depends are runtime libraries only, and its binary converts the seed") {
  require_tool("dpkg-deb");
  require_tool("dpkg-shlibdeps");
  fs::path dir = scratch("deb");
  std::string log;
  INFO(log);
  REQUIRE(run("cd " + quoted(build_dir()) + " && cpack -G DEB -B " + quoted(dir), &log) == 0);
  std::vector<fs::path> debs;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".deb") debs.push_back(e.path());
  REQUIRE(debs.size() == 1);
  CHECK(debs[0].filename().string().starts_with("minutes_"));
  std::string depends;
  REQUIRE(run("dpkg-deb -f " + quoted(debs[0]) + " Depends", &depends) == 0);
  INFO("Depends: " << depends);
  CHECK(depends.find("libc6") != std::string::npos);
  CHECK(depends.find("libzip") != std::string::npos);
  CHECK(depends.find("-dev") == std::string::npos);
  CHECK(depends.find("cmake") == std::string::npos);
  std::string contents;
  REQUIRE(run("dpkg-deb -c " + quoted(debs[0]), &contents) == 0);
  CHECK(contents.find("./usr/bin/minutes") != std::string::npos);
  CHECK(contents.find("./usr/share/man/man1/minutes.1.gz") != std::string::npos);
  CHECK(contents.find("./usr/share/bash-completion/completions/minutes") != std::string::npos);
  CHECK(contents.find("include/") == std::string::npos);  // the library's development files are not in it
  fs::path root = dir / "root";
  REQUIRE(run("dpkg-deb -x " + quoted(debs[0]) + " " + quoted(root), &log) == 0);
  converts_seed(root / "usr/bin/minutes", dir);
}

namespace {

// The ```cpp block of the README's library section: the program a newcomer copies.
std::string readme_example() {
  std::string readme = slurp(source_dir() / "README.md");
  auto section = readme.find("## The library");
  REQUIRE(section != std::string::npos);
  auto open = readme.find("```cpp\n", section);
  REQUIRE(open != std::string::npos);
  open += 7;
  auto close = readme.find("```", open);
  REQUIRE(close != std::string::npos);
  return readme.substr(open, close - open);
}

// Runs the example built at `binary` on the seed in a fresh folder: its JSON and its meeting.odt.
void example_works(const fs::path& binary, const fs::path& dir) {
  fs::create_directories(dir);
  std::string json;
  REQUIRE(run("cd " + quoted(dir) + " && " + quoted(binary) + " " + quoted(seed_path()) + " 2>/dev/null", &json) == 0);
  CHECK(json.find("\"title\": \"SCS Tech Weekly 2023-05-04\"") != std::string::npos);
  CHECK(json.find("\"Team IaaS\"") != std::string::npos);
  auto p = parts(slurp(dir / "meeting.odt"));
  CHECK(p["mimetype"] == "application/vnd.oasis.opendocument.text");
  CHECK(p["content.xml"].find("Bare Metal Provisioning") != std::string::npos);
}

}  // namespace

TEST_CASE("the README's library example builds against the installed tree with find_package and with pkg-config") {
  fs::path prefix = scratch("library-prefix");
  std::string log;
  INFO(log);
  REQUIRE(run("cmake --install " + quoted(build_dir()) + " --prefix " + quoted(prefix), &log) == 0);
  CHECK(fs::is_regular_file(prefix / "include/minutes/minutes.hpp"));
  CHECK(fs::is_regular_file(prefix / "lib/libminutes.a"));
  fs::path project = scratch("library-example");
  spit(project / "example.cpp", readme_example());
  spit(project / "CMakeLists.txt",
       "cmake_minimum_required(VERSION 3.25)\nproject(example CXX)\nfind_package(minutes REQUIRED)\n"
       "add_executable(example example.cpp)\ntarget_link_libraries(example PRIVATE minutes::minutes)\n");
  // The same compiler as this build, and its sanitizer flags when the library is instrumented (build-asan).
  const std::string cxx = MINUTES_CXX, flags = MINUTES_INSTRUMENT_FLAGS;
  REQUIRE(run("cmake -S " + quoted(project) + " -B " + quoted(project / "build") +
                  " -G Ninja -DCMAKE_PREFIX_PATH=" + quoted(prefix) + " -DCMAKE_CXX_COMPILER=" + quoted(fs::path(cxx)) +
                  " '-DCMAKE_CXX_FLAGS=" + flags + "' '-DCMAKE_EXE_LINKER_FLAGS=" + flags + "'",
              &log) == 0);
  REQUIRE(run("cmake --build " + quoted(project / "build"), &log) == 0);
  example_works(project / "build" / "example", project / "run-cmake");

  require_tool("pkg-config");
  REQUIRE(run("cd " + quoted(project) + " && " + quoted(fs::path(cxx)) + " " + flags +
                  " example.cpp -o example-pc $(PKG_CONFIG_PATH=" + quoted(prefix / "lib/pkgconfig") +
                  " pkg-config --cflags --libs minutes)",
              &log) == 0);
  example_works(project / "example-pc", project / "run-pkg-config");
}
