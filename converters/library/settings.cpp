// The table of settings (writer options and archive settings) and what is done with a row generically.
#include <minutes/settings.hpp>

#include <cstdlib>
#include <fmt/format.h>

#include <minutes/convert.hpp>

namespace minutes {

namespace {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;  // clang 14 does not deduce an aggregate's arguments itself

// The names of the registry's per-meeting writers: the values `formats` allows.
std::vector<std::string_view> document_writer_names() {
  std::vector<std::string_view> names;
  for (const auto& w : writers())
    if (w.scope == WriterScope::document) names.push_back(w.name);
  return names;
}

}  // namespace

const std::vector<Setting>& settings_table() {
  using W = WriteOptions;
  using S = Settings;
  using T = SettingType;
  constexpr const char* report = "Report (ODT, DOCX, HTML)";
  constexpr const char* calendar = "Calendar (ics)";
  constexpr const char* feed = "Feeds (rss, atom, jsonfeed)";
  constexpr const char* period = "Report period (minutes report)";
  static const std::vector<Setting> table = {
      {.key = "title",
       .flag = "--title",
       .help = "report title (default: the meeting's, or the series and period)",
       .group = report,
       .rebuilds = true,
       .field = &W::title},
      {.key = "organisation",
       .alias = "organization",
       .flag = "--organisation",
       .help = "organisation line in the title block",
       .group = report,
       .rebuilds = true,
       .field = &W::organisation},
      {.key = "funder",
       .flag = "--funder",
       .help = "funder line in the title block",
       .group = report,
       .rebuilds = true,
       .field = &W::funder},
      {.key = "paper",
       .flag = "--paper",
       .help = "paper size",
       .group = report,
       .type = T::choice,
       .allowed = {"a4", "letter"},
       .rebuilds = true,
       .field = &W::paper},
      {.key = "lang",
       .flag = "--lang",
       .help = "document language, e.g. en or de-DE (default: front matter, else en)",
       .group = report,
       .rebuilds = true,
       .field = &W::lang},
      {.key = "reference_doc",
       .flag = "--reference-doc",
       .help = "take styles, page layout, header and footer from this ODT/DOCX",
       .group = report,
       .type = T::file,
       .rebuilds = true,
       .field = &W::reference_doc},
      {.flag = "--from",
       .help = "first day of the report's period (YYYY-MM-DD)",
       .group = period,
       .value_name = "DATE",
       .type = T::date,
       .commands = command_report,
       .field = &W::from},
      {.flag = "--to",
       .help = "last day of the report's period (YYYY-MM-DD)",
       .group = period,
       .value_name = "DATE",
       .type = T::date,
       .commands = command_report,
       .field = &W::to},
      {.flag = "--quarter",
       .help = "the period is a quarter, e.g. 2023Q2",
       .group = period,
       .value_name = "YYYYQN",
       .type = T::quarter,
       .commands = command_report,
       .field = &S::quarter},
      {.flag = "--year",
       .help = "the period is a year, e.g. 2023",
       .group = period,
       .value_name = "YYYY",
       .type = T::year,
       .commands = command_report,
       .field = &S::year},
      {.flag = "--series",
       .help = "only these series (names or top folders; repeatable)",
       .group = period,
       .value_name = "NAME",
       .type = T::names_list,
       .commands = command_report,
       .append = true,
       .field = &S::report_series},
      {.key = "calendar.name",
       .flag = "--calendar-name",
       .help = "X-WR-CALNAME of the calendar",
       .group = calendar,
       .commands = command_convert | command_build,
       .rebuilds = true,
       .field = &W::calendar_name},
      {.key = "timezone",
       .flag = "--timezone",
       .help = "IANA time zone of times in the minutes",
       .group = calendar,
       .commands = command_convert | command_build,
       .rebuilds = true,
       .field = &W::timezone},
      {.key = "todos",
       .flag = "--todos",
       .help = "add action items as VTODO",
       .group = calendar,
       .type = T::flag,
       .commands = command_convert | command_build,
       .rebuilds = true,
       .field = &W::todos},
      {.key = "calendar.include",
       .flag = "--events",
       .help = "a curated calendar in yaml2ics YAML whose events and series join the calendar and win over the "
               "minutes (repeatable)",
       .group = calendar,
       .value_name = "FILE.yml",
       .type = T::files,
       .append = true,
       .rebuilds = true,
       .field = &S::calendar_include},
      {.help = "the curated events read from calendar.include", .type = T::internal, .field = &W::calendar},
      {.key = "feed.title",
       .flag = "--feed-title",
       .help = "channel title",
       .group = feed,
       .commands = command_convert | command_build,
       .rebuilds = true,
       .field = &W::feed_title},
      {.key = "feed.link",
       .flag = "--feed-link",
       .help = "channel link (the site)",
       .group = feed,
       .commands = command_convert | command_build,
       .rebuilds = true,
       .field = &W::feed_link},
      {.key = "feed.description",
       .flag = "--feed-description",
       .help = "channel description",
       .group = feed,
       .commands = command_convert | command_build,
       .rebuilds = true,
       .field = &W::feed_description},
      {.key = "feed.self",
       .flag = "--feed-self",
       .help = "the feed's own URL (atom:link rel=self)",
       .group = feed,
       .commands = command_convert | command_build,
       .rebuilds = true,
       .field = &W::feed_self},
      {.key = "base_url",
       .flag = "--base-url",
       .help = "URL that meeting paths are joined to, e.g. a repository's blob/main/",
       .group = feed,
       .commands = command_convert | command_build,
       .rebuilds = true,
       .field = &W::base_url},
      {.key = "site_url",
       .flag = "--site-url",
       .help = "URL where the output of `minutes build` is published: feeds link to its pages",
       .group = feed,
       .commands = command_convert | command_build,
       .rebuilds = true,
       .field = &W::site_url},
      {.key = "feed.items",
       .flag = "--feed-items",
       .help = "newest items in the feed",
       .group = feed,
       .type = T::count,
       .commands = command_convert | command_build,
       .rebuilds = true,
       .field = &W::feed_items},
      {.env = "SOURCE_DATE_EPOCH",
       .help = "seconds since 1970 used for every timestamp written (default: the latest meeting date)",
       .type = T::epoch,
       .rebuilds = true,
       .field = &W::source_date_epoch},
      {.help = "a page's own path without extension (its siblings are <stem>.odt, ...)",
       .type = T::internal,
       .field = &W::output_stem},
      {.help = "the page numbers of a report's contents (DOCX), laid out by LibreOffice",
       .type = T::internal,
       .field = &W::contents_pages},
      {.help = "the relative path from a page to the output folder", .type = T::internal, .field = &W::root_prefix},
      {.help = "the files of every meeting, which the index links", .type = T::internal, .field = &W::archive_outputs},
      {.help = "the calendar and feed beside the index", .type = T::internal, .field = &W::archive_links},
      {.key = "exclude",
       .flag = "--exclude",
       .help = "skip paths matching GLOB (repeatable; without '/' it matches any file or folder name, with '/' the "
               "path relative to SRC)",
       .value_name = "GLOB",
       .type = T::globs,
       .commands = command_build | command_report,
       .append = true,
       .field = &S::exclude},
      {.key = "formats",
       .flag = "--formats",
       .help = "per-meeting formats (default: odt,docx,html)",
       .type = T::formats,
       .allowed = document_writer_names(),
       .delimiter = ',',
       .commands = command_build,
       .rebuilds = true,
       .field = &S::formats},
      {.key = "series",
       .help = "series names of top folders, for minutes titled with their date alone",
       .type = T::names,
       .commands = command_build | command_report,
       .rebuilds = true,
       .field = &S::series},
  };
  return table;
}

const Setting* find_setting(std::string_view name) {
  for (const auto& s : settings_table())
    if (!name.empty() && (s.key == name || s.alias == name || s.flag == name)) return &s;
  return nullptr;
}

void apply_setting(const Setting& setting, const Settings& from, Settings& to) {
  std::visit(overloaded{
                 [&](std::vector<std::string> Settings::*p) {
                   if (setting.append)
                     (to.*p).insert((to.*p).end(), (from.*p).begin(), (from.*p).end());
                   else
                     to.*p = from.*p;
                 },
                 [&](std::map<std::string, std::string> Settings::*p) { to.*p = from.*p; },
                 [&](std::string Settings::*p) { to.*p = from.*p; },
                 [&](auto WriteOptions::*p) { to.options.*p = from.options.*p; },
             },
             setting.field);
}

std::string setting_text(const Setting& setting, const Settings& settings) {
  auto lines = [](const std::vector<std::string>& list) {
    std::string out;
    for (const auto& item : list) out += item + "\n";
    return out;
  };
  return std::visit(overloaded{
                        [&](std::string WriteOptions::*p) { return settings.options.*p; },
                        [&](bool WriteOptions::*p) { return std::string(settings.options.*p ? "true" : "false"); },
                        [&](int WriteOptions::*p) { return std::to_string(settings.options.*p); },
                        [&](std::optional<int64_t> WriteOptions::*p) {
                          auto& v = settings.options.*p;
                          return v ? std::to_string(*v) : std::string();
                        },
                        [&](std::vector<std::string> WriteOptions::*p) { return lines(settings.options.*p); },
                        [&](std::vector<ir::CuratedEvent> WriteOptions::*) {
                          return std::string();  // what calendar.include names, whose files the key hashes
                        },
                        [&](std::map<std::string, std::vector<std::string>> WriteOptions::*p) {
                          std::string out;
                          for (const auto& [k, v] : settings.options.*p) out += k + "=" + lines(v);
                          return out;
                        },
                        [&](std::string Settings::*p) { return settings.*p; },
                        [&](std::vector<std::string> Settings::*p) { return lines(settings.*p); },
                        [&](std::map<std::string, std::string> Settings::*p) {
                          std::string out;
                          for (const auto& [k, v] : settings.*p) out += k + "=" + v + "\n";
                          return out;
                        },
                    },
                    setting.field);
}

void apply_environment(WriteOptions& options) {
  for (const auto& s : settings_table()) {
    auto* epoch = std::get_if<std::optional<int64_t> WriteOptions::*>(&s.field);
    if (s.env.empty() || !epoch || (options.**epoch).has_value()) continue;
    const char* text = std::getenv(std::string(s.env).c_str());
    if (!text || !*text) continue;
    char* end = nullptr;
    long long v = std::strtoll(text, &end, 10);
    if (end && *end == '\0' && v >= 0) options.** epoch = v;
  }
}

}  // namespace minutes
