# Parses a feed (RSS, Atom or JSON Feed) with python3-feedparser and prints what a feed reader would see as JSON.
import json
import sys

import feedparser

d = feedparser.parse(open(sys.argv[1], "rb").read())
print(json.dumps({
    "bozo": int(d.bozo), "bozo_exception": str(d.get("bozo_exception", "")), "version": d.version,
    "title": d.feed.get("title"), "link": d.feed.get("link"), "language": d.feed.get("language"),
    "subtitle": d.feed.get("subtitle"),
    "self": [l.get("href") for l in d.feed.get("links", []) if l.get("rel") == "self"],
    "updated": d.feed.get("updated"),
    "entries": [{
        "title": e.get("title"), "link": e.get("link"), "id": e.get("id"), "permalink": e.get("guidislink"),
        "published": list(e.published_parsed[:6]) if e.get("published_parsed") else None,
        "summary": e.get("summary"), "tags": [t.term for t in e.get("tags", [])],
        "content": [c.value for c in e.get("content", [])],
    } for e in d.entries],
}))
