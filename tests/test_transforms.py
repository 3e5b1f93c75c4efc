"""Each composite transform on Beam's TestPipeline, including its dead-letter output."""

import datetime as dt

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to, is_empty

from wirelake.pipelines.demo_site import BROKEN_FEED_PATH, DEAD_LINK_SLUG, feed_path, stories
from wirelake.schemas import ARTICLES, DEAD_LETTERS
from wirelake.transforms.articles import build_article
from wirelake.transforms.clustering import ClusterSyndicatedCopies
from wirelake.transforms.extracting import ExtractArticles
from wirelake.transforms.feedlist import FeedSpec
from wirelake.transforms.fetching import FetchArticles
from wirelake.transforms.http import FetchPolicy
from wirelake.transforms.lake import ReadLakeTable, WriteLake
from wirelake.transforms.polling import DropKnownEntries, PollFeeds
from wirelake.transforms.records import FeedEntry, FeedState, FetchedPage

from conftest import FIXTURES, RUN_TIME

POLICY = FetchPolicy(allow_private_networks=True, min_host_interval=0, retries=0)


def _demo_specs(base):
    specs = [FeedSpec(url=base + feed_path(o), name=o["name"]) for o in stories()["outlets"]]
    return specs + [FeedSpec(url=base + BROKEN_FEED_PATH, name="Broken")]


def test_poll_feeds(demo_site):
    specs = _demo_specs(demo_site.base_url)
    with TestPipeline() as p:
        state = p | "NoState" >> beam.Create([])
        polled = p | beam.Create(specs) | PollFeeds(POLICY, RUN_TIME, state)
        assert_that(polled.entries | beam.combiners.Count.Globally(), equal_to([13 + 12 + 11]), label="Entries")
        assert_that(
            polled.feed_log | beam.Map(lambda r: (r.feed_name, r.status, r.http_status, r.entries_seen)),
            equal_to(
                [
                    ("The Harbour Herald", "ok", 200, 13),
                    ("The Valley Courier", "ok", 200, 12),
                    ("The Northern Ledger", "ok", 200, 11),
                    ("Broken", "error", 200, 0),
                ]
            ),
            label="FeedLog",
        )
        assert_that(
            polled.dead_letter | beam.Map(lambda d: (d.stage, d.feed_url, d.error_type)),
            equal_to([("poll_feeds", demo_site.base_url + BROKEN_FEED_PATH, "malformed_feed")]),
            label="DeadLetters",
        )


def test_poll_feeds_sends_conditional_get_and_handles_304(demo_site):
    spec = _demo_specs(demo_site.base_url)[0]
    import urllib.request

    etag = urllib.request.urlopen(spec.url).headers["ETag"]  # noqa: S310 - our own local server
    with TestPipeline() as p:
        state = p | "State" >> beam.Create([(spec.url, FeedState(etag=etag))])
        polled = p | beam.Create([spec]) | PollFeeds(POLICY, RUN_TIME, state)
        assert_that(polled.entries, is_empty(), label="NoEntries")
        assert_that(
            polled.feed_log | beam.Map(lambda r: (r.status, r.http_status, r.etag)),
            equal_to([("not_modified", 304, etag)]),
            label="NotModified",
        )
    sent = [h.get("If-None-Match") for path, h in demo_site.requests if path == feed_path(stories()["outlets"][0])]
    assert sent[-1] == etag


def _entry(url, feed, **kw):
    return FeedEntry(url=url, link=url + "?utm_source=x", feed_urls=(feed,), **kw)


def test_drop_known_entries_merges_per_url_and_skips_known():
    t1 = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
    t2 = dt.datetime(2026, 11, 21, tzinfo=dt.UTC)
    entries = [
        _entry("https://a.example/1", "https://feeds/b", tags=("b",), published_at=t2),
        _entry("https://a.example/1", "https://feeds/a", tags=("a",), published_at=t1),
        _entry("https://a.example/2", "https://feeds/a"),
        _entry("https://a.example/known", "https://feeds/a"),
    ]
    with TestPipeline() as p:
        known = p | "Known" >> beam.Create(["https://a.example/known"])
        new = p | beam.Create(entries) | DropKnownEntries(known)
        assert_that(
            new | beam.Map(lambda e: (e.url, e.feed_urls, e.tags, e.published_at)),
            equal_to(
                [
                    ("https://a.example/1", ("https://feeds/a", "https://feeds/b"), ("a", "b"), t1),
                    ("https://a.example/2", ("https://feeds/a",), (), None),
                ]
            ),
        )


def test_fetch_articles_with_dead_link(demo_site):
    base = demo_site.base_url
    good = f"{base}/harbour-herald/2026/11/fed-cuts-rates-third-time"
    dead = f"{base}/harbour-herald/2026/11/{DEAD_LINK_SLUG}"
    blocked = FetchPolicy(allow_private_networks=False, min_host_interval=0, retries=0)
    with TestPipeline() as p:
        entries = p | beam.Create([_entry(good, "f"), _entry(dead, "f")])
        fetched = entries | "Local" >> FetchArticles(POLICY, RUN_TIME)
        assert_that(
            fetched.pages | beam.Map(lambda pg: (pg.status, b"Federal Reserve" in pg.body)),
            equal_to([(200, True)]),
            label="Pages",
        )
        assert_that(
            fetched.dead_letter | beam.Map(lambda d: (d.stage, d.error_type, d.url.split("?")[0])),
            equal_to([("fetch_articles", "http_status", dead)]),
            label="Dead",
        )
        refused = entries | "Public" >> FetchArticles(blocked, RUN_TIME)
        assert_that(
            refused.dead_letter | beam.Map(lambda d: d.error_type),
            equal_to(["blocked_address", "blocked_address"]),
            label="Refused",
        )


