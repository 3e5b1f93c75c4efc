"""The batch job end to end: demo site on 127.0.0.1 -> DirectRunner -> Parquet lake -> DuckDB."""

import datetime as dt
from pathlib import Path

import pytest

from wirelake.pipelines import batch
from wirelake.pipelines.demo_site import BROKEN_FEED_PATH, DEAD_LINK_SLUG, article_path, feed_list_yaml, stories
from wirelake.pipelines.query import connect

ARTICLE_PAGES = len(stories()["stories"]) + 1  # + the video page whose body comes from the feed


def run_job(site, tmp_path: Path, *extra: str) -> None:
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(feed_list_yaml(site.base_url), encoding="utf-8")
    batch.run(
        [
            f"--feeds={feeds}",
            f"--lake={tmp_path / 'lake'}",
            "--allow_private_networks",
            "--min_host_interval=0",
            "--fetch_retries=0",
            "--runner=DirectRunner",
            *extra,
        ]
    )


def page_requests(site) -> int:
    paths = {article_path(s) for s in stories()["stories"]}
    return sum(1 for path, _ in site.requests if path.split("?")[0] in paths)


@pytest.mark.e2e
@pytest.mark.parametrize(
    "runner_args",
    [(), ("--direct_num_workers=2", "--direct_running_mode=multi_processing")],
    ids=["in_process", "multi_processing"],
)
def test_batch_job_end_to_end(demo_site, tmp_path, runner_args):
    run_job(demo_site, tmp_path, *runner_args)
    con = connect(str(tmp_path / "lake"))

    assert con.execute("select count(*), count(distinct url), count(distinct article_id) from articles").fetchone() == (
        ARTICLE_PAGES,
        ARTICLE_PAGES,
        ARTICLE_PAGES,
    )
    by_feed = dict(con.execute("select source_name, count(*) from articles group by 1").fetchall())
    assert by_feed == {"The Harbour Herald": 12, "The Valley Courier": 12, "The Northern Ledger": 11}
    assert con.execute("select count(*) from articles where body_source = 'feed'").fetchone() == (1,)
    assert con.execute("select count(*) from articles where url like '%utm_%' or text = ''").fetchone() == (0,)

    # Partitions and types as data engineers will see them.
    today = dt.datetime.now(dt.UTC).date()
    assert con.execute("select distinct ingest_date from articles").fetchall() == [(today,)]
    types = dict(con.execute("select column_name, column_type from (describe articles)").fetchall())
    assert types["published_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["authors"] == "VARCHAR[]" and types["word_count"] == "BIGINT" and types["ingest_date"] == "DATE"
    files = list((tmp_path / "lake" / "articles").glob("ingest_date=*/part-*.parquet"))
    assert files and all(f.parent.name == f"ingest_date={today}" for f in files)

    # Syndicated copies: the Reuters story (three outlets, trimmed and rewritten copies) and the AP story (two
    # identical copies) form one cluster each; the independent story about the same events stays apart.
    clusters = con.execute("""
        select a.wire_agency, count(*), count(*) filter (where a.is_original), list(a.url order by a.url)
        from articles a group by a.cluster_id, a.wire_agency having count(*) > 1 order by 1""").fetchall()
    assert [(c[0], c[1], c[2]) for c in clusters] == [("ap", 2, 1), ("reuters", 3, 1)]
    assert not any("kyiv-residents-count-hours" in url for url in clusters[1][3])
    originals = dict(con.execute("select wire_agency, original_url from clusters where size > 1").fetchall())
    assert originals["reuters"].endswith("/harbour-herald/2026/11/kyiv-drone-attack-power-cuts")
    assert con.execute("select count(*) from clusters").fetchone() == (ARTICLE_PAGES - 3,)

    dead = con.execute("select stage, error_type, coalesce(url, feed_url) from dead_letters order by 1").fetchall()
    assert dead == [
        ("fetch_articles", "http_status", f"{demo_site.base_url}/harbour-herald/2026/11/{DEAD_LINK_SLUG}"),
        ("poll_feeds", "malformed_feed", demo_site.base_url + BROKEN_FEED_PATH),
    ]
    log = con.execute("select feed_name, status, entries_seen, new_entries from feed_log order by 1").fetchall()
    assert log == [
        ("The Harbour Herald", "ok", 13, 13),
        ("The Northern Ledger", "ok", 11, 11),
        ("The Valley Courier", "ok", 12, 12),
        ("Wire Desk (broken feed)", "error", 0, 0),
    ]


@pytest.mark.e2e
def test_second_run_adds_nothing_and_fetches_nothing_again(demo_site, tmp_path):
    run_job(demo_site, tmp_path)
    first_pages = page_requests(demo_site)
    assert first_pages == len(stories()["stories"])
    run_job(demo_site, tmp_path)
    con = connect(str(tmp_path / "lake"))
    assert con.execute("select count(*), count(distinct url) from articles").fetchone() == (
        ARTICLE_PAGES,
        ARTICLE_PAGES,
    )
    assert con.execute("select count(*), count(distinct dead_letter_id) from dead_letters").fetchone() == (2, 2)
    # Unchanged feeds answered 304 to the conditional GET; no article page was requested again.
    assert page_requests(demo_site) == first_pages
    second = con.execute("""select status, count(*) from feed_log
                        where ingested_at = (select max(ingested_at) from feed_log) group by 1 order by 1""").fetchall()
    assert second == [("error", 1), ("not_modified", 3)]


@pytest.mark.e2e
def test_new_entries_in_a_changed_feed_are_added(demo_site, tmp_path):
    run_job(demo_site, tmp_path)
    first_count = connect(str(tmp_path / "lake")).execute("select count(*) from articles").fetchone()[0]
    # A fresh story appears in the Herald's feed.
    from wirelake.pipelines import demo_site as site_module

    data = stories()
    story = dict(
        data["stories"][0],
        slug="late-breaking-harbour-fire",
        title="Late-breaking harbour fire",
        published="2026-11-27T08:00:00Z",
    )
    data["stories"].append(story)
    try:
        demo_site.site = site_module.render_site(demo_site.base_url)
        run_job(demo_site, tmp_path)
    finally:
        data["stories"].pop()
    con = connect(str(tmp_path / "lake"))
    assert con.execute("select count(*) from articles").fetchone()[0] == first_count + 1
    assert con.execute("select count(*) from articles where url like '%late-breaking-harbour-fire'").fetchone() == (1,)


@pytest.mark.e2e
def test_sitemap_index_children_are_polled(site_server, tmp_path):
    from conftest import FIXTURES

    base = site_server.base_url
    page = (FIXTURES / "demo_article_rewrite.html").read_bytes()
    news = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>{base}/news/one</loc><news:news><news:publication><news:name>Ledger</news:name>
  <news:language>en</news:language></news:publication><news:publication_date>2026-11-21T12:15:00Z</news:publication_date>
  <news:title>One</news:title></news:news></url>
</urlset>"""
    index = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{base}/news.xml</loc></sitemap>
</sitemapindex>"""
    site_server.site = {
        "/sitemap-index.xml": ("application/xml", index.encode()),
        "/news.xml": ("application/xml", news.encode()),
        "/news/one": ("text/html; charset=utf-8", page),
        "/robots.txt": ("text/plain", b""),
    }
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(base + "/sitemap-index.xml\n")
    batch.run(
        [
            f"--feeds={feeds}",
            f"--lake={tmp_path / 'lake'}",
            "--allow_private_networks",
            "--min_host_interval=0",
            "--runner=DirectRunner",
        ]
    )
    con = connect(str(tmp_path / "lake"))
    assert con.execute("select url, feed_urls from articles").fetchall() == [(base + "/news/one", [base + "/news.xml"])]
    log = dict(con.execute("select feed_url, entries_seen from feed_log").fetchall())
    assert log == {base + "/sitemap-index.xml": 0, base + "/news.xml": 1}
