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
from apache_beam.coders import BytesCoder, VarIntCoder
from apache_beam.metrics import Metrics
from apache_beam.transforms.userstate import BagStateSpec, ReadModifyWriteStateSpec

from wirelake.schemas import CLUSTERS, ArticleRecord, ClusterRecord
from wirelake.transforms.lake import ReadLakeTable
from wirelake.transforms.neardup import (
    DEFAULT_CONFIG,
    FAR_FUTURE,
    Assignment,
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


def labelled_copy(article: ArticleRecord, a: Assignment) -> ArticleRecord:
    """The article with its cluster columns set from the clustering's decision."""
    return dataclasses.replace(
        article,
        cluster_id=a.cluster_id,
        original_id=a.original_id,
        is_original=a.is_original,
        similarity=a.similarity,
        containment=a.containment,
        wire_agency=a.wire_agency,
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
        article = labelled_copy(article, assign(fp, original, scores))
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


class _OnlineClusterFn(beam.DoFn):
    """The leader clustering of the batch job, one article at a time, with the originals kept in Beam state.

    State holds only cluster originals (a fingerprint each, under 1 KB), and an original is forgotten once the
    newest article is more than ``ttl`` younger than it. The state is cached in memory per worker and re-read only
    when another worker or a retried bundle changed it (detected through a generation counter).
    """

    ORIGINALS = BagStateSpec("originals", BytesCoder())
    GENERATION = ReadModifyWriteStateSpec("generation", VarIntCoder())
    _EXPIRY_EVERY = dt.timedelta(hours=1)

    def __init__(self, config: DedupConfig, ttl: dt.timedelta):
        self._config, self._ttl = config, ttl
        self._copies = Metrics.counter("cluster_articles", "copies")
        self._originals = Metrics.counter("cluster_articles", "originals")
        self._held = Metrics.gauge("cluster_articles", "originals_held")

    def setup(self):
        self._fingerprinter = Fingerprinter(self._config)
        self._cache: tuple[int, LeaderClusterer, dt.datetime] | None = None

    def process(
        self,
        element,
        originals=beam.DoFn.StateParam(ORIGINALS),
        generation=beam.DoFn.StateParam(GENERATION),
    ):
        _key, article = element
        fp = self._fingerprinter.fingerprint(to_document(article))
        clusterer = self._clusterer(originals, generation, fp.order[0])
        original, scores = clusterer.add(fp)
        if original is fp:
            originals.add(fp.to_bytes())
            self._bump(generation, clusterer)
            self._originals.inc()
        else:
            self._copies.inc()
        self._held.set(len(clusterer.leaders))
        yield labelled_copy(article, assign(fp, original, scores))

    def _clusterer(self, originals, generation, now: dt.datetime) -> LeaderClusterer:
        current = generation.read() or 0
        if self._cache is None or self._cache[0] != current:
            clusterer = LeaderClusterer(self._config)
            for data in originals.read():
                clusterer.seed(Fingerprint.from_bytes(data))
            self._cache = (current, clusterer, dt.datetime.min.replace(tzinfo=dt.UTC))  # expire on first use
        _gen, clusterer, last_expiry = self._cache
        if now - last_expiry >= self._EXPIRY_EVERY and now != FAR_FUTURE:
            expired = [i for i, fp in clusterer.leaders.items() if fp.order[0] < now - self._ttl]
            for leader_id in expired:
                clusterer.forget(leader_id)
            if expired:  # a bag cannot drop items: rewrite it with the originals still held
                originals.clear()
                for fp in clusterer.leaders.values():
                    originals.add(fp.to_bytes())
                self._bump(generation, clusterer)
            self._cache = (self._cache[0], clusterer, now)
        return clusterer

    def _bump(self, generation, clusterer: LeaderClusterer) -> None:
        value = (generation.read() or 0) + 1
        generation.write(value)
        self._cache = (value, clusterer, self._cache[2])


class ClusterSyndicatedCopiesStreaming(beam.PTransform):
    """Streaming ClusterSyndicatedCopies: same decisions as the batch transform when articles arrive in
    publication order; originals older than ``ttl`` are forgotten.

    All articles share one key: leader clustering is sequential by nature (an article may become the original
    that later ones join), and at about 50 microseconds an article one key keeps up with far more news than
    exists; fingerprinting, the expensive part, runs in parallel before it.
    """

    def __init__(self, config: DedupConfig = DEFAULT_CONFIG, ttl: dt.timedelta = DEFAULT_TTL):
        super().__init__()
        self._config, self._ttl = config, ttl

    def expand(self, articles):
        return (
            articles
            | "KeyAll" >> beam.Map(lambda article: ("all", article))
            | "ClusterOnline" >> beam.ParDo(_OnlineClusterFn(self._config, self._ttl))
        )
