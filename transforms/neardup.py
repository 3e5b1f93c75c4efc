"""Near-duplicate clustering of syndicated copy: fingerprints, LSH candidates, verification, leader clustering.

A document's fingerprint is small and fixed-size (under 1 KB), and everything the clustering decides is decided from
fingerprints alone, so the batch transform and the stateful streaming transform make identical decisions:

- **normalisation, shingles and LSH keys** (``shingling.py``): typography, case, diacritics and spelling variants
  (Kiev/Kyiv, -ise/-ize, -our/-or, ...) are folded; overlapping word n-grams are hashed deterministically (the same
  on every worker); MinHash bucket keys of content-defined chunks find candidate pairs without comparing every pair;
- **verification** estimates, from bottom-k sketches, how much of the shorter text the longer one contains
  (a trimmed copy is contained in its original) and how much of its *names and numbers* it shares (two briefs
  written from one template share words but not figures; two stories that share a background paragraph share
  too little of the shorter text);
- **leader clustering** in publication order compares each document with cluster originals only, never with other
  members, so A~B~C chains cannot merge an unrelated A and C.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import itertools
import json
import re
import struct
from collections.abc import Iterable, Sequence

import numpy as np

from wirelake.transforms.shingling import (
    DEFAULT_VARIANTS,
    ChunkMinHasher,
    Normalizer,
    bottom_k,
    shingle_sequence,
    shingle_sequences,
)
from wirelake.transforms.wire import WireDetector

_ENTITY = re.compile(r"(?<![\w.])(?:\d[\d.,]*\d|\d|[A-Z][\w'\u2019-]*[a-z][\w'\u2019-]*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"\u201c\u201d]\s+|\n)$")
FAR_FUTURE = dt.datetime.max.replace(tzinfo=dt.UTC)


@dataclasses.dataclass(frozen=True)
class DedupConfig:
    shingle_words: int = 3
    # Candidate search (LSH) runs on content-defined chunks of about ``chunk_words`` words, so a trimmed or
    # partly rewritten copy still shares whole chunks with its original even when its overall Jaccard is low.
    chunk_words: int = 16
    max_chunks: int = 24  # the first chunks: copies keep the top of a story
    bands: int = 3  # per chunk
    rows: int = 3  # per band: an identical chunk always collides, unrelated ones almost never
    max_bucket: int = 64  # a bucket shared by more originals is boilerplate (a sign-off), not evidence
    sketch_size: int = 96  # bottom-k shingle sketch used for verification
    entity_sketch_size: int = 40
    min_containment: float = 0.5  # share of the shorter text found in the longer one
    min_entity_containment: float = 0.6  # share of the shorter text's names and numbers found in the longer one
    min_entities: int = 4  # fewer names/numbers than this: the entity check abstains
    min_words: int = 12  # shorter texts are only clustered with an identical text
    variants: tuple[tuple[str, str], ...] = tuple(DEFAULT_VARIANTS.items())


DEFAULT_CONFIG = DedupConfig()


@dataclasses.dataclass(frozen=True)
class DedupDocument:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published_at: dt.datetime | None = None
    byline: str | None = None
    is_wire: bool = False  # from a feed marked as an agency's own feed


@dataclasses.dataclass(frozen=True)
class Fingerprint:
    """Everything clustering needs to know about a document (about 800 bytes of arrays)."""

    id: str
    order: tuple  # processing order: publication time, agency copy first, id
    words: int
    shingles: int  # distinct shingles
    sketch: np.ndarray  # uint32, sorted: the smallest ``sketch_size`` shingle hashes
    entities: int  # distinct names and numbers
    entity_sketch: np.ndarray  # uint32, sorted
    band_keys: tuple[int, ...]  # LSH bucket keys: one per band of each chunk, distinct
    exact: str  # hash of the normalised text, for texts too short to shingle meaningfully
    wire_agency: str | None
    own_agency_copy: bool  # the agency's own copy (its site, or a feed marked is_wire)

    def to_bytes(self) -> bytes:
        """Compact, portable encoding (stored in the lake so later runs can join copies to this original)."""
        when, not_own, _id = self.order
        header = json.dumps(
            [
                self.id,
                when.isoformat(),
                self.words,
                self.shingles,
                self.entities,
                self.exact[:32],
                self.wire_agency,
                self.own_agency_copy,
                len(self.sketch),
                len(self.entity_sketch),
                len(self.band_keys),
            ],
            separators=(",", ":"),
        ).encode("utf-8")
        bands = np.array(self.band_keys, dtype=np.uint32)
        return (
            struct.pack("<I", len(header))
            + header
            + self.sketch.tobytes()
            + self.entity_sketch.tobytes()
            + bands.tobytes()
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        (size,) = struct.unpack_from("<I", data)
        id_, when, words, shingles, entities, exact, agency, own, n_sketch, n_ent, n_bands = json.loads(
            data[4 : 4 + size]
        )
        offset = 4 + size
        sketch = np.frombuffer(data, dtype=np.uint32, count=n_sketch, offset=offset)
        offset += 4 * n_sketch
        entity_sketch = np.frombuffer(data, dtype=np.uint32, count=n_ent, offset=offset)
        offset += 4 * n_ent
        bands = np.frombuffer(data, dtype=np.uint32, count=n_bands, offset=offset)
        return cls(
            id=id_,
            order=(dt.datetime.fromisoformat(when), not own, id_),
            words=words,
            shingles=shingles,
            sketch=sketch,
            entities=entities,
            entity_sketch=entity_sketch,
            band_keys=tuple(int(b) for b in bands),
            exact=exact,
            wire_agency=agency,
            own_agency_copy=own,
        )


@dataclasses.dataclass(frozen=True)
class Scores:
    similarity: float  # estimated Jaccard resemblance of the shingle sets
    containment: float  # estimated share of the shorter text's shingles found in the longer text
    entity_containment: float | None  # same for names and numbers; None when too few to judge
    is_copy: bool
    reason: str


@dataclasses.dataclass(frozen=True)
class Assignment:
    id: str
    cluster_id: str
    original_id: str
    is_original: bool
    similarity: float
    containment: float
    wire_agency: str | None


class Fingerprinter:
    """Builds fingerprints; one per worker (cheap, stateless after construction)."""

    def __init__(self, config: DedupConfig = DEFAULT_CONFIG, detector: WireDetector | None = None):
        self.config = config
        self._normalizer = Normalizer(config.variants)
        self._chunks = ChunkMinHasher(config)
        self._detector = detector or WireDetector()

    def fingerprint(self, doc: DedupDocument) -> Fingerprint:
        c = self.config
        tokens = self._normalizer.token_hashes(doc.text)
        sequence = shingle_sequence(tokens, c.shingle_words)
        shingles = np.unique(sequence)
        entity_hashes = self._normalizer.token_hashes(" ".join(_entities(doc.text)))
        own_agency = self._detector.own_copy(doc.url)
        agency = self._detector.detect(doc.text, doc.byline) or own_agency
        own_copy = bool(own_agency) or (doc.is_wire and agency is not None)
        return Fingerprint(
            id=doc.id,
            order=(doc.published_at or FAR_FUTURE, not own_copy, doc.id),
            words=len(tokens),
            shingles=len(shingles),
            sketch=bottom_k(shingles, c.sketch_size),
            entities=len(np.unique(entity_hashes)),
            entity_sketch=bottom_k(entity_hashes, c.entity_sketch_size),
            band_keys=self._chunks.keys(sequence) if len(tokens) >= c.min_words else (),
            exact=hashlib.sha256(tokens.tobytes()).hexdigest()[:32],
            wire_agency=agency,
            own_agency_copy=own_copy,
        )


def _entities(text: str) -> list[str]:
    """Numbers and capitalised words that do not start a sentence: the names and figures of a story."""
    found = []
    for match in _ENTITY.finditer(text):
        token = match.group(0)
        if token[0].isupper() and _SENTENCE_START.search(text[max(0, match.start() - 3) : match.start()]):
            continue
        found.append(token)
    return found


# -- verification ---------------------------------------------------------------------------------------------------
def _jaccard_from_sketches(a: np.ndarray, b: np.ndarray, k: int) -> float:
    """Bottom-k estimate of the Jaccard index of the two underlying sets."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    union = np.union1d(a, b)[:k]
    both = np.intersect1d(a, b, assume_unique=True)
    # Only values below both sketches' k-th value are known to be absent from a set when missing from its sketch.
    return float(np.isin(union, both, assume_unique=True).sum()) / len(union)