def _page(fixture, content=None, url="https://demo.wirelake.example/p"):
    entry = FeedEntry(
        url=url,
        link=url,
        feed_urls=("https://demo.wirelake.example/feed",),
        title="Feed title",
        content=content,
        published_at=dt.datetime(2026, 11, 20, tzinfo=dt.UTC),
    )
    body = (FIXTURES / fixture).read_bytes()
    return FetchedPage(
        entry=entry, url=url, status=200, content_type="text/html; charset=utf-8", body=body, fetched_at=RUN_TIME
    )


def test_extract_articles_falls_back_to_feed_and_dead_letters_the_rest():
    feed_text = "\n\n".join(["Engineers closed the flood gates for a full test on Tuesday morning today."] * 6)
    pages = [
        _page("demo_article_rewrite.html", url="https://demo.wirelake.example/a"),
        _page("demo_video_page.html", content=feed_text, url="https://demo.wirelake.example/v1"),
        _page("demo_video_page.html", url="https://demo.wirelake.example/v2"),
    ]
    with TestPipeline() as p:
        out = p | beam.Create(pages) | ExtractArticles(RUN_TIME)
        assert_that(
            out.articles | beam.Map(lambda a: (a.url.rsplit("/", 1)[1], a.body_source, a.published_at_source)),
            equal_to([("a", "page", "page"), ("v1", "feed", "feed")]),
            label="Articles",
        )
        assert_that(
            out.dead_letter | beam.Map(lambda d: (d.stage, d.error_type, d.url.rsplit("/", 1)[1])),
            equal_to([("extract_articles", "not_article", "v2")]),
            label="Dead",
        )


def make_article(url, text, published_day, fetched=RUN_TIME):
    entry = FeedEntry(
        url=url,
        link=url,
        feed_urls=("https://feeds.example/f",),
        title=url,
        content=text,
        published_at=dt.datetime(2026, 11, published_day, tzinfo=dt.UTC),
    )
    page = FetchedPage(entry=entry, url=url, status=200, content_type="text/html", body=b"", fetched_at=fetched)
    return build_article(page, None, RUN_TIME)


def test_cluster_syndicated_copies():
    wire = "WASHINGTON (AP) — The Federal Reserve cut its key rate by a quarter point on Wednesday, " * 3
    articles = [
        make_article("https://b.example/fed", wire, 21),
        make_article("https://a.example/fed", wire.replace("—", "-").upper(), 20),  # same words, other typography
        make_article("https://c.example/other", "A different story entirely, about ferries and their crews. " * 3, 19),
    ]
    with TestPipeline() as p:
        out = p | beam.Create(articles) | ClusterSyndicatedCopies(RUN_TIME)
        original = articles[1].article_id
        assert_that(
            out.articles | beam.Map(lambda a: (a.url, a.cluster_id == "c_" + original, a.is_original, a.wire_agency)),
            equal_to(
                [
                    ("https://a.example/fed", True, True, "ap"),
                    ("https://b.example/fed", True, False, "ap"),
                    ("https://c.example/other", False, True, None),
                ]
            ),
            label="Articles",
        )
        assert_that(
            out.clusters | beam.Map(lambda c: (c.original_url, c.size, c.wire_agency)),
            equal_to([("https://a.example/fed", 2, "ap"), ("https://c.example/other", 1, None)]),
            label="Clusters",
        )


def test_write_lake_is_idempotent_and_readable(tmp_path):
    lake = str(tmp_path / "lake")
    articles = [make_article(f"https://a.example/{i}", f"text number {i}", 20) for i in range(5)]
    for _ in range(2):
        with TestPipeline() as p:
            {"articles": p | beam.Create(articles)} | WriteLake(lake)
    files = sorted((tmp_path / "lake" / "articles").rglob("*.parquet"))
    assert [f.parent.name for f in files] == ["ingest_date=2026-11-27"]
    assert not list((tmp_path / "lake").rglob(".tmp-*"))
    with TestPipeline() as p:
        rows = p | ReadLakeTable(lake, ARTICLES, ["url", "is_original"])
        assert_that(rows | beam.Map(lambda r: r["url"]), equal_to([a.url for a in articles]))
    with TestPipeline() as p:
        assert_that(p | ReadLakeTable(lake, DEAD_LETTERS, ["stage"]), is_empty())


def test_write_lake_skips_rows_already_present_and_adds_new_ones(tmp_path):
    lake = str(tmp_path / "lake")
    first = [make_article("https://a.example/1", "one", 20)]
    second = first + [make_article("https://a.example/2", "two", 20)]
    for batch in (first, second):
        with TestPipeline() as p:
            {"articles": p | beam.Create(batch)} | WriteLake(lake)
    import pyarrow.parquet as pq

    urls = [u for f in (tmp_path / "lake").rglob("part-*.parquet") for u in pq.read_table(f)["url"].to_pylist()]
    assert sorted(urls) == ["https://a.example/1", "https://a.example/2"]
