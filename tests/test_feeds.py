import datetime as dt

import pytest
from conftest import FIXTURES

from wirelake.transforms.feedlist import FeedSpec
from wirelake.transforms.feeds import MalformedFeed, NotAFeed, html_to_text, parse_feed

SPEC = FeedSpec(url="https://demo.wirelake.example/feed", name=None, language="en", tags=("demo",))


@pytest.mark.parametrize(
    ("fixture", "entries", "title"),
    [
        ("demo_rss2.xml", 13, "The Harbour Herald"),
        ("demo_atom.xml", 12, "The Valley Courier"),
        ("demo_rss1.xml", 11, "The Northern Ledger"),
    ],
)
def test_parses_each_format(fixture, entries, title):
    parsed = parse_feed((FIXTURES / fixture).read_bytes(), SPEC)
    assert parsed.title == title
    assert len(parsed.entries) == entries
    assert not parsed.problems
    for entry in parsed.entries:
        assert entry.url.startswith("https://demo.wirelake.example/") and "utm_" not in entry.url
        assert "utm_" in entry.link or "/2026/11/" in entry.link
        assert entry.published_at.tzinfo == dt.UTC
        assert entry.feed_urls == (SPEC.url,) and entry.feed_name == title and entry.language == "en"
        assert entry.tags[0] == "demo"


def test_rss2_entry_fields():
    parsed = parse_feed((FIXTURES / "demo_rss2.xml").read_bytes(), SPEC)
    fed = next(e for e in parsed.entries if e.url.endswith("fed-cuts-rates-third-time"))
    assert fed.title.startswith("US Federal Reserve cuts rates")
    assert fed.summary and "<" not in fed.summary
    assert fed.image_url.endswith("fed-cuts-rates-third-time.jpg")
    assert fed.guid == "harbour-herald:fed-cuts-rates-third-time"
    assert fed.tags == ("demo", "Business")


def test_atom_content_becomes_plain_paragraphs():
    parsed = parse_feed((FIXTURES / "demo_atom.xml").read_bytes(), SPEC)
    video = next(e for e in parsed.entries if "video" in e.url)
    assert video.content.count("\n\n") == 2 and "<p>" not in video.content


def test_html_is_not_a_feed():
    with pytest.raises(NotAFeed):
        parse_feed(b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>", SPEC)


def test_truncated_feed_is_malformed():
    with pytest.raises(MalformedFeed):
        parse_feed(b'<?xml version="1.0"?>\n<rss version="2.0"><chan\x00\xff\xfe', SPEC)


def test_entry_without_link_is_reported_not_dropped():
    body = b"""<rss version="2.0"><channel><title>T</title>
    <item><title>No link here</title><description>x</description></item>
    <item><title>Fine</title><link>https://example.com/fine</link></item></channel></rss>"""
    parsed = parse_feed(body, SPEC)
    assert [e.url for e in parsed.entries] == ["https://example.com/fine"]
    assert len(parsed.problems) == 1 and "No link here" in str(parsed.problems[0][1])


def test_permalink_guid_is_used_when_link_is_missing():
    body = b"""<rss version="2.0"><channel><title>T</title>
    <item><title>A</title><guid isPermaLink="true">https://example.com/a?utm_source=x</guid></item></channel></rss>"""
    assert parse_feed(body, SPEC).entries[0].url == "https://example.com/a"


def test_valid_empty_feed_is_ok():
    assert parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', SPEC).entries == []


def test_html_to_text():
    assert html_to_text("<p>One <b>two</b></p><p>Three&amp;four</p><script>x()</script>") == "One two\n\nThree&four"
    assert html_to_text("plain\n\ntext") == "plain\n\ntext"
    assert html_to_text(None) == ""
