"""The word model behind iptc_topics_v2, and the shipped text it is trained on (no Beam)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from wirelake.transforms.topics import create_tagger, wordmodel
from wirelake.transforms.topics.taxonomy import top_level_topics
from wirelake.transforms.topics.text import words
from wirelake.transforms.topics.wordmodel import WordModel, model_tokens, shipped_model, training_articles

TOP = tuple(t.code for t in top_level_topics())


def toy_model() -> WordModel:
    docs = [
        ("sport", "striker goal keeper league goal".split()),
        ("sport", "league striker penalty goal".split()),
        ("economy", "shares dividend investors profit".split()),
        ("economy", "profit shares inflation investors".split()),
    ]
    return WordModel.train(docs, ("sport", "economy"))


def test_model_tokens_drop_function_words_numbers_and_short_words():
    assert model_tokens(words("The 3 strikers said it was 2-1 at Wembley's pitches")) == ["striker", "wembley", "pitch"]


def test_posterior_prefers_the_class_whose_words_the_text_uses():
    model = toy_model()
    probs, mass = model.posterior(Counter({"striker": 1.0, "goal": 2.0}))
    assert probs.argmax() == 0 and probs.sum() == pytest.approx(1.0) and mass == 3.0
    probs, _ = model.posterior(Counter({"investors": 1.0, "profit": 1.0, "goal": 0.5}))
    assert probs.argmax() == 1


def test_words_seen_in_one_training_document_and_unknown_words_carry_nothing():
    model = toy_model()
    assert "penalty" not in model.vocabulary and "inflation" not in model.vocabulary
    probs, mass = model.posterior(Counter({"penalty": 3.0, "unheard": 1.0}))
    assert mass == 0.0 and np.allclose(probs, 0.5)


def test_posterior_is_per_token_so_repeating_the_text_does_not_make_it_surer():
    model = toy_model()
    once, _ = model.posterior(Counter({"striker": 1.0, "profit": 1.0, "goal": 1.0}))
    thrice, _ = model.posterior(Counter({"striker": 3.0, "profit": 3.0, "goal": 3.0}))
    assert np.allclose(once, thrice)


@pytest.mark.parametrize("language", ["en", "de"])
def test_shipped_training_articles_are_valid_and_cover_every_top_level_topic(language):
    articles = training_articles(language)
    assert len({a["id"] for a in articles}) == len(articles) >= 300
    per_topic = Counter(a["topic"] for a in articles)
    assert set(per_topic) == set(TOP)
    assert min(per_topic.values()) >= 3
    assert all(per_topic[c] >= 40 for c in ("medtop:11000000", "medtop:04000000", "medtop:15000000"))
    assert all(80 <= len(words(a["text"])) <= 300 and a["title"].strip() for a in articles)


def test_shipped_model_is_trained_once_per_process_and_deterministically():
    assert shipped_model(TOP) is shipped_model(TOP)
    retrained = shipped_model.__wrapped__(TOP)
    assert retrained.vocabulary == shipped_model(TOP).vocabulary
    assert np.array_equal(retrained.weights, shipped_model(TOP).weights)


def test_v2_tags_an_article_whose_words_no_term_list_names():
    # None of these words is in the v1 term lists: v1 finds no evidence, the word model still reads a cricket report.
    v1, v2 = create_tagger("iptc_topics_v1"), create_tagger("iptc_topics_v2")
    title = "Opener makes hay"
    text = (
        "The opener reached three figures off 140 deliveries before the spinners found turn after tea, and the "
        "visitors were bowled out for 210 on a crumbling pitch. The captain declared overnight with a lead of 180 runs."
    )
    assert v1.classify(title, text, "en").status == "no_evidence"
    outcome = v2.classify(title, text, "en")
    assert outcome.status == "ok" and outcome.topics[0]["code"] == "medtop:15000000"
    assert len(outcome.topics) == 1  # further topics need term evidence, and there is none


def test_v2_still_refuses_what_it_cannot_read():
    v2 = create_tagger("iptc_topics_v2")
    assert v2.classify("Kurz", "Zu kurz.", "en").status == "too_short"
    portuguese = "O governo aprovou o orçamento na quinta-feira, e a oposição criticou duramente os gastos públicos."
    assert v2.classify("Orçamento", portuguese, None).status == "unsupported_language"
    assert v2.classify("Lorem ipsum", "lorem ipsum dolor sit amet consectetur adipiscing elit", "en").topics == []


def test_every_training_file_is_described_with_its_licence():
    folder = Path(wordmodel.__file__).parent / "data" / "training"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "CC0" in readme
    assert [f.name for f in sorted(folder.glob("*.jsonl")) if f.name not in readme] == []
