import datetime as dt
import json
import subprocess
import sys
from unittest import mock

import pytest

from wirelake.transforms.feedlist import FeedSpec
from wirelake.transforms.feeds import FeedTooLarge, MalformedFeed, NotAFeed, html_to_text, parse_feed

from conftest import FIXTURES

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


# --- JSON Feed, sitemaps, robustness -------------------------------------------------------------------------------

FEEDS = FIXTURES / "feeds"


def test_json_feed_1_1():
    parsed = parse_feed((FEEDS / "jsonfeed_1_1.json").read_bytes(), SPEC, "application/feed+json")
    assert parsed.format == "json_feed" and parsed.title == "The Harbour Herald"
    assert [e.url for e in parsed.entries] == [
        "https://herald.example/2026/11/ferry-order",
        "https://wire.example/rates",
        "https://herald.example/2026/11/only-id",
    ]
    ferry, rates, only_id = parsed.entries
    assert ferry.link.endswith("?utm_source=json") and ferry.guid == "herald:ferry-order"
    assert ferry.title == "Yard wins order for two electric ferries"
    assert ferry.content == "The yard will build two ferries.\n\nIt is the largest order in a decade."
    assert ferry.summary == "Two battery ferries for a Norwegian operator."
    assert ferry.published_at == dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC)
    assert ferry.image_url == "https://herald.example/img/ferry.jpg"
    assert ferry.tags == ("demo", "Business", "Shipping") and ferry.authors == ("Tomasz Wrobel", "Ana Lima")
    assert ferry.language == "en" and ferry.feed_name == "The Harbour Herald"
    # no url: external_url comes before an id that is a URL; date_modified stands in for date_published
    assert rates.link == "https://wire.example/rates" and rates.guid == "https://herald.example/2026/11/rates"
    assert rates.content == "Line one.\n\nLine two < three."
    assert rates.published_at == dt.datetime(2026, 11, 25, 19, 30, tzinfo=dt.UTC)
    assert rates.image_url == "https://herald.example/img/rates.jpg" and rates.authors == ("Herald Staff",)
    assert only_id.title is None and only_id.link == "https://herald.example/2026/11/only-id"
    assert [p.code for _raw, p in parsed.problems] == ["entry_without_url", "malformed_entry"]


def test_json_feed_1_0_tolerates_wrong_types():
    parsed = parse_feed((FEEDS / "jsonfeed_1_0.json").read_bytes(), FeedSpec(url="https://example.org/feed.json"))
    one, two = parsed.entries
    assert one.authors == ("Item Author",) and one.published_at == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert two.authors == ("Feed Author",) and two.published_at is None and two.tags == () and two.content == "Second"


def test_external_url_is_preferred_over_id():
    body = b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "https://a.example/x", '
    body += b'"external_url": "https://b.example/y"}]}'
    assert parse_feed(body, SPEC).entries[0].url == "https://b.example/y"


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', MalformedFeed),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}', MalformedFeed),
        (b'{"version": "1.0", "items": []}', NotAFeed),
        (b'{"hello": "world"}', NotAFeed),
        (b'{"version": "https://jsonfeed.org/version/1", "items": ' + b"[" * 100_000, MalformedFeed),
        (b"", NotAFeed),
        (b"  \n ", NotAFeed),
    ],
)
def test_bad_json_and_empty_bodies(body, error):
    with pytest.raises(error):
        parse_feed(body, SPEC)


def test_news_sitemap():
    parsed = parse_feed((FEEDS / "news_sitemap.xml").read_bytes(), SPEC)
    assert parsed.format == "sitemap" and parsed.title == "The Valley Courier" and parsed.child_feeds == []
    bridge, budget, about = parsed.entries
    assert bridge.url == "https://valley.example/2026/11/bridge-reopens" and "utm_campaign" in bridge.link
    assert bridge.title == "Old bridge reopens after & two-year repair"
    assert bridge.published_at == dt.datetime(2026, 11, 27, 6, 30, tzinfo=dt.UTC)  # publication_date, not lastmod
    assert bridge.tags == ("demo", "Transport", "Local news")
    assert bridge.image_url == "https://www.valley.example/img/bridge.jpg"
    assert bridge.feed_name == "The Valley Courier" and bridge.language == "en"
    assert budget.title == "Council approves budget" and budget.published_at == dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    assert about.title is None and about.published_at == dt.datetime(2026, 1, 15, tzinfo=dt.UTC)  # lastmod
    assert len(parsed.problems) == 1 and parsed.problems[0][1].code == "entry_without_url"


def test_sitemap_index_lists_child_sitemaps():
    parsed = parse_feed((FEEDS / "sitemap_index.xml").read_bytes(), SPEC)
    assert parsed.format == "sitemap_index" and parsed.entries == []
    assert parsed.child_feeds == [
        "https://www.valley.example/sitemaps/news.xml",
        "https://www.valley.example/sitemaps/2026-11.xml",
    ]
    assert [raw["loc"] for raw, _p in parsed.problems] == ["/relative/not-allowed.xml"]


