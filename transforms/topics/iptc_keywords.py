"""``iptc_topics_v1``: IPTC Media Topics from weighted evidence terms (English).

Why terms and not a sentence-embedding model: all-MiniLM-L6-v2 on torch tags 18 articles/s per core here, an order
of magnitude below the 200/s target. Weighted terms tag hundreds of articles per second and explain every label.
``iptc_topics_v2`` (``blended.py``, the default) adds a word model trained on shipped text to this evidence; v1
stays registered so its output can be pinned and compared (bench/topics_eval.py --compare).
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from wirelake.transforms.topics.keywords_en import KEYWORDS
from wirelake.transforms.topics.language import LanguageGate
from wirelake.transforms.topics.registry import register
from wirelake.transforms.topics.taxonomy import CustomTopic, Topic, iptc_by_code, iptc_topics, parse_custom_topics
from wirelake.transforms.topics.text import MAX_CHARS, fold, words

_ENTRY = re.compile(r"^(?P<term>[^\^]+?)(?:\^(?P<weight>[0-9.]+))?$")
_DESCRIPTION_STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it its of on or that the this to with about all any news "
    "article articles story stories".split()
)

# Evidence that is a shape, not a word: a match score ("2-1", "3–0") and a currency amount ("$4.5", "€20", "£3bn").
# They enter the term index as pseudo-terms that no folded word can equal.
SCORE_TERM = "<score>"
MONEY_TERM = "<money>"
_SCORE = re.compile(r"^\d{1,2}[-–]\d{1,2}$")
_MONEY = re.compile(r"[$€£¥]\s?\d|\b(?:US\$|USD|EUR|GBP)\s?\d|\b\d+ ?bn\b")
PATTERN_TERMS: dict[str, dict[str, float]] = {
    "medtop:15000000": {SCORE_TERM: 1.5},
    "medtop:04000000": {MONEY_TERM: 1.0},
}

TERM_LANGUAGES = frozenset({"en"})  # the languages of KEYWORDS

STATUS_OK = "ok"
STATUS_UNSUPPORTED_LANGUAGE = "unsupported_language"
STATUS_TOO_SHORT = "too_short"
STATUS_NO_EVIDENCE = "no_evidence"


class UnsupportedTopicLanguageError(ValueError):
    """A topic language was asked of a tagger that has no term lists or word model for it."""


@dataclasses.dataclass(frozen=True)
class TopicConfig:
    """The tagger's knobs in one place (STYLE rule 6)."""

    min_words: int = 8  # below this (title + text) the article is 'too_short' and gets no topic
    title_weight: float = 2.5  # a term in the headline counts this many times a body occurrence
    secondary_share: float = 0.22  # other top-level topics need this share of the evidence...
    secondary_min_evidence: float = 5.0  # ...and this much evidence
    subtopic_share: float = 0.2  # a second-level topic needs this share of its parent's evidence...
    subtopic_min_evidence: float = 4.0  # ...and this much evidence
    custom_min_evidence: float = 4.0  # a user topic needs this much evidence


@dataclasses.dataclass(frozen=True)
class TopicOutcome:
    topics: list[dict]
    status: str
    language: str | None = None  # the language the article was read in, when it was read


def parse_terms(spec: str) -> dict[str, float]:
    """``"term^2, other term"`` -> ``{"term": 2.0, "other term": 1.0}`` with words folded like the text."""
    terms: dict[str, float] = {}
    for raw in re.split(r"[,\n]", spec):
        raw = raw.strip()
        if not raw:
            continue
        match = _ENTRY.match(raw)
        if match is None:
            raise ValueError(f"bad term entry {raw!r}")
        key = " ".join(fold(w) for w in words(match["term"]))
        if key:
            terms[key] = max(terms.get(key, 0.0), float(match["weight"] or 1.0))
    return terms


