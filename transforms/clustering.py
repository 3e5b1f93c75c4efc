"""ClusterSyndicatedCopies: articles with the same normalised body form one cluster.

This is exact-copy clustering on the content hash; near-duplicate (syndicated rewrite) clustering fills the same
columns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import apache_beam as beam
from apache_beam.metrics import Metrics

from wirelake.schemas import ArticleRecord

_FAR_FUTURE = dt.datetime.max.replace(tzinfo=dt.UTC)


def original_first(articles: list[ArticleRecord]) -> list[ArticleRecord]:
    """Order a cluster: agency copy first, then the earliest published, then by URL for determinism."""
    return sorted(articles, key=lambda a: (not a.wire_agency, a.published_at or _FAR_FUTURE, a.url))


def assign_exact_cluster(articles: list[ArticleRecord]) -> list[ArticleRecord]:
    """Members of one exact-copy cluster, labelled with the cluster's original."""
    ordered = original_first(articles)
    original = ordered[0]
    cluster_id = original.content_hash[:32]
    return [
        dataclasses.replace(
            a,
            cluster_id=cluster_id,
            original_id=original.article_id,
            is_original=a is original,
            similarity=1.0,
            containment=1.0,
        )
        for a in ordered
    ]


class _LabelClusterFn(beam.DoFn):
    def __init__(self):
        self._clustered = Metrics.counter("cluster_articles", "copies")

    def process(self, keyed):
        _hash, members = keyed
        labelled = assign_exact_cluster(list(members))
        self._clustered.inc(len(labelled) - 1)
        yield from labelled


class ClusterSyndicatedCopies(beam.PTransform):
    """ArticleRecord -> ArticleRecord with cluster_id, original_id, is_original, similarity and containment."""

    def expand(self, articles):
        return (
            articles
            | "KeyByContentHash" >> beam.Map(lambda a: (a.content_hash, a))
            | "GroupCopies" >> beam.GroupByKey()
            | "LabelClusters" >> beam.ParDo(_LabelClusterFn())
        )
