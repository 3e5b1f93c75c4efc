"""``wirelake feed``: one feed, file or URL, through the pipeline's feed parsing, printed as JSON lines."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from wirelake.transforms.errors import StageError
from wirelake.transforms.feedlist import FeedSpec
from wirelake.transforms.feeds import ParsedFeed, parse_feed
from wirelake.transforms.http import HttpClient
from wirelake.transforms.polling import FEED_ACCEPT
from wirelake.transforms.records import FeedEntry


def read_feed(source: str, allow_private: bool = False) -> ParsedFeed:
    """Fetch (http/https) or read (anything else is a file path) and parse a feed. Raises StageError or OSError."""
    if source.startswith(("http://", "https://")):
        response = HttpClient.for_command_line(allow_private).get(source, accept=FEED_ACCEPT)
        return parse_feed(response.body, FeedSpec(url=source), response.headers.get("content-type"))
    with open(source, "rb") as handle:
        body = handle.read()
    return parse_feed(body, FeedSpec(url=source))


def entry_json(entry: FeedEntry) -> dict:
    published = entry.published_at.isoformat().replace("+00:00", "Z") if entry.published_at else None
    return {
        "url": entry.url,
        "link": entry.link,
        "title": entry.title,
        "published_at": published,
        "summary": entry.summary,
        "guid": entry.guid,
        "image_url": entry.image_url,
        "authors": list(entry.authors),
        "tags": list(entry.tags),
    }


def run_feed(source: str, allow_private: bool = False, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Print one JSON line per entry (or ``{"child_feed": url}`` per sitemap of a sitemap index); 0 on success.

    A feed that cannot be fetched or parsed prints ``{"source", "error", "message"}`` on ``out``, a message on
    ``err`` and returns 1. Entries skipped for lack of a usable link are reported on ``err``.
    """
    out, err = out or sys.stdout, err or sys.stderr
    try:
        parsed = read_feed(source, allow_private)
    except (StageError, OSError) as exc:
        code = exc.code if isinstance(exc, StageError) else "io_error"
        message = str(exc) or type(exc).__name__
        print(json.dumps({"source": source, "error": code, "message": message}, ensure_ascii=False), file=out)
        print(f"wirelake: error: {source}: {code}: {message}", file=err)
        return 1
    for entry in parsed.entries:
        print(json.dumps(entry_json(entry), ensure_ascii=False), file=out)
    for child in parsed.child_feeds:
        print(json.dumps({"child_feed": child}, ensure_ascii=False), file=out)
    for _raw, problem in parsed.problems:
        print(f"wirelake: skipped: {problem.code}: {problem}", file=err)
    if parsed.warning:
        print(f"wirelake: warning: read despite errors: {parsed.warning}", file=err)
    return 0