class _TermIndex:
    """term -> [(topic slot, weight)], matched over unigrams, bigrams and trigrams of folded tokens."""

    def __init__(self, slots: list[dict[str, float]]):
        self.postings: dict[str, list[tuple[int, float]]] = {}
        self.first_words: set[str] = set()
        for slot, terms in enumerate(slots):
            for term, weight in terms.items():
                self.postings.setdefault(term, []).append((slot, weight))
                parts = term.split(" ")
                if len(parts) > 1:
                    self.first_words.add(parts[0])
        self.slots = len(slots)

    def count(self, tokens: list[str]) -> Counter:
        found: Counter = Counter()
        postings, first_words = self.postings, self.first_words
        n = len(tokens)
        for i, tok in enumerate(tokens):
            if tok in postings:
                found[tok] += 1
            if tok in first_words and i + 1 < n:
                bigram = tok + " " + tokens[i + 1]
                if bigram in postings:
                    found[bigram] += 1
                if i + 2 < n:
                    trigram = bigram + " " + tokens[i + 2]
                    if trigram in postings:
                        found[trigram] += 1
        return found

    def evidence(self, body: Counter, title: Counter, title_weight: float) -> tuple[list[float], list[float]]:
        """Evidence per slot (body + weighted headline), and the headline's part alone (to break ties)."""
        scores = [0.0] * self.slots
        title_scores = [0.0] * self.slots
        for term, count in body.items():
            damped = 1.0 + math.log(count)
            for slot, weight in self.postings[term]:
                scores[slot] += weight * damped
        for term in title:
            for slot, weight in self.postings[term]:
                scores[slot] += weight * title_weight
                title_scores[slot] += weight
        return scores, title_scores


