"""The streaming job end to end: the real Pub/Sub emulator, the demo site on 127.0.0.1, the DirectRunner, the lake.

The job is started, fed work items (good and malformed), watched until the lake holds what it should, then
cancelled by the test. Waiting is bounded: every loop has a deadline.
"""

from __future__ import annotations

import json
import time

import pytest

from wirelake.pipelines import streaming
from wirelake.pipelines.demo_site import article_path, feed_path, stories
from wirelake.pipelines.query import connect

pytestmark = pytest.mark.e2e
DEADLINE = 180  # seconds; the job normally settles in well under a minute

MALFORMED = [
    b"this is not json",
    b'{"kind": "podcast", "url": "https://example.com/x"}',
    b'{"kind": "article"}',
    b'{"kind": "article", "url": "ftp://example.com/story"}',
]


def _story(slug):
    return next(s for s in stories()["stories"] if s["slug"] == slug)


def wait_for(condition, what: str, deadline: float):
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(1)  # polling an external system for a result, with a deadline
    pytest.fail(f"timed out waiting for {what}")


def lake_counts(lake):
    if not lake.exists():
        return 0, 0
    con = connect(str(lake))
    articles = con.execute("select count(*) from articles").fetchone()[0]
    dead = con.execute("select count(*) from dead_letters").fetchone()[0]
    return articles, dead


# The fixture site is on 127.0.0.1 and must answer at once; short windows keep the job's latency low.
LOCAL_JOB_FLAGS = (
    "--allow_private_networks",
    "--min_host_interval=0",
    "--fetch_retries=0",
    "--window_seconds=2",
    "--runner=DirectRunner",
)


def start_job(emulator, topics, site, lake):
    return streaming.start(
        [
            f"--input_subscription={topics['work_sub']}",
            f"--output_topic={topics['out']}",
            f"--dead_letter_topic={topics['dlq']}",
            f"--lake={lake}",
            *LOCAL_JOB_FLAGS,
        ]
    )


@pytest.fixture
def topics(pubsub_emulator, request):
    name = request.node.name.replace("[", "-").replace("]", "")[:40]
    t = {
        "work": pubsub_emulator.topic(f"{name}-work"),
        "out": pubsub_emulator.topic(f"{name}-out"),
        "dlq": pubsub_emulator.topic(f"{name}-dlq"),
    }
    t["work_sub"] = pubsub_emulator.subscription(t["work"], f"{name}-work-sub")
    t["out_sub"] = pubsub_emulator.subscription(t["out"], f"{name}-out-sub")
    t["dlq_sub"] = pubsub_emulator.subscription(t["dlq"], f"{name}-dlq-sub")
    return t


def work_items(base: str) -> list[bytes]:
    herald = stories()["outlets"][0]
    items = [{"kind": "feed", "url": base + feed_path(herald), "name": herald["name"]}]
    for slug in ("fed-lowers-key-rate-mortgages", "kiev-plunged-into-darkness"):
        items.append({"kind": "article", "url": base + article_path(_story(slug)), "title": _story(slug)["title"]})
    return [json.dumps(i).encode() for i in items] + MALFORMED


