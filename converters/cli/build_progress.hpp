// `minutes build`: progress on standard error (a bar on a terminal, plain lines otherwise).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace minutes::build {

// Draws progress of a phase over a number of files; call update() from one thread only.
class Progress {
 public:
  // tty: redraw one line with '\r'; otherwise a plain line at most every `interval`. quiet: draw nothing.
  Progress(bool tty, bool quiet, std::chrono::milliseconds interval = std::chrono::milliseconds(2000));
  // Starts a phase ("building", "reading") over total files.
  void start(std::string label, size_t total);
  // Reports files done so far; draws when due.
  void update(size_t done);
  // Ends the phase: a final line (a terminal's bar is replaced by it).
  void finish(size_t done);

 private:
  std::string line(size_t done, bool final) const;
  bool tty_, quiet_;
  std::chrono::milliseconds interval_;
  std::string label_;
  size_t total_ = 0;
  std::chrono::steady_clock::time_point started_, last_;
  size_t drawn_width_ = 0;
};

}  // namespace minutes::build
