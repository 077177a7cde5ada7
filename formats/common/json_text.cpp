// JSON written without a tree (json_text.hpp).
#include "formats/common/json_text.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "converters/core/decode.hpp"

namespace minutes::formats {

void append_json_string(std::string& out, std::string_view text) {
  size_t start = out.size();
  out += '"';
  for (size_t i = 0; i < text.size();) {
    // A run of what goes over as it is: printable ASCII but " and \, and well-formed multi-byte sequences.
    size_t run = i;
    while (run < text.size()) {
      auto c = static_cast<unsigned char>(text[run]);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        ++run;
      } else if (c >= 0x80) {
        // the well-formed sequence (no overlong form, surrogate or code point above U+10FFFF): what nlohmann accepts
        auto n = static_cast<size_t>(utf8_sequence_length(text, run));
        if (n == 0) {  // broken UTF-8: nlohmann's replacement, whatever it makes of it
          out.resize(start);
          out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
          return;
        }
        run += n;
      } else {
        break;
      }
    }
    out.append(text.data() + i, run - i);
    if (run == text.size()) break;
    auto c = static_cast<unsigned char>(text[run]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: {  // another C0 control: "\u00XX", lower-case hex as nlohmann writes it
        static constexpr char hex[] = "0123456789abcdef";
        char u[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        out.append(u, sizeof u);
      }
    }
    i = run + 1;
  }
  out += '"';
}

void JsonOut::line(bool first) {
  out_ += first ? "\n" : ",\n";
  out_.append(2 * closers_.size(), ' ');
}

void JsonOut::before_value() {
  if (keyed_) {
    keyed_ = false;
    return;
  }
  if (empty_.empty()) return;  // the root
  line(empty_.back());
  empty_.back() = false;
}

JsonOut& JsonOut::open(char closer) {
  before_value();
  out_ += closer == '}' ? '{' : '[';
  closers_.push_back(closer);
  empty_.push_back(true);
  return *this;
}

JsonOut& JsonOut::end() {
  char closer = closers_.back();
  bool was_empty = empty_.back();
  closers_.pop_back();
  empty_.pop_back();
  if (!was_empty) {
    out_ += '\n';
    out_.append(2 * closers_.size(), ' ');
  }
  out_ += closer;
  return *this;
}

JsonOut& JsonOut::key(std::string_view name) {
  line(empty_.back());
  empty_.back() = false;
  append_json_string(out_, name);
  out_ += ": ";
  keyed_ = true;
  return *this;
}

JsonOut& JsonOut::string(std::string_view text) {
  before_value();
  append_json_string(out_, text);
  return *this;
}

JsonOut& JsonOut::number(int64_t value) {
  before_value();
  char buf[24];
  out_.append(buf, std::to_chars(buf, buf + sizeof buf, value).ptr);
  return *this;
}

JsonOut& JsonOut::real(double value) {
  before_value();
  out_ += nlohmann::json(value).dump();
  return *this;
}

JsonOut& JsonOut::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
  return *this;
}

JsonOut& JsonOut::null() {
  before_value();
  out_ += "null";
  return *this;
}

}  // namespace minutes::formats
