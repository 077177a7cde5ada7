// The streaming XML writer: escaping by table (pugixml's character classes), a stack of open element names.
#include "formats/common/xml_writer.hpp"

#include <array>
#include <charconv>
#include <stdexcept>

namespace minutes::formats {

namespace {

// Which bytes need escaping where, as pugixml's output classes them.
constexpr unsigned char in_text = 1, in_attribute = 2;

constexpr std::array<unsigned char, 256> special = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 32; ++c) t[static_cast<size_t>(c)] = in_text | in_attribute;
  for (int c : {'\t', '\n', '\r'}) t[static_cast<size_t>(c)] = in_attribute;
  t['&'] = t['<'] = in_text | in_attribute;
  t['>'] = in_text;
  t['"'] = in_attribute;
  return t;
}();

void escape(std::string& out, std::string_view s, unsigned char where) {
  size_t i = 0;
  while (i < s.size()) {
    size_t run = i;
    while (run < s.size() && !(special[static_cast<unsigned char>(s[run])] & where)) ++run;
    out.append(s.data() + i, run - i);
    if (run == s.size()) return;
    auto c = static_cast<unsigned char>(s[run]);
    switch (c) {
      case 0: return;  // the end of a C string
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: {  // a C0 control: "&#NN;", two decimal digits
        char ref[] = {'&', '#', static_cast<char>('0' + c / 10), static_cast<char>('0' + c % 10), ';'};
        out.append(ref, sizeof ref);
      }
    }
    i = run + 1;
  }
}

[[noreturn]] void misuse(const char* what) { throw std::logic_error(std::string("XML writer: ") + what); }

}  // namespace

void append_xml_text(std::string& out, std::string_view text) { escape(out, text, in_text); }

void append_xml_attribute(std::string& out, std::string_view value) { escape(out, value, in_attribute); }

void append_xml_cdata(std::string& out, std::string_view value) {
  value = value.substr(0, value.find('\0'));
  do {
    size_t end = value.find("]]>");
    size_t n = end == std::string_view::npos ? value.size() : end + 2;  // "]]" here, ">" in the next section
    out += "<![CDATA[";
    out.append(value.data(), n);
    out += "]]>";
    value.remove_prefix(n);
  } while (!value.empty());
}

void XmlWriter::new_line() {
  if (!indented_ || !line_) return;
  out_ += '\n';
  for (size_t i = 0; i < starts_.size(); ++i) out_ += indent_;
}

XmlWriter& XmlWriter::open(std::string_view name) {
  end_start_tag();
  new_line();
  line_ = true;
  out_ += '<';
  out_ += name;
  starts_.push_back(static_cast<uint32_t>(names_.size()));
  names_ += name;
  open_tag_ = true;
  return *this;
}

XmlWriter& XmlWriter::attr(std::string_view name, std::string_view value) {
  if (!open_tag_) misuse("an attribute after the element's content");
  out_ += ' ';
  out_ += name;
  out_ += "=\"";
  append_xml_attribute(out_, value);
  out_ += '"';
  return *this;
}

XmlWriter& XmlWriter::attr(std::string_view name, int64_t value) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  return attr(name, std::string_view(digits, static_cast<size_t>(end - digits)));
}

XmlWriter& XmlWriter::text(std::string_view s) {
  if (starts_.empty()) misuse("text outside every element");
  end_start_tag();
  append_xml_text(out_, s);
  line_ = false;
  return *this;
}

XmlWriter& XmlWriter::cdata(std::string_view s) {
  if (starts_.empty()) misuse("CDATA outside every element");
  end_start_tag();
  append_xml_cdata(out_, s);
  line_ = false;
  return *this;
}

XmlWriter& XmlWriter::raw(std::string_view xml) {
  end_start_tag();
  out_ += xml;
  line_ = false;
  return *this;
}

XmlWriter& XmlWriter::close() {
  if (starts_.empty()) misuse("a close without an open element");
  size_t start = starts_.back();
  if (open_tag_) {
    out_ += indented_ ? " />" : "/>";
    open_tag_ = false;
    names_.resize(start);
    starts_.pop_back();
  } else {
    starts_.pop_back();
    new_line();
    out_ += "</";
    out_.append(names_, start, std::string::npos);
    out_ += '>';
    names_.resize(start);
  }
  line_ = true;
  return *this;
}

std::string XmlWriter::take() {
  if (!starts_.empty()) misuse("elements left open");
  if (indented_ && line_) out_ += '\n';
  line_ = false;
  return std::move(out_);
}

}  // namespace minutes::formats
