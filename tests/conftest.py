"""Shared fixtures: real local servers, never the internet."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from wirelake.pipelines.demo_site import SiteServer, serve_demo_site

FIXTURES = Path(__file__).parent / "fixtures"
RUN_TIME = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def demo_site():
    with serve_demo_site() as server:
        yield server


@pytest.fixture
def site_server():
    """An empty SiteServer on 127.0.0.1; tests fill ``server.site`` with {path: (content type, body)}."""
    server = SiteServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def pubsub_emulator(tmp_path_factory):
    """The real Pub/Sub emulator on a free port of 127.0.0.1, with PUBSUB_EMULATOR_HOST set while it runs."""
    import os

    from wirelake.pipelines.pubsub_emulator import Emulator, EmulatorUnavailable

    try:
        started = Emulator.start(tmp_path_factory.mktemp("pubsub"))
        emulator = started.__enter__()
    except EmulatorUnavailable as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and the Pub/Sub emulator is missing: {exc}")
        pytest.skip(f"Pub/Sub emulator tests skipped: {exc}")
    try:
        yield emulator
    finally:
        started.__exit__(None, None, None)
