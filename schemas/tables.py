"""Every lake table, defined once as a typed record.

A table is a frozen dataclass whose fields carry their documentation. The Parquet (pyarrow) schema, the BigQuery
schema and the README's table reference are all derived from these classes (see ``schemas.docs``), so adding a
column here is the whole change.

Conventions, chosen so DuckDB, Spark and BigQuery read the lake the same way:
- timestamps are ``timestamp[us, UTC]``; integers are signed ``int64``; lists are ``list<string>``;
- a field typed ``X | None`` is nullable, any other field is required;
- each table is Hive-partitioned by the UTC date of one of its timestamps.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any

import pyarrow as pa


def column(doc: str, **kwargs: Any) -> Any:
    """A dataclass field with its documentation attached."""
    return dataclasses.field(metadata={"doc": doc}, **kwargs)


@dataclasses.dataclass(frozen=True)
class TopicScore:
    code: str = column("IPTC Media Topic code (medtop:...) or custom:<name> for a user topic.")
    label: str = column("Topic label.")
    score: float = column("Share of the article's topical evidence, 0..1.")


@dataclasses.dataclass(frozen=True)
class Place:
    type: str = column("country, region or city.")
    code: str = column("ISO 3166-1 alpha-2 (country), ISO 3166-2 (region) or GeoNames id (city).")
    name: str = column("Place name.")
    country: str | None = column("ISO 3166-1 alpha-2 code of the country it is in.")
    mentions: int = column("Times the article names it (0: implied by a city or region).")


@dataclasses.dataclass(frozen=True)
class ArticleRecord:
    """One fetched and extracted article, keyed by its canonical URL."""

    article_id: str = column("Stable id: first 32 hex digits of sha256(canonical url).")
    url: str = column("Canonical URL (tracking parameters, fragment and host case noise removed).")
    fetched_url: str = column("URL the page was finally fetched from, after redirects.")
    page_canonical_url: str | None = column("<link rel=canonical> or og:url declared by the page.")
    feed_urls: tuple[str, ...] = column("Every feed in this run that listed the article.")
    source_name: str | None = column("Name of the feed's source, from the feed list or the feed itself.")
    site_name: str | None = column("Site name declared by the page.")
    title: str | None = column("Headline extracted from the page, else the feed entry title.")
    feed_title: str | None = column("Title as given by the feed entry.")
    authors: tuple[str, ...] = column("Authors from the page's byline metadata.")
    published_at: dt.datetime | None = column("Publication time (UTC): page metadata, else the feed's date.")
    published_at_source: str | None = column("Where published_at came from: 'page' or 'feed'.")
    feed_published_at: dt.datetime | None = column("Publication time given by the feed entry (UTC).")
    language: str | None = column("ISO 639-1 language of the body text (detected), else the page/feed hint.")
    description: str | None = column("Page description (meta description / og:description).")
    image_url: str | None = column("Lead image (og:image) or the feed's media thumbnail.")
    text: str = column("Body text; paragraphs separated by a blank line.")
    body_source: str = column("'page' when extracted from the fetched page, 'feed' when taken from the feed entry.")
    word_count: int = column("Number of words in text.")
    content_hash: str = column("sha256 of the normalised body text (case, quotes, punctuation, spacing folded).")
    cluster_id: str = column("Syndication cluster the article belongs to (singletons have their own).")
    original_id: str = column("article_id of the cluster's original.")
    is_original: bool = column("True for the cluster's original.")
    similarity: float = column("Resemblance of the body to the cluster original's body, 0..1.")
    containment: float = column("Share of this body contained in the original's body, 0..1.")
    wire_agency: str | None = column("News agency the copy is attributed to, when detected.")
    topics: tuple[TopicScore, ...] = column("IPTC Media Topics (and user topics), best first.")
    topic_status: str = column("ok, unsupported_language, too_short, no_evidence, or not_tagged.")
    places: tuple[Place, ...] = column("Countries, regions and cities the article is about.")
    people: tuple[str, ...] = column("People named in the article (titled or quoted).")
    organisations: tuple[str, ...] = column("Organisations named in the article.")
    tags: tuple[str, ...] = column("Tags and categories from the feed list and the feed entry.")
    from_wire_feed: bool = column("Listed by a feed marked is_wire (an agency's own feed).")
    http_status: int = column("HTTP status of the final page response.")
    fetched_at: dt.datetime = column("When the page was fetched (UTC).")
    ingested_at: dt.datetime = column("Start time of the run that wrote the row (UTC); partitions the table.")


@dataclasses.dataclass(frozen=True)
class ClusterRecord:
    """A syndication cluster as of one run: a changelog, the latest row per cluster_id is current."""

    cluster_id: str = column("Cluster id, as in articles.cluster_id.")
    original_id: str = column("article_id of the original: the agency's own copy, else the earliest published.")
    original_url: str = column("URL of the original.")
    original_title: str | None = column("Title of the original.")
    wire_agency: str | None = column("News agency the story is attributed to, when detected.")
    size: int = column("Articles in the cluster so far, across runs.")
    outlets: tuple[str, ...] = column("Distinct source names of the members so far.")
    first_seen: dt.datetime = column("Earliest publication (else fetch) time of a member.")
    last_seen: dt.datetime = column("Latest publication (else fetch) time of a member.")
    fingerprint: bytes = column("The original's dedup fingerprint (internal: lets later runs join copies to it).")
    ingested_at: dt.datetime = column("Start time of the run that wrote the row (UTC); partitions the table.")


@dataclasses.dataclass(frozen=True)
class DeadLetterRecord:
    """One failure at any stage: nothing is dropped silently."""

    dead_letter_id: str = column("Stable id of the failure: sha256 of ingest date, stage, url and error type.")
    stage: str = column("Stage that failed: read_feed_list, poll_feeds, fetch_articles, extract_articles, ...")
    url: str | None = column("URL being processed when the failure happened.")
    feed_url: str | None = column("Feed that led to the URL, when known.")
    error_type: str = column("Stable error code, e.g. http_status, timeout, too_large, not_a_feed, not_article.")
    error_class: str = column("Python exception class that carried the error.")
    error_message: str = column("Human-readable explanation.")
    payload: str | None = column("The raw input that failed, truncated to 4 KiB, when useful for debugging.")
    failed_at: dt.datetime = column("When the failure happened (UTC).")
    ingested_at: dt.datetime = column("Start time of the run that wrote the row (UTC); partitions the table.")


@dataclasses.dataclass(frozen=True)
class FeedFetchRecord:
    """One poll of one feed: the state incremental runs start from."""

    feed_url: str = column("Feed URL as given in the feed list.")
    feed_name: str | None = column("Name from the feed list, else the feed's own title.")
    status: str = column("'ok', 'not_modified' (HTTP 304), 'error', or 'backoff' (not polled: failing feed).")
    http_status: int | None = column("HTTP status of the feed response, when one was received.")
    entries_seen: int = column("Entries the feed listed.")
    new_entries: int = column("Entries whose canonical URL was not yet in the lake.")
    etag: str | None = column("ETag to send as If-None-Match next time.")
    last_modified: str | None = column("Last-Modified to send as If-Modified-Since next time.")
    error_type: str | None = column("Error code when status is 'error'.")
    error_message: str | None = column("Error message when status is 'error' or 'backoff'.")
    retry_at: dt.datetime | None = column("After an error: the earliest time the feed is polled again.")
    fetched_at: dt.datetime = column("When the feed was fetched (UTC).")
    ingested_at: dt.datetime = column("Start time of the run that wrote the row (UTC); partitions the table.")


@dataclasses.dataclass(frozen=True)
class Table:
    """A lake table: its record type, Hive partition and the fields naming one row."""

    name: str
    record: type
    partition_by: str  # a timestamp field; its UTC date is the partition value
    partition_name: str  # the Hive key, e.g. ingest_date
    key: tuple[str, ...]  # fields that identify a row; file names derive from them
    description: str
    unique: bool = True  # a key already in the lake is never written again
    current_by: str | None = None  # a changelog: the latest row per this column is the current one

    def fields(self) -> list[tuple[str, Any, bool, str]]:
        """(name, python type, nullable, doc) for every column, in order."""
        return struct_fields(self.record)

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(name, _arrow_type(t), nullable=nullable) for name, t, nullable, _ in self.fields()])

    def partition_value(self, record: Any) -> str:
        stamp: dt.datetime = getattr(record, self.partition_by)
        return stamp.astimezone(dt.UTC).date().isoformat()

    def row_key(self, record: Any) -> str:
        """The row's key as one string; ``record`` is a record or a dict read back from the lake."""
        values = (record[k] if isinstance(record, dict) else getattr(record, k) for k in self.key)
        return "\x1f".join(str(v) for v in values)

    def to_arrow(self, records: typing.Iterable[Any]) -> pa.Table:
        names = [f.name for f in dataclasses.fields(self.record)]
        columns = {n: [] for n in names}
        for r in records:
            for n in names:
                value = getattr(r, n)
                if isinstance(value, tuple):
                    value = [dataclasses.asdict(v) if dataclasses.is_dataclass(v) else v for v in value]
                columns[n].append(value)
        return pa.Table.from_pydict(columns, schema=self.arrow_schema)


