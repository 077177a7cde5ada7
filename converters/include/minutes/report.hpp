// `minutes report` as a library: the minutes of a period across an archive's series in one ODT, DOCX or PDF, and
// the LibreOffice step behind the PDF and the DOCX contents' page numbers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <minutes/convert.hpp>
#include <minutes/ir.hpp>
#include <minutes/resources.hpp>
#include <minutes/settings.hpp>

namespace minutes::report {

// A period of whole days, both inclusive.
struct Period {
  ir::Date from;
  ir::Date to;
};

// The period the settings ask for, or a sentence saying what is wrong: exactly one of --from and --to together,
// --quarter (2023Q2) or --year (2023).
struct PeriodRead {
  std::optional<Period> period;
  std::string error;
};
PeriodRead period_of(const Settings& settings);

// What a program asks for.
struct Request {
  std::string src;                    // the archive's folder
  std::string output;                 // the report's file name; its extension picks the format unless `format`
  std::string format;                 // "odt", "docx" or "pdf"; empty: from output
  Settings flags;                     // settings given on the command line
  std::vector<const Setting*> given;  // which of them were given: they win over SRC/minutes.yaml
  WriteContext context;               // what the writers may read and keep
  int office_seconds = 180;           // the time LibreOffice may take for one conversion
  bool lay_out = true;                // a DOCX: let LibreOffice (when installed) lay it out for its contents' pages
};

// What making a report gave.
struct Result {
  std::optional<std::string> refusal;       // a usage error (bad period, unknown format): nothing else is set
  std::string bytes;                        // the document
  std::vector<ir::Diagnostic> diagnostics;  // of the settings, the sources and the writer; an error: no document
  size_t meetings = 0;                      // meetings in the report
  size_t sources = 0;                       // minutes files found under SRC
  bool paged = false;                       // a DOCX whose contents carry page numbers (laid out by LibreOffice)
};

// Reads SRC/minutes.yaml and the flags, finds the meetings of the period (and series), writes the report.
Result make(const Request& request);

// The output formats of a report.
const std::vector<std::string_view>& formats();

// What a LibreOffice conversion gave: the converted bytes, or a sentence saying why not.
struct Converted {
  std::optional<std::string> bytes;
  std::string error;
};

// The LibreOffice program on PATH (soffice, libreoffice); empty when there is none.
std::string office_program();

// Converts a document with headless LibreOffice: `bytes` saved as input.<from_ext>, converted with `filter`
// ("pdf:writer_pdf_Export:{...}", "odt"), the result input.<to_ext> read back. A private profile under a temporary
// folder, removed afterwards; the program is killed after `seconds`.
Converted office_convert(std::string_view bytes, std::string_view from_ext, std::string_view filter,
                         std::string_view to_ext, int seconds);

// An ODT rendered as PDF/A-2b (fonts embedded), through LibreOffice.
Converted pdf_from_odt(std::string_view odt, int seconds);

// The page on which each chapter of a report DOCX starts, as LibreOffice lays it out (the contents' entries in
// order); empty with an error when LibreOffice cannot lay it out.
struct Pages {
  std::vector<std::string> pages;
  std::string error;
};
Pages contents_pages(std::string_view docx, int seconds);

}  // namespace minutes::report
