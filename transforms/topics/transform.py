"""TagTopics: topics, places, people and organisations on every article (ArticleRecord-like dataclasses)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping

import apache_beam as beam

from wirelake.transforms.errors import DEAD_LETTER, StageDoFn
from wirelake.transforms.topics.tagging import DEFAULT_TOPIC_TAGGER, ArticleTagger


def apply_tags(record, tagger: ArticleTagger):
    """``record`` with ``topics``, ``topic_status``, ``places``, ``people`` and ``organisations`` filled in.

    Sequences are tuples, like every list column of the frozen records in ``schemas/`` (``authors``).
    """
    result = tagger.tag(record.title, record.text, getattr(record, "language", None))
    return dataclasses.replace(
        record,
        topics=tuple(result.topics),
        topic_status=result.topic_status,
        places=tuple(result.places),
        people=tuple(result.people),
        organisations=tuple(result.organisations),
    )


class _TagFn(StageDoFn):
    stage = "tag_topics"

    def __init__(self, ingested_at: dt.datetime | None, tagger_config: Mapping):
        super().__init__(ingested_at)
        self._tagger_config = dict(tagger_config)
        self._tagger: ArticleTagger | None = None

    def setup(self):
        # Once per worker: the term index and gazetteer are built here, never per element.
        self._tagger = ArticleTagger(**self._tagger_config)

    def describe(self, record):
        return getattr(record, "url", None), None

    def run(self, record):
        return [apply_tags(record, self._tagger)]


class TagTopics(beam.PTransform):
    """Article dataclass -> the same with tags, plus a ``dead_letter`` output (stage ``tag_topics``).

    ``topic_tagger`` / ``place_tagger`` / ``entity_tagger`` are registered names (``iptc_topics_v2``,
    ``places_v1``, ``entities_v1``); ``custom_topics`` is the config file's ``topics`` list; ``topic_languages`` the
    languages to tag topics in (``en``; ``de`` on request). An unknown name, an invalid custom topic or a language the
    tagger cannot read fails here, at construction, not on the workers.
    """

    def __init__(
        self,
        ingested_at: dt.datetime | None = None,
        *,
        topic_tagger: str = DEFAULT_TOPIC_TAGGER,
        place_tagger: str = "places_v1",
        entity_tagger: str = "entities_v1",
        custom_topics: Iterable[Mapping] | None = None,
        topic_languages: Iterable[str] = ("en",),
    ):
        super().__init__()
        config = {
            "topic_tagger": topic_tagger,
            "place_tagger": place_tagger,
            "entity_tagger": entity_tagger,
            "custom_topics": [dict(t) for t in custom_topics or ()],
            "topic_languages": list(topic_languages),
        }
        ArticleTagger(**config)  # validate now: unknown tagger names list the known ones
        self._fn = _TagFn(ingested_at, config)

    def expand(self, articles):
        return articles | "Tag" >> beam.ParDo(self._fn).with_outputs(DEAD_LETTER, main="articles")