def _containment(jaccard: float, size_a: int, size_b: int) -> float:
    """Share of the smaller set inside the larger, from their Jaccard index and sizes."""
    if min(size_a, size_b) == 0:
        return 0.0
    intersection = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return min(1.0, intersection / min(size_a, size_b))


def compare(a: Fingerprint, b: Fingerprint, config: DedupConfig = DEFAULT_CONFIG) -> Scores:
    """Are a and b copies of one story? Symmetric; decided from fingerprints alone."""
    if min(a.words, b.words) == 0:
        return Scores(0.0, 0.0, None, False, "empty text")
    if a.exact == b.exact:
        return Scores(1.0, 1.0, 1.0, True, "identical normalised text")
    if min(a.words, b.words) < config.min_words:
        return Scores(0.0, 0.0, None, False, f"text shorter than {config.min_words} words and not identical")
    similarity = _jaccard_from_sketches(a.sketch, b.sketch, config.sketch_size)
    containment = _containment(similarity, a.shingles, b.shingles)
    entity_containment = None
    if min(a.entities, b.entities) >= config.min_entities:
        entity_j = _jaccard_from_sketches(a.entity_sketch, b.entity_sketch, config.entity_sketch_size)
        entity_containment = _containment(entity_j, a.entities, b.entities)
    if containment < config.min_containment:
        reason = f"containment {containment:.2f} < {config.min_containment}"
        return Scores(similarity, containment, entity_containment, False, reason)
    if entity_containment is not None and entity_containment < config.min_entity_containment:
        reason = f"names/numbers containment {entity_containment:.2f} < {config.min_entity_containment}"
        return Scores(similarity, containment, entity_containment, False, reason)
    return Scores(similarity, containment, entity_containment, True, "copy: text and names/numbers contained")


