"""The streaming clustering transform on TestStream: same clusters as batch, bounded by its time-to-live."""

import dataclasses
import datetime as dt
import json

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.test_stream import TestStream
from apache_beam.testing.util import assert_that, equal_to
from apache_beam.utils.timestamp import Timestamp
from test_transforms import make_article

from wirelake.transforms.clustering import ClusterSyndicatedCopiesStreaming, cluster_batch, to_document
from wirelake.transforms.extract import parse_datetime
from wirelake.transforms.neardup import Fingerprinter

from conftest import FIXTURES, RUN_TIME

CASES = [json.loads(line) for line in (FIXTURES / "syndication_cases.jsonl").read_text().splitlines()]


def case_articles():
    articles = []
    for case in CASES:
        article = make_article(case["url"], case["text"], 20)
        articles.append(
            dataclasses.replace(
                article,
                published_at=parse_datetime(case["published_at"]),
                authors=(case["byline"],) if case.get("byline") else (),
                title=case["title"],
            )
        )
    return sorted(articles, key=lambda a: (a.published_at, a.article_id))


def streaming_labels(articles, ttl=dt.timedelta(days=7)):
    options = PipelineOptions()
    options.view_as(StandardOptions).streaming = True
    stream = TestStream()
    for article in articles:  # in publication order, as the issue requires for equivalence
        stream = stream.add_elements(
            [beam.window.TimestampedValue(article, Timestamp.from_utc_datetime(article.published_at))]
        ).advance_watermark_to(Timestamp.from_utc_datetime(article.published_at))
    stream = stream.advance_watermark_to_infinity()
    with TestPipeline(options=options) as p:
        labelled = p | stream | ClusterSyndicatedCopiesStreaming(ttl=ttl)
        yield labelled


def labels(articles):
    return [(a.url, a.cluster_id, a.original_id, a.is_original, a.wire_agency) for a in articles]


def test_streaming_gives_the_batch_clusters():
    articles = case_articles()
    fingerprinter = Fingerprinter()
    batch_articles, _ = cluster_batch([(a, fingerprinter.fingerprint(to_document(a))) for a in articles], [], RUN_TIME)
    expected = labels(batch_articles)
    # The fixture's true clusters are what batch finds, so the comparison is not between two wrong answers.
    true_cluster = {c["url"]: c["cluster"] for c in CASES}
    by_cluster = {}
    for url, cluster_id, *_ in expected:
        by_cluster.setdefault(cluster_id, set()).add(true_cluster[url])
    assert all(len(v) == 1 for v in by_cluster.values())

    for labelled in streaming_labels(articles):
        assert_that(
            labelled | beam.Map(lambda a: (a.url, a.cluster_id, a.original_id, a.is_original, a.wire_agency)),
            equal_to(expected),
        )


def test_originals_older_than_the_ttl_are_forgotten():
    text = "\n\n".join(CASES[0]["text"].split("\n\n")[:6])
    old = make_article("https://a.example/original", text, 1)
    fresh_copy = dataclasses.replace(make_article("https://b.example/copy", text, 20))
    for labelled in streaming_labels([old, fresh_copy], ttl=dt.timedelta(days=7)):
        assert_that(
            labelled | beam.Map(lambda a: (a.url, a.is_original)),
            equal_to([("https://a.example/original", True), ("https://b.example/copy", True)]),
        )


def test_within_the_ttl_a_copy_joins_its_original():
    text = "\n\n".join(CASES[0]["text"].split("\n\n")[:6])
    original = make_article("https://a.example/original", text, 18)
    copy = make_article("https://b.example/copy", text, 20)
    for labelled in streaming_labels([original, copy]):
        assert_that(
            labelled | beam.Map(lambda a: (a.url, a.original_id == original.article_id)),
            equal_to([("https://a.example/original", True), ("https://b.example/copy", True)]),
        )
