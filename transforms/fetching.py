"""FetchArticles: download each candidate article's page, politely and within bounds."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import apache_beam as beam

from wirelake.transforms.errors import DEAD_LETTER, StageDoFn, utc_now
from wirelake.transforms.http import FetchPolicy, HttpClient, UnsupportedContentType
from wirelake.transforms.records import FeedEntry, FetchedPage

_HTML_TYPES = {"", "text/html", "application/xhtml+xml", "text/plain"}
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


class _FetchPageFn(StageDoFn):
    stage = "fetch_articles"

    def __init__(self, policy: FetchPolicy, ingested_at: dt.datetime):
        super().__init__(ingested_at)
        self._policy = policy

    def setup(self):
        self._client = HttpClient(self._policy)
        # Fetching is mostly waiting: keep several requests in flight (the client bounds each host).
        self._pool = ThreadPoolExecutor(max_workers=self._policy.max_connections, thread_name_prefix="fetch")

    def teardown(self):
        self._pool.shutdown(wait=False, cancel_futures=True)

    def process(self, entries: list[FeedEntry]):
        for succeeded, outputs in self._pool.map(self.attempt, entries):
            self.count(succeeded)
            yield from outputs

    def describe(self, entry: FeedEntry):
        return entry.link, entry.feed_urls[0]

    def run(self, entry: FeedEntry):
        response = self._client.get(entry.link, accept=PAGE_ACCEPT)
        if response.content_type not in _HTML_TYPES:
            raise UnsupportedContentType(f"{response.url} is {response.content_type}, not an HTML page")
        return [
            FetchedPage(
                entry=entry,
                url=response.url,
                status=response.status,
                content_type=response.headers.get("content-type", ""),
                body=response.body,
                fetched_at=utc_now(),
            )
        ]


class FetchArticles(beam.PTransform):
    """FeedEntry -> FetchedPage, with a ``dead_letter`` output for every page that could not be fetched."""

    def __init__(self, policy: FetchPolicy, ingested_at: dt.datetime):
        super().__init__()
        self._policy, self._ingested_at = policy, ingested_at

    def expand(self, entries):
        return (
            entries
            # Spread the fetches over workers: one feed's entries arrive together from a single poll.
            | "Spread" >> beam.Reshuffle()
            | "Batch" >> beam.BatchElements(min_batch_size=1, max_batch_size=4 * self._policy.max_connections)
            | "Fetch"
            >> beam.ParDo(_FetchPageFn(self._policy, self._ingested_at)).with_outputs(DEAD_LETTER, main="pages")
        )
