"""Feed lists: OPML, YAML with per-feed options, or plain text with one URL per line.

An invalid list fails fast, before any job starts, with the file, the line and the problem.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import yaml
from lxml import etree

from wirelake.transforms.urls import InvalidUrl, canonical_url

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_YAML_KEYS = {"url", "name", "language", "tags", "is_wire", "poll_interval"}


class FeedListError(ValueError):
    def __init__(self, source: str, line: int | None, problem: str):
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {problem}")
        self.source, self.line, self.problem = source, line, problem


@dataclasses.dataclass(frozen=True)
class FeedSpec:
    url: str
    name: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    is_wire: bool = False
    poll_interval_seconds: int | None = None


def parse_feed_list(data: bytes, source: str) -> list[FeedSpec]:
    """Parse a feed list; the format follows the file extension, else the content."""
    lowered = source.lower()
    head = data.lstrip()[:200].lower()
    if lowered.endswith((".opml", ".xml")) or head.startswith((b"<?xml", b"<opml")):
        specs = _parse_opml(data, source)
    elif lowered.endswith((".yaml", ".yml")):
        specs = _parse_yaml(data, source)
    else:
        specs = _parse_text(data, source)
    if not specs:
        raise FeedListError(source, None, "no feeds found")
    return _merge_duplicates(specs)


def _merge_duplicates(specs: list[FeedSpec]) -> list[FeedSpec]:
    """The same feed listed twice is polled once, with the union of its tags."""
    by_url: dict[str, FeedSpec] = {}
    for spec in specs:
        seen = by_url.get(spec.url)
        if seen is None:
            by_url[spec.url] = spec
        else:
            tags = tuple(dict.fromkeys(seen.tags + spec.tags))
            by_url[spec.url] = dataclasses.replace(seen, tags=tags)
    return list(by_url.values())


def _checked_url(url: Any, source: str, line: int | None) -> str:
    if not isinstance(url, str) or not url.strip():
        raise FeedListError(source, line, f"feed url must be a non-empty string, got {url!r}")
    try:
        canonical_url(url)
    except InvalidUrl as exc:
        raise FeedListError(source, line, str(exc)) from None
    return url.strip()


def _parse_text(data: bytes, source: str) -> list[FeedSpec]:
    text = _decode(data, source)
    specs = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#"):
            specs.append(FeedSpec(url=_checked_url(line, source, number)))
    return specs


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FeedListError(source, line, "file is not valid UTF-8") from None


class _LineLoader(yaml.SafeLoader):
    """Records each mapping's line so errors can point at it."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = yaml.SafeLoader.construct_mapping(loader, node)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _parse_yaml(data: bytes, source: str) -> list[FeedSpec]:
    try:
        doc = yaml.load(_decode(data, source), Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise FeedListError(source, mark.line + 1 if mark else None, f"invalid YAML: {exc}") from None
    defaults: dict = {}
    if isinstance(doc, dict):
        defaults = doc.get("defaults") or {}
        doc = doc.get("feeds")
    if not isinstance(doc, list):
        raise FeedListError(source, 1, "expected a list of feeds, or a mapping with a 'feeds' list")
    specs = []
    for item in doc:
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict):
            raise FeedListError(source, None, f"each feed must be a URL or a mapping, got {item!r}")
        line = item.pop("__line__", None)
        merged = {k: v for k, v in defaults.items() if k != "__line__"} | item
        unknown = set(merged) - _YAML_KEYS
        if unknown:
            raise FeedListError(source, line, f"unknown option(s) {sorted(unknown)}; known: {sorted(_YAML_KEYS)}")
        specs.append(
            FeedSpec(
                url=_checked_url(merged.get("url"), source, line),
                name=_optional_str(merged, "name", source, line),
                language=_optional_str(merged, "language", source, line),
                tags=_tags(merged.get("tags"), source, line),
                is_wire=_bool(merged.get("is_wire", False), source, line),
                poll_interval_seconds=_duration(merged.get("poll_interval"), source, line),
            )
        )
    return specs


def _optional_str(item: dict, key: str, source: str, line: int | None) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise FeedListError(source, line, f"{key} must be a string, got {value!r}")
    return value


def _tags(value: Any, source: str, line: int | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise FeedListError(source, line, f"tags must be a list of strings, got {value!r}")
    return tuple(value)


def _bool(value: Any, source: str, line: int | None) -> bool:
    if not isinstance(value, bool):
        raise FeedListError(source, line, f"is_wire must be true or false, got {value!r}")
    return value


def _duration(value: Any, source: str, line: int | None) -> int | None:
    if value is None:
        return None
    match = _DURATION.match(str(value))
    if not match or float(match.group(1)) <= 0:
        raise FeedListError(source, line, f"poll_interval must look like 30s, 15m, 2h or 1d, got {value!r}")
    return int(float(match.group(1)) * _UNITS[match.group(2)])


def _parse_opml(data: bytes, source: str) -> list[FeedSpec]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedListError(source, exc.lineno, f"invalid OPML: {exc.msg}") from None
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise FeedListError(source, root.sourceline, "not an OPML document (expected <opml><body>)")
    specs: list[FeedSpec] = []
    _walk_outlines(body, (), source, specs)
    return specs


def _walk_outlines(parent: etree._Element, path: tuple[str, ...], source: str, out: list[FeedSpec]) -> None:
    for outline in parent.iterfind("outline"):
        title = outline.get("title") or outline.get("text")
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url:
            categories = [c.strip("/ ") for c in (outline.get("category") or "").split(",") if c.strip("/ ")]
            out.append(
                FeedSpec(
                    url=_checked_url(url, source, outline.sourceline),
                    name=title,
                    language=outline.get("language"),
                    tags=tuple(dict.fromkeys(list(path) + categories)),
                )
            )
        else:
            _walk_outlines(outline, path + ((title,) if title else ()), source, out)
