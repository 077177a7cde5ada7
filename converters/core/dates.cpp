// Finds dates, date ranges and times of day in free text with a small hand-written token scanner.
#include "converters/core/dates.hpp"

#include "converters/core/date_tokens.hpp"

#include <array>
#include <cstdlib>

namespace minutes::dates {
namespace {

// A point on the calendar as written: any part may be missing.
struct Point {
  int y = 0, m = 0, d = 0;
  std::size_t next = 0;  // token index after the point
  bool month_first = false;
  bool iso = false;
  bool has_year = false;  // a year was written (even "0000")
  bool bad = false;       // written as a date in a form that leaves no doubt, but no such day exists
};

class Scanner {
 public:
  Scanner(std::string_view text, std::optional<ir::Date> ref, ScanOptions options = {})
      : text_(text), t_(tokenize(text)), ref_(ref), names_(options.names) {}

  std::vector<Found> dates() {
    std::vector<Found> out;
    std::size_t i = 0;
    while (i < t_.size()) {
      Found f;
      std::size_t next = 0;
      if (match_date(i, f, next)) {
        out.push_back(f);
        i = next;
      } else {
        ++i;
      }
    }
    return out;
  }

  std::optional<TimeRange> first_time() {
    for (std::size_t i = 0; i < t_.size(); ++i) {
      TimeRange r;
      std::size_t next = 0;
      if (match_time_range(i, r, next, false)) return r;
    }
    return std::nullopt;
  }

 private:
  std::string_view text_;
  std::vector<Token> t_;
  std::optional<ir::Date> ref_;
  bool names_ = false;  // a title or file name: compact dates, and dates glued to words

  bool num(std::size_t i, int max_digits = 2) const {
    return i < t_.size() && t_[i].type == Tok::num && t_[i].digits <= max_digits;
  }
  bool punct(std::size_t i, char p) const { return i < t_.size() && t_[i].type == Tok::punct && t_[i].p == p; }
  bool glued(std::size_t i) const { return i < t_.size() && !t_[i].space; }
  bool word(std::size_t i, std::string_view w) const {
    return i < t_.size() && t_[i].type == Tok::word && t_[i].word == w;
  }
  bool ordinal(std::size_t i) const {
    return i < t_.size() && t_[i].type == Tok::word && !t_[i].space &&
           (t_[i].word == "st" || t_[i].word == "nd" || t_[i].word == "rd" || t_[i].word == "th");
  }
  bool year_tok(std::size_t i) const { return i < t_.size() && t_[i].type == Tok::num && t_[i].digits == 4; }

  // A number may start a date only when it is not glued to a preceding word or number ("v1.2", "R4").
  bool free_start(std::size_t i) const {
    if (i == 0 || t_[i].space || names_) return true;
    const auto& prev = t_[i - 1];
    if (prev.type != Tok::punct || prev.p == '.' || prev.p == '#' || prev.p == ':') return false;
    if ((prev.p == '-' || prev.p == '/') && i >= 2 && !prev.space && t_[i - 2].type != Tok::punct) return false;
    return true;
  }
  // A date must not run on into more digits ("1.2.3", "2023-05-04-7").
  bool free_end(std::size_t i) const {
    if (i >= t_.size()) return true;
    if (t_[i].type == Tok::num && !t_[i].space) return false;
    if (t_[i].type == Tok::word && !t_[i].space && t_[i].word.size() > 2 && !(t_[i - 1].type == Tok::punct))
      return false;
    if (t_[i].type == Tok::punct && t_[i].p == '.' && num(i + 1, 9) && !t_[i + 1].space) return false;
    return true;
  }

  // Skips "st/nd/rd/th" and one "." after a day number.
  std::size_t after_day(std::size_t i) const {
    if (ordinal(i)) return i + 1;
    if (punct(i, '.') && glued(i)) return i + 1;
    return i;
  }

