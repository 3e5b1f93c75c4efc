"""wirelake's pipeline options: business settings, apart from the runner's own."""

from __future__ import annotations

import argparse

import yaml
from apache_beam.options.pipeline_options import PipelineOptions

from wirelake.transforms.http import DEFAULT_USER_AGENT, FetchPolicy
from wirelake.transforms.topics.tagging import DEFAULT_TOPIC_TAGGER

_DEFAULTS = FetchPolicy()


class WirelakeOptions(PipelineOptions):
    @classmethod
    def _add_argparse_args(cls, parser: argparse.ArgumentParser) -> None:
        group = parser.add_argument_group("wirelake")
        group.add_argument("--feeds", help="Feed list: OPML, YAML (per-feed options) or text file of URLs.")
        group.add_argument("--lake", help="Lake root directory or URI (gs://bucket/lake).")
        group.add_argument(
            "--http_user_agent",
            default=DEFAULT_USER_AGENT,
            help="User-Agent sent with every request; keep a contact URL in it (default: %(default)s).",
        )
        group.add_argument(
            "--allow_private_networks",
            action="store_true",
            default=False,
            help="Allow fetching from loopback and private addresses (local testing only).",
        )
        group.add_argument(
            "--allow_hosts",
            default="",
            help="Comma-separated host:port pairs allowed even on private addresses, e.g. an intranet feed server.",
        )
        group.add_argument(
            "--ignore_robots", action="store_true", default=False, help="Do not consult robots.txt (own sites only)."
        )
        group.add_argument(
            "--max_page_bytes",
            type=int,
            default=_DEFAULTS.max_bytes,
            help="Largest response body accepted, in bytes, also after decompression (default: %(default)s).",
        )
        group.add_argument(
            "--connect_timeout",
            type=float,
            default=_DEFAULTS.connect_timeout,
            help="Seconds to wait for a connection (default: %(default)s).",
        )
        group.add_argument(
            "--read_timeout",
            type=float,
            default=_DEFAULTS.read_timeout,
            help="Seconds to wait for each read from the server (default: %(default)s).",
        )
        group.add_argument(
            "--total_timeout",
            type=float,
            default=_DEFAULTS.total_timeout,
            help="Seconds allowed for a whole fetch, redirects included (default: %(default)s).",
        )
        group.add_argument(
            "--fetch_retries",
            type=int,
            default=_DEFAULTS.retries,
            help="Retries, with exponential backoff, for timeouts, 429 and 5xx (default: %(default)s).",
        )
        group.add_argument(
            "--min_host_interval",
            type=float,
            default=_DEFAULTS.min_host_interval,
            help="Minimum seconds between two requests to the same host, per worker (default: %(default)s).",
        )
        group.add_argument(
            "--max_connections",
            type=int,
            default=_DEFAULTS.max_connections,
            help="Requests in flight per worker (default: %(default)s).",
        )
        group.add_argument(
            "--max_host_connections",
            type=int,
            default=_DEFAULTS.max_host_connections,
            help="Requests in flight to one host, per worker (default: %(default)s).",
        )
        group.add_argument(
            "--feed_backoff",
            type=float,
            default=300.0,
            help="Seconds a feed is skipped after its second consecutive failure, doubling with each further "
            "failure up to a day (default: %(default)s).",
        )
        group.add_argument(
            "--topic_tagger",
            default=DEFAULT_TOPIC_TAGGER,
            help="Registered topic tagger: iptc_topics_v2 (term lists blended with a word model) or "
            "iptc_topics_v1 (term lists only) (default: %(default)s).",
        )
        group.add_argument(
            "--topic_languages",
            default="en",
            help="Comma-separated languages to tag topics in. en reads term lists and a word model; de (iptc_topics_v2 "
            "only) a word model alone, right about 7 times in 10 on German news sections, so it is opt-in "
            "(default: %(default)s).",
        )
        group.add_argument(
            "--custom_topics",
            help="YAML file whose 'topics' list adds user topics (name, keywords, description); a --config file "
            "with a 'topics' list sets this to itself.",
        )
        group.add_argument(
            "--lake_shards",
            type=int,
            default=1,
            help="Parquet files per table partition and run (default: %(default)s).",
        )

        stream = parser.add_argument_group("wirelake streaming (wirelake stream)")
        stream.add_argument(
            "--input_subscription",
            help="Pub/Sub subscription of work items, projects/P/subscriptions/S (JSON: kind, url, ...).",
        )
        stream.add_argument("--output_topic", help="Pub/Sub topic for ingested articles (projects/P/topics/T).")
        stream.add_argument("--dead_letter_topic", help="Pub/Sub topic for dead letters, besides the lake.")
        stream.add_argument(
            "--poll_interval",
            type=float,
            default=300.0,
            help="Seconds between polls of the --feeds list; a feed's own poll_interval is rounded to a multiple "
            "(default: %(default)s).",
        )
        stream.add_argument(
            "--poll_ticks",
            choices=["impulse", "pubsub"],
            default="impulse",
            help='What triggers polls of --feeds: a Beam PeriodicImpulse (Dataflow, Flink, Prism) or {"kind": '
            '"tick"} work items on --input_subscription, e.g. from Cloud Scheduler; the local DirectRunner '
            "needs pubsub (default: %(default)s).",
        )
        stream.add_argument(
            "--window_seconds", type=int, default=300, help="Lake file window in seconds (default: %(default)s)."
        )
        stream.add_argument(
            "--allowed_lateness",
            type=int,
            default=3600,
            help="Seconds an article's publication time may trail the watermark; older articles are stamped with "
            "their ingest time instead (default: %(default)s).",
        )
        stream.add_argument(
            "--dedup_ttl_days",
            type=float,
            default=7.0,
            help="Days a cluster original stays joinable (default: %(default)s).",
        )


