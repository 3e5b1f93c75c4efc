"""Deployment files agree with the code: template parameters, Beam versions, BigQuery schemas, Terraform syntax."""

import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wirelake.pipelines.options import WirelakeOptions
from wirelake.schemas import TABLES, docs

ROOT = Path(__file__).parent.parent
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(DEPLOY))

import flex_template  # noqa: E402
import launch  # noqa: E402


@pytest.mark.parametrize("job", ["batch", "stream"])
def test_template_metadata_is_generated_from_the_options(job):
    committed = (DEPLOY / f"{job}-metadata.json").read_text()
    assert committed == flex_template.render(job), "stale template metadata: run `make docs`"


def test_template_parameters_are_exactly_the_pipeline_options():
    import argparse

    parser = argparse.ArgumentParser()
    WirelakeOptions._add_argparse_args(parser)
    options = {a.dest for a in parser._actions if a.dest != "help"}
    stream = {p["name"] for p in json.loads((DEPLOY / "stream-metadata.json").read_text())["parameters"]}
    batch = {p["name"] for p in json.loads((DEPLOY / "batch-metadata.json").read_text())["parameters"]}
    assert stream == options
    assert batch == options - flex_template.STREAM_ONLY
    required = {
        p["name"] for p in json.loads((DEPLOY / "batch-metadata.json").read_text())["parameters"] if not p["isOptional"]
    }
    assert required == {"feeds", "lake"}


def test_beam_version_agrees_everywhere():
    installed = importlib.metadata.version("apache-beam")
    pinned = re.search(r"^apache-beam==(\S+)$", (ROOT / "constraints.txt").read_text(), re.M).group(1)
    image = re.search(r"apache/beam_python3\.11_sdk:(\S+)", (DEPLOY / "Dockerfile").read_text()).group(1)
    assert installed == pinned == image


def test_bigquery_schemas_for_terraform_are_in_sync():
    for table in TABLES:
        committed = json.loads((DEPLOY / "terraform" / "schemas" / f"{table.name}.json").read_text())
        assert committed == docs.bigquery_schema(table), f"stale schema for {table.name}: run `make docs`"


def test_launcher_turns_boolean_parameters_into_flags():
    argv = ["--lake=gs://b/lake", "--allow_private_networks=true", "--ignore_robots=false", "--fetch_retries=3"]
    assert launch.normalise(argv) == ["--lake=gs://b/lake", "--allow_private_networks", "--fetch_retries=3"]
    with pytest.raises(SystemExit, match="true or false"):
        launch.normalise(["--ignore_robots=maybe"])


@pytest.mark.skipif(shutil.which("terraform") is None, reason="terraform is not installed")
def test_terraform_is_formatted():
    out = subprocess.run(
        ["terraform", "fmt", "-check", "-recursive", str(DEPLOY / "terraform")], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr
