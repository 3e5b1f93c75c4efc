"""The topic taxonomy: IPTC Media Topics shipped as data, plus topics users define in their config file."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources

IPTC_SCHEME = "medtop"
CUSTOM_SCHEME = "custom"


@dataclasses.dataclass(frozen=True)
class Topic:
    code: str  # "medtop:15000000", or "custom:<slug>" for a user topic
    label: str
    parent: str | None = None

    @property
    def is_top_level(self) -> bool:
        return self.parent is None


@dataclasses.dataclass(frozen=True)
class CustomTopic:
    """A user topic from the config file: a name, evidence terms and/or a description."""

    code: str
    label: str
    keywords: tuple[str, ...]
    description: str = ""


class TopicConfigError(ValueError):
    """An invalid ``topics`` entry in the config file, naming the entry."""


def _data_text(name: str) -> str:
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


@cache
def iptc_topics() -> tuple[Topic, ...]:
    """The IPTC Media Topics wirelake tags: the 17 top-level topics and the supported second-level ones."""
    data = json.loads(_data_text("iptc_mediatopics.json"))
    return tuple(Topic(t["code"], t["label"], t["parent"]) for t in data["topics"])


@cache
def iptc_by_code() -> Mapping[str, Topic]:
    return {t.code: t for t in iptc_topics()}


def top_level_topics() -> tuple[Topic, ...]:
    return tuple(t for t in iptc_topics() if t.is_top_level)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def parse_custom_topics(entries: Iterable[Mapping] | None) -> tuple[CustomTopic, ...]:
    """Validate the config file's ``topics`` list: ``[{name, keywords: [...], description, code}]``.

    ``name`` is required and so is at least one of ``keywords`` and ``description``; ``code`` defaults to
    ``custom:<slug of name>``.
    """
    topics: list[CustomTopic] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries or ()):
        where = f"topics[{index}]"
        if not isinstance(entry, Mapping):
            raise TopicConfigError(f"{where}: expected a mapping with 'name' and 'keywords' or 'description'")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise TopicConfigError(f"{where}: 'name' must be a non-empty string")
        keywords = entry.get("keywords") or []
        if isinstance(keywords, str) or not all(isinstance(k, str) and k.strip() for k in keywords):
            raise TopicConfigError(f"{where} ({name}): 'keywords' must be a list of non-empty strings")
        description = entry.get("description") or ""
        if not isinstance(description, str):
            raise TopicConfigError(f"{where} ({name}): 'description' must be a string")
        if not keywords and not description.strip():
            raise TopicConfigError(f"{where} ({name}): give 'keywords' or a 'description'")
        code = entry.get("code") or f"{CUSTOM_SCHEME}:{_slug(name)}"
        if not isinstance(code, str) or code.startswith(f"{IPTC_SCHEME}:"):
            raise TopicConfigError(f"{where} ({name}): 'code' must be a string outside the medtop: scheme")
        if code in seen:
            raise TopicConfigError(f"{where} ({name}): duplicate topic code {code!r}")
        seen.add(code)
        topics.append(CustomTopic(code, name.strip(), tuple(k.strip() for k in keywords), description.strip()))
    return tuple(topics)
