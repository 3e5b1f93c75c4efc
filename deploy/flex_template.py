"""Flex Template metadata generated from WirelakeOptions, so template parameters and pipeline options agree.

python deploy/flex_template.py        # rewrite deploy/batch-metadata.json and deploy/stream-metadata.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from wirelake.pipelines.options import WirelakeOptions

HERE = Path(__file__).parent
STREAM_ONLY = {
    "input_subscription",
    "output_topic",
    "dead_letter_topic",
    "poll_interval",
    "window_seconds",
    "allowed_lateness",
    "dedup_ttl_days",
}
TEMPLATES = {
    "batch": (
        "wirelake batch ingestion",
        "Polls a feed list once, fetches and extracts new articles, clusters "
        "syndicated copies, tags topics and writes the Parquet lake.",
        {"feeds", "lake"},
    ),
    "stream": (
        "wirelake streaming ingestion",
        "Polls a feed list on a schedule and/or reads work items from "
        "Pub/Sub, and writes windowed Parquet to the lake plus articles and dead letters to Pub/Sub.",
        {"lake"},
    ),
}


def option_actions() -> list[argparse.Action]:
    parser = argparse.ArgumentParser()
    WirelakeOptions._add_argparse_args(parser)
    return [a for a in parser._actions if a.dest != "help"]


def metadata(job: str) -> dict:
    name, description, required = TEMPLATES[job]
    parameters = []
    for action in option_actions():
        if job == "batch" and action.dest in STREAM_ONLY:
            continue
        help_text = (action.help or action.dest).replace("%(default)s", str(action.default))
        parameter = {
            "name": action.dest,
            "label": action.dest.replace("_", " ").capitalize(),
            "helpText": help_text,
            "isOptional": action.dest not in required,
        }
        if action.nargs == 0:  # store_true flags arrive as "true"/"false" strings
            parameter["regexes"] = ["^(true|false)$"]
        parameters.append(parameter)
    return {"name": name, "description": description, "streaming": job == "stream", "parameters": parameters}


def render(job: str) -> str:
    return json.dumps(metadata(job), indent=2) + "\n"


def main() -> int:
    for job in TEMPLATES:
        (HERE / f"{job}-metadata.json").write_text(render(job), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
