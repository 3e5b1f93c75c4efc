"""Feed documents to entries: RSS 0.9x/1.0/2.0 and Atom via feedparser, normalised to FeedEntry."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re

import feedparser
import lxml.html
from lxml import etree

from wirelake.transforms.errors import StageError
from wirelake.transforms.feedlist import FeedSpec
from wirelake.transforms.records import FeedEntry
from wirelake.transforms.urls import InvalidUrl, canonical_url

_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "blockquote", "tr", "table", "section", "article", "pre"}
_BLOCK_TAGS |= {f"h{i}" for i in range(1, 7)}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


class NotAFeed(StageError):
    code = "not_a_feed"


class MalformedFeed(StageError):
    code = "malformed_feed"


class EntryWithoutUrl(StageError):
    code = "entry_without_url"


@dataclasses.dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]
    problems: list[tuple[dict, StageError]]  # (raw entry, why it was skipped)
    warning: str | None  # feedparser's bozo message for a feed parsed despite errors


def parse_feed(body: bytes, spec: FeedSpec, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed body. Raises NotAFeed when nothing feed-like can be read from it."""
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)
    bozo = str(parsed.get("bozo_exception") or "") or None
    if not parsed.entries and not parsed.version:
        raise NotAFeed(f"{spec.url} is not an RSS/Atom feed" + (f": {bozo}" if bozo else ""))
    if not parsed.entries and bozo:
        raise MalformedFeed(f"{spec.url} is malformed and yielded no entries: {bozo}")
    feed_title = _clean(parsed.feed.get("title"))
    entries, problems = [], []
    for raw in parsed.entries:
        try:
            entries.append(_entry(raw, spec, feed_title))
        except EntryWithoutUrl as exc:
            problems.append((raw, exc))
    return ParsedFeed(title=feed_title, entries=entries, problems=problems, warning=bozo)


def _entry(raw: dict, spec: FeedSpec, feed_title: str | None) -> FeedEntry:
    link = _entry_link(raw, spec.url)
    content = raw.get("content") or []
    categories = tuple(t.get("term") for t in raw.get("tags") or () if t.get("term"))
    return FeedEntry(
        url=canonical_url(link),
        link=link,
        feed_urls=(spec.url,),
        feed_name=spec.name or feed_title,
        guid=raw.get("id"),
        title=_clean(raw.get("title")),
        summary=html_to_text(raw.get("summary")) or None,
        content=html_to_text(content[0].get("value")) if content else None,
        published_at=_utc(raw.get("published_parsed") or raw.get("updated_parsed")),
        image_url=_image(raw),
        language=spec.language,
        tags=tuple(dict.fromkeys(spec.tags + categories)),
        is_wire=spec.is_wire,
    )


def _entry_link(raw: dict, feed_url: str) -> str:
    candidates = [raw.get("link")]
    candidates += [k.get("href") for k in raw.get("links") or () if k.get("rel", "alternate") == "alternate"]
    if raw.get("guidislink") or str(raw.get("id", "")).startswith(("http://", "https://")):
        candidates.append(raw.get("id"))
    for link in candidates:
        if not link:
            continue
        try:
            canonical_url(link)
            return link.strip()
        except InvalidUrl:
            continue
    title = _clean(raw.get("title")) or "(untitled)"
    raise EntryWithoutUrl(f"entry {title!r} in {feed_url} has no usable http(s) link")


def _image(raw: dict) -> str | None:
    for media in (raw.get("media_thumbnail") or []) + (raw.get("media_content") or []):
        if media.get("url"):
            return media["url"]
    for link in raw.get("links") or ():
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            return link.get("href")
    return None


def _utc(parsed_time) -> dt.datetime | None:
    if not parsed_time:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed_time), dt.UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    return _SPACES.sub(" ", html_to_text(text)).strip() or None


def html_to_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment, one paragraph per block element, paragraphs separated by a blank line."""
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        paragraphs = re.split(r"\n\s*\n", fragment)
    else:
        try:
            root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        except (etree.ParserError, ValueError):
            return _SPACES.sub(" ", fragment).strip()
        for bad in root.xpath("//script|//style"):
            bad.drop_tree()
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
                el.tail = "\n\n" + (el.tail or "")
        paragraphs = re.split(r"\n\s*\n", root.text_content())
    cleaned = (_SPACES.sub(" ", p.replace("\n", " ")).strip() for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)
