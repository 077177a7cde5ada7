// Progress of `minutes build`: files done of total, rate and time left; '\r'-redrawn bar or periodic lines.
#include "converters/cli/build_progress.hpp"

#include <cstdio>
#include <fmt/format.h>

namespace minutes::cli {

ProgressBar::ProgressBar(bool tty, bool quiet, std::chrono::milliseconds interval)
    : tty_(tty), quiet_(quiet), interval_(tty ? std::chrono::milliseconds(100) : interval) {}

void ProgressBar::start(std::string_view label, size_t total) {
  label_ = std::string(label);
  total_ = total;
  started_ = last_ = std::chrono::steady_clock::now();
  drawn_width_ = 0;
  if (quiet_ || total_ == 0) return;
  if (!tty_) std::fprintf(stderr, "minutes: %s %zu file%s\n", label_.c_str(), total_, total_ == 1 ? "" : "s");
}

std::string ProgressBar::line(size_t done, bool final) const {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  std::string tail = final      ? fmt::format("{:.2f} s", seconds)
                     : rate > 0 ? fmt::format("{:.1f} s left", static_cast<double>(total_ - done) / rate)
                                : std::string("time left unknown");
  std::string counts = fmt::format("{} {}/{} files, {:.0f} files/s, {}", label_, done, total_, rate, tail);
  if (!tty_) return "minutes: " + counts;
  constexpr size_t width = 24;
  size_t filled = total_ ? done * width / total_ : width;
  return fmt::format("[{}{}] {}", std::string(filled, '#'), std::string(width - filled, '.'), counts);
}

void ProgressBar::update(size_t done) {
  if (quiet_ || total_ == 0) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < interval_) return;
  last_ = now;
  std::string text = line(done, false);
  if (tty_) {
    size_t pad = drawn_width_ > text.size() ? drawn_width_ - text.size() : 0;
    std::fprintf(stderr, "\r%s%s", text.c_str(), std::string(pad, ' ').c_str());
    drawn_width_ = text.size();
  } else {
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  std::fflush(stderr);
}

void ProgressBar::finish(size_t done) {
  if (quiet_ || total_ == 0) return;
  std::string text = line(done, true);
  if (tty_) {
    size_t pad = drawn_width_ > text.size() ? drawn_width_ - text.size() : 0;
    std::fprintf(stderr, "\r%s%s\n", text.c_str(), std::string(pad, ' ').c_str());
  } else {
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  std::fflush(stderr);
}

}  // namespace minutes::cli