def _unwrap_optional(hint: Any) -> tuple[Any, bool]:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"unsupported union {hint}")
        return args[0], True
    return hint, False


_SCALARS = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    bytes: pa.binary(),
    dt.datetime: pa.timestamp("us", tz="UTC"),
}


def _arrow_type(py_type: Any) -> pa.DataType:
    if typing.get_origin(py_type) is tuple:
        (item, _ellipsis) = typing.get_args(py_type)
        return pa.list_(_arrow_type(item))
    if dataclasses.is_dataclass(py_type):
        return pa.struct([pa.field(n, _arrow_type(t), nullable=null) for n, t, null, _ in struct_fields(py_type)])
    return _SCALARS[py_type]


def struct_fields(record: type) -> list[tuple[str, Any, bool, str]]:
    """(name, python type, nullable, doc) of a record's fields."""
    hints = typing.get_type_hints(record)
    out = []
    for f in dataclasses.fields(record):
        py_type, nullable = _unwrap_optional(hints[f.name])
        out.append((f.name, py_type, nullable, f.metadata["doc"]))
    return out


ARTICLES = Table(
    name="articles",
    record=ArticleRecord,
    partition_by="ingested_at",
    partition_name="ingest_date",
    key=("article_id",),
    description="One row per canonical article URL, with body text, metadata and its syndication cluster.",
)
CLUSTERS = Table(
    name="clusters",
    record=ClusterRecord,
    partition_by="ingested_at",
    partition_name="ingest_date",
    key=("cluster_id", "ingested_at"),
    current_by="cluster_id",
    description="Syndication clusters, one row per cluster and run that changed it; the `clusters` view keeps the "
    "latest row per cluster_id, `clusters_history` has them all.",
)
DEAD_LETTERS = Table(
    name="dead_letters",
    record=DeadLetterRecord,
    partition_by="ingested_at",
    partition_name="ingest_date",
    key=("dead_letter_id",),
    description="Every failure of every stage, with the URL, error type and message.",
)
FEED_LOG = Table(
    name="feed_log",
    record=FeedFetchRecord,
    partition_by="ingested_at",
    partition_name="ingest_date",
    key=("feed_url", "fetched_at"),
    description="One row per feed fetch: HTTP outcome, entry counts and the validators for the next conditional GET.",
    unique=False,  # an event log: every poll is a new row
)

TABLES: tuple[Table, ...] = (ARTICLES, CLUSTERS, DEAD_LETTERS, FEED_LOG)


def table_by_name(name: str) -> Table:
    for t in TABLES:
        if t.name == name:
            return t
    raise KeyError(f"unknown table {name!r}; known: {', '.join(t.name for t in TABLES)}")