  // A full or partial calendar point starting at token i (month known at least).
  bool match_point(std::size_t i, Point& p, bool check_start = true) const {
    if (i >= t_.size()) return false;
    auto free_start = [&](std::size_t k) { return !check_start || this->free_start(k); };
    // Compact, in titles and file names only: 20230504
    if (names_ && t_[i].type == Tok::num && t_[i].digits == 8) {
      int v = t_[i].value;
      p = {v / 10000, v / 100 % 100, v % 100, i + 1};
      return free_start(i) && valid(ir::Date{p.y, p.m, p.d}) && free_end(i + 1);
    }
    // ISO: 2023-07-18 or 2023/07/18
    if (year_tok(i) && free_start(i) && (punct(i + 1, '-') || punct(i + 1, '/')) && glued(i + 1) && num(i + 2) &&
        glued(i + 2) && punct(i + 3, t_[i + 1].p) && glued(i + 3) && num(i + 4) && glued(i + 4)) {
      p = {t_[i].value, t_[i + 2].value, t_[i + 4].value, i + 5, false, true, true};
      p.bad = !valid(ir::Date{p.y, p.m, p.d});
      return free_end(i + 5);
    }
    // Day first, numeric: 13.09.2023, 5.9.2023, 5.9.
    if (num(i) && free_start(i) && punct(i + 1, '.') && glued(i + 1) && num(i + 2) && glued(i + 2) &&
        punct(i + 3, '.') && glued(i + 3)) {
      if (year_tok(i + 4) && glued(i + 4)) {
        p = {t_[i + 4].value, t_[i + 2].value, t_[i].value, i + 5};
        p.has_year = true;
        p.bad = !valid(ir::Date{p.y, p.m, p.d});
        return free_end(i + 5);
      }
      if (!num(i + 4, 9) || t_[i + 4].space) {
        p = {0, t_[i + 2].value, t_[i].value, i + 4};
        return free_end(i + 4);
      }
      return false;
    }
    // A dot left out: 08.112023
    if (num(i) && free_start(i) && punct(i + 1, '.') && glued(i + 1) && num(i + 2, 6) && t_[i + 2].digits == 6 &&
        glued(i + 2)) {
      int mm = t_[i + 2].value / 10000, yy = t_[i + 2].value % 10000;
      if (mm >= 1 && mm <= 12 && yy >= 1990 && yy <= 2100) {
        p = {yy, mm, t_[i].value, i + 3};
        p.has_year = true;
        return free_end(i + 3);
      }
    }
    // Day first, month name: 14. Mai 2024, 5th of October 2023, 10.May
    if (num(i) && free_start(i)) {
      std::size_t j = after_day(i + 1);
      if (word(j, "of")) ++j;
      int m = j < t_.size() ? month_of(t_[j]) : -1;
      if (m > 0) {
        ++j;
        if (punct(j, '.') && glued(j)) ++j;
        p = {0, m, t_[i].value, j};
        p.bad = !day_exists(m, p.d);
        std::size_t k = j;
        if (punct(k, ',')) ++k;
        if (year_tok(k)) {
          p.y = t_[k].value;
          p.next = k + 1;
          p.has_year = true;
        }
        return true;
      }
    }
    // Month first: September 12th, Nov 9, May 14, 2024
    int m = month_of(t_[i]);
    if (m > 0) {
      std::size_t j = i + 1;
      if (punct(j, '.') && glued(j)) ++j;
      if (punct(j, ',') && num(j + 1) && !year_tok(j + 1)) ++j;  // "Feb, 26 + 27"
      if (num(j) && !(num(j + 0, 2) && punct(j + 1, ':'))) {
        p = {0, m, t_[j].value, j + 1, true};
        p.bad = !day_exists(m, p.d) && t_[j].digits <= 2;
        std::size_t k = ordinal(j + 1) ? j + 2 : j + 1;
        p.next = k;
        std::size_t y = punct(k, ',') ? k + 1 : k;
        if (year_tok(y)) {
          p.y = t_[y].value;
          p.next = y + 1;
          p.has_year = true;
        }
        return true;
      }
    }
    return false;
  }

  // A day number alone, the first half of "11.-12.9.2023", "14./15. May", "9+10".
  bool match_day(std::size_t i, int& day, std::size_t& next, bool check_start = true) const {
    if (!num(i) || (check_start && !free_start(i))) return false;
    day = t_[i].value;
    next = after_day(i + 1);
    return day >= 1 && day <= 31;
  }