def test_sitemap_detection_ignores_prolog_and_encoding():
    body = '<?xml version="1.0"?>\n<!-- generated -->\n<sitemapindex><sitemap><loc>https://e.example/s.xml</loc>'
    body += "</sitemap></sitemapindex>"
    assert parse_feed(body.encode("utf-16"), SPEC).child_feeds == ["https://e.example/s.xml"]
    assert parse_feed(b"<urlset/>", SPEC).entries == []  # a valid empty sitemap


def test_ill_formed_sitemap_is_recovered_or_malformed():
    recovered = parse_feed(b"<urlset><url><loc>https://e.example/a</loc></url><url><lo", SPEC)
    assert [e.url for e in recovered.entries] == ["https://e.example/a"] and recovered.warning
    with pytest.raises(MalformedFeed):
        parse_feed(b"<urlset><url><loc", SPEC)


ENTITY_BOMB = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY x SYSTEM "file:///etc/passwd">]>"""


@pytest.mark.parametrize(
    "doc",
    [
        b"<urlset><url><loc>https://e.example/a</loc><news:news xmlns:news='n'><news:title>&e;&x;</news:title>"
        b"</news:news></url></urlset>",
        b'<rss version="2.0"><channel><item><title>&e;&x;</title><link>https://e.example/a</link></item></channel></rss>',
    ],
)
def test_entities_are_not_expanded_nor_files_read(doc):
    if doc.startswith(b"<urlset"):  # sitemaps never need a DTD: one declaring entities is refused
        with pytest.raises(MalformedFeed, match="entities"):
            parse_feed(ENTITY_BOMB + doc, SPEC)
        return
    parsed = parse_feed(ENTITY_BOMB + doc, SPEC)
    assert [e.url for e in parsed.entries] == ["https://e.example/a"]
    title = parsed.entries[0].title or ""
    assert len(title) < 100 and "root:" not in title


def test_body_naming_a_local_file_is_not_read_as_that_file(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_bytes(b'<rss version="2.0"><channel><item><link>https://e.example/a</link></item></channel></rss>')
    with pytest.raises(NotAFeed):  # feedparser would open bytes naming an existing path
        parse_feed(str(feed).encode(), SPEC)


def test_oversized_feed_is_refused():
    with pytest.raises(FeedTooLarge):
        parse_feed(b"<rss>" + b" " * 100, SPEC, max_bytes=50)


def test_media_rss_thumbnail_is_the_image():
    body = b"""<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>
    <item><title>A</title><link>https://e.example/a</link><media:content url="https://e.example/v.mp4" medium="video"/>
    <media:thumbnail url="https://e.example/a.jpg"/></item></channel></rss>"""
    assert parse_feed(body, SPEC).entries[0].image_url == "https://e.example/a.jpg"


def test_html_to_text_survives_control_characters_and_whole_documents():
    assert html_to_text("<p>a\x0bb</p><p>c\ud800&amp;</p>") == "ab\n\nc&"
    assert html_to_text("<!DOCTYPE html><html><body><p>x</p><script>y</script></body></html>") == "x"


# --- wirelake feed ---------------------------------------------------------------------------------------------------


def wirelake_feed(*args):
    return subprocess.run(
        [sys.executable, "-m", "wirelake.pipelines.cli", "feed", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_feed_prints_entries_as_json_lines():
    result = wirelake_feed(str(FIXTURES / "demo_rss2.xml"))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 13
    fed = next(x for x in lines if x["url"].endswith("fed-cuts-rates-third-time"))
    assert fed["title"].startswith("US Federal Reserve cuts rates") and "utm_" in fed["link"]
    assert fed["published_at"] == "2026-11-25T19:30:00Z" and fed["summary"]


def test_cli_feed_sitemap_index_prints_child_feeds():
    result = wirelake_feed(str(FEEDS / "sitemap_index.xml"))
    assert result.returncode == 0
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"child_feed": "https://www.valley.example/sitemaps/news.xml"},
        {"child_feed": "https://www.valley.example/sitemaps/2026-11.xml"},
    ]
    assert "entry_without_url" in result.stderr


@pytest.mark.parametrize(
    ("source", "code"),
    [(str(FIXTURES / "demo_article_rewrite.html"), "not_a_feed"), ("/no/such/feed.xml", "io_error")],
)
def test_cli_feed_failure_is_one_json_error_and_status_1(source, code):
    result = wirelake_feed(source)
    assert result.returncode == 1
    assert json.loads(result.stdout) == {"source": source, "error": code, "message": mock.ANY}
    assert "Traceback" not in result.stderr and code in result.stderr


def test_cli_feed_fetches_a_url(site_server):
    site_server.site["/news.json"] = ("application/feed+json", (FEEDS / "jsonfeed_1_0.json").read_bytes())
    url = f"{site_server.base_url}/news.json"
    result = wirelake_feed(url, "--allow-private-networks")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == ["One", "Two"]
    refused = wirelake_feed(url)  # loopback without the flag
    assert refused.returncode == 1 and json.loads(refused.stdout)["error"] == "blocked_address"
    missing = wirelake_feed(f"{site_server.base_url}/gone.xml", "--allow-private-networks")
    assert missing.returncode == 1 and json.loads(missing.stdout)["error"] == "http_status"
