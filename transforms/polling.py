"""PollFeeds and the steps that turn feed entries into new, unique candidate articles."""

from __future__ import annotations

import dataclasses
import datetime as dt

import apache_beam as beam
from apache_beam.metrics import Metrics

from wirelake.schemas import FeedFetchRecord
from wirelake.transforms.errors import DEAD_LETTER, StageDoFn, dead_letter, error_code, utc_now
from wirelake.transforms.feeds import parse_feed
from wirelake.transforms.http import FetchPolicy, HttpClient
from wirelake.transforms.records import FeedEntry, FeedState

FEED_LOG = "feed_log"
_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, */*;q=0.5"


class _PollFeedFn(StageDoFn):
    stage = "poll_feeds"

    def __init__(self, policy: FetchPolicy, ingested_at: dt.datetime):
        super().__init__(ingested_at)
        self._policy = policy
        self._not_modified = Metrics.counter(self.stage, "not_modified")
        self._entries = Metrics.counter(self.stage, "entries")

    def setup(self):
        self._client = HttpClient(self._policy)

    def describe(self, element):
        spec, _state = element
        return None, spec.url

    def run(self, element):
        spec, state = element
        fetched_at = utc_now()
        headers = {}
        if state and state.etag:
            headers["If-None-Match"] = state.etag
        if state and state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        response = None
        try:
            response = self._client.get(spec.url, headers=headers, accept=_FEED_ACCEPT)
            if response.status == 304:
                self._not_modified.inc()
                return [self._log(spec, fetched_at, "not_modified", 304, 0, state.etag, state.last_modified)]
            parsed = parse_feed(response.body, spec, response.headers.get("content-type"))
        except Exception as exc:  # the feed failed: one feed_log row and one dead letter, then the next feed
            status = response.status if response is not None else getattr(exc, "status", None)
            log = self._log(spec, fetched_at, "error", status, 0, None, None, exc)
            failure = dead_letter(self.stage, exc, url=spec.url, feed_url=spec.url, ingested_at=self._ingested_at)
            return [log, beam.pvalue.TaggedOutput(DEAD_LETTER, failure)]
        self._entries.inc(len(parsed.entries))
        outputs: list = [
            self._log(
                dataclasses.replace(spec, name=spec.name or parsed.title),
                fetched_at,
                "ok",
                response.status,
                len(parsed.entries) + len(parsed.problems),
                response.headers.get("etag"),
                response.headers.get("last-modified"),
            )
        ]
        outputs += parsed.entries
        for raw, problem in parsed.problems:
            failure = dead_letter(
                self.stage, problem, url=None, feed_url=spec.url, ingested_at=self._ingested_at, payload=repr(raw)
            )
            outputs.append(beam.pvalue.TaggedOutput(DEAD_LETTER, failure))
        return outputs

    def _log(self, spec, fetched_at, status, http_status, seen, etag, last_modified, exc=None):
        return beam.pvalue.TaggedOutput(
            FEED_LOG,
            FeedFetchRecord(
                feed_url=spec.url,
                feed_name=spec.name,
                status=status,
                http_status=http_status,
                entries_seen=seen,
                new_entries=0,  # filled in by CountNewEntries once the lake has been consulted
                etag=etag,
                last_modified=last_modified,
                error_type=error_code(exc) if exc else None,
                error_message=str(exc) if exc else None,
                fetched_at=fetched_at,
                ingested_at=self._ingested_at,
            ),
        )


def _pair_with_state(joined):
    _url, grouped = joined
    states = list(grouped["state"])
    for spec in grouped["spec"]:
        yield spec, (states[0] if states else None)


class PollFeeds(beam.PTransform):
    """FeedSpec -> FeedEntry, with a ``feed_log`` output (one row per feed) and a ``dead_letter`` output.

    ``feed_state`` is a PCollection of (feed url, FeedState) from previous runs, used for conditional GETs.
    """

    def __init__(self, policy: FetchPolicy, ingested_at: dt.datetime, feed_state: beam.PCollection):
        super().__init__()
        self._policy, self._ingested_at, self._feed_state = policy, ingested_at, feed_state

    def expand(self, specs):
        keyed = specs | "KeyByUrl" >> beam.Map(lambda spec: (spec.url, spec))
        with_state = (
            {"spec": keyed, "state": self._feed_state}
            | "JoinFeedState" >> beam.CoGroupByKey()
            | "PairWithState" >> beam.FlatMap(_pair_with_state)
        )
        return with_state | "Poll" >> beam.ParDo(_PollFeedFn(self._policy, self._ingested_at)).with_outputs(
            FEED_LOG, DEAD_LETTER, main="entries"
        )


def merge_entries(entries: list[FeedEntry]) -> FeedEntry:
    """One candidate per canonical URL, attributed to every feed that listed it."""
    entries = sorted(entries, key=lambda e: e.feed_urls)
    first = entries[0]
    return dataclasses.replace(
        first,
        feed_urls=tuple(sorted({f for e in entries for f in e.feed_urls})),
        tags=tuple(dict.fromkeys(t for e in entries for t in e.tags)),
        is_wire=any(e.is_wire for e in entries),
        published_at=min((e.published_at for e in entries if e.published_at), default=None),
    )


def _new_entries(joined):
    _url, grouped = joined
    if list(grouped["known"]):
        return []
    entries = list(grouped["entry"])
    return [merge_entries(entries)] if entries else []


class DropKnownEntries(beam.PTransform):
    """Entries whose canonical URL is already in the lake are not fetched again; the rest are merged per URL."""

    def __init__(self, known_urls: beam.PCollection):
        super().__init__()
        self._known_urls = known_urls

    def expand(self, entries):
        known = self._known_urls | "KeyKnown" >> beam.Map(lambda url: (url, True))
        keyed = entries | "KeyByUrl" >> beam.Map(lambda entry: (entry.url, entry))
        return (
            {"entry": keyed, "known": known}
            | "JoinKnown" >> beam.CoGroupByKey()
            | "KeepNew" >> beam.FlatMap(_new_entries)
        )


def _with_counts(joined):
    _url, grouped = joined
    count = sum(grouped["new"])
    for record in grouped["log"]:
        yield dataclasses.replace(record, new_entries=count)


class CountNewEntries(beam.PTransform):
    """Fill each feed_log row's ``new_entries`` from the entries that survived DropKnownEntries."""

    def __init__(self, new_entries: beam.PCollection):
        super().__init__()
        self._new_entries = new_entries

    def expand(self, feed_log):
        new = self._new_entries | "OnePerFeed" >> beam.FlatMap(lambda e: [(f, 1) for f in e.feed_urls])
        keyed = feed_log | "KeyByFeed" >> beam.Map(lambda r: (r.feed_url, r))
        return {"log": keyed, "new": new} | "JoinCounts" >> beam.CoGroupByKey() | "Fill" >> beam.FlatMap(_with_counts)


def latest_feed_state(rows) -> FeedState | None:
    """From a feed's feed_log rows, the validators of its most recent successful poll."""
    usable = [r for r in rows if r["status"] in ("ok", "not_modified") and (r["etag"] or r["last_modified"])]
    if not usable:
        return None
    latest = max(usable, key=lambda r: r["fetched_at"])
    return FeedState(etag=latest["etag"], last_modified=latest["last_modified"])
