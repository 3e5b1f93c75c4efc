"""A multinomial naive Bayes word model over the IPTC top-level topics, trained on text the project ships.

Why: hand-written term lists only know the words someone thought of; a word model trained on whole articles also
weighs the long tail ("striker", "dividend", "firmware"). There is no licensed labelled news set we may ship, so
the training text is ours: CC0 articles written for this purpose (``data/training/<language>_*.jsonl``, see its
README); a language with training articles gets its own model.
Training is counting, so it runs when the tagger is built (once per worker) and there is no artefact to go stale.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

import numpy as np

from wirelake.transforms.topics.text import fold, words

# Function words and reporting verbs carry no topic; dropping them also keeps the vocabulary small.
STOPWORDS = {
    "en": frozenset(
        """a about above after again against all also am an and any are as at be because been before being below
        between both but by can could did do does doing down during each few for from further had has have having he
        her here hers him his how i if in into is it its just me more most my no nor not now of off on once only or
        other our out over own same she should so some such than that the their them then there these they this
        those through to too under until up very was we were what when where which while who whom why will with
        would you your said say says told according one two three new year week month day last first next like may
        might must us mr mrs ms dr yesterday today monday tuesday wednesday thursday friday saturday sunday percent
        per cent people time made make get got many much well back still even around across since another way going
        go went come came take took""".split()
    ),
    "de": frozenset(
        """aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim bereits bis
        bisher bin bist da dabei damit dann das dass daß dem den denen der deren des dessen die dies diese diesem
        diesen dieser dieses doch dort du durch ein eine einem einen einer eines einige er es etwa euch für gegen
        gibt hab habe haben hat hatte hatten hier ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im immer in ist ja
        jahr jahre jahren jedoch jetzt kann kein keine können könnte man mehr mit muss nach nicht noch nun nur ob
        oder ohne prozent rund sagte sagt schon sei seien sein seine seinem seinen seiner seit sich sie sind so
        soll sollen sollte sowie um und uns unter viel viele vom von vor war waren warum was weil weiter wenn wer
        werde werden wie wieder will wir wird wurde wurden zu zum zur zwei drei über montag dienstag mittwoch
        donnerstag freitag samstag sonntag heute gestern laut erst ersten neue neuen""".split()
    ),
}
MIN_TOKEN_LENGTH = 3


def model_tokens(raw_words: Iterable[str], language: str = "en") -> list[str]:
    """The tokens the model reads: folded words of 3+ letters that are not stop words or numbers."""
    stop = STOPWORDS[language]
    normalise = fold if language == "en" else str.lower  # fold's plural rules are English
    out = []
    for w in raw_words:
        if len(w) < MIN_TOKEN_LENGTH or w[0].isdigit():
            continue
        f = normalise(w)
        if f not in stop:
            out.append(f)
    return out


class WordModel:
    """Per-word topic evidence (centred log-likelihoods) and a posterior over ``classes`` for a bag of tokens."""

    def __init__(self, classes: Sequence[str], vocabulary: dict[str, int], weights: np.ndarray, temperature: float):
        self.classes = tuple(classes)
        self.vocabulary = vocabulary
        self.weights = weights  # (len(vocabulary), len(classes)) float32
        self.temperature = temperature

    @classmethod
    def train(
        cls,
        documents: Iterable[tuple[str, list[str]]],
        classes: Sequence[str],
        *,
        smoothing: float = 0.2,
        min_documents: int = 2,
        temperature: float = 0.1,
    ) -> WordModel:
        """``documents`` are ``(class, tokens)``. Words seen in fewer than ``min_documents`` documents are dropped:
        a name that occurs in one training story says nothing about a topic."""
        slot = {c: i for i, c in enumerate(classes)}
        counts: dict[str, list[float]] = {}
        doc_freq: Counter = Counter()
        for label, tokens in documents:
            k = slot[label]
            bag = Counter(tokens)
            doc_freq.update(bag.keys())
            for token, n in bag.items():
                counts.setdefault(token, [0.0] * len(classes))[k] += 1.0 + math.log(n)
        vocab = sorted(t for t in counts if doc_freq[t] >= min_documents)
        matrix = np.array([counts[t] for t in vocab], dtype=np.float64).reshape(len(vocab), len(classes))
        totals = matrix.sum(axis=0)
        log_like = np.log((matrix + smoothing) / (totals + smoothing * len(vocab)))
        centred = log_like - log_like.mean(axis=1, keepdims=True)
        return cls(classes, {t: i for i, t in enumerate(vocab)}, centred.astype(np.float32), temperature)

    def posterior(self, weighted_tokens: Counter) -> tuple[np.ndarray, float]:
        """``(probabilities per class, weight of known tokens)``; the evidence is averaged per token, so a long
        article is not more certain than a short one merely for its length."""
        idx, tf = [], []
        vocab = self.vocabulary
        for token, weight in weighted_tokens.items():
            row = vocab.get(token)
            if row is not None:
                idx.append(row)
                tf.append(weight)
        if not idx:
            return np.full(len(self.classes), 1.0 / len(self.classes)), 0.0
        tf_arr = np.asarray(tf, dtype=np.float32)
        mass = float(tf_arr.sum())
        logits = (tf_arr @ self.weights[idx]) / (mass * self.temperature)
        logits -= logits.max()
        p = np.exp(logits)
        return p / p.sum(), mass


def weighted_tokens(
    title_words: list[str], body_words: list[str], title_weight: float, language: str = "en"
) -> Counter:
    """Token weights for the model: log-damped body counts plus the headline's words at ``title_weight``."""
    bag: Counter = Counter()
    for token, n in Counter(model_tokens(body_words, language)).items():
        bag[token] = 1.0 + math.log(n)
    for token in set(model_tokens(title_words, language)):
        bag[token] += title_weight
    return bag


def _training_files():
    root = resources.files(__package__).joinpath("data", "training")
    return sorted((e for e in root.iterdir() if e.name.endswith(".jsonl")), key=lambda e: e.name)


def shipped_languages() -> frozenset[str]:
    """Languages with shipped training articles (files are named ``<language>_<part>.jsonl``)."""
    return frozenset(e.name.split("_", 1)[0] for e in _training_files())


def training_articles(language: str = "en") -> list[dict]:
    """The shipped CC0 training articles in ``language``: ``{"id", "topic", "title", "text"}``."""
    out = []
    for entry in _training_files():
        if entry.name.startswith(language + "_"):
            out += [json.loads(line) for line in entry.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


@cache
def shipped_model(classes: tuple[str, ...], language: str = "en") -> WordModel:
    """The model trained on the shipped articles in ``language`` (once per process)."""
    docs = [
        (a["topic"], model_tokens(words(a.get("title") or ""), language) * 2 + model_tokens(words(a["text"]), language))
        for a in training_articles(language)
        if a["topic"] in classes
    ]
    return WordModel.train(docs, classes)