# -- clustering -----------------------------------------------------------------------------------------------------
class LshIndex:
    """Bucket key -> ids of the fingerprints added under it.

    Most buckets only ever hold one id (a chunk no other text has), so a bucket holds its id bare until a second
    arrives, and only then a list: millions of one-item lists would cost an allocation each and slow every
    garbage collection, for nothing.
    """

    def __init__(self):
        self._buckets: dict[int, str | list[str]] = {}

    def add(self, id_: str, band_keys: Iterable[int]) -> None:
        """File id_ under each of its (distinct) band keys."""
        buckets = self._buckets
        band_keys = tuple(band_keys)
        # Dict operations in C where possible: look up only the keys already present, insert all the new ones
        # (overwriting the present ones too) in one update, then give those back their earlier ids.
        shared = {key: buckets[key] for key in buckets.keys() & band_keys}
        buckets.update(zip(band_keys, itertools.repeat(id_)))
        for key, ids in shared.items():
            if type(ids) is list:
                ids.append(id_)
                buckets[key] = ids
            else:
                buckets[key] = [ids, id_]

    def candidates(self, band_keys: Iterable[int], max_bucket: int = DEFAULT_CONFIG.max_bucket) -> set[str]:
        buckets = self._buckets
        found: set[str] = set()
        for key in buckets.keys() & band_keys:  # most keys are in no bucket: skip them in C
            ids = buckets[key]
            if type(ids) is list:
                if len(ids) <= max_bucket:
                    found.update(ids)
            elif max_bucket >= 1:
                found.add(ids)
        return found

    def remove(self, id_: str, band_keys: Iterable[int]) -> None:
        buckets = self._buckets
        for key in band_keys:
            ids = buckets.get(key)
            if type(ids) is list:
                if id_ in ids:
                    ids.remove(id_)
                    if len(ids) == 1:
                        buckets[key] = ids[0]
            elif ids is not None and ids == id_:
                del buckets[key]


def best_leader(
    fp: Fingerprint, leaders: Iterable[Fingerprint], config: DedupConfig
) -> tuple[Fingerprint, Scores] | None:
    """The cluster original ``fp`` is a copy of, if any: highest containment, then similarity, then order."""
    best = None
    for leader in sorted(leaders, key=lambda f: f.order):
        scores = compare(fp, leader, config)
        if scores.is_copy and (
            best is None or (scores.containment, scores.similarity) > (best[1].containment, best[1].similarity)
        ):
            best = (leader, scores)
    return best


