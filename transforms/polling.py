"""PollFeeds and the steps that turn feed entries into new, unique candidate articles."""

from __future__ import annotations

import dataclasses
import datetime as dt

import apache_beam as beam
from apache_beam.coders import BooleanCoder, PickleCoder
from apache_beam.metrics import Metrics
from apache_beam.transforms.timeutil import TimeDomain
from apache_beam.transforms.userstate import ReadModifyWriteStateSpec, TimerSpec, on_timer
from apache_beam.utils.timestamp import Timestamp

from wirelake.schemas import FeedFetchRecord
from wirelake.transforms.errors import DEAD_LETTER, StageDoFn, dead_letter, error_code, utc_now
from wirelake.transforms.feeds import parse_feed
from wirelake.transforms.http import FetchPolicy, HttpClient
from wirelake.transforms.records import FeedEntry, FeedState

FEED_LOG = "feed_log"
CHILD_FEEDS = "child_feeds"
MAX_CHILD_FEEDS = 500  # sitemap indexes can list thousands of sitemaps; the rest wait for the index to change
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
    "application/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)


class _PollFeedFn(StageDoFn):
    stage = "poll_feeds"

    def __init__(self, policy: FetchPolicy, ingested_at: dt.datetime, backoff: dt.timedelta):
        super().__init__(ingested_at)
        self._policy, self._backoff = policy, backoff
        self._not_modified = Metrics.counter(self.stage, "not_modified")
        self._backing_off = Metrics.counter(self.stage, "backing_off")
        self._entries = Metrics.counter(self.stage, "entries")

    def setup(self):
        self._client = HttpClient(self._policy)

    def describe(self, element):
        spec, _state = element
        return None, spec.url

    def run(self, element):
        spec, state = element
        fetched_at = utc_now()
        if state and state.retry_at and fetched_at < state.retry_at:
            self._backing_off.inc()
            reason = f"{state.consecutive_failures} consecutive failures; next poll at {state.retry_at.isoformat()}"
            return [
                self._log(
                    spec,
                    fetched_at,
                    "backoff",
                    None,
                    0,
                    state.etag,
                    state.last_modified,
                    reason=reason,
                    retry_at=state.retry_at,
                )
            ]
        headers = {}
        if state and state.etag:
            headers["If-None-Match"] = state.etag
        if state and state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        response = None
        try:
            response = self._client.get(spec.url, headers=headers, accept=FEED_ACCEPT)
            if response.status == 304:
                self._not_modified.inc()
                return [self._log(spec, fetched_at, "not_modified", 304, 0, state.etag, state.last_modified)]
            parsed = parse_feed(response.body, spec, response.headers.get("content-type"))
        except Exception as exc:  # the feed failed: one feed_log row and one dead letter, then the next feed
            status = response.status if response is not None else getattr(exc, "status", None)
            failures = (state.consecutive_failures if state else 0) + 1
            retry_at = next_poll(fetched_at, failures, self._backoff, getattr(exc, "retry_after", None))
            validators = (state.etag, state.last_modified) if state else (None, None)
            log = self._log(spec, fetched_at, "error", status, 0, *validators, exc=exc, retry_at=retry_at)
            failure = dead_letter(self.stage, exc, url=spec.url, feed_url=spec.url, ingested_at=self.ingested_at)
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
        outputs += [
            beam.pvalue.TaggedOutput(CHILD_FEEDS, dataclasses.replace(spec, url=child))
            for child in parsed.child_feeds[:MAX_CHILD_FEEDS]
        ]
        for raw, problem in parsed.problems:
            failure = dead_letter(
                self.stage, problem, url=None, feed_url=spec.url, ingested_at=self.ingested_at, payload=repr(raw)
            )
            outputs.append(beam.pvalue.TaggedOutput(DEAD_LETTER, failure))
        return outputs

    def _log(
        self, spec, fetched_at, status, http_status, seen, etag, last_modified, exc=None, reason=None, retry_at=None
    ):
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
                error_message=str(exc) if exc else reason,
                retry_at=retry_at,
                fetched_at=fetched_at,
                ingested_at=self.ingested_at,
            ),
        )


def _pair_with_state(joined):
    _url, grouped = joined
    states = list(grouped["state"])
    for spec in grouped["spec"]:
        yield spec, (states[0] if states else None)


class PollFeeds(beam.PTransform):
    """FeedSpec -> FeedEntry, with a ``feed_log`` output (one row per feed), a ``dead_letter`` output and a
    ``child_feeds`` output (the sitemaps a sitemap index lists, as FeedSpecs to poll in turn).

    ``feed_state`` is a PCollection of (feed url, FeedState) from previous runs, used for conditional GETs.
    """

    def __init__(
        self,
        policy: FetchPolicy,
        ingested_at: dt.datetime,
        feed_state: beam.PCollection,
        backoff: dt.timedelta = dt.timedelta(minutes=5),
    ):
        super().__init__()
        self._policy, self._ingested_at, self._feed_state = policy, ingested_at, feed_state
        self._backoff = backoff

    def expand(self, specs):
        keyed = specs | "KeyByUrl" >> beam.Map(lambda spec: (spec.url, spec))
        with_state = (
            {"spec": keyed, "state": self._feed_state}
            | "JoinFeedState" >> beam.CoGroupByKey()
            | "PairWithState" >> beam.FlatMap(_pair_with_state)
        )
        return with_state | "Poll" >> beam.ParDo(
            _PollFeedFn(self._policy, self._ingested_at, self._backoff)
        ).with_outputs(FEED_LOG, DEAD_LETTER, CHILD_FEEDS, main="entries")


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