  // A range separator at i; returns the index after it.
  std::size_t separator(std::size_t i) const {
    if (i >= t_.size()) return 0;
    const auto& t = t_[i];
    if (t.type == Tok::punct && (t.p == '-' || t.p == '+' || t.p == '/' || t.p == '&')) {
      if (t.p == '-' && (word(i + 1, "until") || word(i + 1, "to") || word(i + 1, "bis") || word(i + 1, "till")))
        return i + 2;  // "Feb. 17 – until 18, 2026"
      return i + 1;
    }
    if (t.type == Tok::word && (t.word == "to" || t.word == "until" || t.word == "till" || t.word == "bis" ||
                                t.word == "through" || t.word == "and" || t.word == "und"))
      return i + 1;
    return 0;
  }

  bool complete(Point& p, bool& year_given) const {
    year_given = p.y != 0 || p.has_year;
    if (p.has_year && p.y < 1) return false;  // "0000-01-01"
    if (p.y == 0) {
      if (!ref_) return false;
      p.y = infer_year(p.m, p.d, *ref_);
    }
    return valid(ir::Date{p.y, p.m, p.d});
  }

  bool match_date(std::size_t i, Found& f, std::size_t& next) {
    std::size_t start_tok = i;
    // "Mon, 2024-04-22": the weekday is part of the expression.
    if (weekday_of(t_[i]) >= 0) {
      std::size_t j = i + 1;
      if (punct(j, '.') && glued(j)) ++j;
      if (punct(j, ',')) ++j;
      Point probe;
      if (match_point(j, probe)) {
        i = j;
      } else if (int d = 0;
                 ref_ && match_day(j, d, next, false) && !punct(next, ':') && !word(next, "am") && !word(next, "pm")) {
        return weekday_and_day(i, weekday_of(t_[i]), d, f, next);
      } else {
        return match_weekday(i, f, next);
      }
    }
    if (match_week(i, f, next)) return true;
    if (match_relative(i, f, next)) return true;

    Point a, b;
    bool have_a = match_point(i, a);
    if (have_a && a.bad) return impossible(start_tok, a.next, "no such day", f, next);
    std::size_t after_a = have_a ? a.next : 0;
    std::optional<TimeRange> time_a;
    if (have_a) {
      TimeRange tr;
      std::size_t tn = 0;
      std::size_t k = punct(after_a, ',') ? after_a + 1 : after_a;
      if (word(k, "at") || word(k, "from") || word(k, "um") || word(k, "between")) ++k;
      if (match_time_range(k, tr, tn, true)) {
        time_a = tr;
        after_a = tn;
      } else if (std::size_t e = bad_clock(k)) {
        return impossible(start_tok, e, "no such time of day", f, next);
      }
    }
    bool ranged = false;
    if (have_a) {
      if (std::size_t s = separator(after_a); s && !(time_a && time_a->end)) {
        if (match_point(s, b, false)) {
          if (b.bad) return impossible(start_tok, b.next, "no such day", f, next);
          if (b.y == 0 && a.y == 0) {
          } else if (a.y == 0) {
            a.y = b.y - (a.m > b.m ? 1 : 0);
          }
          ranged = true;
        } else if ((a.month_first || a.iso) && num(s) && !(punct(s + 1, ':') && num(s + 2) && glued(s + 2))) {
          int d = 0;
          std::size_t n = 0;
          if (match_day(s, d, n, false) && !word(n, "am") && !word(n, "pm") && !word(n, "o")) {
            b = {a.y, a.m, d, n, a.month_first, a.iso};
            if (a.month_first) {  // "Nov 9+10, 2023"
              std::size_t y = punct(n, ',') ? n + 1 : n;
              if (year_tok(y)) {
                b.y = a.y = t_[y].value;
                b.next = y + 1;
              }
            }
            ranged = true;
          }
        }
      }
    } else {
      int d = 0;
      std::size_t n = 0;
      if (!match_day(i, d, n)) return false;
      std::size_t s = separator(n);
      if (!s || !match_point(s, b, false) || b.month_first || b.iso) return false;
      if (b.bad) return impossible(start_tok, b.next, "no such day", f, next);
      a = {b.y, b.m, d, n};
      a.has_year = b.has_year;
      if (!day_exists(a.m, a.d)) return impossible(start_tok, b.next, "no such day", f, next);
      ranged = true;
    }
    bool year_a = false, year_b = false;
    bool b_year_written = ranged && b.y != 0;
    if (!complete(a, year_a)) {
      if (a.has_year) return impossible(start_tok, ranged ? b.next : a.next, "no such year", f, next);
      return false;
    }
    ir::Date da{a.y, a.m, a.d};
    f = Found{};
    f.start = da;
    f.year_given = year_a;
    f.begin = t_[start_tok].b;
    std::size_t last = a.next;
    if (ranged) {
      if (b.y == 0) b.y = a.y + (b.m < a.m ? 1 : 0);
      if (!complete(b, year_b)) return false;
      ir::Date db{b.y, b.m, b.d};
      if (db < da) return impossible(start_tok, b.next, "the range ends before it starts", f, next);
      if (ir::days_from_civil(db) - ir::days_from_civil(da) > 62) return false;
      if (db != da) f.end = db;
      f.year_given = year_a || (year_b && b_year_written);
      last = b.next;
      TimeRange tr;
      std::size_t tn = 0;
      std::size_t k = punct(last, ',') ? last + 1 : last;
      if (word(k, "at")) ++k;
      if (time_a && match_time_range(k, tr, tn, true)) {  // "2024-04-22 16:00 - 2024-04-23 10:00"
        f.start_time = time_a->start;
        f.end_time = tr.start;
        f.timezone = !tr.timezone.empty() ? tr.timezone : time_a->timezone;
        last = tn;
      } else if (!time_a && match_time_range(k, tr, tn, true)) {
        f.start_time = tr.start;
        f.end_time = tr.end;
        f.timezone = tr.timezone;
        last = tn;
      } else if (time_a) {
        f.start_time = time_a->start;
        f.end_time = time_a->end;
        f.timezone = time_a->timezone;
      }
    } else if (time_a) {
      f.start_time = time_a->start;
      f.end_time = time_a->end;
      f.timezone = time_a->timezone;
      last = after_a;
      if (f.end_time && *f.end_time < *f.start_time) f.end = ir::civil_from_days(ir::days_from_civil(da) + 1);
    }
    f.end_pos = t_[last - 1].e;
    if (f.year_given) {
      int ry = ref_ ? ref_->year : 0;
      f.implausible = ref_ ? std::abs(f.start.year - ry) > 3 : (f.start.year < 1990 || f.start.year > 2100);
    }
    next = last;
    return true;
  }

