// Reads meetings back from the JSON the JSON writer writes: the one encoding of the IR, in both directions.
#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "formats/formats.hpp"
#include "formats/json/names.hpp"

namespace minutes::formats {

namespace {

using json = nlohmann::json;

// Deeper than the IR ever nests (readers flatten at 64 levels): refused rather than walked.
constexpr int max_depth = 200;
// Problems reported at most; the rest are counted in one last message.
constexpr size_t max_problems = 20;

// Turns parsed JSON into meetings; a value of the wrong type is a problem with its path, a missing key the default.
class Decoder {
 public:
  Decoder(std::vector<ir::Diagnostic>& diagnostics, std::string source)
      : diagnostics_(diagnostics), source_(std::move(source)) {}

  ir::Meeting meeting(const json& j, const std::string& at) {
    ir::Meeting m;
    if (!object(j, at)) return m;
    m.title = text(j, "title", at);
    m.series = text(j, "series", at);
    m.date = date(j, "date", at);
    m.source = text(j, "source", at);
    m.language = text(j, "language", at);
    m.scribes = texts(j, "scribes", at);
    m.participants = texts(j, "participants", at);
    if (const json* meta = member(j, "metadata", at, json::value_t::object))
      for (const auto& [k, v] : meta->items()) {
        if (v.is_string())
          m.metadata[k] = v.get<std::string>();
        else
          problem(join(join(at, "metadata"), k), "expected a string");
      }
    m.blocks = blocks(j, "blocks", at, 0);
    m.sections = sections(j, "sections", at, 0);
    each(j, "events", at, [&](const json& e, const std::string& where) { m.events.push_back(event(e, where, m)); });
    each(j, "actions", at, [&](const json& a, const std::string& where) {
      ir::ActionItem item;
      item.owner = text(a, "owner", where);
      item.text = text(a, "text", where);
      item.due = date(a, "due", where);
      item.done = boolean(a, "done", where);
      item.line = integer(a, "line", where);
      m.actions.push_back(std::move(item));
    });
    each(j, "diagnostics", at, [&](const json& d, const std::string& where) {
      ir::Diagnostic diag;
      diag.file = m.source;
      auto severity = json_names::kind_of(json_names::severities, text(d, "severity", where));
      if (!severity) problem(join(where, "severity"), "expected note, warning or error");
      diag.severity = severity.value_or(ir::Severity::warning);
      diag.line = integer(d, "line", where);
      diag.column = integer(d, "column", where);
      diag.message = text(d, "message", where);
      m.diagnostics.push_back(std::move(diag));
    });
    return m;
  }

 private:
  void problem(const std::string& at, std::string_view what) {
    if (++problems_ > max_problems) {
      if (problems_ == max_problems + 1)
        diagnostics_.push_back({ir::Severity::error, source_, 0, 0, "more problems follow"});
      return;
    }
    diagnostics_.push_back({ir::Severity::error, source_, 0, 0, fmt::format("{}: {}", at.empty() ? "JSON" : at, what)});
  }

  // The path of a member, as the problems name it ("sections[2].blocks[0].type").
  static std::string join(const std::string& at, std::string_view key) {
    return at.empty() ? std::string(key) : at + "." + std::string(key);
  }

  bool object(const json& j, const std::string& at) {
    if (j.is_object()) return true;
    problem(at, "expected an object");
    return false;
  }

  // The member `key` of j when it has the type; nullptr when it is missing (or null) or, with a problem, of another.
  const json* member(const json& j, const char* key, const std::string& at, json::value_t type) {
    if (!j.is_object()) return nullptr;
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return nullptr;
    bool fits = it->type() == type || (type == json::value_t::number_integer && it->is_number_integer());
    if (fits) return &*it;
    problem(join(at, key), fmt::format("expected {}", type == json::value_t::string    ? "a string"
                                                      : type == json::value_t::boolean ? "true or false"
                                                      : type == json::value_t::array   ? "an array"
                                                      : type == json::value_t::object  ? "an object"
                                                                                       : "a whole number"));
    return nullptr;
  }

  std::string text(const json& j, const char* key, const std::string& at) {
    const json* v = member(j, key, at, json::value_t::string);
    return v ? v->get<std::string>() : std::string();
  }

  bool boolean(const json& j, const char* key, const std::string& at) {
    const json* v = member(j, key, at, json::value_t::boolean);
    return v && v->get<bool>();
  }

  int integer(const json& j, const char* key, const std::string& at, int fallback = 0) {
    const json* v = member(j, key, at, json::value_t::number_integer);
    if (!v) return fallback;
    if (v->is_number_unsigned() ? v->get<uint64_t>() > INT32_MAX
                                : v->get<int64_t>() > INT32_MAX || v->get<int64_t>() < INT32_MIN) {
      problem(join(at, key), "a number out of range");
      return fallback;
    }
    return static_cast<int>(v->get<int64_t>());
  }

