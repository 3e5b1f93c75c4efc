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