MAX_BACKOFF = dt.timedelta(days=1)


def next_poll(now: dt.datetime, failures: int, backoff: dt.timedelta, retry_after: float | None) -> dt.datetime | None:
    """When a feed that just failed for the ``failures``-th time in a row may be polled again (None: next run).

    The first failure is retried on the next run; from the second on, the wait doubles from ``backoff`` up to a day.
    A server's Retry-After is honoured when it asks for longer.
    """
    wait = dt.timedelta(0)
    if failures >= 2:
        wait = min(backoff * 2 ** (failures - 2), MAX_BACKOFF)
    if retry_after is not None:
        wait = max(wait, min(dt.timedelta(seconds=retry_after), MAX_BACKOFF))
    return now + wait if wait else None


def state_after(state: FeedState | None, poll) -> FeedState | None:
    """A feed's state after one poll (a FeedFetchRecord, or a feed_log row read back as a dict)."""
    get = poll.get if isinstance(poll, dict) else lambda name: getattr(poll, name)
    status = get("status")
    if status == "backoff":
        return state
    if status == "error":
        previous = state or FeedState()
        return dataclasses.replace(
            previous, consecutive_failures=previous.consecutive_failures + 1, retry_at=get("retry_at")
        )
    return FeedState(etag=get("etag"), last_modified=get("last_modified"))


def latest_feed_state(rows) -> FeedState | None:
    """A feed's state from its feed_log rows: the same fold the streaming job applies one poll at a time."""
    state = None
    for row in sorted(rows, key=lambda r: r["fetched_at"]):
        state = state_after(state, row)
    return state


class _StatefulPollFn(beam.DoFn):
    """Streaming polls: each feed's state (validators, failures, retry time) lives in Beam state, keyed by URL."""

    STATE = ReadModifyWriteStateSpec("feed_state", PickleCoder())

    def __init__(self, poll: _PollFeedFn):
        self._poll = poll

    def setup(self):
        self._poll.setup()

    def process(self, element, feed_state=beam.DoFn.StateParam(STATE)):
        _url, spec = element
        succeeded, outputs = self._poll.attempt((spec, feed_state.read()))
        self._poll.count(succeeded)
        for output in outputs:
            if isinstance(output, beam.pvalue.TaggedOutput) and output.tag == FEED_LOG:
                feed_state.write(state_after(feed_state.read(), output.value))
            yield output


class PollFeedsStreaming(beam.PTransform):
    """PollFeeds for the streaming job: the same polling, with feed state carried in Beam state between polls.

    ``ingested_at`` is None: each row is stamped when it is made.
    """

    def __init__(self, policy: FetchPolicy, backoff: dt.timedelta = dt.timedelta(minutes=5)):
        super().__init__()
        self._policy, self._backoff = policy, backoff

    def expand(self, specs):
        return (
            specs
            | "KeyByUrl" >> beam.Map(lambda spec: (spec.url, spec))
            | "Poll"
            >> beam.ParDo(_StatefulPollFn(_PollFeedFn(self._policy, None, self._backoff))).with_outputs(
                FEED_LOG, DEAD_LETTER, CHILD_FEEDS, main="entries"
            )
        )


class _SkipSeenFn(beam.DoFn):
    """First sighting of a canonical URL passes; later ones (the next poll of the same feed, another feed listing
    it, a repeated work item) do not. URLs in the lake when the job started count as seen."""

    SEEN = ReadModifyWriteStateSpec("seen", BooleanCoder())
    FORGET = TimerSpec("forget", TimeDomain.REAL_TIME)

    def __init__(self, ttl: dt.timedelta):
        self._ttl_seconds = ttl.total_seconds()
        self._skipped = Metrics.counter("skip_seen_urls", "skipped")

    def setup(self):
        self._known: tuple[int, frozenset] | None = None

    def process(
        self,
        element,
        known_urls,
        seen=beam.DoFn.StateParam(SEEN),
        forget=beam.DoFn.TimerParam(FORGET),
    ):
        url, entry = element
        if self._known is None or self._known[0] != id(known_urls):
            self._known = (id(known_urls), frozenset(known_urls))
        if seen.read() or url in self._known[1]:
            self._skipped.inc()
            return
        seen.write(True)
        forget.set(Timestamp.now() + self._ttl_seconds)
        yield entry

    @on_timer(FORGET)
    def _forget(self, seen=beam.DoFn.StateParam(SEEN)):
        seen.clear()


class SkipSeenUrls(beam.PTransform):
    """Streaming DropKnownEntries: each canonical URL goes on to be fetched once (for ``ttl``, default 30 days)."""

    def __init__(self, known_urls: beam.PCollection, ttl: dt.timedelta = dt.timedelta(days=30)):
        super().__init__()
        self._known_urls, self._ttl = known_urls, ttl

    def expand(self, entries):
        return (
            entries
            | "KeyByUrl" >> beam.Map(lambda entry: (entry.url, entry))
            | "FirstSighting" >> beam.ParDo(_SkipSeenFn(self._ttl), beam.pvalue.AsList(self._known_urls))
        )