  // A date-shaped expression that names no real day or time: found, with the problem, so that it is warned about.
  bool impossible(std::size_t from, std::size_t to, const char* why, Found& f, std::size_t& next) const {
    f = Found{};
    f.begin = t_[from].b;
    f.end_pos = t_[std::max(to, from + 1) - 1].e;
    f.problem = why;
    next = std::max(to, from + 1);
    return true;
  }

  // The end of "25:99" or "24:00" at i (a time of day in form, but none in fact); 0 when there is none.
  std::size_t bad_clock(std::size_t i) const {
    if (!num(i) || !punct(i + 1, ':') || !glued(i + 1) || !num(i + 2) || t_[i + 2].digits != 2 || !glued(i + 2))
      return 0;
    int h = t_[i].value, mi = t_[i + 2].value;
    return h > 23 || mi > 59 ? i + 3 : 0;
  }

  // "today", "tomorrow", "heute", "the 15th": days relative to the reference date.
  bool match_relative(std::size_t i, Found& f, std::size_t& next) const {
    if (!ref_) return false;
    int64_t r = ir::days_from_civil(*ref_);
    std::optional<ir::Date> day;
    std::size_t last = i + 1;
    if (word(i, "today") || word(i, "heute")) {
      day = *ref_;
    } else if (word(i, "tomorrow")) {
      day = ir::civil_from_days(r + 1);
    } else if (word(i, "the") && num(i + 1) && ordinal(i + 2) &&
               (i + 3 >= t_.size() || t_[i + 3].type == Tok::punct || word(i + 3, "at") || word(i + 3, "in") ||
                word(i + 3, "from") || word(i + 3, "between") || word(i + 3, "and") || word(i + 3, "to"))) {
      Point probe;
      if (match_point(i + 1, probe)) return false;  // "the 5th of October": a date of its own
      int d = t_[i + 1].value;
      for (int dm = 0; dm <= 1 && !day; ++dm) {  // this month's day, unless more than a week past: next month's
        int m = ref_->month + dm, y = ref_->year;
        if (m > 12) m -= 12, ++y;
        ir::Date c{y, m, d};
        if (valid(c) && ir::days_from_civil(c) >= r - 7) day = c;
      }
      last = i + 3;
    }
    if (!day) return false;
    f = Found{};
    f.start = *day;
    f.kind = DateKind::weekday;
    f.begin = t_[i].b;
    TimeRange tr;
    std::size_t tn = 0;
    std::size_t k = punct(last, ',') ? last + 1 : last;
    if (word(k, "at") || word(k, "from") || word(k, "between") || word(k, "um")) ++k;
    if (match_time_range(k, tr, tn, true)) {
      f.start_time = tr.start;
      f.end_time = tr.end;
      f.timezone = tr.timezone;
      last = tn;
    }
    f.end_pos = t_[last - 1].e;
    next = last;
    return true;
  }

