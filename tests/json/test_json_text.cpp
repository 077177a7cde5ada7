// The streaming JSON writer (formats/common/json_text) against nlohmann's tree: the same bytes for the same values,
// whatever the strings hold (controls, quotes, broken UTF-8), however the values nest, empty containers included.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <random>
#include <string>

#include "formats/common/json_text.hpp"

namespace {

using ordered = nlohmann::ordered_json;

// A string of random bytes, biased towards what needs escaping and towards UTF-8, sometimes broken.
std::string random_text(std::mt19937& rng) {
  static const std::string pieces[] = {"a",  "Z", " ",  "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f", "\x01",
                                       "\x1f", "\x7f", "ä",  "€",  "😀", "\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80", "{}"};
  std::string s;
  for (int n = std::uniform_int_distribution<int>(0, 8)(rng); n > 0; --n)
    s += pieces[std::uniform_int_distribution<size_t>(0, std::size(pieces) - 1)(rng)];
  return s;
}

// Writes a random value to both: the tree (returned) and the streaming writer.
ordered random_value(std::mt19937& rng, minutes::formats::JsonOut& out, int depth) {
  int kind = std::uniform_int_distribution<int>(0, depth > 3 ? 5 : 7)(rng);
  switch (kind) {
    case 0: out.null(); return nullptr;
    case 1: {
      bool b = rng() % 2;
      out.boolean(b);
      return b;
    }
    case 2: {
      int64_t n = static_cast<int64_t>(rng()) - (1LL << 31);
      out.number(n);
      return n;
    }
    case 3: {
      double d = std::uniform_real_distribution<double>(-2, 2)(rng);
      if (rng() % 3 == 0) d = static_cast<double>(rng() % 5);  // 0.0, 1.0, ...: written "1.0"
      out.real(d);
      return d;
    }
    case 4:
    case 5: {
      std::string s = random_text(rng);
      out.string(s);
      return s;
    }
    case 6: {
      ordered arr = ordered::array();
      out.array();
      for (int n = std::uniform_int_distribution<int>(0, 4)(rng); n > 0; --n)
        arr.push_back(random_value(rng, out, depth + 1));
      out.end();
      return arr;
    }
    default: {
      ordered obj = ordered::object();
      out.object();
      for (int n = std::uniform_int_distribution<int>(0, 4)(rng); n > 0; --n) {
        std::string key = random_text(rng) + std::to_string(n);  // distinct keys: the tree would merge equal ones
        out.key(key);
        obj[key] = random_value(rng, out, depth + 1);
      }
      out.end();
      return obj;
    }
  }
}

}  // namespace

TEST_CASE("the streaming JSON writer gives the bytes nlohmann's dump(2) gives for the same values") {
  std::mt19937 rng(20261203);
  size_t broken = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string streamed;
    minutes::formats::JsonOut out(streamed);
    ordered tree = random_value(rng, out, 0);
    std::string dumped = tree.dump(2, ' ', false, ordered::error_handler_t::replace);
    broken += dumped.find("\xef\xbf\xbd") != std::string::npos;
    INFO(dumped);
    REQUIRE(streamed == dumped);
  }
  CHECK(broken > 100);  // broken UTF-8 (U+FFFD written) was among the strings, not only well-formed text
}
