"""The streaming job: feeds polled on a schedule and work items from Pub/Sub -> windowed Parquet and Pub/Sub."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import apache_beam as beam
from apache_beam.io.gcp.pubsub import PubsubMessage, ReadFromPubSub, WriteToPubSub
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions
from apache_beam.transforms import trigger, window
from apache_beam.transforms.periodicsequence import PeriodicImpulse
from apache_beam.utils.timestamp import Timestamp

from wirelake.pipelines.batch import load_feed_list
from wirelake.pipelines.options import WirelakeOptions, fetch_policy, topic_tagging
from wirelake.schemas import ARTICLES, ArticleRecord, DeadLetterRecord
from wirelake.transforms.clustering import ClusterSyndicatedCopiesStreaming
from wirelake.transforms.errors import utc_now
from wirelake.transforms.extracting import ExtractArticles
from wirelake.transforms.feedlist import FeedSpec
from wirelake.transforms.fetching import FetchArticles
from wirelake.transforms.lake import ReadLakeTable, WriteLake
from wirelake.transforms.neardup import DEFAULT_CONFIG
from wirelake.transforms.polling import PollFeedsStreaming, SkipSeenUrls
from wirelake.transforms.topics.transform import TagTopics
from wirelake.transforms.workitems import ParseWorkItems


def feeds_due(tick: Timestamp, specs: list[FeedSpec], base_interval: float) -> list[FeedSpec]:
    """The feeds to poll at this tick: every feed every ``base_interval``, or at its own (rounded) interval."""
    number = round(float(tick) / base_interval)
    due = []
    for spec in specs:
        every = max(1, round((spec.poll_interval_seconds or base_interval) / base_interval))
        if number % every == 0:
            due.append(spec)
    return due


def event_time(article: ArticleRecord, now: dt.datetime, allowed_lateness: dt.timedelta) -> dt.datetime:
    """Publication time when it is known and recent enough to be on time; ingest time otherwise.

    An article published long before it is found (a feed listing last week's stories) would arrive behind the
    watermark and be dropped as late; stamping it with its ingest time keeps it, and its publication time is a
    column anyway.
    """
    published = article.published_at
    if published is None or published < now - allowed_lateness or published > now + dt.timedelta(minutes=5):
        return now
    return published


def lake_windows(window_seconds: int, allowed_lateness: int) -> beam.WindowInto:
    """Fixed windows for lake files: one pane when the watermark passes the window, then one per late element
    within ``allowed_lateness`` (each a file of its own, nothing re-written); later data is dropped, which
    event_time() prevents for articles."""
    return beam.WindowInto(
        window.FixedWindows(window_seconds),
        trigger=trigger.AfterWatermark(late=trigger.AfterCount(1)),
        allowed_lateness=allowed_lateness,
        accumulation_mode=trigger.AccumulationMode.DISCARDING,
    )


def _ts(when: dt.datetime) -> Timestamp:
    return Timestamp.from_utc_datetime(when)


def _stamp(article: ArticleRecord, allowed_lateness: dt.timedelta):
    return window.TimestampedValue(article, _ts(event_time(article, utc_now(), allowed_lateness)))


def _json_default(value):
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(type(value).__name__)


def to_message(record) -> PubsubMessage:
    """A lake record as a Pub/Sub message: JSON body; articles carry routing attributes."""
    body = json.dumps(dataclasses.asdict(record), default=_json_default, ensure_ascii=False).encode("utf-8")
    attributes = {}
    if isinstance(record, ArticleRecord):
        attributes = {
            "cluster_id": record.cluster_id,
            "is_original": str(record.is_original).lower(),
            "language": record.language or "",
            "wire_agency": record.wire_agency or "",
            "topics": ",".join(t["code"] if isinstance(t, dict) else t.code for t in record.topics),
        }
    elif isinstance(record, DeadLetterRecord):
        attributes = {"stage": record.stage, "error_type": record.error_type}
    return PubsubMessage(body, attributes)


def build_streaming(p: beam.Pipeline, options: PipelineOptions) -> dict:
    """Assemble the streaming job on ``p``; returns the lake writes ({table: PCollection of files})."""
    o = options.view_as(WirelakeOptions)
    if not o.lake or not (o.feeds or o.input_subscription):
        raise ValueError("--lake and at least one of --feeds or --input_subscription are required")
    policy = fetch_policy(options)
    backoff = dt.timedelta(seconds=o.feed_backoff)
    feed_sources, entry_sources, dead_letters = [], [], []

    if o.input_subscription:
        payloads = p | "ReadWorkItems" >> ReadFromPubSub(subscription=o.input_subscription)
        items = payloads | "ParseWorkItems" >> ParseWorkItems()
        feed_sources.append(items.feeds)
        entry_sources.append(items.articles)
        dead_letters.append(items.dead_letter)
    if o.feeds:
        specs = load_feed_list(o.feeds)
        if o.poll_ticks == "impulse":
            ticks = p | "PollTicks" >> PeriodicImpulse(fire_interval=o.poll_interval)
        elif o.input_subscription:
            ticks = items.ticks | "TickTimes" >> beam.Map(lambda _tick: Timestamp.now())
        else:
            raise ValueError("--poll_ticks=pubsub needs --input_subscription, where the ticks arrive")
        feed_sources.append(ticks | "DueFeeds" >> beam.FlatMap(feeds_due, specs, o.poll_interval))

    feeds = tuple(feed_sources) | "AllFeeds" >> beam.Flatten()
    polled = feeds | "PollFeeds" >> PollFeedsStreaming(policy, backoff)
    children = polled.child_feeds | "PollChildFeeds" >> PollFeedsStreaming(policy, backoff)
    entries = (polled.entries, children.entries, *entry_sources) | "AllEntries" >> beam.Flatten()
    known_urls = (
        p
        | "ReadKnownArticles" >> ReadLakeTable(o.lake, ARTICLES, ["url"])
        | "KnownUrls" >> beam.Map(lambda row: row["url"])
    )
    new_entries = entries | "SkipSeenUrls" >> SkipSeenUrls(known_urls)
    fetched = new_entries | "FetchArticles" >> FetchArticles(policy, None)
    extracted = fetched.pages | "ExtractArticles" >> ExtractArticles(None)
    ttl = dt.timedelta(days=o.dedup_ttl_days)
    tagged = extracted.articles | "TagTopics" >> TagTopics(None, **topic_tagging(options))
    clustered = tagged.articles | "ClusterSyndicatedCopies" >> ClusterSyndicatedCopiesStreaming(DEFAULT_CONFIG, ttl)
    lateness = dt.timedelta(seconds=o.allowed_lateness)
    articles = clustered | "StampEventTime" >> beam.Map(_stamp, lateness)
    dead_letters += [
        polled.dead_letter,
        children.dead_letter,
        fetched.dead_letter,
        extracted.dead_letter,
        tagged.dead_letter,
    ]
    dead = tuple(dead_letters) | "AllDeadLetters" >> beam.Flatten()
    feed_log = (polled.feed_log, children.feed_log) | "AllFeedLog" >> beam.Flatten()

    windowing = lake_windows(o.window_seconds, o.allowed_lateness)
    # Batching for concurrent fetches leaves elements at the end of the global window: every row gets its own
    # event time back before windowing (failures and polls: when they happened).
    dead = dead | "StampFailureTime" >> beam.Map(lambda d: window.TimestampedValue(d, _ts(d.failed_at)))
    feed_log = feed_log | "StampPollTime" >> beam.Map(lambda r: window.TimestampedValue(r, _ts(r.fetched_at)))
    tables = {"articles": articles, "dead_letters": dead, "feed_log": feed_log}
    windowed = {name: pcoll | f"Window_{name}" >> windowing for name, pcoll in tables.items()}
    written = windowed | "WriteLake" >> WriteLake(o.lake, o.lake_shards, streaming=True)

    if o.output_topic:
        _ = (
            articles
            | "ArticleMessages" >> beam.Map(to_message)
            | "PublishArticles" >> WriteToPubSub(o.output_topic, with_attributes=True)
        )
    if o.dead_letter_topic:
        _ = (
            dead
            | "DeadLetterMessages" >> beam.Map(to_message)
            | "PublishDeadLetters" >> WriteToPubSub(o.dead_letter_topic, with_attributes=True)
        )
    return written


def start(argv: list[str] | None = None) -> beam.runners.runner.PipelineResult:
    """Start the streaming job and return at once; the caller waits, cancels, or leaves it running."""
    options = PipelineOptions(argv)
    options.view_as(StandardOptions).streaming = True
    pipeline = beam.Pipeline(options=options)
    build_streaming(pipeline, options)
    return pipeline.run()
