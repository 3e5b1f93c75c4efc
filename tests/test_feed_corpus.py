"""parse_feed over a sample of feedparser's test corpus (tests/fixtures/feeds/feedparser, BSD licence).

Every sample either parses (entries, entries without a usable link reported as problems, or a valid empty feed) or
raises a StageError with a stable code; never anything else. A few samples also have their content checked.
"""

import datetime as dt
import importlib.util

import pytest

from wirelake.transforms.errors import StageError
from wirelake.transforms.feedlist import FeedSpec
from wirelake.transforms.feeds import MalformedFeed, NotAFeed, parse_feed

from conftest import FIXTURES

SAMPLES = FIXTURES / "feeds" / "feedparser"
FILES = sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.name != "LICENSE")

_bench = importlib.util.spec_from_file_location("feed_corpus", FIXTURES.parents[1] / "bench" / "feed_corpus.py")
feed_corpus = importlib.util.module_from_spec(_bench)
_bench.loader.exec_module(feed_corpus)


def parse(name: str):
    body = (SAMPLES / name).read_bytes()
    return parse_feed(body, FeedSpec(url=f"https://corpus.example/{name}"), feed_corpus.declared_content_type(body))


def test_the_sample_is_representative():
    folders = {p.relative_to(SAMPLES).parts[0] for p in FILES}
    assert folders == {"docs-examples", "encoding", "entities", "illformed", "json", "wellformed"}
    assert 30 <= len(FILES) <= 60


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SAMPLES)))
def test_every_sample_parses_or_fails_cleanly(path):
    try:
        parsed = parse(str(path.relative_to(SAMPLES)))
    except StageError as exc:
        assert exc.code in {"not_a_feed", "malformed_feed"}
        return
    for entry in parsed.entries:
        assert entry.url.startswith(("http://", "https://")) and entry.feed_urls
        assert entry.published_at is None or entry.published_at.tzinfo == dt.UTC
    assert all(isinstance(problem, StageError) for _raw, problem in parsed.problems)


def test_known_good_rss():
    parsed = parse("docs-examples/rss20.xml")
    assert parsed.title == "Sample Feed"
    [entry] = parsed.entries
    assert entry.title == "First item title" and entry.url == "http://example.org/item/1"
    assert entry.published_at == dt.datetime(2002, 9, 5, 0, 0, 1, tzinfo=dt.UTC)


def test_known_good_rdf_and_atom():
    [rdf] = parse("docs-examples/rss10.rdf").entries
    assert rdf.title == "First of all" and rdf.url == "http://example.org/archives/2002/09/04.html"
    atom = parse("docs-examples/atom10.xml")
    assert atom.title == "Sample Feed" and [e.title for e in atom.entries] == ["First entry title"]


def test_feedparsers_json_example():
    parsed = parse("json/example.json")
    assert parsed.format == "json_feed" and parsed.title == "My Example Feed"
    assert [e.url for e in parsed.entries] == ["https://example.org/second-item", "https://example.org/initial-post"]
    assert parsed.entries[1].content == "Hello, world!"  # <script> dropped
    assert parsed.entries[0].tags == ("test", "JSON") and parsed.entries[1].authors == ("you",)


@pytest.mark.parametrize(
    "name", ["encoding/utf-16le-bom.xml", "encoding/utf-16be-autodetect.xml", "encoding/utf-32le-bom.xml"]
)
def test_utf16_and_utf32_decode(name):
    parsed = parse(name)  # an empty <rss>, read by the strict parser: no decoding trouble
    assert parsed.entries == [] and parsed.warning is None


def test_undeclared_big5_is_detected_not_mojibake():
    # No charset anywhere and not UTF-8: feedparser alone falls back to windows-1252 and garbles the title.
    title = parse("illformed/chardet/big5.xml").title
    assert title.startswith("我希望") and "§" not in title


def test_undeclared_koi8r_is_detected():
    [(raw, problem)] = parse("illformed/chardet/koi8r.xml").problems  # the item has no link
    assert problem.code == "entry_without_url" and "Как" in raw["title"]


def test_bogus_declared_encoding_degrades_to_a_parse():
    parsed = parse("encoding/bozo_bogus_encoding.xml")
    assert parsed.warning and "bogus" in parsed.warning


def test_ill_formed_xml_is_read_by_the_loose_parser():
    parsed = parse("illformed/rss_item_link_corrupted_ampersands.xml")
    assert [e.link for e in parsed.entries] == ["http://link/get?a=1&b=2"]
    assert parse("illformed/rss_incomplete_cdata.xml").warning


def test_html_entity_in_xml_degrades_to_the_loose_parse():
    parsed = parse("entities/upper_Acirc.xml")
    assert parsed.title == "testing \u00c2 entity" and parsed.warning


def test_broken_or_empty_documents_are_clean_errors():
    with pytest.raises(MalformedFeed):
        parse("illformed/aaa_illformed.xml")
    with pytest.raises(NotAFeed):
        parse("illformed/rss_empty_document.xml")
