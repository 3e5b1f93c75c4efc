"""Throughput of the batch job and of extraction, each beside a baseline measured in the same process.

    python bench/pipeline_bench.py [--copies N]

Serves the demo site with every story repeated N times (distinct URLs) on 127.0.0.1 and prints:
- extraction: wirelake's extract_article vs plain trafilatura.extract (defaults) on the same pages, pages/s and MB/s;
- end to end: the Beam batch job on the DirectRunner vs a hand-written sequential fetch + extract loop, articles/s;
- peak RSS of this process and of its children.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import trafilatura

from wirelake.pipelines import batch
from wirelake.pipelines.demo_site import SiteServer, article_path, feed_list_yaml, render_site, stories
from wirelake.pipelines.query import connect
from wirelake.transforms.extract import extract_article


def scaled_site(server: SiteServer, copies: int) -> list[str]:
    """Render the demo site with each story repeated ``copies`` times; returns the article paths."""
    data = stories()
    original = list(data["stories"])
    data["stories"] = [dict(s, slug=f"{s['slug']}-{i}") for i in range(copies) for s in original]
    try:
        server.site = render_site(server.base_url)
        return [article_path(s) for s in data["stories"]]
    finally:
        data["stories"] = original


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:8.1f}/s"


def bench_extraction(pages: list[bytes]) -> None:
    megabytes = sum(len(p) for p in pages) / 1e6
    for name, fn in (
        ("trafilatura.extract (baseline)", lambda b: trafilatura.extract(b)),
        ("wirelake extract_article", lambda b: extract_article(b)),
    ):
        started = time.perf_counter()
        for page in pages:
            fn(page)
        elapsed = time.perf_counter() - started
        print(f"  {name:34s} {rate(len(pages), elapsed)} pages  {megabytes / elapsed:6.2f} MB/s")


def bench_end_to_end(server: SiteServer, paths: list[str]) -> None:
    started = time.perf_counter()
    for path in paths:
        body = urllib.request.urlopen(server.base_url + path).read()  # noqa: S310 - local bench server
        trafilatura.extract(body)
    baseline = time.perf_counter() - started
    print(f"  {'sequential fetch+extract (baseline)':34s} {rate(len(paths), baseline)} articles")
    with tempfile.TemporaryDirectory() as tmp:
        feeds = Path(tmp) / "feeds.yaml"
        feeds.write_text(feed_list_yaml(server.base_url), encoding="utf-8")
        started = time.perf_counter()
        batch.run(
            [
                f"--feeds={feeds}",
                f"--lake={tmp}/lake",
                "--allow_private_networks",
                "--min_host_interval=0",
                "--runner=DirectRunner",
            ]
        )
        elapsed = time.perf_counter() - started
        written = connect(f"{tmp}/lake").execute("select count(*) from articles").fetchone()[0]
    print(
        f"  {'wirelake batch job (DirectRunner)':34s} {rate(written, elapsed)} articles  ({written} written,"
        f" {elapsed:.1f}s incl. feed polling and lake writes)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=4, help="times each demo story is repeated (default 4)")
    args = parser.parse_args()
    server = SiteServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    paths = scaled_site(server, args.copies)
    pages = [server.site[p][1] for p in paths]
    print(f"{len(pages)} article pages, {sum(map(len, pages)) / 1e6:.1f} MB, python {sys.version.split()[0]}")
    print("extraction")
    bench_extraction(pages)
    print("end to end")
    bench_end_to_end(server, paths)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: {own:.0f} MB (this process), {children:.0f} MB (largest child)")
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
