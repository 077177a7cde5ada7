// Meta lines, for every reader: "Minutes:", "Scribe:", "Protokoll:", "Participants:", "Teilnehmende:", "Date:"
// lines and Participants sections become the meeting's scribes, participants and the sections' minutes links.
#include <algorithm>
#include <unordered_set>

#include "converters/core/recognise.hpp"
#include "converters/core/titles.hpp"

namespace minutes {

namespace {

struct Key {
  std::string_view name;
  MetaKey key;
};

constexpr Key keys[] = {
    {"date", MetaKey::date},
    {"datum", MetaKey::date},
    {"minutes", MetaKey::minutes},
    {"scribe", MetaKey::scribe},
    {"scribes", MetaKey::scribe},
    {"protokoll", MetaKey::scribe},
    {"protokollant", MetaKey::scribe},
    {"protokollantin", MetaKey::scribe},
    {"note taker", MetaKey::scribe},
    {"notes by", MetaKey::scribe},
    {"present", MetaKey::participants},
    {"participants", MetaKey::participants},
    {"attendees", MetaKey::participants},
    {"teilnehmer", MetaKey::participants},
    {"teilnehmerinnen", MetaKey::participants},
    {"teilnehmende", MetaKey::participants},
    {"anwesend", MetaKey::participants},
};

// A title that starts with a word ("Participants (github handles preferred)"), not a longer one ("Presentation").
bool starts_with_word(std::string_view title, std::string_view word) {
  if (!starts_with_icase(title, word)) return false;
  if (title.size() == word.size()) return true;
  char c = title[word.size()];
  return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

// Scribes or participants without duplicates, at most 1000 (a huge list cannot make recognition slow).
class Names {
 public:
  explicit Names(std::vector<std::string>& to) : to_(to), seen_(to.begin(), to.end()) {}
  void add(std::string name) {
    if (to_.size() < 1000 && !name.empty() && seen_.insert(name).second) to_.push_back(std::move(name));
  }
  void add(const std::vector<std::string>& names) {
    for (const auto& n : names) add(n);
  }

 private:
  std::vector<std::string>& to_;
  std::unordered_set<std::string> seen_;
};

// Removes the elements whose mark is set, keeping the order of the rest.
template <class T>
void erase_marked(std::vector<T>& v, const std::vector<bool>& marked) {
  size_t out = 0;
  for (size_t i = 0; i < v.size(); ++i)
    if (!marked[i]) {
      if (out != i) v[out] = std::move(v[i]);
      ++out;
    }
  v.resize(out);
}

bool is_break(const ir::Inline& in) {
  return in.kind == ir::InlineKind::soft_break || in.kind == ir::InlineKind::line_break;
}

// A recognised line's key and its value (the inlines after "Key:").
struct Field {
  MetaKey key = MetaKey::none;
  ir::Inlines value;
  std::string text;  // the value's plain text, trimmed
};

// The field a line of inlines holds: its first inline is text that starts with a meta key.
Field field_of(ir::Inlines::const_iterator begin, ir::Inlines::const_iterator end) {
  if (begin == end || begin->kind != ir::InlineKind::text) return {};
  std::string_view first = trim(begin->text);
  MetaLabel label = meta_label(first);
  if (label.key == MetaKey::none) return {};
  Field f;
  f.key = label.key;
  f.value.assign(begin, end);
  std::string rest(trim(first.substr(label.value)));
  if (rest.empty())
    f.value.erase(f.value.begin());
  else
    f.value[0].text = std::move(rest);
  std::string text = ir::plain_text(f.value);
  f.text = std::string(trim(text));
  return f;
}

// The handles of a value made only of mentions and separators ("@a, @b and @c"); empty otherwise.
std::vector<std::string> only_mentions(const ir::Inlines& value) {
  std::vector<std::string> handles;
  for (const auto& in : value) {
    if (in.kind == ir::InlineKind::mention) {
      handles.push_back(in.text);
      continue;
    }
    if (is_break(in)) continue;
    if (in.kind != ir::InlineKind::text) return {};
    std::string t = lower(trim(in.text));
    for (std::string_view sep : {",", ";", "and", "und", "&", "/", "+"})
      if (t == sep) t.clear();
    if (!t.empty()) return {};
  }
  return handles;
}

bool has_link(const ir::Inlines& value) {
  return std::any_of(value.begin(), value.end(), [](const ir::Inline& in) { return in.kind == ir::InlineKind::link; });
}

// A "Minutes:" value as a section's minutes: the first link, and the rest as status ("Not merged yet").
ir::MinutesRef minutes_ref(const ir::Inlines& value) {
  ir::MinutesRef ref;
  ir::Inlines status;
  for (const auto& in : value) {
    if (in.kind == ir::InlineKind::link && ref.url.empty())
      ref.url = in.url;
    else
      status.push_back(in);
  }
  std::string status_text = ir::plain_text(status);
  std::string_view st = trim(status_text);
  while (!st.empty() && (st.back() == ':' || st.back() == '-')) st = trim(st.substr(0, st.size() - 1));
  if (st.size() >= 2 && st.front() == '(' && st.back() == ')' && st.find(')') == st.size() - 1)
    st = trim(st.substr(1, st.size() - 2));
  ref.status = std::string(st);
  return ref;
}

// Where the line that starts at `from` ends: at its line break, or at the end of the inlines.
ir::Inlines::const_iterator line_end(const ir::Inlines& inlines, ir::Inlines::const_iterator from) {
  return std::find_if(from, inlines.end(), is_break);
}

class Recogniser {
 public:
  explicit Recogniser(ir::Meeting& m) : m_(m), scribes_(m.scribes), participants_(m.participants) {}

  std::optional<DateLine> run() {
    read_blocks(m_.blocks, nullptr);
    walk(m_.sections);
    return date_line_;
  }

 private:
  ir::Meeting& m_;
  Names scribes_, participants_;
  std::optional<DateLine> date_line_;

  void walk(std::vector<ir::Section>& sections) {
    for (auto& s : sections) {
      read_blocks(s.blocks, &s);
      walk(s.sections);  // at most six levels deep
    }
  }

  // Reads one field; true when its information now lives in the meeting (the line leaves the content).
  bool take(const Field& f, ir::Section* section, bool meta_place, bool first_line, int line) {
    switch (f.key) {
      case MetaKey::none: return false;
      case MetaKey::scribe:
        if (f.text.empty()) return false;
        scribes_.add(split_names(f.text));
        return true;
      case MetaKey::participants:
        if (f.text.empty()) return false;
        participants_.add(split_names(f.text));
        return true;
      case MetaKey::date: {
        if (!meta_place) return false;
        auto found = find_date(std::string_view(f.text).substr(0, 200));
        if (!found) return false;
        if (!date_line_) date_line_ = DateLine{found->date, line};
        return true;
      }
      case MetaKey::minutes: {
        // Only mentions: the scribes. In the preamble or under Meta, without a link: the scribes' names.
        // Right under a heading: that section's minutes link and status.
        if (auto handles = only_mentions(f.value); !handles.empty()) {
          scribes_.add(handles);
          return true;
        }
        if (meta_place && !has_link(f.value) && !f.text.empty()) {
          scribes_.add(split_names(f.text));
          return true;
        }
        if (section != nullptr && first_line) {
          section->minutes = minutes_ref(f.value);
          return true;
        }
        return false;
      }
    }
    return false;
  }

  // One participant from a list item: its leading @handle, else its first line.
  void participant(const ir::ListItem& item) {
    if (item.blocks.empty() || item.blocks[0].kind != ir::BlockKind::paragraph) return;
    const auto& inlines = item.blocks[0].inlines;
    for (const auto& in : inlines) {
      if (in.kind == ir::InlineKind::mention) return participants_.add(in.text);
      if (in.kind != ir::InlineKind::text || !trim(in.text).empty()) break;
    }
    std::string text = ir::plain_text(ir::Inlines(inlines.begin(), line_end(inlines, inlines.begin())));
    participants_.add(std::string(trim(text)));
  }

  void participants_of(const ir::Block& list) {
    for (const auto& item : list.items) participant(item);
  }

  // The paragraphs' meta lines and, under Meta and Participants headings, the list items.
  void read_blocks(ir::Blocks& blocks, ir::Section* section) {
    bool meta_place = section == nullptr || is_meta_title(section->title);
    bool people = section != nullptr && is_participants_title(section->title);
    std::vector<bool> emptied(blocks.size(), false);
    for (size_t i = 0; i < blocks.size(); ++i) {
      ir::Block& b = blocks[i];
      const ir::Block* next = i + 1 < blocks.size() ? &blocks[i + 1] : nullptr;
      if (b.kind == ir::BlockKind::paragraph) {
        emptied[i] = paragraph(b, next, section, meta_place, i == 0) && b.inlines.empty();
      } else if (b.kind == ir::BlockKind::list && (people || (section != nullptr && meta_place))) {
        emptied[i] = items(b, people) && b.items.empty();
      }
    }
    erase_marked(blocks, emptied);
  }

  // Takes a paragraph's meta lines out of it; true when it took any (the caller drops a paragraph left empty).
  bool paragraph(ir::Block& p, const ir::Block* next, ir::Section* section, bool meta_place, bool first_block) {
    const ir::Inlines& in = p.inlines;
    ir::Inlines kept;
    bool first_line = first_block, changed = false;
    for (auto begin = in.begin(); begin != in.end();) {
      auto end = line_end(in, begin);
      bool last = end == in.end();
      Field f = field_of(begin, end);
      int line = begin->line > 0 ? begin->line : p.line;
      if (f.key == MetaKey::participants && f.text.empty() && last && next && next->kind == ir::BlockKind::list) {
        participants_of(*next);  // "Participants:" over a list: the list stays, as under a heading
      } else if (take(f, section, meta_place, first_line, line)) {
        changed = true;
        if (last && !kept.empty() && is_break(kept.back())) kept.pop_back();  // the line end before a last line
        begin = last ? end : end + 1;
        first_line = false;
        continue;
      }
      kept.insert(kept.end(), begin, last ? end : end + 1);
      begin = last ? end : end + 1;
      first_line = false;
    }
    if (changed) p.inlines = std::move(kept);
    return changed;
  }

  // List items under a Meta or Participants heading: "- Minutes: Jonas" and "- Participants: ..." are fields;
  // under Participants, every other item names a participant (and stays). True when it took any field.
  bool items(ir::Block& list, bool people) {
    std::vector<bool> emptied(list.items.size(), false);
    bool took = false;
    for (size_t i = 0; i < list.items.size(); ++i) {
      ir::ListItem& item = list.items[i];
      if (item.blocks.empty() || item.blocks[0].kind != ir::BlockKind::paragraph) continue;
      ir::Block& p = item.blocks[0];
      auto end = line_end(p.inlines, p.inlines.begin());
      bool alone = end == p.inlines.end();
      Field f = field_of(p.inlines.begin(), end);
      bool nested = item.blocks.size() > 1 && item.blocks[1].kind == ir::BlockKind::list;
      if (f.key == MetaKey::participants && f.text.empty() && alone && nested) {
        participants_of(item.blocks[1]);  // "- Participants:" over a nested list
      } else if (!(f.key == MetaKey::minutes && has_link(f.value)) && take(f, nullptr, true, false, item.line)) {
        p.inlines.erase(p.inlines.begin(), alone ? end : end + 1);
        if (p.inlines.empty()) item.blocks.erase(item.blocks.begin());
        emptied[i] = item.blocks.empty();
        took = true;
      } else if (people) {
        participant(item);
      }
    }
    erase_marked(list.items, emptied);
    return took;
  }
};

}  // namespace

MetaLabel meta_label(std::string_view line) {
  size_t colon = line.substr(0, 25).find(':');
  if (colon == std::string_view::npos) return {};
  std::string_view key = trim(line.substr(0, colon));
  for (const auto& k : keys)
    if (iequals(key, k.name)) return {k.key, colon + 1};
  return {};
}

bool is_meta_line(std::string_view line) {
  MetaLabel label = meta_label(line);
  if (label.key == MetaKey::none) return false;
  std::string_view value = trim(line.substr(label.value));
  return !value.empty() && (label.key != MetaKey::date || find_date(value.substr(0, 200)));
}

bool is_meta_title(std::string_view title) {
  for (std::string_view t : {"meta", "metadata", "organisation", "organization"})
    if (iequals(trim(title), t)) return true;
  return false;
}

bool is_participants_title(std::string_view title) {
  title = trim(title);
  for (const auto& k : keys)
    if (k.key == MetaKey::participants && starts_with_word(title, k.name)) return true;
  return false;
}

std::optional<DateLine> recognise_meta(ir::Meeting& meeting) { return Recogniser(meeting).run(); }

}  // namespace minutes
