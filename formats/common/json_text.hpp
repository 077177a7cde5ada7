// JSON written without a tree: the bytes nlohmann's dump(2, ' ', false, error_handler_t::replace) makes of the
// same values, for the JSON and JSON Feed writers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace minutes::formats {

// Appends `text` as a JSON string, the bytes json(text).dump(-1, ' ', false, error_handler_t::replace) makes:
// well-formed UTF-8 written here (" \\ and the C0 controls escaped, the rest as it is), anything else by nlohmann
// (a broken sequence becomes U+FFFD).
void append_json_string(std::string& out, std::string_view text);

// Writes JSON values in document order, laid out as dump(2) lays out a tree of them: an object's members and an
// array's elements one a line, indented two spaces a level, `"key": ` before a member, commas between, the closing
// bracket on a line of its own; "{}" and "[]" when empty. Keys and strings as append_json_string writes them.
class JsonOut {
 public:
  explicit JsonOut(std::string& out) : out_(out) {}
  JsonOut& object() { return open('}'); }  // an object as the next value
  JsonOut& array() { return open(']'); }   // an array as the next value
  JsonOut& end();                          // closes the innermost object or array
  JsonOut& key(std::string_view name);     // the next member of the innermost object
  JsonOut& string(std::string_view text);
  JsonOut& number(int64_t value);
  JsonOut& real(double value);  // as nlohmann writes a double (shortest form that reads back, "1.0" for one)
  JsonOut& boolean(bool value);
  JsonOut& null();

 private:
  JsonOut& open(char closer);
  void before_value();        // an element of an array: its separator and indent
  void line(bool first);      // the separator, a line break and the indent of the current depth
  std::string& out_;
  std::vector<char> closers_;  // of the open objects and arrays
  std::vector<bool> empty_;    // each open one: nothing in it yet
  bool keyed_ = false;         // a key was written: the value follows it on its line
};

}  // namespace minutes::formats
