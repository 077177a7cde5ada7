# Checks a JSON Feed against the required fields and types of version 1.1 (https://jsonfeed.org/version/1.1)
# and prints the problems found (empty: none) and what a reader would see, as JSON.
import datetime
import json
import sys

feed = json.load(open(sys.argv[1], encoding="utf-8"))
problems = []


def need(obj, key, kind, where, required=False):
    if key not in obj:
        if required:
            problems.append(f"{where}: '{key}' is required")
        return
    if not isinstance(obj[key], kind):
        problems.append(f"{where}: '{key}' is not a {kind.__name__}")


need(feed, "version", str, "feed", True)
if feed.get("version") != "https://jsonfeed.org/version/1.1":
    problems.append("feed: version is not https://jsonfeed.org/version/1.1")
need(feed, "title", str, "feed", True)
need(feed, "items", list, "feed", True)
for key in ("home_page_url", "feed_url", "description", "language"):
    need(feed, key, str, "feed")
for key in ("home_page_url", "feed_url"):
    if key in feed and not feed[key].startswith(("http://", "https://")):
        problems.append(f"feed: {key} is not an absolute URL")
ids = set()
for n, item in enumerate(feed.get("items", [])):
    where = f"items[{n}]"
    need(item, "id", str, where, True)
    if item.get("id") in ids:
        problems.append(f"{where}: id is not unique")
    ids.add(item.get("id"))
    if "content_html" not in item and "content_text" not in item:
        problems.append(f"{where}: neither content_html nor content_text")
    for key in ("url", "title", "content_html", "content_text", "summary", "date_published"):
        need(item, key, str, where)
    if "date_published" in item:
        try:
            datetime.datetime.fromisoformat(item["date_published"].replace("Z", "+00:00"))
        except ValueError:
            problems.append(f"{where}: date_published is not RFC 3339")
    need(item, "tags", list, where)
    need(item, "authors", list, where)
print(json.dumps({"problems": problems, "version": feed.get("version"), "title": feed.get("title"),
                  "link": feed.get("home_page_url"), "subtitle": feed.get("description"),
                  "feed_url": feed.get("feed_url"),
                  "entries": [{"id": i.get("id"), "link": i.get("url"), "title": i.get("title"),
                               "published": i.get("date_published"), "summary": i.get("summary"),
                               "content": [i["content_html"]] if "content_html" in i else []}
                              for i in feed.get("items", [])]}))
