"""Topic, place and entity tagging: each topic on our own fixture texts, place ambiguity, other languages, empty,
short and huge input, custom topics, the registry, ``wirelake tag`` and TagTopics on TestPipeline."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path

import apache_beam as beam
import pytest
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to, is_empty

from wirelake.pipelines import tag_cli
from wirelake.transforms.errors import DEAD_LETTER
from wirelake.transforms.topics import ArticleTagger, UnknownTaggerError, create_tagger, known_taggers, tag_article
from wirelake.transforms.topics.iptc_keywords import UnsupportedTopicLanguageError
from wirelake.transforms.topics.taxonomy import TopicConfigError, iptc_topics, top_level_topics
from wirelake.transforms.topics.text import MAX_CHARS
from wirelake.transforms.topics.transform import TagTopics

FIXTURES = Path(__file__).parent / "fixtures" / "topics"
ARTICLES = [json.loads(line) for line in (FIXTURES / "articles.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def tagger():
    return ArticleTagger()


def codes(result) -> list[str]:
    return [t["code"] for t in result.topics]


def countries(result) -> set[str]:
    return {p["code"] for p in result.places if p["type"] == "country" and p["mentions"] > 0}


# ------------------------------------------------------------------------------------------------ taxonomy, registry


def test_taxonomy_has_the_17_top_level_iptc_topics_with_codes():
    top = top_level_topics()
    assert len(top) == 17
    assert {t.code for t in top} == {f"medtop:{n:02d}000000" for n in range(1, 18)}
    assert {t.label for t in top} >= {"politics", "sport", "economy, business and finance", "weather"}
    parents = {t.code for t in top}
    assert all(t.parent in parents for t in iptc_topics() if t.parent)


def test_taggers_are_registered_under_versioned_names_and_unknown_names_fail_listing_them():
    assert {"iptc_topics_v1", "iptc_topics_v2", "places_v1", "entities_v1"} <= set(known_taggers())
    with pytest.raises(
        UnknownTaggerError, match="known taggers: entities_v1, iptc_topics_v1, iptc_topics_v2, places_v1"
    ):
        create_tagger("iptc_topics_v9")
    with pytest.raises(UnknownTaggerError, match="iptc_topics_v1"):
        TagTopics(topic_tagger="topics_latest")


# ------------------------------------------------------------------------------------------------ topics


def test_fixtures_cover_every_top_level_topic():
    assert {a["topic"] for a in ARTICLES} == {t.code for t in top_level_topics()}


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_each_topic_is_the_best_label_of_its_fixture(tagger, article):
    result = tagger.tag(article["title"], article["text"], "en")
    assert result.topic_status == "ok"
    assert result.topics[0]["code"] == article["topic"], result.topics
    assert all(set(t) == {"code", "label", "score"} and 0 < t["score"] <= 1 for t in result.topics)


def test_terms_only_baseline_still_tags_every_fixture():
    v1 = create_tagger("iptc_topics_v1")
    assert [v1.classify(a["title"], a["text"], "en").topics[0]["code"] for a in ARTICLES] == [
        a["topic"] for a in ARTICLES
    ]


def test_multi_label_and_second_level_topics(tagger):
    result = tagger.tag(
        "Tech giant's shares fall after quarterly results",
        "Shares of the chipmaker fell 8% on Wall Street after quarterly revenue missed forecasts. The company said "
        "demand for its artificial intelligence processors and semiconductor software was weaker than expected, and "
        "investors sold the stock. Analysts cut their price targets, and the chief executive said new chips and "
        "computing devices would launch next year as the technology market recovers.",
        "en",
    )
    got = codes(result)
    assert got[0] == "medtop:04000000"
    assert "medtop:13000000" in got
    assert "medtop:20000385" in got  # market and exchange


GERMAN_POLITICS = (
    "Der Bundestag hat am Donnerstag über den Haushalt abgestimmt. Die Koalition erhielt eine knappe Mehrheit, die "
    "Opposition kritisierte die Ausgaben für Verteidigung und Bildung scharf. Der Fraktionschef der Union sprach von "
    "einem Wortbruch der Regierung, die Grünen verteidigten den Kompromiss, und die Abgeordneten der Linken "
    "verlangten eine Sondersitzung des Haushaltsausschusses vor der Abstimmung im Bundesrat."
)


def test_non_english_text_is_left_untagged_not_guessed(tagger):
    for language in ("de", None):  # German is read only on request (topic_languages)
        result = tagger.tag("Haushalt beschlossen", GERMAN_POLITICS, language)
        assert result.topics == [] and result.topic_status == "unsupported_language"
    spanish = (
        "El gobierno aprobó el presupuesto el jueves con una mayoría estrecha, y la oposición criticó el gasto "
        "en defensa y en educación. Los diputados votarán de nuevo la próxima semana en el parlamento nacional."
    )
    for language in ("es", None):
        result = tagger.tag("Presupuesto aprobado", spanish, language)
        assert result.topics == [] and result.topic_status == "unsupported_language"
    # Declared English (or German) but written in Spanish: still no guess.
    assert tagger.tag("Presupuesto aprobado", spanish, "en").topic_status == "unsupported_language"
    assert tagger.tag("Presupuesto aprobado", spanish, "de").topic_status == "unsupported_language"


def test_german_on_request_is_read_by_its_own_word_model():
    tagger = ArticleTagger(topic_languages=["en", "de"])
    for language in ("de", None):
        result = tagger.tag("Bundestag beschließt Haushalt", GERMAN_POLITICS, language)
        assert result.topic_status == "ok"
        assert [t["code"] for t in result.topics] == ["medtop:11000000"]  # one top-level topic: no German terms
        assert result.people == [] and result.organisations == []  # the name patterns are English
    # A page declared German that is really English is read as English; Spanish is still not guessed.
    english = ARTICLES[0]["text"]
    assert tagger.tag(ARTICLES[0]["title"], english, "de").topics[0]["code"] == ARTICLES[0]["topic"]
    spanish = (
        "El gobierno aprobó el presupuesto el jueves con una mayoría estrecha, y la oposición criticó el gasto "
        "en defensa y en educación. Los diputados votarán de nuevo la próxima semana en el parlamento nacional."
    )
    assert tagger.tag("Presupuesto", spanish, "de").topic_status == "unsupported_language"
    # A language a tagger cannot read fails when the tagger is built, naming what it reads.
    with pytest.raises(UnsupportedTopicLanguageError, match="iptc_topics_v1 cannot tag topics in de; it reads en"):
        ArticleTagger(topic_tagger="iptc_topics_v1", topic_languages=["en", "de"])
    with pytest.raises(UnsupportedTopicLanguageError, match="cannot tag topics in fr"):
        TagTopics(topic_languages=["fr"])
    # Places are still found where the gazetteer's (English/GeoNames) names are used: Berlin implies Germany.
    places = tagger.tag("Wahl", "Die Wahl in Berlin war knapp, sagte sie.", "de").places
    assert {(p["type"], p["country"]) for p in places} == {("city", "DE"), ("country", "DE")}


@pytest.mark.parametrize("title,text", [(None, None), ("", ""), ("Breaking", ""), ("", "Rain."), ("Goal!", "2-1")])
def test_empty_and_very_short_text(tagger, title, text):
    result = tagger.tag(title, text, "en")
    assert result.topics == [] and result.topic_status == "too_short"
    assert result.places == [] or isinstance(result.places, list)


def test_enough_text_always_gets_a_top_level_topic(tagger):
    result = tagger.tag("Council meeting tonight", "The council will vote on the new parking plan at the town hall.")
    assert result.topic_status == "ok" and len(result.topics) >= 1


def test_text_with_no_evidence_says_so(tagger):
    result = tagger.tag("Lorem ipsum", "lorem ipsum dolor sit amet consectetur adipiscing elit sed do", "en")
    assert result.topics == [] and result.topic_status in {"no_evidence", "unsupported_language"}


def test_huge_text_is_truncated_so_tagging_time_is_bounded(tagger):
    body = ARTICLES[0]["text"] + " " + ("The match ended in a draw at the stadium. " * 200_000)  # ~8.6 MB
    result = tagger.tag("Exhibition opens", body, "en")
    assert result.topic_status == "ok" and result.topics
    # Only the first MAX_CHARS are read: the 8.6 MB article tags exactly like its first 20,000 characters.
    assert result == tagger.tag("Exhibition opens", body[:MAX_CHARS], "en")


def test_custom_topics_from_config():
    custom = [
        {"name": "Housing crisis", "keywords": ["affordable housing", "rent", "eviction"]},
        {"name": "Space race", "description": "rockets, launches, satellites and moon missions"},
    ]
    tagger = ArticleTagger(custom_topics=custom)
    result = tagger.tag(
        "Tenants protest evictions",
        "Tenants marched against evictions and rising rent, asking the city for affordable housing. "
        "Another eviction notice arrived on Monday as rent rose again.",
        "en",
    )
    assert "custom:housing_crisis" in codes(result)
    assert "custom:space_race" not in codes(result)
    assert result.topics[0]["code"].startswith("medtop:")  # the IPTC topic still leads
    with pytest.raises(TopicConfigError, match="topics\\[0\\]"):
        ArticleTagger(custom_topics=[{"keywords": ["x"]}])
    with pytest.raises(TopicConfigError, match="keywords"):
        ArticleTagger(custom_topics=[{"name": "Bad", "keywords": "not a list"}])


# ------------------------------------------------------------------------------------------------ places


def _places(text, title=""):
    return tag_article(title, text, "en").places


def test_georgia_the_country_or_the_us_state():
    country = _places("Protesters filled the streets of Tbilisi as Georgia's parliament met, Georgian media said.")
    assert {"type": "country", "code": "GE", "name": "Georgia", "country": "GE", "mentions": 1} in country
    state = _places("Voters in Georgia lined up in Atlanta as the governor and Republicans campaigned.")
    assert any(p["code"] == "US-GA" and p["type"] == "region" for p in state)
    assert not any(p["code"] == "GE" for p in state)
    assert any(p["code"] == "US" and p["type"] == "country" for p in state)  # implied by the state
    assert not any(p["name"] == "Georgia" for p in _places("Georgia is lovely in spring, she said."))


def test_jordan_and_chad_as_people_or_countries():
    people = _places("Michael Jordan and Chad Smith played golf. Jordan Henderson watched. Chad said it was fun.")
    assert not any(p["code"] in {"JO", "TD"} for p in people)
    places = _places("Refugees crossed into Jordan from Syria, officials in Amman said. Aid reached camps in Chad.")
    assert {"JO", "TD", "SY"} <= {p["code"] for p in places}


def test_turkey_and_turkiye():
    assert "TR" in countries(tag_article("", "Inflation in Türkiye rose again, the central bank said.", "en"))
    assert "TR" in countries(tag_article("", "Officials in Turkey and Greece met in Ankara on Monday.", "en"))
    food = _places("Turkey is the star of Thanksgiving: roast it low, rest it, and make gravy from the pan.")
    assert not any(p["code"] == "TR" for p in food)


def test_longest_names_win_and_aliases_resolve():
    found = {p["code"] for p in _places("Papua New Guinea and New Jersey officials met in the UK and the U.S.")}
    assert {"PG", "US-NJ", "GB", "US"} <= found
    assert not {"GN", "JE"} & found
    washington = _places("The Washington Post reported that George Washington slept here.")
    assert not any(p["name"] == "Washington" for p in washington)
    assert any(p["name"] == "Washington" and p["type"] == "city" for p in _places("Talks resumed in Washington."))


def test_cities_carry_their_country_and_geonameid():
    places = _places("Flights from Paris to Lagos were cancelled.")
    paris = next(p for p in places if p["name"] == "Paris")
    assert paris["type"] == "city" and paris["country"] == "FR" and paris["code"].isdigit()
    assert {"FR", "NG"} <= {p["code"] for p in places if p["type"] == "country"}
    assert not any(p["name"] == "Paris" for p in _places("Paris Hilton attended the party."))


# ------------------------------------------------------------------------------------------------ people, organisations


def test_people_and_organisations(tagger):
    result = tagger.tag(
        "Central bank holds rates",
        "Prime Minister Ana Costa met officials from the World Bank and the Ministry of Finance on Monday. "
        '"We will not cut rates yet," said Jonas Berg, the governor of the Central Bank of Portugal. '
        "Acme Holdings and NATO were not involved, Berg added.",
        "en",
    )
    assert "Ana Costa" in result.people and "Jonas Berg" in result.people
    assert not any("Portugal" in p or "Monday" in p for p in result.people)
    assert {"World Bank", "NATO"} <= set(result.organisations)
    assert any(o.startswith("Central Bank") for o in result.organisations)
    assert "Acme Holdings" in result.organisations


# ------------------------------------------------------------------------------------------------ CLI


def test_tag_cli_one_line_per_input(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(json.dumps({"id": a["id"], "title": a["title"], "text": a["text"], "x": 1}) for a in ARTICLES[:3])
        + "\n"
        + json.dumps({"id": 7, "title": "", "text": ""})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert tag_cli.main(["tag", str(src), "-o", str(out)]) == 0
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [a["id"] for a in ARTICLES[:3]] + ["7"]
    assert set(rows[0]) == {"id", "topics", "topic_status", "places", "people", "organisations"}
    assert rows[0]["topics"][0]["code"] == ARTICLES[0]["topic"]
    assert rows[-1]["topics"] == [] and rows[-1]["topic_status"] == "too_short"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', encoding="utf-8")
    assert tag_cli.main(["tag", str(bad)]) == 2
    assert "bad.jsonl:2: duplicate id" in capsys.readouterr().err
    # The terms-only tagger can be chosen by name; an unknown name is a clear error, not a traceback.
    assert tag_cli.main(["tag", str(src), "-o", str(out), "--topic_tagger", "iptc_topics_v1"]) == 0
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["topics"][0]["code"] == ARTICLES[0]["topic"]
    assert tag_cli.main(["tag", str(src), "--topic_tagger", "iptc_topics_v9"]) == 2
    assert "known taggers: entities_v1, iptc_topics_v1, iptc_topics_v2" in capsys.readouterr().err


def test_tag_cli_reads_custom_topics_from_config(tmp_path):
    config = tmp_path / "wirelake.yaml"
    config.write_text("topics:\n  - name: Housing crisis\n    keywords: [eviction, rent]\n", encoding="utf-8")
    rows = list(
        tag_cli.tag(
            tag_cli.read_articles(
                io.StringIO(json.dumps({"id": "h", "title": "Evictions", "text": "eviction rent eviction rent " * 3})),
                "<mem>",
            ),
            tag_cli.load_custom_topics(str(config)),
        )
    )
    assert "custom:housing_crisis" in [t["code"] for t in rows[0]["topics"]]


# ------------------------------------------------------------------------------------------------ Beam


@dataclasses.dataclass(frozen=True)
class _Article:
    url: str
    title: str | None
    text: str
    language: str | None
    topics: list = dataclasses.field(default_factory=list)
    topic_status: str | None = None
    places: list = dataclasses.field(default_factory=list)
    people: list = dataclasses.field(default_factory=list)
    organisations: list = dataclasses.field(default_factory=list)


def test_tag_topics_transform_with_dead_letters():
    sport = next(a for a in ARTICLES if a["topic"] == "medtop:15000000")
    good = _Article("https://example.test/a", sport["title"], sport["text"], "en")
    short = _Article("https://example.test/b", "Hi", "", "en")
    broken = _Article("https://example.test/c", "Broken", 12345, "en")  # text is not a string: a dead letter
    with TestPipeline() as p:
        out = p | beam.Create([good, short, broken]) | TagTopics()
        assert_that(
            out.articles | beam.Map(lambda a: (a.url, a.topic_status, a.topics[0]["code"] if a.topics else None)),
            equal_to([(good.url, "ok", "medtop:15000000"), (short.url, "too_short", None)]),
            label="Tagged",
        )
        assert_that(
            out[DEAD_LETTER] | beam.Map(lambda d: (d.stage, d.url, d.error_class)),
            equal_to([("tag_topics", broken.url, "TypeError")]),
            label="DeadLetters",
        )


def test_tag_topics_empty_input():
    with TestPipeline() as p:
        out = p | beam.Create([]) | TagTopics()
        assert_that(out.articles, is_empty(), label="NoArticles")
        assert_that(out[DEAD_LETTER], is_empty(), label="NoDeadLetters")


# ------------------------------------------------------------------------------------------------ shapes, ties, eval


def test_match_score_and_currency_shapes_are_evidence():
    from wirelake.transforms.topics.iptc_keywords import MONEY_TERM, SCORE_TERM, KeywordTopicTagger

    t = KeywordTopicTagger()
    sport = t.explain(
        "Harbour Town 2-1 Millbridge", "Harbour Town won 2-1 on Saturday after trailing 0-1 at the break."
    )
    assert ("<score>", 3) in sport["medtop:15000000"] and SCORE_TERM == "<score>"
    money = t.explain("", "The group paid $4.5 billion and €300 million for the two units, or £3bn in all.")
    assert (MONEY_TERM, 3) in money["medtop:04000000"]
    assert SCORE_TERM not in str(t.explain("", "The meeting ran from 2023-2024 and cost 12 items."))


def test_broadened_newsroom_vocabulary():
    t = create_tagger("iptc_topics_v1")
    cases = {
        "medtop:15000000": "The head coach praised his squad's unbeaten run; the equaliser came in stoppage time.",
        "medtop:04000000": "Operating profit and net income per share beat forecasts; the carmaker gained share.",
        "medtop:11000000": "The opposition leader said lawmakers in the legislature would back a no-confidence motion.",
        "medtop:13000000": "The research team said the findings, in a preprint, relied on a supercomputer.",
        "medtop:01000000": "The singer-songwriter and her drummer played the film festival before the debut album.",
    }
    for code, text in cases.items():
        got = t.classify("", text, "en")
        assert got.topics and got.topics[0]["code"] == code, (code, got.topics)


def test_ties_go_to_the_topic_the_headline_supports():
    t = create_tagger("iptc_topics_v1")
    # 'museum' (arts, 2) and 'court' (justice, 2) once each in the body; the headline names the court case.
    got = t.classify("Court hearing set", "The museum and the court were both in the news again this week here.", "en")
    assert got.topics[0]["code"] == "medtop:02000000", got.topics


def test_eval_split_and_publisher_sections():
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    from topics_eval import section_of, split_of

    assert split_of("fixture:sport-1") == split_of("fixture:sport-1")
    assert {split_of(f"id:{i}") for i in range(20)} == {"tune", "holdout"}
    assert section_of("https://x.com/sport/football/a-b.html", []) == "medtop:15000000"
    assert section_of("https://x.com/news/a-b", ["Politics", "Turkey"]) == "medtop:11000000"
    assert section_of("https://x.com/sport/a", ["Business"]) is None  # two sections: not used
    assert section_of("https://x.com/news/sport-star-wins", []) is None  # the slug is not a section
