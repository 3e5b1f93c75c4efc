"""One call for everything TagTopics adds to an article: topics, places, people, organisations."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from functools import cache

from wirelake.transforms.topics.entities import EntityTagger
from wirelake.transforms.topics.iptc_keywords import STATUS_OK
from wirelake.transforms.topics.places import PlaceTagger, _gazetteer
from wirelake.transforms.topics.registry import create


@dataclasses.dataclass(frozen=True)
class TagResult:
    topics: list[dict]  # [{"code", "label", "score"}], best first
    topic_status: str  # ok | unsupported_language | too_short | no_evidence
    places: list[dict]  # [{"type", "code", "name", "country", "mentions"}]
    people: list[str]
    organisations: list[str]

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


# The topic tagger articles get unless configured otherwise; v1 (terms only) stays registered for comparison.
DEFAULT_TOPIC_TAGGER = "iptc_topics_v2"


class ArticleTagger:
    """Build once per worker (DoFn.setup): the term index and gazetteer load here, not per article."""

    def __init__(
        self,
        topic_tagger: str = DEFAULT_TOPIC_TAGGER,
        place_tagger: str = "places_v1",
        entity_tagger: str = "entities_v1",
        custom_topics: Iterable[Mapping] | None = None,
        topic_languages: Iterable[str] = ("en",),
    ):
        self.topics = create(topic_tagger, custom_topics=custom_topics, languages=tuple(topic_languages))
        self.places: PlaceTagger = create(place_tagger)
        names, _countries = _gazetteer()
        self.entities: EntityTagger = create(entity_tagger, place_names=frozenset(" ".join(k) for k in names))

    def tag(self, title: str | None, text: str | None, language: str | None = None) -> TagResult:
        outcome = self.topics.classify(title, text, language)
        places = self.places.tag(title, text)
        if outcome.language != "en":
            people, orgs = [], []  # the patterns read English capitalisation and reporting verbs only
        else:
            people, orgs = self.entities.tag(title, text)
        return TagResult(outcome.topics, outcome.status, places, people, orgs)


@cache
def _default_tagger() -> ArticleTagger:
    return ArticleTagger()


def tag_article(title: str | None, text: str | None, language: str | None = None) -> TagResult:
    """Tag one article with the default taggers (built on first use, then reused)."""
    return _default_tagger().tag(title, text, language)


__all__ = ["DEFAULT_TOPIC_TAGGER", "STATUS_OK", "ArticleTagger", "TagResult", "tag_article"]
