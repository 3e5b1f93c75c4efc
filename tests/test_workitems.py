import pytest

from wirelake.transforms.feedlist import FeedSpec
from wirelake.transforms.records import FeedEntry
from wirelake.transforms.workitems import MalformedWorkItem, Tick, parse_work_item


def test_feed_item():
    item = parse_work_item(b'{"kind": "feed", "url": "https://example.com/rss", "name": "Ex", "tags": ["a"]}')
    assert item == FeedSpec(url="https://example.com/rss", name="Ex", tags=("a",))


def test_article_item_is_a_canonical_entry():
    item = parse_work_item(
        b'{"kind": "article", "url": "https://www.example.com/a?utm_source=x", "published_at": "2026-11-21T08:00:00Z"}'
    )
    assert isinstance(item, FeedEntry)
    assert item.url == "https://example.com/a" and item.link.endswith("utm_source=x")
    assert item.published_at.isoformat() == "2026-11-21T08:00:00+00:00" and item.feed_urls == ("pubsub:work-items",)


def test_tick():
    assert parse_work_item(b'{"kind": "tick"}') == Tick()


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"\xff\xfe", "not UTF-8 JSON"),
        (b"[1, 2]", "must be a JSON object"),
        (b'{"kind": "podcast", "url": "https://e.com"}', "unknown kind 'podcast'"),
        (b'{"kind": "article"}', "needs a 'url'"),
        (b'{"kind": "article", "url": "ftp://e.com/x"}', r"not an absolute http\(s\) URL"),
        (b'{"kind": "feed", "url": "https://e.com/f", "is_wire": "yes"}', "is_wire"),
        (b'{"kind": "article", "url": "https://e.com/a", "published_at": "soon"}', "published_at"),
        (b'{"kind": "article", "url": "https://e.com/a", "tags": "x"}', "list of strings"),
    ],
)
def test_malformed_items_say_why(payload, message):
    with pytest.raises(MalformedWorkItem, match=message):
        parse_work_item(payload)