  // "Monday, 31st": the day of that number and weekday nearest to the reference date.
  bool weekday_and_day(std::size_t i, int wd, int d, Found& f, std::size_t next) const {
    int64_t r = ir::days_from_civil(*ref_);
    std::optional<ir::Date> best;
    for (int dm = -2; dm <= 3; ++dm) {
      int m = ref_->month + dm, y = ref_->year;
      if (m < 1) {
        m += 12;
        --y;
      }
      if (m > 12) {
        m -= 12;
        ++y;
      }
      ir::Date c{y, m, d};
      if (!valid(c) || ir::weekday(c) != wd) continue;
      if (!best || std::llabs(ir::days_from_civil(c) - r) < std::llabs(ir::days_from_civil(*best) - r)) best = c;
    }
    if (!best) return false;
    f = Found{};
    f.start = *best;
    f.begin = t_[i].b;
    f.end_pos = t_[next - 1].e;
    return true;
  }

  // "CW20", "KW 20", "calendar week 20": Monday to Friday of that week.
  bool match_week(std::size_t i, Found& f, std::size_t& next) const {
    std::size_t j = 0;
    if (word(i, "cw") || word(i, "kw"))
      j = i + 1;
    else if (word(i, "calendar") && word(i + 1, "week"))
      j = i + 2;
    if (!j || !num(j) || !ref_) return false;
    int w = t_[j].value;
    if (w < 1 || w > 53) return false;
    std::size_t n = j + 1;
    int year = ref_->year;
    if (punct(n, '/') && year_tok(n + 1)) {
      year = t_[n + 1].value;
      n += 2;
    } else {
      ir::Date mon = iso_week_monday(year, w);
      if (ir::days_from_civil(mon) < ir::days_from_civil(*ref_) - 56) year += 1;
    }
    ir::Date mon = iso_week_monday(year, w);
    f = Found{};
    f.start = mon;
    f.end = ir::civil_from_days(ir::days_from_civil(mon) + 4);
    f.kind = DateKind::week;
    f.begin = t_[i].b;
    f.end_pos = t_[n - 1].e;
    next = n;
    return true;
  }

  // "on Monday", "next Thursday": the next such day after the reference date.
  bool match_weekday(std::size_t i, Found& f, std::size_t& next) const {
    if (!ref_) return false;
    int wd = weekday_of(t_[i]);
    if (wd < 0 || t_[i].word.size() < 6) return false;  // only full names ("Monday"), not "mon"/"sat"
    if (i > 0 && (word(i - 1, "last") || word(i - 1, "every") || word(i - 1, "past"))) return false;
    int delta = (wd - ir::weekday(*ref_) + 7) % 7;
    if (delta == 0) delta = 7;
    f = Found{};
    f.start = ir::civil_from_days(ir::days_from_civil(*ref_) + delta);
    f.kind = DateKind::weekday;
    f.begin = t_[i].b;
    std::size_t last = i + 1;
    TimeRange tr;
    std::size_t tn = 0;
    std::size_t k = punct(last, ',') ? last + 1 : last;
    if (word(k, "at") || word(k, "from")) ++k;
    if (match_time_range(k, tr, tn, true)) {
      f.start_time = tr.start;
      f.end_time = tr.end;
      f.timezone = tr.timezone;
      last = tn;
    }
    f.end_pos = t_[last - 1].e;
    next = last;
    return true;
  }

