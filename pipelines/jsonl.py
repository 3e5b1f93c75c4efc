"""JSON-lines corpora for the command-line tools: one object per line, each with a unique ``id``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TextIO


class JsonlInputError(ValueError):
    """A problem with an input file; the message names the file and line."""


def read_objects(lines: Iterable[str], source: str) -> Iterator[tuple[str, str, dict]]:
    """(``source:line`` for messages, id, object) per non-blank line; ids are strings and unique."""
    first_line: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise JsonlInputError(f"{where}: not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise JsonlInputError(f"{where}: expected a JSON object")
        doc_id = obj.get("id")
        if not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool) or str(doc_id) == "":
            raise JsonlInputError(f"{where}: missing or invalid 'id'")
        doc_id = str(doc_id)
        if doc_id in first_line:
            raise JsonlInputError(f"{where}: duplicate id {doc_id!r} (first on line {first_line[doc_id]})")
        first_line[doc_id] = number
        yield where, doc_id, obj


def optional_str(obj: dict, key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise JsonlInputError(f"{where}: {key!r} must be a string")
    return value


def write_jsonl(rows: Iterable[dict], out: TextIO) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
