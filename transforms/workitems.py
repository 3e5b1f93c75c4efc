"""Work items from Pub/Sub: a feed to poll now, or an article to ingest now (e.g. pushed by a WebSub hub).

Schema (JSON object, UTF-8):

    {"kind": "feed", "url": "https://...", "name": "...", "language": "en", "tags": ["..."], "is_wire": false}
    {"kind": "article", "url": "https://...", "title": "...", "feed_url": "https://...",
     "published_at": "2026-11-21T08:00:00Z", "language": "en", "tags": ["..."]}
    {"kind": "tick"}   # poll the feeds of --feeds that are due (with --poll_ticks=pubsub; e.g. Cloud Scheduler)

Only ``kind`` and (except for ticks) ``url`` are required. Anything else is a malformed item: a dead letter with
the raw payload.
"""

from __future__ import annotations

import json

import apache_beam as beam

from wirelake.transforms.errors import DEAD_LETTER, StageDoFn, StageError
from wirelake.transforms.extract import parse_datetime
from wirelake.transforms.feedlist import FeedSpec
from wirelake.transforms.records import FeedEntry
from wirelake.transforms.urls import InvalidUrl, canonical_url

ARTICLES = "articles"
TICKS = "ticks"
_KINDS = ("feed", "article", "tick")


class Tick:
    """A request to poll the feeds that are due."""

    def __eq__(self, other) -> bool:
        return isinstance(other, Tick)

    def __hash__(self) -> int:
        return hash(Tick)


class MalformedWorkItem(StageError):
    code = "malformed_work_item"


def parse_work_item(data: bytes) -> FeedSpec | FeedEntry | Tick:
    try:
        item = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedWorkItem(f"work item is not UTF-8 JSON: {exc}") from None
    if not isinstance(item, dict):
        raise MalformedWorkItem("work item must be a JSON object")
    kind, url = item.get("kind"), item.get("url")
    if kind not in _KINDS:
        raise MalformedWorkItem(f"unknown kind {kind!r}; expected one of {', '.join(_KINDS)}")
    if kind == "tick":
        return Tick()
    if not isinstance(url, str):
        raise MalformedWorkItem("work item needs a 'url' string")
    try:
        canonical = canonical_url(url)
    except InvalidUrl as exc:
        raise MalformedWorkItem(str(exc)) from None
    tags = _strings(item.get("tags", []), "tags")
    language = _optional(item, "language")
    if kind == "feed":
        is_wire = item.get("is_wire", False)
        if not isinstance(is_wire, bool):
            raise MalformedWorkItem("'is_wire' must be true or false")
        return FeedSpec(url=url, name=_optional(item, "name"), language=language, tags=tags, is_wire=is_wire)
    published = _optional(item, "published_at")
    published_at = parse_datetime(published) if published else None
    if published and published_at is None:
        raise MalformedWorkItem(f"'published_at' is not an ISO 8601 time: {published!r}")
    feed_url = _optional(item, "feed_url") or "pubsub:work-items"
    return FeedEntry(
        url=canonical,
        link=url,
        feed_urls=(feed_url,),
        title=_optional(item, "title"),
        published_at=published_at,
        language=language,
        tags=tags,
    )


def _optional(item: dict, key: str) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise MalformedWorkItem(f"{key!r} must be a string")
    return value


def _strings(value, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise MalformedWorkItem(f"{key!r} must be a list of strings")
    return tuple(value)


class _ParseFn(StageDoFn):
    stage = "read_work_items"

    def payload(self, data: bytes) -> str:
        return data.decode("utf-8", "replace")

    def run(self, data: bytes):
        item = parse_work_item(data)
        if isinstance(item, Tick):
            return [beam.pvalue.TaggedOutput(TICKS, item)]
        return [item if isinstance(item, FeedSpec) else beam.pvalue.TaggedOutput(ARTICLES, item)]


class ParseWorkItems(beam.PTransform):
    """Pub/Sub payloads -> FeedSpec (main output ``feeds``), FeedEntry (``articles``), Tick (``ticks``) and
    ``dead_letter``."""

    def expand(self, payloads):
        return payloads | "Parse" >> beam.ParDo(_ParseFn(None)).with_outputs(ARTICLES, TICKS, DEAD_LETTER, main="feeds")