def cluster_id_for(original_id: str) -> str:
    return "c_" + original_id


class LeaderClusterer:
    """Online clustering: feed fingerprints in publication order; each joins an existing original or leads."""

    def __init__(self, config: DedupConfig = DEFAULT_CONFIG):
        self.config = config
        self.index = LshIndex()
        self.leaders: dict[str, Fingerprint] = {}
        self._exact: dict[str, str] = {}  # normalised-text hash of a leader -> leader id

    def add(self, fp: Fingerprint) -> tuple[Fingerprint, Scores]:
        """Returns (the cluster's original, scores of fp against it); fp itself when it starts a cluster."""
        leader_id = self._exact.get(fp.exact) if fp.words else None
        if leader_id is not None:
            return self.leaders[leader_id], Scores(1.0, 1.0, 1.0, True, "identical normalised text")
        candidates = [self.leaders[i] for i in self.index.candidates(fp.band_keys, self.config.max_bucket)]
        found = best_leader(fp, candidates, self.config)
        if found:
            return found
        self.seed(fp)
        return fp, Scores(1.0, 1.0, 1.0, True, "original")

    def seed(self, fp: Fingerprint) -> None:
        """Make fp a cluster original (for originals carried over from earlier runs or state)."""
        self.leaders[fp.id] = fp
        if fp.words:
            self._exact[fp.exact] = fp.id
        self.index.add(fp.id, fp.band_keys)

    def forget(self, leader_id: str) -> None:
        fp = self.leaders.pop(leader_id)
        self._exact.pop(fp.exact, None)
        self.index.remove(leader_id, fp.band_keys)


def assign(fp: Fingerprint, original: Fingerprint, scores: Scores) -> Assignment:
    return Assignment(
        id=fp.id,
        cluster_id=cluster_id_for(original.id),
        original_id=original.id,
        is_original=fp.id == original.id,
        similarity=round(scores.similarity, 4),
        containment=round(scores.containment, 4),
        wire_agency=fp.wire_agency or original.wire_agency,
    )


def cluster_fingerprints(fps: Sequence[Fingerprint], config: DedupConfig = DEFAULT_CONFIG) -> list[Assignment]:
    """Batch clustering: deterministic, whatever the input order. One Assignment per fingerprint, in input order."""
    clusterer = LeaderClusterer(config)
    placed = {fp.id: clusterer.add(fp) for fp in sorted(fps, key=lambda f: f.order)}
    return [assign(fp, *placed[fp.id]) for fp in fps]


def cluster_documents(docs: Sequence[DedupDocument], config: DedupConfig = DEFAULT_CONFIG) -> list[Assignment]:
    """Cluster documents; one Assignment per document, in input order. Ids must be unique."""
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            raise ValueError(f"duplicate document id {doc.id!r}")
        seen.add(doc.id)
    fingerprinter = Fingerprinter(config)
    return cluster_fingerprints([fingerprinter.fingerprint(d) for d in docs], config)


def signatures(texts: Iterable[str], config: DedupConfig = DEFAULT_CONFIG) -> list[tuple[int, ...]]:
    """LSH bucket keys of each text (the candidate-search half of fingerprinting), for benchmarks.

    Texts are processed in batches: large enough that numpy's per-call cost is shared by hundreds of texts, small
    enough that a batch's arrays stay in cache.
    """
    normalizer, chunks = Normalizer(config.variants), ChunkMinHasher(config)
    out: list[tuple[int, ...]] = []
    for batch in _batches(texts):
        tokens, offsets = normalizer.token_hashes_batch(batch)
        out.extend(chunks.keys_batch(*shingle_sequences(tokens, offsets, config.shingle_words)))
    return out


def _batches(texts: Iterable[str], first_chars: int = 1 << 14, max_chars: int = 1 << 20) -> Iterable[list[str]]:
    """Lists of texts of about ``first_chars`` characters, doubling up to ``max_chars``.

    Small first batches warm the token cache cheaply: every token of a batch that the cache does not know yet takes
    the Python path, and the first batch knows none.
    """
    batch, size, limit = [], 0, first_chars
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= limit:
            yield batch
            batch, size, limit = [], 0, min(2 * limit, max_chars)
    if batch:
        yield batch
