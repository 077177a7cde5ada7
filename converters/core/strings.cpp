// Small text helpers every layer uses: trimming, ASCII case folding and comparison.
#include "converters/core/strings.hpp"

namespace minutes {

namespace {
char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

std::string_view trim(std::string_view s) {
  auto space = [](std::string_view v, bool front) {
    if (v.empty()) return size_t{0};
    unsigned char c = front ? v.front() : v.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return size_t{1};
    if (front ? v.starts_with("\xC2\xA0") : v.ends_with("\xC2\xA0")) return size_t{2};
    return size_t{0};
  };
  while (size_t n = space(s, true)) s.remove_prefix(n);
  while (size_t n = space(s, false)) s.remove_suffix(n);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = lower_ascii(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
  return true;
}

bool starts_with_icase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::string slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) out += lower_ascii(c);
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 60) out.resize(60);
  return out.empty() ? "section" : out;
}

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ULL;
  return h;
}

}  // namespace minutes
