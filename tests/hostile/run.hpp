// Running the CLI as the hostile cases need: limits on memory and CPU, no root, standard input, a deadline.
#pragma once

#include <doctest/doctest.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "support.hpp"

namespace hostile {

namespace fs = std::filesystem;
using minutes_test::scratch;
using minutes_test::slurp;
using minutes_test::spit;

// The user a test runs the CLI as when it must not be root (permissions mean nothing to root).
inline constexpr uid_t nobody = 65534;

// How the CLI is run.
struct Options {
  std::string stdin_path = "/dev/null";  // what standard input reads
  rlim_t memory = 0;                     // RLIMIT_AS in bytes (not under sanitizers, which reserve more); 0: none
  rlim_t cpu_seconds = 0;                // RLIMIT_CPU; 0: none
  bool as_nobody = false;                // drop root first (when root)
  int deadline_seconds = 60;             // wall clock: a run still going then has blocked, and is killed
};

// How a run ended.
struct Ended {
  int status = -1;         // exit code; -1 when it did not exit
  int signal = 0;          // the signal that ended it
  bool blocked = false;    // killed at the deadline
  double cpu_seconds = 0;  // user + system
  long max_rss_kb = 0;
  std::string out, err;
};

// True in a build with sanitizers, whose shadow memory no address-space limit allows and whose peak memory says
// nothing about the program's own.
inline bool instrumented() { return std::string_view(MINUTES_INSTRUMENT_FLAGS).find("sanitize") != std::string_view::npos; }

// True when the test runs as root (and so can and must drop to nobody for permission cases).
inline bool root() { return ::geteuid() == 0; }

// Makes a folder (and what the test puts in it) belong to nobody, so that a run as nobody may write there.
inline void give_to_nobody(const fs::path& dir) {
  if (!root()) return;
  REQUIRE(::chown(dir.c_str(), nobody, nobody) == 0);
  for (const auto& e : fs::recursive_directory_iterator(dir)) REQUIRE(::lchown(e.path().c_str(), nobody, nobody) == 0);
}

// Runs the built `minutes` with args in a child process with the given limits.
inline Ended run(const std::vector<std::string>& args, const Options& o = {}) {
  fs::path dir = minutes_test::scratch_root();
  fs::create_directories(dir);
  fs::path out = dir / "hostile.stdout", err = dir / "hostile.stderr";
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int in = ::open(o.stdin_path.c_str(), O_RDONLY | O_NONBLOCK);
    if (in >= 0) ::fcntl(in, F_SETFL, ::fcntl(in, F_GETFL) & ~O_NONBLOCK);
    int fo = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int fe = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || fo < 0 || fe < 0) ::_exit(125);
    ::dup2(in, 0), ::dup2(fo, 1), ::dup2(fe, 2);
    if (o.memory && !instrumented()) {
      rlimit l{o.memory, o.memory};
      ::setrlimit(RLIMIT_AS, &l);
    }
    if (o.cpu_seconds) {
      rlimit l{o.cpu_seconds, o.cpu_seconds};
      ::setrlimit(RLIMIT_CPU, &l);
    }
    if (o.as_nobody && root() && (::setgroups(0, nullptr) != 0 || ::setgid(nobody) != 0 || ::setuid(nobody) != 0))
      ::_exit(126);
    std::vector<char*> argv{const_cast<char*>(MINUTES_BINARY)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(MINUTES_BINARY, argv.data());
    ::_exit(127);
  }
  Ended e;
  int status = 0;
  rusage usage{};
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(o.deadline_seconds);
  while (::wait4(pid, &status, WNOHANG, &usage) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      e.blocked = true;
      ::kill(pid, SIGKILL);
      ::wait4(pid, &status, 0, &usage);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (WIFEXITED(status)) e.status = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) e.signal = WTERMSIG(status);
  e.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                  static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  e.max_rss_kb = usage.ru_maxrss;
  e.out = slurp(out);
  e.err = slurp(err);
  return e;
}

// True when text holds needle.
inline bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

// A small meeting: a title with its date, a paragraph, an event.
inline std::string meeting(const std::string& title = "Team Weekly 2024-03-07") {
  return "# " + title + "\n\nHello.\n\n## Events\n\n- Hackathon in Berlin, 2024-05-14\n";
}

}  // namespace hostile
