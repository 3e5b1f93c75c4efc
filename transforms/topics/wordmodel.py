"""A multinomial naive Bayes word model over the IPTC top-level topics, trained on text the project ships.

Why: hand-written term lists only know the words someone thought of; a word model trained on whole articles also
weighs the long tail ("striker", "dividend", "firmware"). There is no licensed labelled news set we may ship, so
the training text is ours: CC0 articles written for this purpose (``data/training/*.jsonl``, see its README).
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
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers him his how i if in into is it its just me more most my no nor not now of off on once only or other our out
    over own same she should so some such than that the their them then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your said say says
    told according one two three new year week month day last first next like may might must us mr mrs ms dr
    yesterday today monday tuesday wednesday thursday friday saturday sunday percent per cent people time made make
    get got many much well back still even around across since another way going go went come came take took""".split()
)
MIN_TOKEN_LENGTH = 3


def model_tokens(raw_words: Iterable[str]) -> list[str]:
    """The tokens the model reads: folded words of 3+ letters that are not stop words or numbers."""
    out = []
    for w in raw_words:
        if len(w) < MIN_TOKEN_LENGTH or w[0].isdigit():
            continue
        f = fold(w)
        if f not in STOPWORDS:
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


def weighted_tokens(title_words: list[str], body_words: list[str], title_weight: float) -> Counter:
    """Token weights for the model: log-damped body counts plus the headline's words at ``title_weight``."""
    bag: Counter = Counter()
    for token, n in Counter(model_tokens(body_words)).items():
        bag[token] = 1.0 + math.log(n)
    for token in set(model_tokens(title_words)):
        bag[token] += title_weight
    return bag


def training_articles() -> list[dict]:
    """The shipped CC0 training articles: ``{"id", "topic", "title", "text"}``."""
    root = resources.files(__package__).joinpath("data", "training")
    out = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".jsonl"):
            out += [json.loads(line) for line in entry.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


@cache
def shipped_model(classes: tuple[str, ...]) -> WordModel:
    """The model trained on the shipped articles (once per process)."""
    docs = [
        (a["topic"], model_tokens(words(a.get("title") or "")) * 2 + model_tokens(words(a["text"])))
        for a in training_articles()
        if a["topic"] in classes
    ]
    return WordModel.train(docs, classes)