  std::vector<std::string> texts(const json& j, const char* key, const std::string& at) {
    std::vector<std::string> out;
    each(j, key, at, [&](const json& v, const std::string& where) {
      if (v.is_string())
        out.push_back(v.get<std::string>());
      else
        problem(where, "expected a string");
    });
    return out;
  }

  // Calls f(element, its path) for each element of the array j[key].
  template <class F>
  void each(const json& j, const char* key, const std::string& at, F&& f) {
    const json* arr = member(j, key, at, json::value_t::array);
    if (!arr) return;
    for (size_t i = 0; i < arr->size(); ++i) f((*arr)[i], fmt::format("{}[{}]", join(at, key), i));
  }

  // A whole number in text[from, to), or nullopt.
  static std::optional<int> number(std::string_view s) {
    int v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
  }

  // "YYYY-MM-DD" as ir::iso() writes it (a year may carry a sign); null or missing: nullopt.
  std::optional<ir::Date> date(const json& j, const char* key, const std::string& at) {
    const json* v = member(j, key, at, json::value_t::string);
    if (!v) return std::nullopt;
    const std::string& s = v->get_ref<const std::string&>();
    auto second = s.find_last_of('-');
    auto first = second == std::string::npos || second == 0 ? std::string::npos : s.find_last_of('-', second - 1);
    if (first != std::string::npos && first > 0) {
      auto y = number(std::string_view(s).substr(0, first));
      auto m = number(std::string_view(s).substr(first + 1, second - first - 1));
      auto d = number(std::string_view(s).substr(second + 1));
      if (y && m && d) return ir::Date{*y, *m, *d};
    }
    problem(join(at, key), "expected a date YYYY-MM-DD");
    return std::nullopt;
  }

  // "HH:MM"; null or missing: nullopt.
  std::optional<ir::Time> time(const json& j, const char* key, const std::string& at) {
    const json* v = member(j, key, at, json::value_t::string);
    if (!v) return std::nullopt;
    std::string_view s = v->get_ref<const std::string&>();
    auto colon = s.find(':');
    if (colon != std::string_view::npos) {
      auto h = number(s.substr(0, colon)), m = number(s.substr(colon + 1));
      if (h && m) return ir::Time{*h, *m};
    }
    problem(join(at, key), "expected a time HH:MM");
    return std::nullopt;
  }

  ir::Event event(const json& e, const std::string& at, const ir::Meeting& m) {
    ir::Event ev;
    ev.title = text(e, "title", at);
    if (auto start = date(e, "start", at))
      ev.start = *start;
    else
      problem(join(at, "start"), "an event needs a start date");
    ev.end = date(e, "end", at);
    ev.start_time = time(e, "start_time", at);
    ev.end_time = time(e, "end_time", at);
    ev.timezone = text(e, "timezone", at);
    ev.location = text(e, "location", at);
    ev.url = text(e, "url", at);
    ev.description = text(e, "description", at);
    ev.line = integer(e, "line", at);
    ev.mentioned_on = date(e, "mentioned_on", at);
    if (e.is_object() && e.contains("confidence") && e["confidence"].is_number())
      ev.confidence = std::clamp(e["confidence"].get<double>(), 0.0, 1.0);
    ev.reason = text(e, "reason", at);
    ev.source = m.source;  // the minutes that mention an event are the meeting it is in
    return ev;
  }

  bool too_deep(int depth, const std::string& at) {
    if (depth <= max_depth) return false;
    problem(at, fmt::format("nested deeper than {} levels", max_depth));
    return true;
  }

  // The array j[key] of nodes one level deeper, each read by read(node, path, depth).
  template <class T, class F>
  std::vector<T> nested(const json& j, const char* key, const std::string& at, int depth, F&& read) {
    std::vector<T> out;
    if (too_deep(depth, at)) return out;
    each(j, key, at, [&](const json& e, const std::string& where) { out.push_back(read(e, where, depth)); });
    return out;
  }

  ir::Inlines inlines(const json& j, const char* key, const std::string& at, int depth) {
    return nested<ir::Inline>(j, key, at, depth, [this](auto&&... a) { return inline_of(a...); });
  }

  // An array of inlines that is itself an element (a table cell).
  ir::Inlines inline_array(const json& arr, const std::string& at, int depth) {
    ir::Inlines out;
    if (!arr.is_array()) {
      problem(at, "expected an array");
      return out;
    }
    for (size_t k = 0; k < arr.size(); ++k) out.push_back(inline_of(arr[k], fmt::format("{}[{}]", at, k), depth));
    return out;
  }

