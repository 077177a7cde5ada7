// The readers' and writers' entry points: one function per format (the library's registry lists them).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include <minutes/ir.hpp>
#include <minutes/options.hpp>
#include <minutes/resources.hpp>

namespace minutes::formats {

using minutes::Output;
using minutes::ReadOptions;
using minutes::WriteContext;
using minutes::WriteOptions;

// Readers: pure functions from bytes to a document (syntax only). They never throw on bad input.
ir::Document read_markdown(std::string_view bytes, const ReadOptions& options);
ir::Document read_text(std::string_view bytes, const ReadOptions& options);

// Reads back what write_json wrote (one meeting, or an array of them); problems are error diagnostics.
struct JsonMeetings {
  std::vector<ir::Meeting> meetings;
  std::vector<ir::Diagnostic> diagnostics;
};
JsonMeetings read_json(std::string_view bytes, const ReadOptions& options);

// Reads a curated calendar in yaml2ics' YAML (SovereignCloudStack/calendar); problems are its diagnostics.
ir::Calendar read_yaml2ics(std::string_view bytes, const ReadOptions& options);

// Writers: pure functions from meetings to bytes and diagnostics. They open no file (pictures and reference
// documents come through context.resources), keep nothing between calls but in context.cache, and throw nothing.
// Documents take several meetings as one report.
Output write_json(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context = {});
Output write_odt(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context = {});
Output write_docx(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context = {});
Output write_ics(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context = {});
Output write_rss(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context = {});
Output write_atom(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context = {});
Output write_jsonfeed(std::span<const ir::Meeting> meetings, const WriteOptions& options,
                      const WriteContext& context = {});
Output write_html(std::span<const ir::Meeting> meetings, const WriteOptions& options, const WriteContext& context = {});
Output write_index(std::span<const ir::Meeting> meetings, const WriteOptions& options,
                   const WriteContext& context = {});
// The site of an archive (`minutes build`): a series' page, the events page and the search page.
Output write_series_page(std::span<const ir::Meeting> meetings, const WriteOptions& options,
                         const WriteContext& context = {});
Output write_events_page(std::span<const ir::Meeting> meetings, const WriteOptions& options,
                         const WriteContext& context = {});
Output write_search_page(std::span<const ir::Meeting> meetings, const WriteOptions& options,
                         const WriteContext& context = {});

}  // namespace minutes::formats
