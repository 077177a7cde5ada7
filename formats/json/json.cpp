// Writes meetings as JSON: the IR as a documented, stable contract for other tools (see README).
#include <nlohmann/json.hpp>

#include <map>

#include "converters/core/actions.hpp"
#include "formats/common/report.hpp"
#include "formats/formats.hpp"
#include "formats/json/names.hpp"

namespace minutes::formats {

namespace {

using json = nlohmann::ordered_json;

json date_or_null(const std::optional<ir::Date>& d) { return d ? json(ir::iso(*d)) : json(nullptr); }

json inlines_json(const ir::Inlines& inlines) {
  json arr = json::array();
  for (const auto& in : inlines) {
    json j;
    j["type"] = std::string(json_names::name_of(json_names::inlines, in.kind));
    switch (in.kind) {
      case ir::InlineKind::text:
      case ir::InlineKind::code:
      case ir::InlineKind::mention: j["text"] = in.text; break;
      case ir::InlineKind::image:
        j["url"] = in.url;
        j["alt"] = in.text;
        if (!in.title.empty()) j["title"] = in.title;
        if (in.width > 0) j["width"] = in.width;
        if (in.height > 0) j["height"] = in.height;
        break;
      case ir::InlineKind::link:
        j["url"] = in.url;
        if (!in.title.empty()) j["title"] = in.title;
        j["inlines"] = inlines_json(in.children);
        break;
      case ir::InlineKind::emphasis:
      case ir::InlineKind::strong:
      case ir::InlineKind::strikethrough: j["inlines"] = inlines_json(in.children); break;
      case ir::InlineKind::line_break:
      case ir::InlineKind::soft_break: break;
    }
    arr.push_back(std::move(j));
  }
  return arr;
}

json blocks_json(const ir::Blocks& blocks);

json block_json(const ir::Block& b) {
  json j;
  j["type"] = std::string(json_names::name_of(json_names::blocks, b.kind));
  j["line"] = b.line;
  switch (b.kind) {
    case ir::BlockKind::list: {
      j["ordered"] = b.ordered;
      if (b.ordered) j["start"] = b.start;
      j["tight"] = b.tight;
      json items = json::array();
      for (const auto& item : b.items) {
        json ij;
        ij["line"] = item.line;
        ij["text"] = ir::item_text(item);
        if (item.checked) ij["checked"] = *item.checked;
        ij["blocks"] = blocks_json(item.blocks);
        items.push_back(std::move(ij));
      }
      j["items"] = std::move(items);
      break;
    }
    case ir::BlockKind::code:
      j["text"] = b.text;
      j["info"] = b.info;
      break;
    case ir::BlockKind::quote:
      j["text"] = ir::plain_text(b);
      j["blocks"] = blocks_json(b.children);
      break;
    case ir::BlockKind::table: {
      j["text"] = ir::plain_text(b);
      json aligns = json::array();
      for (auto a : b.alignments) aligns.push_back(std::string(json_names::name_of(json_names::aligns, a)));
      j["alignments"] = std::move(aligns);
      json rows = json::array();
      for (const auto& row : b.rows) {
        json cells = json::array();
        for (const auto& cell : row.cells) cells.push_back(inlines_json(cell.inlines));
        rows.push_back(json{{"header", row.header}, {"line", row.line}, {"cells", std::move(cells)}});
      }
      j["rows"] = std::move(rows);
      break;
    }
    case ir::BlockKind::html:
      j["text"] = ir::plain_text(b);
      j["raw"] = b.raw;
      j["inlines"] = inlines_json(b.inlines);
      break;
    case ir::BlockKind::rule: j["text"] = ""; break;
    case ir::BlockKind::paragraph:
    case ir::BlockKind::image:
    case ir::BlockKind::heading:
      j["text"] = ir::plain_text(b);
      j["inlines"] = inlines_json(b.inlines);
      break;
  }
  return j;
}

json blocks_json(const ir::Blocks& blocks) {
  json arr = json::array();
  for (const auto& b : blocks) arr.push_back(block_json(b));
  return arr;
}

json sections_json(const std::vector<ir::Section>& sections) {
  json arr = json::array();
  for (const auto& s : sections) {
    json j;
    j["title"] = s.title;
    j["level"] = s.level;
    j["line"] = s.line;
    j["minutes"] = s.minutes ? json{{"url", s.minutes->url.empty() ? json(nullptr) : json(s.minutes->url)},
                                    {"status", s.minutes->status.empty() ? json(nullptr) : json(s.minutes->status)}}
                             : json(nullptr);
    j["blocks"] = blocks_json(s.blocks);
    j["sections"] = sections_json(s.sections);
    arr.push_back(std::move(j));
  }
  return arr;
}

json time_or_null(const std::optional<ir::Time>& t) {
  if (!t) return nullptr;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", t->hour, t->minute);
  return buf;
}

// The followed status of the actions the meetings raise: by meeting and line, the meeting that reports it done.
using Followed = std::map<std::pair<const ir::Meeting*, int>, const FollowedAction*>;

json meeting_json(const ir::Meeting& m, const Followed& followed = {}) {
  json j;
  j["title"] = m.title;
  j["series"] = m.series;
  j["date"] = date_or_null(m.date);
  j["source"] = m.source;
  j["language"] = m.language;
  j["scribes"] = m.scribes;
  j["participants"] = m.participants;
  json meta = json::object();
  for (const auto& [k, v] : m.metadata) meta[k] = v;
  j["metadata"] = std::move(meta);
  j["blocks"] = blocks_json(m.blocks);
  j["sections"] = sections_json(m.sections);
  json events = json::array();
  for (const auto& e : m.events) {
    events.push_back(json{{"title", e.title},
                          {"start", ir::iso(e.start)},
                          {"end", date_or_null(e.end)},
                          {"all_day", e.all_day()},
                          {"start_time", time_or_null(e.start_time)},
                          {"end_time", time_or_null(e.end_time)},
                          {"timezone", e.timezone},
                          {"location", e.location},
                          {"url", e.url},
                          {"description", e.description},
                          {"line", e.line},
                          {"mentioned_on", date_or_null(e.mentioned_on)},
                          {"confidence", e.confidence},
                          {"reason", e.reason}});
  }
  j["events"] = std::move(events);
  json actions = json::array();
  for (const auto& a : m.actions) {
    // "status": done here, or by a later meeting of the series among those written ("done_in" names it)
    auto it = followed.find({&m, a.line});
    const FollowedAction* f = it != followed.end() ? it->second : nullptr;
    json item{{"owner", a.owner}, {"text", a.text},   {"due", date_or_null(a.due)},
              {"done", a.done},   {"line", a.line},   {"status", a.done || (f && f->done) ? "done" : "open"}};
    if (f && f->done_in) item["done_in"] = f->done_in->source;
    actions.push_back(std::move(item));
  }
  j["actions"] = std::move(actions);
  json diags = json::array();
  for (const auto& d : m.diagnostics)
    diags.push_back(json{{"severity", std::string(json_names::name_of(json_names::severities, d.severity))},
                         {"line", d.line},
                         {"column", d.column},
                         {"message", d.message}});
  j["diagnostics"] = std::move(diags);
  return j;
}

}  // namespace

Output write_json(std::span<const ir::Meeting> meetings, const WriteOptions&, const WriteContext&) {
  return guarded("json", [&] {
    Output out;
    json doc;
    if (meetings.size() == 1) {
      doc = meeting_json(meetings.front());
    } else {
      doc = json::array();
      auto all = follow_actions(meetings);
      Followed followed;
      for (const auto& f : all) followed.emplace(std::make_pair(f.meeting, f.item.line), &f);
      for (const auto& m : meetings) doc.push_back(meeting_json(m, followed));
    }
    out.bytes = doc.dump(2, ' ', false, json::error_handler_t::replace);
    out.bytes += '\n';
    return out;
  });
}

}  // namespace minutes::formats
