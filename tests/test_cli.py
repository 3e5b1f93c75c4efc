"""The wirelake command as users call it: clear output, clear errors, no tracebacks."""

import json
import subprocess
import sys

import pytest

from wirelake.schemas import TABLES


def wirelake(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "wirelake.pipelines.cli", *args], capture_output=True, text=True, cwd=cwd
    )


@pytest.mark.parametrize("command", ["run", "query", "extract", "demo", "schema"])
def test_every_command_has_help(command):
    out = wirelake(command, "--help")
    assert out.returncode == 0 and "usage: wirelake " + command in out.stdout


def test_run_with_invalid_feed_list_names_file_and_line(tmp_path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n  - url: https://example.com/rss\n  - url: not-a-url\n")
    out = wirelake("run", f"--feeds={feeds}", f"--lake={tmp_path / 'lake'}")
    assert out.returncode == 1
    assert f"{feeds}:3: not an absolute http(s) URL" in out.stderr and "Traceback" not in out.stderr


def test_run_requires_feeds_and_lake():
    out = wirelake("run")
    assert out.returncode == 1 and "--feeds and --lake are required" in out.stderr


def test_run_reads_a_config_file(demo_site, tmp_path):
    from wirelake.pipelines.demo_site import feed_list_yaml

    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(feed_list_yaml(demo_site.base_url))
    config = tmp_path / "wirelake.yaml"
    config.write_text(
        f"feeds: {feeds}\nlake: {tmp_path / 'lake'}\nallow_private_networks: true\nmin_host_interval: 0\n"
    )
    out = wirelake("run", "--config", str(config))
    assert out.returncode == 0, out.stderr
    count = wirelake("query", "select count(*) as n from articles", "--lake", str(tmp_path / "lake"), "--format=json")
    assert json.loads(count.stdout) == {"n": 35}


def test_query_on_an_empty_lake_has_typed_views(tmp_path):
    out = wirelake(
        "query",
        "select count(*) as n, max(published_at) as p from articles",
        "--lake",
        str(tmp_path),
        "--format",
        "json",
    )
    assert out.returncode == 0 and json.loads(out.stdout) == {"n": 0, "p": None}


def test_query_reports_sql_errors_cleanly(tmp_path):
    out = wirelake("query", "select nope from articles", "--lake", str(tmp_path))
    assert out.returncode == 1 and "nope" in out.stderr and "Traceback" not in out.stderr


def test_schema_as_bigquery_json():
    out = wirelake("schema", "--format", "bigquery")
    schemas = json.loads(out.stdout)
    assert set(schemas) == {t.name for t in TABLES}
    assert {"name": "published_at", "type": "TIMESTAMP", "mode": "NULLABLE"}.items() <= next(
        c for c in schemas["articles"] if c["name"] == "published_at"
    ).items()