def fetch_policy(options: PipelineOptions) -> FetchPolicy:
    o = options.view_as(WirelakeOptions)
    return FetchPolicy(
        user_agent=o.http_user_agent,
        connect_timeout=o.connect_timeout,
        read_timeout=o.read_timeout,
        total_timeout=o.total_timeout,
        max_bytes=o.max_page_bytes,
        retries=o.fetch_retries,
        min_host_interval=o.min_host_interval,
        max_connections=o.max_connections,
        max_host_connections=o.max_host_connections,
        respect_robots=not o.ignore_robots,
        allow_private_networks=o.allow_private_networks,
        allowed_hosts=tuple(comma_list(o.allow_hosts)),
    )


def topic_tagging(options: PipelineOptions) -> dict:
    """``TagTopics`` settings from the options: the tagger, the topic languages and the config file's user topics."""
    o = options.view_as(WirelakeOptions)
    return {
        "topic_tagger": o.topic_tagger,
        "custom_topics": load_custom_topics(o.custom_topics),
        "topic_languages": topic_languages(o.topic_languages),
    }


def comma_list(spec: str | None) -> list[str]:
    """A comma-separated option value as its items: ``"a, b,"`` -> ``["a", "b"]``."""
    return [item.strip() for item in (spec or "").split(",") if item.strip()]


def topic_languages(spec: str | None) -> list[str]:
    """``"en,de"`` -> ``["en", "de"]`` (the ``--topic_languages`` value)."""
    return [code.lower() for code in comma_list(spec or "en")]


def load_custom_topics(config_path: str | None) -> list[dict]:
    """The ``topics`` list of a wirelake YAML config file (``--config``), if any."""
    if not config_path:
        return []
    return list(_load_yaml(config_path).get("topics") or [])


def _load_yaml(path: str):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def config_flags(path: str) -> list[str]:
    """A YAML config file (option name: value) as command-line flags; flags given after them take precedence."""
    config = _load_yaml(path)
    if not isinstance(config, dict):
        raise ValueError(f"{path}: expected a mapping of option names to values")
    flags = []
    if "topics" in config:  # user topics are data, not a flag: the tagger reads them from the file
        flags.append(f"--custom_topics={path}")
    for name, value in config.items():
        if name == "topics":
            continue
        flag = f"--{name}"
        if value is True:
            flags.append(flag)
        elif value is False or value is None:
            continue
        elif isinstance(value, list):
            flags += [f"{flag}={item}" for item in value]
        else:
            flags.append(f"{flag}={value}")
    return flags
