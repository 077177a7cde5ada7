// Parses an iCalendar file with ical.js and prints what a calendar client would see, as JSON.
import fs from 'node:fs';
import ICAL from 'ical.js';

const text = fs.readFileSync(process.argv[2], 'utf8');
const root = new ICAL.Component(ICAL.parse(text));
for (const vtz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
const utc = (t) => (t ? new Date(t.toUnixTime() * 1000).toISOString() : null);
const events = root.getAllSubcomponents('vevent').map((c) => {
  const e = new ICAL.Event(c);
  return {
    uid: e.uid, summary: e.summary, location: e.location, description: e.description,
    url: c.getFirstPropertyValue('url'), sequence: e.sequence,
    all_day: e.startDate.isDate, start: e.startDate.toString(), end: e.endDate ? e.endDate.toString() : null,
    start_utc: e.startDate.isDate ? null : utc(e.startDate), end_utc: e.startDate.isDate ? null : utc(e.endDate),
    tzid: c.getFirstProperty('dtstart').getParameter('tzid') || null,
    recurrence_id: c.getFirstPropertyValue('recurrence-id') ? c.getFirstPropertyValue('recurrence-id').toString() : null,
    // a series as a client expands it (RRULE, UNTIL, EXDATE): the first 200 occurrences' starts in UTC
    occurrences: e.isRecurring() && !c.getFirstPropertyValue('recurrence-id') ? (() => {
      const out = [];
      const it = e.iterator();
      for (let t = it.next(); t && out.length < 200; t = it.next()) out.push(utc(t));
      return out;
    })() : null,
  };
});
const todos = root.getAllSubcomponents('vtodo').map((c) => ({
  uid: c.getFirstPropertyValue('uid'), summary: c.getFirstPropertyValue('summary'),
  status: c.getFirstPropertyValue('status'),
}));
console.log(JSON.stringify({
  name: root.getFirstPropertyValue('x-wr-calname'), method: root.getFirstPropertyValue('method'),
  timezones: root.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')), events, todos,
}));
