"""Topic, place and entity tags: IPTC Media Topics, countries and major cities, people and organisations.

Plain Python (STYLE rule 2); ``wirelake.transforms.topics.transform.TagTopics`` is the Beam stage that calls it.
"""

from wirelake.transforms.topics import blended as _blended  # noqa: F401 - registers iptc_topics_v2
from wirelake.transforms.topics import iptc_keywords as _iptc_keywords  # noqa: F401 - registers iptc_topics_v1
from wirelake.transforms.topics.registry import UnknownTaggerError, create, known_taggers
from wirelake.transforms.topics.tagging import ArticleTagger, TagResult, tag_article

create_tagger = create

__all__ = ["ArticleTagger", "TagResult", "UnknownTaggerError", "create_tagger", "known_taggers", "tag_article"]
