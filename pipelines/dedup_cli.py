"""``wirelake dedup``: the pipeline's clustering over a JSON-lines corpus, and why two articles were (not) joined."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator

from wirelake.pipelines.jsonl import JsonlInputError, optional_str, read_objects
from wirelake.transforms.extract import parse_datetime
from wirelake.transforms.neardup import DEFAULT_CONFIG, DedupDocument, Fingerprinter, cluster_fingerprints, compare


def read_documents(lines: Iterable[str], source: str) -> list[DedupDocument]:
    """Parse ``{"id", "url", "title", "text", "published_at"}`` lines; extra fields are ignored.

    Empty or short texts and missing dates are accepted (such articles form their own cluster, and undated ones sort
    last when choosing originals); a missing id, a non-string text, a bad date or a repeated id is an error.
    """
    docs = []
    for where, doc_id, obj in read_objects(lines, source):
        docs.append(
            DedupDocument(
                id=doc_id,
                text=optional_str(obj, "text", where) or "",
                title=optional_str(obj, "title", where),
                url=optional_str(obj, "url", where),
                published_at=_date(obj.get("published_at"), where),
                byline=optional_str(obj, "byline", where),
            )
        )
    return docs


def _date(value, where: str) -> dt.datetime | None:
    if value in (None, ""):
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise JsonlInputError(f"{where}: 'published_at' must be an ISO 8601 date, got {value!r}")
    return parsed


def dedup(docs: list[DedupDocument]) -> Iterator[dict]:
    fingerprinter = Fingerprinter(DEFAULT_CONFIG)
    fps = [fingerprinter.fingerprint(d) for d in docs]
    for assignment in cluster_fingerprints(fps, DEFAULT_CONFIG):
        yield dataclasses.asdict(assignment)


def explain(docs: list[DedupDocument], first: str, second: str) -> dict:
    """The scores behind the decision for two documents, and the clusters they ended up in."""
    by_id = {d.id: d for d in docs}
    missing = [i for i in (first, second) if i not in by_id]
    if missing:
        raise JsonlInputError(f"no document with id {', '.join(map(repr, missing))}")
    fingerprinter = Fingerprinter(DEFAULT_CONFIG)
    fps = {d.id: fingerprinter.fingerprint(d) for d in docs}
    a, b = fps[first], fps[second]
    scores = compare(a, b, DEFAULT_CONFIG)
    assignments = {x.id: x for x in cluster_fingerprints(list(fps.values()), DEFAULT_CONFIG)}
    shared_buckets = len(set(a.band_keys) & set(b.band_keys))
    return {
        "ids": [first, second],
        "copies": scores.is_copy,
        "reason": scores.reason,
        "similarity": round(scores.similarity, 4),
        "containment": round(scores.containment, 4),
        "names_numbers_containment": None if scores.entity_containment is None else round(scores.entity_containment, 4),
        "thresholds": {
            "containment": DEFAULT_CONFIG.min_containment,
            "names_numbers_containment": DEFAULT_CONFIG.min_entity_containment,
        },
        "lsh_buckets_shared": f"{shared_buckets} of {min(len(a.band_keys), len(b.band_keys))}",
        "words": [a.words, b.words],
        "names_numbers": [a.entities, b.entities],
        "wire_agency": [a.wire_agency, b.wire_agency],
        "clusters": [dataclasses.asdict(assignments[first]), dataclasses.asdict(assignments[second])],
        "same_cluster": assignments[first].cluster_id == assignments[second].cluster_id,
    }
