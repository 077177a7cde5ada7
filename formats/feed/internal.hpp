// The feed writers' shared model: the newest meetings as entries with links, summary and HTML content, once for
// RSS 2.0, Atom 1.0 and JSON Feed 1.1.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <minutes/ir.hpp>
#include <minutes/options.hpp>
#include <minutes/resources.hpp>

#include "formats/common/words.hpp"
#include "formats/common/xml_writer.hpp"

namespace minutes::formats::feed {

// What a feed reader shows of a meeting, the same in every feed of one build that lists it (the archive's and its
// series', in RSS, Atom and JSON Feed): made once per build and shared.
struct EntryBody {
  std::string title;                    // "Team IaaS – 2024-12-11", or the meeting's own name
  std::string link;                     // its page (site_url), else its source (base_url), else a relative path
  std::string id;                       // stable: the absolute link, else "minutes:<path>"
  bool permalink = false;               // id is the link, an absolute URL
  std::optional<int64_t> published;     // seconds since the epoch (the meeting's date)
  std::vector<std::string> authors;     // the scribes, "@handle"
  std::vector<std::string> categories;  // the top sections' titles (not Participants, Agenda, ...)
  std::string summary;                  // plain text, a few hundred characters
  std::string content;                  // the whole meeting as an HTML fragment, links absolute where possible
  std::vector<ir::Diagnostic> diagnostics;  // what rendering the content reported
};

// One entry: a meeting as a feed reader shows it.
struct Entry {
  const ir::Meeting* meeting = nullptr;
  std::shared_ptr<const EntryBody> body;
  const EntryBody* operator->() const { return body.get(); }
};

// A feed: what a channel says about itself, and the entries, newest first.
struct Feed {
  std::string title, description, language;
  std::string home;  // the site (or the repository) the feed belongs to; may be relative ("./")
  std::string self;  // the feed's own absolute URL; empty when not known
  int64_t updated = 0;
  std::vector<Entry> entries;
  std::vector<ir::Diagnostic> diagnostics;
};

// The feed of the meetings under these options: newest first, at most feed_items (0: all), undated last.
Feed make_feed(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context);

// The size of a feed's entries' texts: what an output buffer reserves so that it rarely grows.
size_t entries_size(const Feed& feed);

// An XML feed's writer: the declaration, then elements indented by two spaces, the bytes pugixml's format_indent
// wrote for the feeds' trees before (XmlWriter::indented).
XmlWriter xml_writer(const Feed& feed);

// Writes an element with text (cleaned) to an XML feed.
void text_element(XmlWriter& w, std::string_view name, std::string_view text);

// An XML feed as the writer's output, with the model's diagnostics.
Output saved(XmlWriter& w, Feed& feed);

// A date as RSS writes it: "Thu, 04 May 2023 00:00:00 +0000" (RFC 822 with a four-digit year, English names).
std::string rfc822(int64_t seconds);

}  // namespace minutes::formats::feed