  // One time of day at i; `marked` tells whether it carries a sign of being a time (":", am/pm, o'clock, zone).
  bool match_clock(std::size_t i, ir::Time& t, std::size_t& next, bool& marked, int& half,
                   bool check_start = true) const {
    // "1000 CEST": four digits are a time of day only with a zone after them
    if (i < t_.size() && t_[i].type == Tok::num && t_[i].digits == 4 && (!check_start || free_start(i)) &&
        i + 1 < t_.size() && t_[i + 1].type == Tok::word && !zone_for(text_.substr(t_[i + 1].b, t_[i + 1].e - t_[i + 1].b)).empty()) {
      int v = t_[i].value;
      if (v / 100 > 23 || v % 100 > 59) return false;
      t = ir::Time{v / 100, v % 100};
      next = i + 1;
      marked = true;
      half = 0;
      return true;
    }
    if (!num(i) || (check_start && !free_start(i))) return false;
    int h = t_[i].value, mi = 0;
    std::size_t j = i + 1;
    marked = false;
    half = 0;
    if (punct(j, ':') && glued(j) && num(j + 1) && t_[j + 1].digits == 2 && glued(j + 1)) {
      mi = t_[j + 1].value;
      j += 2;
      marked = true;
    }
    if (word(j, "am") || word(j, "pm")) {
      half = t_[j].word[0] == 'a' ? 1 : 2;
      ++j;
      marked = true;
    } else if (word(j, "o") && punct(j + 1, '\'') && word(j + 2, "clock")) {
      j += 3;
      marked = true;
    } else if (word(j, "uhr")) {  // not "h": "2h workshop" is a duration
      j += 1;
      marked = true;
    }
    if (half) {
      if (h < 1 || h > 12) return false;
      h = (h % 12) + (half == 2 ? 12 : 0);
    }
    if (h > 23 || mi > 59) return false;  // 24:00 is no time of day: written so, it is warned about
    t = ir::Time{h, mi};
    next = j;
    return true;
  }

  std::string zone_at(std::size_t& j) const {
    std::size_t k = j;
    bool paren = punct(k, '(');
    if (paren) ++k;
    if (k < t_.size() && t_[k].type == Tok::word) {
      std::string z = zone_for(text_.substr(t_[k].b, t_[k].e - t_[k].b));
      if (!z.empty()) {
        ++k;
        if (paren && punct(k, ')')) ++k;
        j = k;
        return z;
      }
    }
    return {};
  }

  // A time or time range at i; in a date context a bare hour counts when a zone follows ("at 15 CEST").
  bool match_time_range(std::size_t i, TimeRange& r, std::size_t& next, bool after_date) const {
    ir::Time t1, t2;
    std::size_t n1 = 0, n2 = 0;
    bool m1 = false, m2 = false;
    int h1 = 0, h2 = 0;
    if (!match_clock(i, t1, n1, m1, h1)) return false;
    std::size_t j = n1;
    bool ranged = false;
    bool between = i > 0 && word(i - 1, "between");  // "between 11am and 3pm"
    if (std::size_t s = separator(j);
        s && (between || !word(j, "and")) && !punct(j, '+') && !punct(j, '&') && !punct(j, '/')) {
      if (match_clock(s, t2, n2, m2, h2, false) && (m1 || m2)) {
        if (!m1 && h2 && !h1 && t1.hour < 12) {  // "9-11am": the first takes the second's half of the day
          if (h2 == 2 && t1.hour + 12 <= t2.hour) t1.hour += 12;
        }
        ranged = true;
        j = n2;
      }
    }
    std::size_t z = j;
    std::string zone = zone_at(z);
    if (!zone.empty()) j = z;
    bool is_time = m1 || (ranged && m2) || !zone.empty();
    if (!is_time) return false;
    if (!m1 && !ranged && !after_date && zone.empty()) return false;
    r = TimeRange{};
    r.start = t1;
    if (ranged) r.end = t2;
    r.timezone = zone;
    r.begin = t_[i].b;
    r.end_pos = t_[j - 1].e;
    next = j;
    return true;
  }
};

}  // namespace

std::vector<Found> find_dates(std::string_view text, std::optional<ir::Date> reference, ScanOptions options) {
  return Scanner(text, reference, options).dates();
}

std::optional<TimeRange> find_time(std::string_view text) { return Scanner(text, std::nullopt).first_time(); }

}  // namespace minutes::dates