  ir::Inline inline_of(const json& i, const std::string& at, int depth) {
    ir::Inline in;
    if (!object(i, at)) return in;
    auto kind = json_names::kind_of(json_names::inlines, text(i, "type", at));
    if (!kind) problem(join(at, "type"), "not a kind of inline");
    in.kind = kind.value_or(ir::InlineKind::text);
    switch (in.kind) {
      case ir::InlineKind::text:
      case ir::InlineKind::code:
      case ir::InlineKind::mention: in.text = text(i, "text", at); break;
      case ir::InlineKind::image:
        in.url = text(i, "url", at);
        in.text = text(i, "alt", at);
        in.title = text(i, "title", at);
        in.width = integer(i, "width", at);
        in.height = integer(i, "height", at);
        break;
      case ir::InlineKind::link:
        in.url = text(i, "url", at);
        in.title = text(i, "title", at);
        in.children = inlines(i, "inlines", at, depth + 1);
        break;
      case ir::InlineKind::emphasis:
      case ir::InlineKind::strong:
      case ir::InlineKind::strikethrough: in.children = inlines(i, "inlines", at, depth + 1); break;
      case ir::InlineKind::line_break:
      case ir::InlineKind::soft_break: break;
    }
    return in;
  }

  ir::Blocks blocks(const json& j, const char* key, const std::string& at, int depth) {
    return nested<ir::Block>(j, key, at, depth, [this](auto&&... a) { return block(a...); });
  }

  ir::Block block(const json& j, const std::string& at, int depth) {
    ir::Block b;
    if (!object(j, at)) return b;
    auto kind = json_names::kind_of(json_names::blocks, text(j, "type", at));
    if (!kind) problem(join(at, "type"), "not a kind of block");
    b.kind = kind.value_or(ir::BlockKind::paragraph);
    b.line = integer(j, "line", at);
    switch (b.kind) {
      case ir::BlockKind::list:
        b.ordered = boolean(j, "ordered", at);
        b.start = integer(j, "start", at, 1);
        b.tight = j.contains("tight") ? boolean(j, "tight", at) : true;
        each(j, "items", at, [&](const json& i, const std::string& where) {
          ir::ListItem item;
          item.line = integer(i, "line", where);
          if (const json* checked = member(i, "checked", where, json::value_t::boolean))
            item.checked = checked->get<bool>();
          item.blocks = blocks(i, "blocks", where, depth + 1);
          b.items.push_back(std::move(item));
        });
        break;
      case ir::BlockKind::code:
        b.text = text(j, "text", at);
        b.info = text(j, "info", at);
        break;
      case ir::BlockKind::quote: b.children = blocks(j, "blocks", at, depth + 1); break;
      case ir::BlockKind::table:
        each(j, "alignments", at, [&](const json& a, const std::string& where) {
          auto align = a.is_string() ? json_names::kind_of(json_names::aligns, a.get<std::string>()) : std::nullopt;
          if (!align) problem(where, "expected none, left, center or right");
          b.alignments.push_back(align.value_or(ir::Align::none));
        });
        each(j, "rows", at, [&](const json& r, const std::string& where) {
          ir::TableRow row;
          row.header = boolean(r, "header", where);
          row.line = integer(r, "line", where);
          each(r, "cells", where, [&](const json& c, const std::string& cell_at) {
            row.cells.push_back({inline_array(c, cell_at, depth + 1)});
          });
          b.rows.push_back(std::move(row));
        });
        break;
      case ir::BlockKind::html:
        b.raw = text(j, "raw", at);
        b.inlines = inlines(j, "inlines", at, depth + 1);
        break;
      case ir::BlockKind::rule: break;
      case ir::BlockKind::paragraph:
      case ir::BlockKind::image:
      case ir::BlockKind::heading: b.inlines = inlines(j, "inlines", at, depth + 1); break;
    }
    return b;
  }

  std::vector<ir::Section> sections(const json& j, const char* key, const std::string& at, int depth) {
    return nested<ir::Section>(j, key, at, depth, [this](auto&&... a) { return section(a...); });
  }

  ir::Section section(const json& s, const std::string& at, int depth) {
    ir::Section sec;
    sec.title = text(s, "title", at);
    if (!sec.title.empty()) {
      sec.title_inlines.emplace_back();
      sec.title_inlines.back().text = sec.title;
    }
    sec.level = integer(s, "level", at, 1);
    sec.line = integer(s, "line", at);
    if (const json* ref = member(s, "minutes", at, json::value_t::object))
      sec.minutes = ir::MinutesRef{text(*ref, "url", join(at, "minutes")), text(*ref, "status", join(at, "minutes"))};
    sec.blocks = blocks(s, "blocks", at, depth + 1);
    sec.sections = sections(s, "sections", at, depth + 1);
    return sec;
  }

  std::vector<ir::Diagnostic>& diagnostics_;
  std::string source_;
  size_t problems_ = 0;
};

}  // namespace

JsonMeetings read_json(std::string_view bytes, const ReadOptions& options) {
  JsonMeetings out;
  json doc = json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    out.diagnostics.push_back({ir::Severity::error, options.source, 0, 0, "not JSON (or not UTF-8)"});
    return out;
  }
  Decoder decoder(out.diagnostics, options.source);
  if (doc.is_array()) {
    for (size_t i = 0; i < doc.size(); ++i) out.meetings.push_back(decoder.meeting(doc[i], fmt::format("[{}]", i)));
  } else {
    out.meetings.push_back(decoder.meeting(doc, ""));
  }
  return out;
}

}  // namespace minutes::formats
