"""ClusterSyndicatedCopies: every article joins a syndication cluster (batch, global and deterministic).

Fingerprints are computed in parallel; the clustering itself runs once over all of the run's articles, seeded with
the originals of recent clusters already in the lake, so a copy fetched today joins the cluster its original started
yesterday. The decisions are those of ``neardup.LeaderClusterer``, which the streaming job uses too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

import apache_beam as beam
from apache_beam.metrics import Metrics

from wirelake.schemas import CLUSTERS, ArticleRecord, ClusterRecord
from wirelake.transforms.lake import ReadLakeTable
from wirelake.transforms.neardup import (
    DEFAULT_CONFIG,
    DedupConfig,
    DedupDocument,
    Fingerprint,
    Fingerprinter,
    LeaderClusterer,
    assign,
)

CLUSTER_UPDATES = "clusters"
DEFAULT_TTL = dt.timedelta(days=7)


def to_document(article: ArticleRecord) -> DedupDocument:
    return DedupDocument(
        id=article.article_id,
        text=article.text,
        title=article.title,
        url=article.url,
        published_at=article.published_at,
        byline=", ".join(article.authors) or None,
        is_wire=article.from_wire_feed,
    )


def _seen_at(article: ArticleRecord) -> dt.datetime:
    return article.published_at or article.fetched_at


def cluster_batch(
    items: Iterable[tuple[ArticleRecord, Fingerprint]],
    known: Iterable[ClusterRecord],
    ingested_at: dt.datetime,
    config: DedupConfig = DEFAULT_CONFIG,
) -> tuple[list[ArticleRecord], list[ClusterRecord]]:
    """Label the run's articles and return them with the new state of every cluster they touched."""
    clusterer = LeaderClusterer(config)
    clusters: dict[str, ClusterRecord] = {}
    for record in known:
        clusterer.seed(Fingerprint.from_bytes(record.fingerprint))
        clusters[record.original_id] = record
    labelled, touched = [], set()
    for article, fp in sorted(items, key=lambda item: item[1].order):
        original, scores = clusterer.add(fp)
        a = assign(fp, original, scores)
        article = dataclasses.replace(
            article,
            cluster_id=a.cluster_id,
            original_id=a.original_id,
            is_original=a.is_original,
            similarity=a.similarity,
            containment=a.containment,
            wire_agency=a.wire_agency,
        )
        labelled.append(article)
        touched.add(original.id)
        clusters[original.id] = _grow(clusters.get(original.id), article, original, ingested_at)
    return labelled, [clusters[i] for i in sorted(touched)]


def _grow(cluster: ClusterRecord | None, article: ArticleRecord, original: Fingerprint, ingested_at) -> ClusterRecord:
    seen = _seen_at(article)
    outlets = (article.source_name,) if article.source_name else ()
    if cluster is None:  # the article is the original of a new cluster
        return ClusterRecord(
            cluster_id=article.cluster_id,
            original_id=article.article_id,
            original_url=article.url,
            original_title=article.title,
            wire_agency=article.wire_agency,
            size=1,
            outlets=outlets,
            first_seen=seen,
            last_seen=seen,
            fingerprint=original.to_bytes(),
            ingested_at=ingested_at,
        )
    return dataclasses.replace(
        cluster,
        wire_agency=cluster.wire_agency or article.wire_agency,
        size=cluster.size + 1,
        outlets=tuple(sorted(set(cluster.outlets) | set(outlets))),
        first_seen=min(cluster.first_seen, seen),
        last_seen=max(cluster.last_seen, seen),
        ingested_at=ingested_at,
    )


class _FingerprintFn(beam.DoFn):
    def __init__(self, config: DedupConfig):
        self._config = config

    def setup(self):
        self._fingerprinter = Fingerprinter(self._config)

    def process(self, article: ArticleRecord):
        yield article, self._fingerprinter.fingerprint(to_document(article))


class _ClusterFn(beam.DoFn):
    def __init__(self, config: DedupConfig, ingested_at: dt.datetime):
        self._config, self._ingested_at = config, ingested_at
        self._copies = Metrics.counter("cluster_articles", "copies")
        self._originals = Metrics.counter("cluster_articles", "originals")

    def process(self, items, known):
        articles, clusters = cluster_batch(items, known, self._ingested_at, self._config)
        originals = sum(a.is_original for a in articles)
        self._originals.inc(originals)
        self._copies.inc(len(articles) - originals)
        yield from articles
        for cluster in clusters:
            yield beam.pvalue.TaggedOutput(CLUSTER_UPDATES, cluster)


def current_clusters(rows: list[dict]) -> list[ClusterRecord]:
    """The latest row of every cluster (the table is a changelog)."""
    latest: dict[str, dict] = {}
    for row in rows:
        seen = latest.get(row["cluster_id"])
        if seen is None or row["ingested_at"] > seen["ingested_at"]:
            latest[row["cluster_id"]] = row
    return [ClusterRecord(**dict(row, outlets=tuple(row["outlets"]))) for row in latest.values()]


class ClusterSyndicatedCopies(beam.PTransform):
    """ArticleRecord -> ArticleRecord with cluster columns filled; a ``clusters`` output with the touched clusters.

    With ``lake`` set, recent clusters already in the lake (last seen within ``ttl``) are extended, not re-created.
    """

    def __init__(
        self,
        ingested_at: dt.datetime,
        lake: str | None = None,
        config: DedupConfig = DEFAULT_CONFIG,
        ttl: dt.timedelta = DEFAULT_TTL,
    ):
        super().__init__()
        self._ingested_at, self._lake, self._config, self._ttl = ingested_at, lake, config, ttl

    def expand(self, articles):
        p = articles.pipeline
        if self._lake:
            columns = [f.name for f in dataclasses.fields(ClusterRecord)]
            rows = p | "ReadClusters" >> ReadLakeTable(self._lake, CLUSTERS, columns)
        else:
            rows = p | "NoClusters" >> beam.Create([])
        horizon = self._ingested_at - self._ttl
        known = (
            rows
            # last_seen only grows, so a cluster's current row is among its recent ones.
            | "SeenRecently" >> beam.Filter(lambda row: row["last_seen"] >= horizon)
            | "AllClusterRows" >> beam.combiners.ToList()
            | "CurrentRows" >> beam.FlatMap(current_clusters)
        )
        return (
            articles
            | "Fingerprint" >> beam.ParDo(_FingerprintFn(self._config))
            | "AllArticles" >> beam.combiners.ToList()
            | "Cluster"
            >> beam.ParDo(_ClusterFn(self._config, self._ingested_at), beam.pvalue.AsList(known)).with_outputs(
                CLUSTER_UPDATES, main="articles"
            )
        )
