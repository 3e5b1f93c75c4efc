"""The batch job: feed list -> new articles -> Parquet lake."""

from __future__ import annotations

import datetime as dt

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems
from apache_beam.options.pipeline_options import PipelineOptions

from wirelake.pipelines.options import WirelakeOptions, fetch_policy, topic_tagging
from wirelake.schemas import ARTICLES, FEED_LOG
from wirelake.transforms.clustering import ClusterSyndicatedCopies
from wirelake.transforms.errors import utc_now
from wirelake.transforms.extracting import ExtractArticles
from wirelake.transforms.feedlist import FeedSpec, parse_feed_list
from wirelake.transforms.fetching import FetchArticles
from wirelake.transforms.lake import ReadLakeTable, WriteLake
from wirelake.transforms.polling import CountNewEntries, DropKnownEntries, PollFeeds, latest_feed_state
from wirelake.transforms.topics.transform import TagTopics

_STATE_COLUMNS = ["feed_url", "status", "etag", "last_modified", "fetched_at", "retry_at"]


def load_feed_list(path: str) -> list[FeedSpec]:
    with FileSystems.open(path) as handle:
        return parse_feed_list(handle.read(), path)


def _latest_state(keyed):
    url, rows = keyed
    state = latest_feed_state(list(rows))
    return [(url, state)] if state else []


def build_batch(p: beam.Pipeline, options: PipelineOptions, ingested_at: dt.datetime | None = None) -> dict:
    """Assemble the batch job on ``p``; returns the lake writes ({table: PCollection of files})."""
    o = options.view_as(WirelakeOptions)
    if not o.feeds or not o.lake:
        raise ValueError("both --feeds and --lake are required")
    ingested_at = ingested_at or utc_now()
    policy = fetch_policy(options)

    feeds = p | "ReadFeedList" >> beam.Create(load_feed_list(o.feeds))
    known_urls = (
        p
        | "ReadKnownArticles" >> ReadLakeTable(o.lake, ARTICLES, ["url"])
        | "KnownUrls" >> beam.Map(lambda row: row["url"])
    )
    feed_state = (
        p
        | "ReadFeedLog" >> ReadLakeTable(o.lake, FEED_LOG, _STATE_COLUMNS)
        | "KeyLogByFeed" >> beam.Map(lambda row: (row["feed_url"], row))
        | "GroupLogByFeed" >> beam.GroupByKey()
        | "LatestFeedState" >> beam.FlatMap(_latest_state)
    )

    backoff = dt.timedelta(seconds=o.feed_backoff)
    polled = feeds | "PollFeeds" >> PollFeeds(policy, ingested_at, feed_state, backoff)
    # Sitemap indexes list sitemaps: poll those too (one level; an index inside an index is not followed).
    children = polled.child_feeds | "PollChildFeeds" >> PollFeeds(policy, ingested_at, feed_state, backoff)
    entries = (polled.entries, children.entries) | "AllEntries" >> beam.Flatten()
    new_entries = entries | "DropKnownEntries" >> DropKnownEntries(known_urls)
    fetched = new_entries | "FetchArticles" >> FetchArticles(policy, ingested_at)
    extracted = fetched.pages | "ExtractArticles" >> ExtractArticles(ingested_at)
    tagged = extracted.articles | "TagTopics" >> TagTopics(ingested_at, **topic_tagging(options))
    clustered = tagged.articles | "ClusterSyndicatedCopies" >> ClusterSyndicatedCopies(ingested_at, o.lake)
    feed_log = (polled.feed_log, children.feed_log) | "AllFeedLog" >> beam.Flatten()
    feed_log = feed_log | "CountNewEntries" >> CountNewEntries(new_entries)
    dead_letters = (
        polled.dead_letter,
        children.dead_letter,
        fetched.dead_letter,
        extracted.dead_letter,
        tagged.dead_letter,
    ) | "CollectDeadLetters" >> beam.Flatten()

    tables = {
        "articles": clustered.articles,
        "clusters": clustered.clusters,
        "dead_letters": dead_letters,
        "feed_log": feed_log,
    }
    return tables | "WriteLake" >> WriteLake(o.lake, o.lake_shards)


def run(argv: list[str] | None = None) -> beam.runners.runner.PipelineResult:
    options = PipelineOptions(argv)
    pipeline = beam.Pipeline(options=options)
    build_batch(pipeline, options)
    result = pipeline.run()
    result.wait_until_finish()
    return result
