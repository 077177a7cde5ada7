# Parses an iCalendar file with python3-icalendar and prints what it sees (and any parse errors) as JSON.
import json
import sys
from datetime import date, datetime, timezone

from icalendar import Calendar


def when(v):
    if v is None:
        return None
    d = v.dt
    if isinstance(d, datetime):
        return {"local": d.replace(tzinfo=None).isoformat(), "utc": d.astimezone(timezone.utc).isoformat() if d.tzinfo else None,
                "tz": str(d.tzinfo) if d.tzinfo else None}
    if isinstance(d, date):
        return {"date": d.isoformat()}
    return {"other": str(d)}


cal = Calendar.from_ical(open(sys.argv[1], "rb").read())
errors = []
for c in cal.walk():
    errors += [f"{c.name}: {e}" for e in getattr(c, "errors", [])]
events = [{
    "uid": str(e.get("uid")), "summary": str(e.get("summary")), "location": str(e.get("location", "")),
    "description": str(e.get("description", "")), "url": str(e.get("url", "")), "sequence": int(e.get("sequence", 0)),
    "start": when(e.get("dtstart")), "end": when(e.get("dtend")), "last_modified": when(e.get("last-modified")),
    "dtstamp": when(e.get("dtstamp")),
    "rrule": e.get("rrule").to_ical().decode() if e.get("rrule") else None,
    "recurrence_id": when(e.get("recurrence-id")),
} for e in cal.walk("VEVENT")]
print(json.dumps({
    "errors": errors, "version": str(cal.get("version")), "prodid": str(cal.get("prodid")),
    "name": str(cal.get("x-wr-calname")), "timezones": [str(z.get("tzid")) for z in cal.walk("VTIMEZONE")],
    "events": events, "todos": [str(t.get("summary")) for t in cal.walk("VTODO")],
}))