@register("iptc_topics_v1")
class KeywordTopicTagger:
    """IPTC top-level (and some second-level) topics for English articles; other languages are not guessed."""

    name = "iptc_topics_v1"
    readable_languages = TERM_LANGUAGES  # what this tagger can read; ``languages`` is what it is asked to

    def __init__(
        self,
        custom_topics: Iterable[Mapping] | Iterable[CustomTopic] | None = None,
        config: TopicConfig | None = None,
        languages: Iterable[str] = ("en",),
    ):
        self.languages = frozenset(languages)
        unreadable = self.languages - self.readable_languages
        if unreadable:
            raise UnsupportedTopicLanguageError(
                f"{self.name} cannot tag topics in {', '.join(sorted(unreadable))}; "
                f"it reads {', '.join(sorted(self.readable_languages))}"
            )
        self.config = config or TopicConfig()
        self.gate = LanguageGate(self.languages)
        topics = list(iptc_topics())
        self._topics: list[Topic] = topics
        self._top_slots = [i for i, t in enumerate(topics) if t.is_top_level]
        slot_of = {t.code: i for i, t in enumerate(topics)}
        self._parent_slot = {i: slot_of[t.parent] for i, t in enumerate(topics) if t.parent}
        slots: list[dict[str, float]] = [{} for _ in topics]
        for code, spec in KEYWORDS.items():
            if code not in slot_of:
                raise ValueError(f"keywords given for {code}, which is not in the shipped taxonomy")
            terms = parse_terms(spec) | PATTERN_TERMS.get(code, {})
            for term, weight in terms.items():
                slots[slot_of[code]][term] = max(slots[slot_of[code]].get(term, 0.0), weight)
                parent = iptc_by_code()[code].parent
                if parent:  # a second-level term is evidence for its parent too
                    p = slots[slot_of[parent]]
                    p[term] = max(p.get(term, 0.0), weight)
        custom = [c if isinstance(c, CustomTopic) else None for c in (custom_topics or ())]
        if any(c is None for c in custom):
            custom = list(parse_custom_topics(custom_topics))
        self._custom: list[CustomTopic] = custom
        for topic in custom:
            terms = {" ".join(fold(w) for w in words(k)): 2.0 for k in topic.keywords}
            for w in words(topic.description):
                f = fold(w)
                if f not in _DESCRIPTION_STOPWORDS and len(f) > 2:
                    terms.setdefault(f, 1.0)
            slots.append({t: w for t, w in terms.items() if t})
        self._index = _TermIndex(slots)

    def classify(self, title: str | None, text: str | None, language: str | None = None) -> TopicOutcome:
        title = (title or "")[:1000]
        text = (text or "")[:MAX_CHARS]
        raw_title, raw_body = words(title), words(text)
        if len(raw_title) + len(raw_body) < self.config.min_words:
            return TopicOutcome([], STATUS_TOO_SHORT)
        lang = self.gate.resolve(language, title, text, raw_title + raw_body)
        if lang is None:
            return TopicOutcome([], STATUS_UNSUPPORTED_LANGUAGE)
        index, cfg = self._index, self.config
        body_terms = index.count([fold(w) for w in raw_body])
        title_terms = index.count([fold(w) for w in raw_title])
        _count_patterns(body_terms, raw_body, text)
        _count_patterns(title_terms, raw_title, title)
        scores, title_scores = index.evidence(body_terms, title_terms, cfg.title_weight)
        if lang not in TERM_LANGUAGES:  # the IPTC term lists are English: no evidence in another language
            for slot in range(len(self._topics)):
                scores[slot] = title_scores[slot] = 0.0
        topics = self._pick(scores, title_scores, self._top_shares(scores, raw_title, raw_body, lang))
        if not topics:
            return TopicOutcome([], STATUS_NO_EVIDENCE, lang)
        return TopicOutcome(topics, STATUS_OK, lang)

    def explain(self, title: str | None, text: str | None) -> dict[str, list[tuple[str, int]]]:
        """The terms that fired, per topic code: for debugging a label."""
        joined = (title or "") + "\n" + (text or "")[:MAX_CHARS]
        raw = words(joined)
        found = self._index.count([fold(w) for w in raw])
        _count_patterns(found, raw, joined)
        codes = [t.code for t in self._topics] + [c.code for c in self._custom]
        out: dict[str, list[tuple[str, int]]] = {}
        for term, count in found.most_common():
            for slot, _weight in self._index.postings[term]:
                out.setdefault(codes[slot], []).append((term, count))
        return out

    def _top_shares(
        self, scores: list[float], raw_title: list[str], raw_body: list[str], language: str
    ) -> dict[int, float]:
        """Each top-level topic's share of the article, by which they are ranked: here, of the term evidence."""
        total = sum(scores[s] for s in self._top_slots)
        return {s: scores[s] / total for s in self._top_slots} if total > 0 else {}

    def _pick(self, scores: list[float], title_scores: list[float], shares: dict[int, float]) -> list[dict]:
        cfg = self.config
        picked: list[dict] = []
        if shares:
            best = max(shares.values())
            total = sum(scores[s] for s in self._top_slots)
            # Ties (within 2%) go to the topic the headline supports more, not to the taxonomy's order.
            top = sorted(shares, key=lambda s: (-round(shares[s] * 50 / max(best, 1e-9)), -title_scores[s]))
            for rank, slot in enumerate(top):
                share = shares[slot]
                # Further topics need term evidence: their share of the ranking or of the terms, and enough terms.
                term_share = scores[slot] / total if total else 0.0
                if rank > 0 and (
                    max(share, term_share) < cfg.secondary_share or scores[slot] < cfg.secondary_min_evidence
                ):
                    continue
                picked.append(self._label(slot, share))
                for sub, parent in self._parent_slot.items():
                    if (
                        parent == slot
                        and scores[sub] >= cfg.subtopic_min_evidence
                        and scores[sub] >= cfg.subtopic_share * scores[slot]
                    ):
                        picked.append(self._label(sub, share * min(1.0, scores[sub] / max(scores[slot], 1e-9))))
        base = len(self._topics)
        for i, topic in enumerate(self._custom):
            evidence = scores[base + i]
            if evidence >= cfg.custom_min_evidence:
                picked.append({"code": topic.code, "label": topic.label, "score": round(evidence / (evidence + 4), 3)})
        return picked

    def _label(self, slot: int, score: float) -> dict:
        topic = self._topics[slot]
        return {"code": topic.code, "label": topic.label, "score": round(score, 3)}


def _count_patterns(found: Counter, raw_words: list[str], text: str) -> None:
    """Add the shape pseudo-terms (match scores, currency amounts) to a term count."""
    scores = sum(1 for w in raw_words if w[0].isdigit() and _SCORE.match(w))
    if scores:
        found[SCORE_TERM] += scores
    money = len(_MONEY.findall(text))
    if money:
        found[MONEY_TERM] += money
