"""Records passed between stages (the lake's own records live in ``schemas``)."""

from __future__ import annotations

import dataclasses
import datetime as dt


@dataclasses.dataclass(frozen=True)
class FeedEntry:
    """A candidate article found in one or more feeds, keyed by canonical URL."""

    url: str  # canonical
    link: str  # as given by the feed; what we fetch
    feed_urls: tuple[str, ...]
    feed_name: str | None = None
    guid: str | None = None
    title: str | None = None
    summary: str | None = None  # plain text
    content: str | None = None  # plain text of the entry's full content, when the feed carries it
    published_at: dt.datetime | None = None
    image_url: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    is_wire: bool = False
    authors: tuple[str, ...] = ()  # as named by the feed entry


@dataclasses.dataclass(frozen=True)
class FetchedPage:
    entry: FeedEntry
    url: str  # final URL after redirects
    status: int
    content_type: str
    body: bytes
    fetched_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class FeedState:
    """What the previous poll of a feed left for the next one."""

    etag: str | None = None
    last_modified: str | None = None
    consecutive_failures: int = 0
    retry_at: dt.datetime | None = None  # do not poll before this time
