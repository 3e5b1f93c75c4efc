"""A bundled demo news site: three outlets, three feed formats, syndicated wire copy, and a few faults.

The stories (``stories.yaml``) are fictional and written for wirelake (CC0). Pages carry realistic furniture
(navigation, cookie banner, share bar, related links, newsletter box, comments) so extraction does real work; feed
links carry tracking parameters so canonicalisation does too. Faults on purpose: one broken feed and one feed item
whose page is gone (404). The server answers conditional GETs on feeds (ETag) like a real publisher.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import hashlib
import html
import threading
from collections.abc import Iterator
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from urllib.parse import urlsplit

import yaml

_FEED_PATHS = {"rss2": "feed.xml", "atom": "atom.xml", "rss1": "index.rdf"}
_FEED_TYPES = {"rss2": "application/rss+xml", "atom": "application/atom+xml", "rss1": "application/rdf+xml"}
_TRACKING = "?utm_source=rss&utm_medium=feed&utm_campaign=demo"
BROKEN_FEED_PATH = "/wire-desk/feed.xml"
DEAD_LINK_SLUG = "harbour-ferry-timetable-withdrawn"
VIDEO_SLUG = "video-flood-defences-tested"
_VIDEO_TEXT = (
    "<p>Engineers closed the Millbrook flood gates for a full-scale test on Tuesday morning, the first since the "
    "barrier was raised by half a metre last spring.</p><p>The test lasted forty minutes. Council engineer Priya "
    "Lal said every gate sealed within the design time and that the pumps cleared the inner channel in under an "
    "hour.</p><p>The next scheduled test is in March, before the spring tides.</p>"
)


@cache
def stories() -> dict:
    with resources.files(__package__).joinpath("stories.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _when(story: dict) -> dt.datetime:
    return dt.datetime.fromisoformat(story["published"].replace("Z", "+00:00"))


def article_path(story: dict) -> str:
    when = _when(story)
    return f"/{story['outlet']}/{when:%Y/%m}/{story['slug']}"


def feed_path(outlet: dict) -> str:
    return f"/{outlet['id']}/{_FEED_PATHS[outlet['feed_format']]}"


def render_site(base: str) -> dict[str, tuple[str, bytes]]:
    """Every path of the site, with content type and body."""
    data = stories()
    outlets = {o["id"]: o for o in data["outlets"]}
    site: dict[str, tuple[str, bytes]] = {"/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /admin/\n")}
    by_outlet: dict[str, list[dict]] = {o: [] for o in outlets}
    for story in data["stories"]:
        by_outlet[story["outlet"]].append(story)
    for outlet_id, outlet in outlets.items():
        own = sorted(by_outlet[outlet_id], key=_when, reverse=True)
        for story in own:
            related = [s for s in own if s is not story][:4]
            site[article_path(story)] = ("text/html; charset=utf-8", _article_page(base, outlet, story, related))
        items = [_feed_item(base, story) for story in own]
        items += _extra_items(base, outlet)
        site[feed_path(outlet)] = (f"{_FEED_TYPES[outlet['feed_format']]}; charset=utf-8", _feed(base, outlet, items))
    site[f"/valley-courier/2026/11/{VIDEO_SLUG}"] = ("text/html; charset=utf-8", _video_page(outlets["valley-courier"]))
    site[BROKEN_FEED_PATH] = ("application/rss+xml", b'<?xml version="1.0"?>\n<rss version="2.0"><chan\x00\xff\xfe')
    return site


def feed_list_yaml(base: str) -> str:
    """The demo's feed list, in wirelake's YAML format."""
    lines = ["# Feeds of the wirelake demo site", "feeds:"]
    for outlet in stories()["outlets"]:
        lines += [
            f"  - url: {base}{feed_path(outlet)}",
            f"    name: {outlet['name']}",
            "    language: en",
            f"    tags: [demo, {outlet['feed_format']}]",
        ]
    lines += [f"  - url: {base}{BROKEN_FEED_PATH}", "    name: Wire Desk (broken feed)", "    tags: [demo]"]
    return "\n".join(lines) + "\n"


# -- pages ----------------------------------------------------------------------------------------------------------
def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _chrome(outlet: dict, title: str, head: str, main: str) -> bytes:
    nav = "".join(f'<li><a href="/{outlet["id"]}/{s.lower()}">{_esc(s)}</a></li>' for s in outlet["sections"])
    page = f"""<!DOCTYPE html>
<html lang="{outlet["language"]}">
<head>
<meta charset="utf-8">
<title>{_esc(title)} | {_esc(outlet["name"])}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="{_esc(outlet["name"])}">
{head}
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<div id="cookie-banner" class="consent">We use cookies to improve your experience and to measure our audience.
 <button>Accept all</button> <button>Manage preferences</button></div>
