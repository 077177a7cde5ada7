// What readers and writers are told besides their input, and what a writer gives back.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <minutes/ir.hpp>

namespace minutes {

// What a reader is told besides the bytes.
struct ReadOptions {
  std::string source;  // the path as given (used in diagnostics and the IR's source)
};

// Everything a writer may be told; each writer reads the fields that concern it. Every field has its row in
// the table of settings (settings.hpp): add one there with a new field.
struct WriteOptions {
  // Documents (ODT, DOCX, HTML)
  std::string title;         // report title; empty: from the meeting(s)
  std::string organisation;  // title-block line
  std::string funder;        // title-block line
  std::string paper = "a4";  // "a4" or "letter"
  std::string lang;          // BCP 47; empty: front matter, else "en"
  std::string
      reference_doc;  // a user's ODT/DOCX (fetched through the resources) for styles, page layout, header, footer
  // A report of a period (`minutes report`): the period it covers, as YYYY-MM-DD; empty: its meetings' dates
  std::string from;
  std::string to;
  std::vector<std::string> contents_pages;  // the DOCX contents' page numbers, in order, as LibreOffice laid them out
  // Calendar
  std::string calendar_name = "Meeting events";
  std::string timezone = "Europe/Berlin";
  bool todos = false;  // action items as VTODO
  std::vector<ir::CuratedEvent> calendar;  // curated events (read from calendar.include by the library) over the
                                           // extracted ones: added, corrected, suppressed; series with RRULE
  // Feed
  std::string feed_title;
  std::string feed_link;
  std::string feed_description;
  std::string feed_self;
  std::string base_url;  // joined with a meeting's relative path for links
  std::string site_url;  // where `minutes build`'s output is published: feeds link to its pages
  int feed_items = 50;
  // Links between the formats of one meeting (HTML pages of `minutes build`)
  std::string output_stem;  // e.g. "community-call/20230504": siblings are <stem>.odt, .docx
  std::string root_prefix;  // relative path from a page to the output root, e.g. "../"
  // The index page of an archive (`minutes build`): what lies beside it
  std::map<std::string, std::vector<std::string>> archive_outputs;  // by meeting source: its files, e.g. "iaas/1.html"
  std::vector<std::string> archive_links;  // the calendar (.ics) and feed (.xml) beside the index, by file name
  // Reproducibility: seconds since the epoch used for every timestamp in the output
  std::optional<int64_t> source_date_epoch;
};

// The result of a writer: the bytes, plus what it could not render (an error means: do not use the bytes).
struct Output {
  std::string bytes;
  std::vector<ir::Diagnostic> diagnostics;
};

// True when a diagnostic list holds an error.
bool has_error(const std::vector<ir::Diagnostic>& diagnostics);

}  // namespace minutes
