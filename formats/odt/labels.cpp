// The words the ODT writer adds itself (labels, headings, footer), in English or German.
#include "formats/odt/internal.hpp"

namespace minutes::formats::odt {

const Labels& labels_for(const std::string& lang) {
  static const Labels en{"Minutes", "Scribe",   "Scribes", "Participants", "Date",  "Organisation", "Funder",
                         "Meetings", "Contents", "Events mentioned", "Event", "Place", "Page", "of"};
  static const Labels de{"Protokoll", "Protokoll", "Protokoll", "Teilnehmende", "Datum", "Organisation", "Förderer",
                         "Sitzungen", "Inhalt",    "Erwähnte Veranstaltungen", "Veranstaltung", "Ort", "Seite", "von"};
  bool german = lang.size() >= 2 && (lang[0] == 'd' || lang[0] == 'D') && (lang[1] == 'e' || lang[1] == 'E') &&
                (lang.size() == 2 || lang[2] == '-');
  return german ? de : en;
}

}  // namespace minutes::formats::odt