<header class="masthead"><a class="logo" href="/{outlet["id"]}/">{_esc(outlet["name"])}</a>
<p class="tagline">{_esc(outlet["tagline"])}</p>
<nav class="sections"><ul>{nav}<li><a href="/{outlet["id"]}/subscribe">Subscribe</a></li></ul></nav></header>
<main>
{main}
</main>
<footer><p>&copy; 2026 {_esc(outlet["name"])}. All rights reserved.</p>
<ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li>
<li><a href="/terms">Terms of use</a></li><li><a href="/contact">Contact the newsroom</a></li></ul></footer>
</body>
</html>
"""
    return page.encode("utf-8")


def _article_page(base: str, outlet: dict, story: dict, related: list[dict]) -> bytes:
    url = base + article_path(story)
    when = _when(story)
    head = f"""<link rel="canonical" href="{url}">
<meta property="og:url" content="{url}">
<meta property="og:type" content="article">
<meta property="og:title" content="{_esc(story["title"])}">
<meta property="og:image" content="{base}/static/img/{story["slug"]}.jpg">
<meta name="description" content="{_esc(story["summary"])}">
<meta name="author" content="{_esc(story["author"])}">
<meta property="article:published_time" content="{when.isoformat().replace("+00:00", "Z")}">
<meta property="article:section" content="{_esc(story["section"])}">"""
    body = "\n".join(f"<p>{_esc(p)}</p>" for p in story["paragraphs"])
    links = "".join(f'<li><a href="{article_path(r)}">{_esc(r["title"])}</a></li>' for r in related)
    comments = "".join(
        f'<li class="comment"><span class="comment-author">{_esc(c["author"])}</span><p>{_esc(c["text"])}</p></li>'
        for c in story.get("comments") or []
    )
    main = f"""<nav class="breadcrumbs"><a href="/{outlet["id"]}/">Home</a> &rsaquo;
<a href="/{outlet["id"]}/{story["section"].lower()}">{_esc(story["section"])}</a></nav>
<article class="story">
<h1 class="headline">{_esc(story["title"])}</h1>
<p class="byline">By <span class="author">{_esc(story["author"])}</span> &middot;
<time datetime="{when.isoformat()}">{when:%d %B %Y, %H:%M} UTC</time></p>
<div class="share-bar">Share this article: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>
<figure class="lead"><img src="/static/img/{story["slug"]}.jpg" alt=""><figcaption>File photo.</figcaption></figure>
<div class="article-body">
{body}
</div>
<aside class="newsletter">Get the morning briefing in your inbox.
<a href="/{outlet["id"]}/newsletter">Sign up</a></aside>
</article>
<aside class="related"><h2>More from {_esc(outlet["name"])}</h2><ul>{links}</ul></aside>
<section id="comments"><h2>Comments</h2><ol>{comments}</ol>
<p>Log in to join the conversation.</p></section>"""
    return _chrome(outlet, story["title"], head, main)


def _video_page(outlet: dict) -> bytes:
    main = """<article class="video"><h1>Watch: flood defences tested</h1>
<div class="player" data-src="/media/flood-test.mp4">Video player requires JavaScript.</div></article>"""
    return _chrome(outlet, "Watch: flood defences tested", "", main)


# -- feeds ----------------------------------------------------------------------------------------------------------
def _feed_item(base: str, story: dict) -> dict:
    return {
        "title": story["title"],
        "link": base + article_path(story) + _TRACKING,
        "guid": f"{story['outlet']}:{story['slug']}",
        "when": _when(story),
        "summary": story["summary"],
        "author": story["author"],
        "section": story["section"],
        "image": f"{base}/static/img/{story['slug']}.jpg",
        "content": None,
    }


def _extra_items(base: str, outlet: dict) -> list[dict]:
    when = dt.datetime(2026, 11, 26, 18, 0, tzinfo=dt.UTC)
    if outlet["id"] == "harbour-herald":
        return [
            {
                "title": "Harbour ferry timetable (withdrawn)",
                "link": f"{base}/harbour-herald/2026/11/{DEAD_LINK_SLUG}",
                "guid": f"harbour-herald:{DEAD_LINK_SLUG}",
                "when": when,
                "summary": "This story was withdrawn.",
                "author": "Staff",
                "section": "News",
                "image": None,
                "content": None,
            }
        ]
    if outlet["id"] == "valley-courier":
        return [
            {
                "title": "Watch: flood defences tested",
                "link": f"{base}/valley-courier/2026/11/{VIDEO_SLUG}",
                "guid": f"valley-courier:{VIDEO_SLUG}",
                "when": when,
                "summary": "Video: the Millbrook flood gates.",
                "author": "Video desk",
                "section": "Environment",
                "image": None,
                "content": _VIDEO_TEXT,
            }
        ]
    return []


def _feed(base: str, outlet: dict, items: list[dict]) -> bytes:
    render = {"rss2": _rss2, "atom": _atom, "rss1": _rss1}[outlet["feed_format"]]
    return render(base, outlet, items).encode("utf-8")


def _rss2(base: str, outlet: dict, items: list[dict]) -> str:
    body = "".join(
        f"""
  <item>
    <title>{_esc(i["title"])}</title>
    <link>{_esc(i["link"])}</link>
    <guid isPermaLink="false">{_esc(i["guid"])}</guid>
    <pubDate>{email.utils.format_datetime(i["when"])}</pubDate>
    <dc:creator>{_esc(i["author"])}</dc:creator>
    <category>{_esc(i["section"])}</category>
    <description>{_esc(i["summary"])}</description>{
            f'<media:thumbnail url="{_esc(i["image"])}"/>' if i["image"] else ""
        }
  </item>"""
        for i in items
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  <title>{_esc(outlet["name"])}</title>
  <link>{base}/{outlet["id"]}/</link>
  <description>{_esc(outlet["tagline"])}</description>
  <language>{outlet["language"]}</language>{body}
</channel>
</rss>
"""