def test_streaming_job_fills_lake_and_topics(pubsub_emulator, topics, demo_site, tmp_path):
    lake = tmp_path / "lake"
    herald_articles = sum(1 for s in stories()["stories"] if s["outlet"] == "harbour-herald")
    expected_articles, expected_dead = herald_articles + 2, len(MALFORMED) + 1  # + the Herald's dead link
    result = start_job(pubsub_emulator, topics, demo_site, lake)
    try:
        pubsub_emulator.publish(topics["work"], work_items(demo_site.base_url))
        deadline = time.monotonic() + DEADLINE
        wait_for(lambda: lake_counts(lake) == (expected_articles, expected_dead), "the lake to fill", deadline)
        out, dlq = [], []
        wait_for(
            lambda: len(out.__iadd__(pubsub_emulator.pull(topics["out_sub"]))) >= expected_articles,
            "article messages",
            deadline,
        )
        wait_for(
            lambda: len(dlq.__iadd__(pubsub_emulator.pull(topics["dlq_sub"]))) >= expected_dead,
            "dead-letter messages",
            deadline,
        )
    finally:
        result.cancel()

    con = connect(str(lake))
    assert con.execute("select count(distinct url) from articles").fetchone() == (expected_articles,)
    # The AP story arrived twice: through the Herald's feed and as a work item for the Courier's copy.
    ap = con.execute("select count(*), count(distinct cluster_id) from articles where wire_agency = 'ap'").fetchone()
    assert ap == (2, 1)
    files = sorted(p.name for p in lake.glob("articles/ingest_date=*/part-*.parquet"))
    assert files and all(len(name.split("-")) == 3 for name in files)  # part-<window start>-<digest>.parquet

    dead = dict(con.execute("select coalesce(payload, url), error_type from dead_letters").fetchall())
    for raw in MALFORMED:
        assert dead[raw.decode()] == "malformed_work_item"
    assert "http_status" in dead.values()

    assert {m.attributes["is_original"] for m in out} == {"true", "false"}
    bodies = [json.loads(m.data) for m in out]
    assert len({b["url"] for b in bodies}) == expected_articles
    assert all(m.attributes["cluster_id"] == b["cluster_id"] for m, b in zip(out, bodies, strict=True))
    dlq_payloads = {json.loads(m.data)["payload"] for m in dlq}
    assert {raw.decode() for raw in MALFORMED} <= dlq_payloads


def test_restart_adds_no_duplicate_rows(pubsub_emulator, topics, demo_site, tmp_path):
    """Stop the job mid-stream and start it again: every item lands once, in the lake or the dead letters."""
    lake = tmp_path / "lake"
    items = work_items(demo_site.base_url)
    herald_articles = sum(1 for s in stories()["stories"] if s["outlet"] == "harbour-herald")
    first = start_job(pubsub_emulator, topics, demo_site, lake)
    try:
        pubsub_emulator.publish(topics["work"], items[:3])  # the feed and two articles
        wait_for(lambda: lake_counts(lake)[0] >= 3, "the first articles", time.monotonic() + DEADLINE)
    finally:
        first.cancel()
    second = start_job(pubsub_emulator, topics, demo_site, lake)
    try:
        pubsub_emulator.publish(topics["work"], items)  # everything again, plus the malformed items
        expected = (herald_articles + 2, len(MALFORMED) + 1)
        wait_for(lambda: lake_counts(lake) == expected, "the lake to settle", time.monotonic() + DEADLINE)
    finally:
        second.cancel()
    con = connect(str(lake))
    assert con.execute("select count(*) - count(distinct url) from articles").fetchone() == (0,)
    assert con.execute("select count(*) - count(distinct dead_letter_id) from dead_letters").fetchone() == (0,)


def test_ticks_poll_the_feed_list(pubsub_emulator, topics, demo_site, tmp_path):
    from wirelake.pipelines.demo_site import feed_list_yaml

    lake = tmp_path / "lake"
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(feed_list_yaml(demo_site.base_url))
    result = streaming.start(
        [
            f"--feeds={feeds}",
            "--poll_ticks=pubsub",
            f"--input_subscription={topics['work_sub']}",
            f"--lake={lake}",
            *LOCAL_JOB_FLAGS,
        ]
    )
    try:
        pubsub_emulator.publish(topics["work"], [b'{"kind": "tick"}'])
        expected = (len(stories()["stories"]) + 1, 2)  # + the video page; the dead link and the broken feed
        wait_for(lambda: lake_counts(lake) == expected, "the polled feeds in the lake", time.monotonic() + DEADLINE)
    finally:
        result.cancel()
    polled = connect(str(lake)).execute("select count(distinct feed_url) from feed_log").fetchone()
    assert polled == (4,)
