import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirelake.transforms.feedlist import FeedListError, FeedSpec, parse_feed_list

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="News">
    <outline text="World">
      <outline type="rss" text="Example World" xmlUrl="https://example.com/world.xml" category="/Europe,/Politics"/>
    </outline>
    <outline type="rss" text="Example Tech" xmlUrl="https://example.org/tech.rss" language="de"/>
  </outline>
  <outline type="rss" title="Top level" xmlUrl="https://example.net/feed"/>
</body></opml>"""


def test_opml_with_nested_categories():
    specs = parse_feed_list(OPML, "feeds.opml")
    assert specs == [
        FeedSpec(
            url="https://example.com/world.xml", name="Example World", tags=("News", "World", "Europe", "Politics")
        ),
        FeedSpec(url="https://example.org/tech.rss", name="Example Tech", language="de", tags=("News",)),
        FeedSpec(url="https://example.net/feed", name="Top level"),
    ]


def test_yaml_with_options_and_defaults():
    data = b"""
defaults:
  language: en
feeds:
  - url: https://example.com/rss
    name: Example
    tags: [world, wire]
    is_wire: true
    poll_interval: 15m
  - https://example.org/atom.xml
  - url: https://example.net/feed
    language: fr
"""
    specs = parse_feed_list(data, "feeds.yaml")
    assert specs[0] == FeedSpec(
        url="https://example.com/rss",
        name="Example",
        language="en",
        tags=("world", "wire"),
        is_wire=True,
        poll_interval_seconds=900,
    )
    assert specs[1] == FeedSpec(url="https://example.org/atom.xml", language="en")
    assert specs[2].language == "fr"


def test_text_list_skips_comments_and_blank_lines_and_merges_duplicates():
    data = b"# my feeds\n\nhttps://example.com/rss\n  https://example.org/feed  \nhttps://example.com/rss\n"
    assert [s.url for s in parse_feed_list(data, "feeds.txt")] == [
        "https://example.com/rss",
        "https://example.org/feed",
    ]


@pytest.mark.parametrize(
    ("name", "data", "line", "fragment"),
    [
        ("feeds.txt", b"https://example.com/rss\nnot a url\n", 2, "not an absolute http(s) URL"),
        (
            "feeds.yaml",
            b"feeds:\n  - url: https://e.com/a\n  - url: https://e.com/b\n    colour: red\n",
            3,
            "unknown option",
        ),
        ("feeds.yaml", b"feeds:\n  - url: https://e.com/a\n    poll_interval: often\n", 2, "poll_interval"),
        ("feeds.yaml", b"feeds:\n  - url: [unclosed\n", 3, "invalid YAML"),
        ("feeds.yaml", b"feeds:\n  - url: https://e.com/a\n    is_wire: maybe\n", 2, "is_wire"),
        ("feeds.opml", b"<opml><body><outline xmlUrl='https://e.com/a'>\n</body></opml>", 2, "invalid OPML"),
        ("feeds.opml", b"<html><body/></html>", 1, "not an OPML document"),
        ("feeds.txt", b"https://example.com/\xff\n", 1, "not valid UTF-8"),
    ],
)
def test_invalid_lists_name_file_line_and_problem(name, data, line, fragment):
    with pytest.raises(FeedListError) as caught:
        parse_feed_list(data, name)
    assert caught.value.line == line
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"{name}:{line}: ")


def test_empty_list_is_an_error():
    with pytest.raises(FeedListError, match="no feeds found"):
        parse_feed_list(b"# nothing here\n", "feeds.txt")


@given(st.binary(max_size=300), st.sampled_from(["f.txt", "f.yaml", "f.opml"]))
def test_parser_raises_only_feed_list_errors(data, name):
    try:
        specs = parse_feed_list(data, name)
    except FeedListError:
        return
    assert specs and all(s.url for s in specs)
