// `minutes build`: progress on standard error (a bar on a terminal, plain lines otherwise).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include <minutes/archive.hpp>

namespace minutes::cli {

// Draws the progress of a build's phases over a number of files.
class ProgressBar final : public archive::Progress {
 public:
  // tty: redraw one line with '\r'; otherwise a plain line at most every `interval`. quiet: draw nothing.
  ProgressBar(bool tty, bool quiet, std::chrono::milliseconds interval = std::chrono::milliseconds(2000));
  // Starts a phase ("building", "reading") over total files.
  void start(std::string_view label, size_t total) override;
  // Reports files done so far; draws when due.
  void update(size_t done) override;
  // Ends the phase: a final line (a terminal's bar is replaced by it).
  void finish(size_t done) override;

 private:
  std::string line(size_t done, bool final) const;
  bool tty_, quiet_;
  std::chrono::milliseconds interval_;
  std::string label_;
  size_t total_ = 0;
  std::chrono::steady_clock::time_point started_, last_;
  size_t drawn_width_ = 0;
};

}  // namespace minutes::cli
