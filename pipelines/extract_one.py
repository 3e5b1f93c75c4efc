"""Pages, files, directories or URLs through the pipeline's extraction: what ``wirelake extract`` prints."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from wirelake.transforms.errors import StageError, error_code
from wirelake.transforms.extract import MAX_PAGE_BYTES, PageTooLarge, extract_article
from wirelake.transforms.fetching import PAGE_ACCEPT
from wirelake.transforms.http import HttpClient

FORMATS = ("json", "jsonl", "text", "markdown")
_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")
_GZIP_MAGIC = b"\x1f\x8b"


class UnreadableInput(StageError):
    code = "io_error"


def expand_sources(sources: Iterable[str]) -> Iterator[str]:
    """URLs and files as given; a directory becomes its HTML files (.html, .htm, .xhtml, optionally .gz), sorted."""
    for source in sources:
        if not source.startswith(("http://", "https://")) and Path(source).is_dir():
            yield from sorted(str(p) for p in Path(source).rglob("*") if p.name.lower().endswith(_PAGE_SUFFIXES))
        else:
            yield source


def read_page_file(path: str, limit: int = MAX_PAGE_BYTES) -> bytes:
    """The file's bytes, gunzipped when it is gzip; never more than ``limit`` bytes are held in memory."""
    try:
        with open(path, "rb") as handle:
            body = handle.read(limit + 1)
            if body.startswith(_GZIP_MAGIC):
                handle.seek(0)
                with gzip.GzipFile(fileobj=handle) as unzipped:
                    body = unzipped.read(limit + 1)
    except (gzip.BadGzipFile, zlib.error, EOFError) as exc:
        raise UnreadableInput(f"broken gzip data: {exc}") from None
    except OSError as exc:
        raise UnreadableInput(exc.strerror or str(exc)) from None
    if len(body) > limit:
        raise PageTooLarge(f"page is larger than {limit} bytes")
    return body


def extract_source(source: str, client: HttpClient) -> dict:
    """The article as a JSON-ready dict with a ``source`` field. Raises StageError subclasses."""
    if source.startswith(("http://", "https://")):
        response = client.get(source, accept=PAGE_ACCEPT)
        body, url, content_type = response.body, response.url, response.headers.get("content-type")
    else:
        body, url, content_type = read_page_file(source), None, None
    record = extract_article(body, url, content_type).as_json()
    return {"source": url or source, **record}


def extract_all(sources: Iterable[str], allow_private: bool = False) -> Iterator[dict]:
    """One record per source, in order: the article, or ``{"source", "error", "message"}`` for a failure."""
    client = HttpClient.for_command_line(allow_private)  # one client: robots.txt and connections are reused
    for source in sources:
        try:
            yield extract_source(source, client)
        except Exception as exc:  # reported as an error record, like a dead letter; the next source still runs
            yield {"source": source, "error": error_code(exc), "message": str(exc) or type(exc).__name__}


def render(record: dict, output_format: str) -> str:
    """One record in the given format; json and jsonl are the JSON object, indented or on one line."""
    if output_format == "jsonl":
        return json.dumps(record, ensure_ascii=False)
    if output_format == "json":
        return json.dumps(record, ensure_ascii=False, indent=2)
    if "error" in record:
        return f"{record['source']}: error: {record['error']}: {record['message']}"
    if output_format == "text":
        return "\n\n".join(part for part in (record["title"], record["text"]) if part)
    byline = " · ".join(
        part for part in (", ".join(record["authors"]), record["published_at"], record["site_name"]) if part
    )
    parts = [f"# {record['title']}" if record["title"] else None, f"_{byline}_" if byline else None, record["text"]]
    return "\n\n".join(part for part in parts if part)
