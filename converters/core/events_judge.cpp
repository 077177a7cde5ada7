// Judges an event candidate: a confidence from what speaks for it (a name, a place, a link, an events heading)
// and against it (a deadline, a release, a PR, a regular call, an option turned down), with the reason in words.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "converters/core/event_words.hpp"
#include "converters/core/events.hpp"

namespace minutes {

namespace {

using namespace event_words;

// Words that make the date on a line something else than an event's: what happens to work, not who meets.
constexpr WordSet against(std::to_array<std::string_view>(
    {"abgabe",  "absent",   "cancel",   "canceled",  "cancelled", "cfp",       "deadline",   "deadlines", "deprecated",
     "due",     "eol",      "frist",    "holiday",   "holidays",  "launched",  "merged",     "ooo",       "photo",
     "photos",  "picture",  "pictures", "postponed", "pr",        "presented", "rc",         "recording", "recordings",
     "release", "released", "sick",     "skip",      "skipped",   "sprint",    "submission", "urlaub"}));
// Phrases that do the same.
constexpr std::array<std::string_view, 14> against_phrases = {
    "not a good option",     "no good option",    "not an option", "taken at", "call for papers", "register by",
    "registration deadline", "no community call", "no meeting",    "back on",  "instead of",      "vacation",
    "is cancelled",          "was cancelled"};
// Words of a regular meeting, which are no events of their own unless an event word says otherwise.
constexpr WordSet regular(std::to_array<std::string_view>({"biweekly", "call", "calls", "jour", "meeting", "meetings",
                                                           "office", "sig", "slides", "standup", "sync", "team",
                                                           "weekly"}));
// Words that announce an event.
constexpr std::array<std::string_view, 8> announcing = {"save the date", "join us", "takes place", "take place",
                                                        "registration",  "tickets", "register",    "agenda is"};

// A link to a notes pad, a video room or a chat, not to the event's own page.
bool working_link(std::string_view url) {
  std::string u = lower(url);
  for (std::string_view w : {"input.scs.community", "input.osb-alliance", "etherpad", "hedgedoc", "pad.", "/p/",
                             "jitsi", "conf.scs.koeln", "meet.", "matrix.to", "/minutes/", "zoom.us", "bbb."})
    if (u.find(w) != std::string::npos) return true;
  return false;
}

}  // namespace

double judge_event(const ir::Event& e, std::string_view line, const dates::Found& date, const EventClues& clues,
                   std::string& reason) {
  double score = 0;
  std::vector<std::string> pro, con;
  std::string l = lower(line);
  if (clues.meeting_title) score += 0.5, pro.push_back("the minutes are the event's own");
  if (clues.listed) score += 0.45, pro.push_back("listed under an events heading");
  if (clues.heading) score += 0.45, pro.push_back("its heading names the event");
  if (clues.named_by_heading) score += 0.25, pro.push_back("named by its heading");
  auto words_of = words(e.title);
  std::size_t k = event_word(e.title);
  if (k != std::string_view::npos && k < words_of.size()) {
    score += 0.35;
    pro.push_back(fmt::format("'{}' names an event", words_of[k]));
  } else if (names_event(line)) {
    score += 0.15, pro.push_back("an event word on the line");
  }
  if (name_like(e.title) && words_of.size() >= 1) score += 0.1, pro.push_back("a name");
  if (!e.location.empty()) {
    score += e.location == "online" ? 0.05 : 0.15;
    pro.push_back(e.location == "online" ? "online" : "in " + e.location);
  }
  if (!e.url.empty() && !working_link(e.url)) score += 0.1, pro.push_back("a link");
  if (date.kind == dates::DateKind::absolute) {
    score += 0.1;
    if (date.year_given || date.end) score += 0.05;
  } else {
    double minus = k != std::string_view::npos ? 0.1 : 0.3;
    if (e.start_time) minus = 0;  // "today between 11am and 3pm" is as exact as a date
    if (date.kind == dates::DateKind::week) minus = 0.3;
    score -= minus;
    con.push_back(date.kind == dates::DateKind::week ? "only a calendar week" : "a day relative to the meeting");
  }
  if (e.start_time && (clues.listed || names_event(line))) score += 0.1, pro.push_back("a time of day");
  for (auto a : announcing)
    if (l.find(a) != std::string::npos) {
      score += 0.15;
      pro.push_back(fmt::format("'{}'", a));
      break;
    }

  // Against: what the date on the line is about.
  bool named = k != std::string_view::npos;
  std::string hard;
  each_word(line, [&](std::string_view, std::string_view w, std::size_t) {
    if (against.contains(w)) hard = std::string(w);
    return !hard.empty();
  });
  for (auto p : against_phrases)
    if (hard.empty() && l.find(p) != std::string::npos) hard = std::string(p);
  if (!hard.empty()) score -= 0.6, con.push_back(fmt::format("'{}': the date is not an event's", hard));
  if (!named && !clues.listed) {
    // "weekly call", "team meeting", "SIG Community": a regular meeting; "EOF Community Meeting" is a name
    std::string soft;
    bool team = starts_with_icase(e.title, "sig ") || starts_with_icase(e.title, "team ");
    each_word(e.title + " " + std::string(line), [&](std::string_view w, std::string_view l, std::size_t) {
      if (regular.contains(l) && (team || !upper_start(w))) soft = std::string(l);
      return !soft.empty();
    });
    if (!soft.empty()) score -= 0.3, con.push_back(fmt::format("'{}': a regular meeting", soft));
  }
  for (std::string_view w : {"every ", "each ", "weekly", "bi-weekly", "monthly", "fortnightly", "jeden "})
    if (l.find(w) != std::string::npos) {
      score -= 0.4, con.push_back("recurring");
      break;
    }
  // "Test deployment next week Wednesday after Hackathon onsite": the date is of what happens after the event.
  if (k != std::string_view::npos && date.end_pos <= line.size()) {
    std::string_view after_date = std::string_view(l).substr(std::min(date.end_pos, l.size()));
    std::size_t ev = after_date.find(lower(words_of[k]));
    if (ev != std::string::npos) {
      std::string_view between = after_date.substr(0, ev);
      for (std::string_view w : {"after ", "before ", "since ", "until ", "following ", "at the "})
        if (between.find(w) != std::string_view::npos && between.size() < 40) {
          score -= 0.5, con.push_back(fmt::format("the date is of something {}the event", w));
          break;
        }
    }
  }
  std::string_view trimmed = trim_marks(line);
  if (!trimmed.empty() && trimmed.back() == '?' && e.location.empty()) score -= 0.1, con.push_back("a question");
  if (starts_with_icase(trim_head(line), "ai ") || starts_with_icase(trim_head(line), "todo"))
    score -= 0.2, con.push_back("an action item");
  // "Add one workshop (Nov 8?)", "discuss summit dates": a title that starts with a verb and goes on in lower
  // case is an instruction, no event's name ("Plan International Summit" is one; "Join us" is cut off before).
  static constexpr WordSet instructions(
      std::to_array<std::string_view>({"add", "ask", "check", "collect", "create", "decide", "discuss", "find",
                                       "organise", "organize", "plan", "prepare", "send", "set", "submit", "write"}));
  if (!words_of.empty() && instructions.contains(lower(words_of[0])) &&
      (words_of.size() == 1 || !upper_start(words_of[1])))
    score -= 0.6, con.push_back(fmt::format("'{}': an instruction, not a name", words_of[0]));
  if (words_of.empty()) score -= 1, con.push_back("no name");
  // "rules for the event": an event named elsewhere, not a name
  bool capital = std::any_of(words_of.begin(), words_of.end(), [](std::string_view w) { return upper_start(w); });
  std::string lt = lower(e.title);
  if (!capital && (lt.find("the event") != std::string::npos || lt.find("this event") != std::string::npos ||
                   lt.find("the hackathon") != std::string::npos || lt.find("the workshop") != std::string::npos))
    score -= 0.3, con.push_back("refers to an event named elsewhere");

  score = std::clamp(score, 0.0, 1.0);
  reason.clear();
  for (const auto& p : pro) reason += (reason.empty() ? "" : "; ") + p;
  for (const auto& c : con) reason += (reason.empty() ? "against: " : "; against: ") + c;
  return score;
}

}  // namespace minutes
