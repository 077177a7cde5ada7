// Writes meetings as JSON: the IR as a documented, stable contract for other tools (see README).
#include <cstdio>
#include <map>

#include "converters/core/actions.hpp"
#include "formats/common/json_text.hpp"
#include "formats/common/report.hpp"
#include "formats/formats.hpp"
#include "formats/json/names.hpp"

namespace minutes::formats {

namespace {

void date_or_null(JsonOut& j, const std::optional<ir::Date>& d) {
  if (d)
    j.string(ir::iso(*d));
  else
    j.null();
}

void time_or_null(JsonOut& j, const std::optional<ir::Time>& t) {
  if (!t) {
    j.null();
    return;
  }
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", t->hour, t->minute);
  j.string(buf);
}

void strings(JsonOut& j, const std::vector<std::string>& list) {
  j.array();
  for (const auto& s : list) j.string(s);
  j.end();
}

void inlines_json(JsonOut& j, const ir::Inlines& inlines) {
  j.array();
  for (const auto& in : inlines) {
    j.object().key("type").string(json_names::name_of(json_names::inlines, in.kind));
    switch (in.kind) {
      case ir::InlineKind::text:
      case ir::InlineKind::code:
      case ir::InlineKind::mention: j.key("text").string(in.text); break;
      case ir::InlineKind::image:
        j.key("url").string(in.url);
        j.key("alt").string(in.text);
        if (!in.title.empty()) j.key("title").string(in.title);
        if (in.width > 0) j.key("width").number(in.width);
        if (in.height > 0) j.key("height").number(in.height);
        break;
      case ir::InlineKind::link:
        j.key("url").string(in.url);
        if (!in.title.empty()) j.key("title").string(in.title);
        inlines_json(j.key("inlines"), in.children);
        break;
      case ir::InlineKind::emphasis:
      case ir::InlineKind::strong:
      case ir::InlineKind::strikethrough: inlines_json(j.key("inlines"), in.children); break;
      case ir::InlineKind::line_break:
      case ir::InlineKind::soft_break: break;
    }
    j.end();
  }
  j.end();
}

void blocks_json(JsonOut& j, const ir::Blocks& blocks);

void block_json(JsonOut& j, const ir::Block& b) {
  j.object().key("type").string(json_names::name_of(json_names::blocks, b.kind));
  j.key("line").number(b.line);
  switch (b.kind) {
    case ir::BlockKind::list:
      j.key("ordered").boolean(b.ordered);
      if (b.ordered) j.key("start").number(b.start);
      j.key("tight").boolean(b.tight);
      j.key("items").array();
      for (const auto& item : b.items) {
        j.object().key("line").number(item.line);
        j.key("text").string(ir::item_text(item));
        if (item.checked) j.key("checked").boolean(*item.checked);
        blocks_json(j.key("blocks"), item.blocks);
        j.end();
      }
      j.end();
      break;
    case ir::BlockKind::code:
      j.key("text").string(b.text);
      j.key("info").string(b.info);
      break;
    case ir::BlockKind::quote:
      j.key("text").string(ir::plain_text(b));
      blocks_json(j.key("blocks"), b.children);
      break;
    case ir::BlockKind::table:
      j.key("text").string(ir::plain_text(b));
      j.key("alignments").array();
      for (auto a : b.alignments) j.string(json_names::name_of(json_names::aligns, a));
      j.end();
      j.key("rows").array();
      for (const auto& row : b.rows) {
        j.object().key("header").boolean(row.header);
        j.key("line").number(row.line);
        j.key("cells").array();
        for (const auto& cell : row.cells) inlines_json(j, cell.inlines);
        j.end().end();
      }
      j.end();
      break;
    case ir::BlockKind::html:
      j.key("text").string(ir::plain_text(b));
      j.key("raw").string(b.raw);
      inlines_json(j.key("inlines"), b.inlines);
      break;
    case ir::BlockKind::rule: j.key("text").string(""); break;
    case ir::BlockKind::paragraph:
    case ir::BlockKind::image:
    case ir::BlockKind::heading:
      j.key("text").string(ir::plain_text(b));
      inlines_json(j.key("inlines"), b.inlines);
      break;
  }
  j.end();
}

void blocks_json(JsonOut& j, const ir::Blocks& blocks) {
  j.array();
  for (const auto& b : blocks) block_json(j, b);
  j.end();
}

void sections_json(JsonOut& j, const std::vector<ir::Section>& sections) {
  j.array();
  for (const auto& s : sections) {
    j.object().key("title").string(s.title);
    j.key("level").number(s.level);
    j.key("line").number(s.line);
    j.key("minutes");
    if (s.minutes) {
      j.object().key("url");
      s.minutes->url.empty() ? j.null() : j.string(s.minutes->url);
      j.key("status");
      s.minutes->status.empty() ? j.null() : j.string(s.minutes->status);
      j.end();
    } else {
      j.null();
    }
    blocks_json(j.key("blocks"), s.blocks);
    sections_json(j.key("sections"), s.sections);
    j.end();
  }
  j.end();
}

// The followed status of the actions the meetings raise: by meeting and line, the meeting that reports it done.
using Followed = std::map<std::pair<const ir::Meeting*, int>, const FollowedAction*>;

void meeting_json(JsonOut& j, const ir::Meeting& m, const Followed& followed = {}) {
  j.object().key("title").string(m.title);
  j.key("series").string(m.series);
  date_or_null(j.key("date"), m.date);
  j.key("source").string(m.source);
  j.key("language").string(m.language);
  strings(j.key("scribes"), m.scribes);
  strings(j.key("participants"), m.participants);
  j.key("metadata").object();
  for (const auto& [k, v] : m.metadata) j.key(k).string(v);
  j.end();
  blocks_json(j.key("blocks"), m.blocks);
  sections_json(j.key("sections"), m.sections);
  j.key("events").array();
  for (const auto& e : m.events) {
    j.object().key("title").string(e.title);
    j.key("start").string(ir::iso(e.start));
    date_or_null(j.key("end"), e.end);
    j.key("all_day").boolean(e.all_day());
    time_or_null(j.key("start_time"), e.start_time);
    time_or_null(j.key("end_time"), e.end_time);
    j.key("timezone").string(e.timezone);
    j.key("location").string(e.location);
    j.key("url").string(e.url);
    j.key("description").string(e.description);
    j.key("line").number(e.line);
    date_or_null(j.key("mentioned_on"), e.mentioned_on);
    j.key("confidence").real(e.confidence);
    j.key("reason").string(e.reason);
    j.end();
  }
  j.end();
  j.key("actions").array();
  for (const auto& a : m.actions) {
    // "status": done here, or by a later meeting of the series among those written ("done_in" names it)
    auto it = followed.find({&m, a.line});
    const FollowedAction* f = it != followed.end() ? it->second : nullptr;
    j.object().key("owner").string(a.owner);
    j.key("text").string(a.text);
    date_or_null(j.key("due"), a.due);
    j.key("done").boolean(a.done);
    j.key("line").number(a.line);
    j.key("status").string(a.done || (f && f->done) ? "done" : "open");
    if (f && f->done_in) j.key("done_in").string(f->done_in->source);
    j.end();
  }
  j.end();
  j.key("diagnostics").array();
  for (const auto& d : m.diagnostics) {
    j.object().key("severity").string(json_names::name_of(json_names::severities, d.severity));
    j.key("line").number(d.line);
    j.key("column").number(d.column);
    j.key("message").string(d.message);
    j.end();
  }
  j.end();
  j.end();
}

}  // namespace

// The bytes nlohmann's ordered_json tree of the same values gave with dump(2, ' ', false, replace), written
// without the tree (formats/common/json_text).
Output write_json(std::span<const ir::Meeting> meetings, const WriteOptions&, const WriteContext&) {
  return guarded("json", [&] {
    Output out;
    JsonOut j(out.bytes);
    if (meetings.size() == 1) {
      meeting_json(j, meetings.front());
    } else {
      j.array();
      auto all = follow_actions(meetings);
      Followed followed;
      for (const auto& f : all) followed.emplace(std::make_pair(f.meeting, f.item.line), &f);
      for (const auto& m : meetings) meeting_json(j, m, followed);
      j.end();
    }
    out.bytes += '\n';
    return out;
  });
}

}  // namespace minutes::formats
