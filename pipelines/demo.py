"""``wirelake demo``: the bundled demo site, ingested by the real batch job, summarised with DuckDB."""

from __future__ import annotations

import os
import tempfile
import time

from wirelake.pipelines import batch
from wirelake.pipelines.demo_site import feed_list_yaml, serve_demo_site
from wirelake.pipelines.query import connect

_SUMMARY_QUERIES = {
    "Totals": """
        select (select count(*) from articles) as articles,
               (select count(*) from clusters) as clusters,
               (select count(*) from dead_letters) as dead_letters,
               (select count(distinct feed_url) from feed_log) as feeds""",
    "Articles per feed": """
        select source_name as feed, count(*) as articles,
               count(*) filter (where body_source = 'feed') as body_from_feed
        from articles group by 1 order by 1""",
    "Syndication clusters with more than one copy": """
        select cluster_id, wire_agency, size, outlets, original_title
        from clusters where size > 1 order by size desc, cluster_id""",
    "Topics": """
        select t.label as topic, count(*) as articles
        from articles, unnest(topics) as u(t) group by 1 order by 2 desc, 1 limit 12""",
    "Dead letters": """
        select stage, error_type, coalesce(url, feed_url) as url, error_message
        from dead_letters order by 1, 3""",
    "Feed fetches": """
        select feed_name, status, http_status, entries_seen, new_entries from feed_log
        where fetched_at = (select max(fetched_at) from feed_log f where f.feed_url = feed_log.feed_url)
        order by 1""",
}

_EXAMPLES = """Try these:
  wirelake query "select title, source_name from articles order by published_at desc limit 10" --lake {lake}
  wirelake query "select title, source_name, similarity, containment from articles where not is_original" --lake {lake}
  wirelake query "select stage, error_type, count(*) from dead_letters group by all" --lake {lake}
  duckdb -c "select * from read_parquet('{lake}/articles/*/*.parquet', hive_partitioning=true) limit 5"
"""


def run_demo(lake: str, extra_args: list[str] | None = None) -> int:
    lake = os.path.abspath(lake)
    with serve_demo_site() as site, tempfile.TemporaryDirectory() as tmp:
        feeds = os.path.join(tmp, "feeds.yaml")
        with open(feeds, "w", encoding="utf-8") as handle:
            handle.write(feed_list_yaml(site.base_url))
        print(f"demo site serving on {site.base_url}; ingesting into {lake}")
        started = time.monotonic()
        # The demo site is on loopback, which wirelake refuses by default; its host is ours to hammer.
        batch.run(
            [
                f"--feeds={feeds}",
                f"--lake={lake}",
                "--allow_private_networks",
                "--min_host_interval=0",
                "--runner=DirectRunner",
                *(extra_args or []),
            ]
        )
        print(f"batch job finished in {time.monotonic() - started:.1f}s\n")
    con = connect(lake)
    for heading, sql in _SUMMARY_QUERIES.items():
        print(f"== {heading}")
        con.sql(sql).show(max_width=160)
    shown = os.path.relpath(lake) if lake.startswith(os.getcwd() + os.sep) else lake
    print(_EXAMPLES.format(lake=shown))
    return 0
