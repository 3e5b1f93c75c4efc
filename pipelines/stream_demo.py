"""``make stream-demo``: the streaming job for a minute against the Pub/Sub emulator and the demo site.

Polls the demo feeds every 15 seconds, takes work items from an emulator subscription (two articles, one feed and
one malformed item are published), and prints the lake filling up every few seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from wirelake.pipelines import streaming
from wirelake.pipelines.demo_site import article_path, feed_list_yaml, serve_demo_site, stories
from wirelake.pipelines.metrics import counter_report
from wirelake.pipelines.pubsub_emulator import Emulator, EmulatorUnavailable
from wirelake.pipelines.query import connect


def _counts(lake: Path) -> str:
    if not lake.exists():
        return "lake empty"
    con = connect(str(lake))
    row = con.execute(
        "select (select count(*) from articles), (select count(*) from dead_letters), (select count(*) from feed_log)"
    ).fetchone()
    files = sum(1 for _ in lake.rglob("part-*.parquet"))
    return f"articles {row[0]:3d}  dead letters {row[1]:2d}  feed polls {row[2]:3d}  files {files}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="How long the job runs (default: 60).")
    parser.add_argument("--lake", default="lake-stream", help="Lake directory (default: ./lake-stream).")
    args = parser.parse_args(argv)
    lake = Path(args.lake).absolute()
    with tempfile.TemporaryDirectory() as tmp:
        try:
            emulator_context = Emulator.start(Path(tmp))
            emulator = emulator_context.__enter__()
        except EmulatorUnavailable as exc:
            print(f"stream-demo needs the Pub/Sub emulator: {exc}", file=sys.stderr)
            return 1
        try:
            with serve_demo_site() as site:
                work = emulator.topic("work-items")
                subscription = emulator.subscription(work, "work-items-wirelake")
                articles = emulator.topic("articles")
                dead = emulator.topic("dead-letters")
                feeds = Path(tmp) / "feeds.yaml"
                feeds.write_text(feed_list_yaml(site.base_url), encoding="utf-8")
                print(f"emulator on {os.environ['PUBSUB_EMULATOR_HOST']}, demo site on {site.base_url}, lake {lake}")
                result = streaming.start(
                    [
                        f"--feeds={feeds}",
                        f"--input_subscription={subscription}",
                        f"--output_topic={articles}",
                        f"--dead_letter_topic={dead}",
                        f"--lake={lake}",
                        "--allow_private_networks",
                        "--min_host_interval=0",
                        "--poll_interval=15",
                        "--poll_ticks=pubsub",
                        "--window_seconds=10",
                        "--runner=DirectRunner",
                    ]
                )
                story = stories()["stories"][0]
                emulator.publish(
                    work,
                    [
                        json.dumps({"kind": "article", "url": site.base_url + article_path(story)}).encode(),
                        b'{"kind": "article", "url": "not a url"}',
                    ],
                )
                started = time.monotonic()
                try:
                    while time.monotonic() - started < args.seconds:
                        if int(time.monotonic() - started) % 15 < 5:  # the scheduler's part: a tick every 15 s
                            emulator.publish(work, [b'{"kind": "tick"}'])
                        time.sleep(5)
                        print(f"  {time.monotonic() - started:5.0f}s  {_counts(lake)}", flush=True)
                finally:
                    result.cancel()
                print(f"\nstreaming job {result.state}; counters:\n{counter_report(result)}")
        finally:
            emulator_context.__exit__(None, None, None)
    print(f'\nQuery it: wirelake query "select source_name, count(*) from articles group by 1" --lake {args.lake}')  # noqa: S608
    return 0


if __name__ == "__main__":
    sys.exit(main())
