"""``wirelake dedup``: the pipeline's clustering over a JSON-lines corpus, and why two articles were (not) joined."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import TextIO

from wirelake.transforms.extract import parse_datetime
from wirelake.transforms.neardup import DEFAULT_CONFIG, DedupDocument, Fingerprinter, cluster_fingerprints, compare


class DedupInputError(ValueError):
    """A problem with the input file, naming the line."""


def read_documents(lines: Iterable[str], source: str) -> list[DedupDocument]:
    """Parse ``{"id", "url", "title", "text", "published_at"}`` lines; extra fields are ignored.

    Empty or short texts and missing dates are accepted (such articles form their own cluster, and undated ones sort
    last when choosing originals); a missing id, a non-string text, a bad date or a repeated id is an error.
    """
    docs: list[DedupDocument] = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DedupInputError(f"{where}: not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise DedupInputError(f"{where}: expected a JSON object")
        doc_id = obj.get("id")
        if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool) or str(doc_id) == "":
            raise DedupInputError(f"{where}: missing or invalid 'id'")
        doc_id = str(doc_id)
        if doc_id in first_line:
            raise DedupInputError(f"{where}: duplicate id {doc_id!r} (first on line {first_line[doc_id]})")
        first_line[doc_id] = number
        text = obj.get("text") if obj.get("text") is not None else ""
        if not isinstance(text, str):
            raise DedupInputError(f"{where}: 'text' must be a string")
        docs.append(
            DedupDocument(
                id=doc_id,
                text=text,
                title=_optional_str(obj, "title", where),
                url=_optional_str(obj, "url", where),
                published_at=_date(obj.get("published_at"), where),
                byline=_optional_str(obj, "byline", where),
            )
        )
    return docs


def _optional_str(obj: dict, key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise DedupInputError(f"{where}: {key!r} must be a string")
    return value


def _date(value, where: str) -> dt.datetime | None:
    if value in (None, ""):
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise DedupInputError(f"{where}: 'published_at' must be an ISO 8601 date, got {value!r}")
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
        raise DedupInputError(f"no document with id {', '.join(map(repr, missing))}")
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


def write_jsonl(rows: Iterable[dict], out: TextIO) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
