"""JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/) to FeedEntry.

feedparser 6 does not read JSON Feed from bytes, so wirelake does. Every field is type-checked: a feed in the wild
may carry a number where a string belongs, and that must degrade (the field is ignored), never crash.
"""

from __future__ import annotations

import json

from wirelake.transforms.feedlist import FeedSpec
from wirelake.transforms.feeds import (
    EntryWithoutUrl,
    MalformedEntry,
    MalformedFeed,
    NotAFeed,
    ParsedFeed,
    clean_text,
    first_usable_link,
    html_to_text,
    parse_date,
    plain_paragraphs,
)
from wirelake.transforms.records import FeedEntry
from wirelake.transforms.urls import canonical_url

VERSION_PREFIXES = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")


def parse_json_feed(body: bytes, spec: FeedSpec, content_type: str | None = None, head: str = "") -> ParsedFeed:
    """Parse a JSON Feed. Raises NotAFeed for other JSON, MalformedFeed for a JSON Feed that is not valid JSON."""
    try:
        doc = json.loads(body)  # bytes: UTF-8 (with or without BOM), UTF-16 or UTF-32, per RFC 8259
    except RecursionError as exc:
        raise MalformedFeed(f"{spec.url}: JSON nested too deeply") from exc
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, over-long integers
        if "jsonfeed.org/version" in head or "json" in (content_type or "").lower():
            raise MalformedFeed(f"{spec.url}: invalid JSON: {exc}") from exc
        raise NotAFeed(f"{spec.url} is neither XML nor JSON: {exc}") from exc
    version = doc.get("version") if isinstance(doc, dict) else None
    if not isinstance(version, str) or not version.startswith(VERSION_PREFIXES):
        raise NotAFeed(f"{spec.url} is JSON but not a JSON Feed (no https://jsonfeed.org/version/ version)")
    items = doc.get("items", [])
    if not isinstance(items, list):
        raise MalformedFeed(f"{spec.url}: JSON Feed 'items' is {type(items).__name__}, not a list")
    feed_title = clean_text(_str(doc.get("title")))
    feed_authors = _authors(doc)
    feed_language = _str(doc.get("language"))
    entries, problems = [], []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(({"item": item}, MalformedEntry(f"item {number} in {spec.url} is not a JSON object")))
            continue
        try:
            entries.append(_entry(item, spec, feed_title, feed_authors, feed_language))
        except EntryWithoutUrl as exc:
            problems.append((item, exc))
    return ParsedFeed(title=feed_title, entries=entries, problems=problems, warning=None, format="json_feed")


def _entry(
    item: dict, spec: FeedSpec, feed_title: str | None, feed_authors: tuple[str, ...], feed_language: str | None
) -> FeedEntry:
    item_id = item.get("id")
    guid = str(item_id) if isinstance(item_id, (str, int)) and not isinstance(item_id, bool) else None
    link = first_usable_link([item.get("url"), item.get("external_url"), guid])
    title = clean_text(_str(item.get("title")))
    if not link:
        raise EntryWithoutUrl(f"item {title or guid or '(untitled)'!r} in {spec.url} has no usable http(s) url")
    html, text = _str(item.get("content_html")), _str(item.get("content_text"))
    content = html_to_text(html) if html else plain_paragraphs(text)
    tags = tuple(t.strip() for t in _list(item.get("tags")) if isinstance(t, str) and t.strip())
    return FeedEntry(
        url=canonical_url(link),
        link=link,
        feed_urls=(spec.url,),
        feed_name=spec.name or feed_title,
        guid=guid,
        title=title,
        summary=plain_paragraphs(_str(item.get("summary"))) or None,
        content=content or None,
        published_at=parse_date(item.get("date_published")) or parse_date(item.get("date_modified")),
        image_url=first_usable_link([item.get("image"), item.get("banner_image"), *_image_attachments(item)]),
        language=spec.language or _str(item.get("language")) or feed_language,
        tags=tuple(dict.fromkeys(spec.tags + tags)),
        is_wire=spec.is_wire,
        authors=_authors(item) or feed_authors,
    )


def _authors(obj: dict) -> tuple[str, ...]:
    """1.1's ``authors`` list, else 1.0's single ``author`` object."""
    people = _list(obj.get("authors")) or [obj.get("author")]
    names = (clean_text(_str(p.get("name"))) for p in people if isinstance(p, dict))
    return tuple(dict.fromkeys(n for n in names if n))


def _image_attachments(item: dict) -> list:
    return [
        a.get("url")
        for a in _list(item.get("attachments"))
        if isinstance(a, dict) and str(a.get("mime_type", "")).startswith("image/")
    ]


def _str(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _list(value) -> list:
    return value if isinstance(value, list) else []