def _atom(base: str, outlet: dict, items: list[dict]) -> str:
    updated = max(i["when"] for i in items).isoformat()
    body = "".join(
        f"""
  <entry>
    <title>{_esc(i["title"])}</title>
    <link rel="alternate" type="text/html" href="{_esc(i["link"])}"/>
    <id>tag:demo.wirelake,2026:{_esc(i["guid"])}</id>
    <published>{i["when"].isoformat()}</published>
    <updated>{i["when"].isoformat()}</updated>
    <author><name>{_esc(i["author"])}</name></author>
    <category term="{_esc(i["section"])}"/>
    <summary>{_esc(i["summary"])}</summary>{
            f'<content type="html">{_esc(i["content"])}</content>' if i["content"] else ""
        }
  </entry>"""
        for i in items
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{outlet["language"]}">
  <title>{_esc(outlet["name"])}</title>
  <subtitle>{_esc(outlet["tagline"])}</subtitle>
  <link rel="self" href="{base}{feed_path(outlet)}"/>
  <link rel="alternate" href="{base}/{outlet["id"]}/"/>
  <id>tag:demo.wirelake,2026:{outlet["id"]}</id>
  <updated>{updated}</updated>{body}
</feed>
"""


def _rss1(base: str, outlet: dict, items: list[dict]) -> str:
    seq = "".join(f'<rdf:li rdf:resource="{_esc(i["link"])}"/>' for i in items)
    body = "".join(
        f"""
  <item rdf:about="{_esc(i["link"])}">
    <title>{_esc(i["title"])}</title>
    <link>{_esc(i["link"])}</link>
    <description>{_esc(i["summary"])}</description>
    <dc:date>{i["when"].isoformat()}</dc:date>
    <dc:creator>{_esc(i["author"])}</dc:creator>
    <dc:subject>{_esc(i["section"])}</dc:subject>
  </item>"""
        for i in items
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="{base}{feed_path(outlet)}">
    <title>{_esc(outlet["name"])}</title>
    <link>{base}/{outlet["id"]}/</link>
    <description>{_esc(outlet["tagline"])}</description>
    <items><rdf:Seq>{seq}</rdf:Seq></items>
  </channel>{body}
</rdf:RDF>
"""


# -- server ---------------------------------------------------------------------------------------------------------
class SiteServer(ThreadingHTTPServer):
    """Serves a {path: (content type, body)} site; records every request path for tests.

    A value may also be a callable taking the request handler, for tests that need a misbehaving server.
    """

    daemon_threads = True

    def __init__(self, site: dict[str, tuple[str, bytes]] | None = None):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site = site or {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def record(self, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.requests.append((path, headers))

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for p, _ in self.requests if urlsplit(p).path == path)


class _Handler(BaseHTTPRequestHandler):
    server: SiteServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.server.record(self.path, dict(self.headers))
        found = self.server.site.get(urlsplit(self.path).path)
        if callable(found):
            found(self)
            return
        if found is None:
            self._send(404, "text/html; charset=utf-8", b"<html><body><h1>Page not found</h1></body></html>")
            return
        content_type, body = found
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self._send(304, content_type, b"", {"ETag": etag})
            return
        self._send(200, content_type, body, {"ETag": etag})

    def _send(self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args) -> None:  # noqa: A002 - quiet: the pipeline reports what matters
        return


@contextlib.contextmanager
def serve_demo_site() -> Iterator[SiteServer]:
    """Start the demo site on a free port of 127.0.0.1; stop it on exit."""
    server = SiteServer()
    server.site = render_site(server.base_url)
    thread = threading.Thread(target=server.serve_forever, name="demo-site", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
