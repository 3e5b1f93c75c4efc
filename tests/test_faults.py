"""Fault injection: the batch job against a real, misbehaving HTTP server on 127.0.0.1.

Every fault must end as a dead-letter row with the right error type (or a degraded but correct article), the job
must finish, and every healthy article must still reach the lake.
"""

from __future__ import annotations

import gzip
import socket
import struct
import time

import pytest

from wirelake.pipelines import batch
from wirelake.pipelines.query import connect

from conftest import FIXTURES

ARTICLE = (FIXTURES / "demo_article_rewrite.html").read_bytes()


def rss(base: str, paths: list[str]) -> bytes:
    items = "".join(f"<item><title>{p}</title><link>{base}{p}</link></item>" for p in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Faults</title>{items}</channel></rss>'.encode()


def send(handler, status: int, body: bytes = b"", headers: dict | None = None, content_type: str = "text/html"):
    handler._send(status, content_type, body, headers or {})


def connection_reset(handler):
    """Abort the connection: SO_LINGER 0 makes close() send a TCP RST."""
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.rfile.close()
    handler.wfile.close()
    handler.connection.close()


def slow_drip(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(100):
            handler.wfile.write(b"<p>drip</p>")
            handler.wfile.flush()
            time.sleep(0.1)
    except OSError:
        pass  # the client gave up, as it should


def endless(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    chunk = b"<p>" + b"x" * 65536 + b"</p>"
    try:
        while True:
            handler.wfile.write(chunk)
    except OSError:
        pass


BOMB = gzip.compress(b" " * 200_000_000, compresslevel=9)

# path -> (handler, expected error_type or None for an article that must land)
PAGES = {
    "/a/ok-1": (lambda h: send(h, 200, ARTICLE), None),
    "/a/ok-2": (lambda h: send(h, 200, ARTICLE.replace(b"Kiev", b"Kyiv")), None),
    "/a/invalid-utf8": (
        lambda h: send(h, 200, ARTICLE.replace(b"Kiev", b"Ki\xffev caf\xc3\xa9"), {}, "text/html; charset=utf-8"),
        None,
    ),
    "/a/500": (lambda h: send(h, 500, b"oops"), "http_status"),
    "/a/429": (lambda h: send(h, 429, b"", {"Retry-After": "3600"}), "http_status"),
    "/a/reset": (connection_reset, "connection_failed"),
    "/a/slow-drip": (slow_drip, "timeout"),
    "/a/endless": (endless, "too_large"),
    "/a/huge": (lambda h: send(h, 200, b"<p>" + b"w " * 25_000_000 + b"</p>"), "too_large"),
    "/a/gzip-bomb": (lambda h: send(h, 200, BOMB, {"Content-Encoding": "gzip"}), "decompression_bomb"),
    "/a/redirect-loop": (lambda h: send(h, 302, b"", {"Location": "/a/redirect-loop"}), "too_many_redirects"),
    "/a/to-loopback": (None, "blocked_address"),  # redirect to another port on 127.0.0.1, filled in below
    "/a/to-metadata": (lambda h: send(h, 302, b"", {"Location": "http://169.254.169.254/latest/"}), "blocked_address"),
    "/a/binary": (
        lambda h: send(h, 200, b"\x89PNG\r\n\x1a\n" + bytes(1000), {}, "image/png"),
        "unsupported_content_type",
    ),
    "/a/empty": (lambda h: send(h, 200, b""), "not_article"),
}
FEEDS = {
    "/feeds/html.xml": (lambda h: send(h, 200, ARTICLE, {}, "application/rss+xml"), "not_a_feed"),
    "/feeds/empty.xml": (lambda h: send(h, 200, b"", {}, "application/rss+xml"), "not_a_feed"),
    "/feeds/500.xml": (lambda h: send(h, 500, b"down"), "http_status"),
}


@pytest.fixture
def fault_site(site_server):
    base = site_server.base_url
    other_port = socket.socket()
    other_port.bind(("127.0.0.1", 0))
    loopback = f"http://127.0.0.1:{other_port.getsockname()[1]}/internal"
    site = {path: handler for path, (handler, _) in PAGES.items()}
    site["/a/to-loopback"] = lambda h: send(h, 302, b"", {"Location": loopback})
    site |= {path: handler for path, (handler, _) in FEEDS.items()}
    site["/feeds/faults.xml"] = ("application/rss+xml", rss(base, list(PAGES)))
    # A feed declaring the wrong encoding: Latin-1 declared, UTF-8 bytes.
    wrong = rss(base, ["/a/ok-1"]).replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="iso-8859-1"?>')
    site["/feeds/wrong-encoding.xml"] = ("application/rss+xml", wrong.replace(b"Faults", "Fäults".encode()))
    site["/robots.txt"] = ("text/plain", b"User-agent: *\nAllow: /\n")
    site_server.site = site
    yield site_server
    other_port.close()


def run_job(site, tmp_path, *extra):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("\n".join(site.base_url + p for p in ["/feeds/faults.xml", "/feeds/wrong-encoding.xml", *FEEDS]))
    port = site.base_url.rsplit(":", 1)[1]
    batch.run(
        [
            f"--feeds={feeds}",
            f"--lake={tmp_path / 'lake'}",
            f"--allow_hosts=127.0.0.1:{port}",
            "--min_host_interval=0",
            "--fetch_retries=1",
            "--total_timeout=3",
            "--read_timeout=2",
            "--max_page_bytes=2000000",
            "--runner=DirectRunner",
            *extra,
        ]
    )
    return connect(str(tmp_path / "lake"))


@pytest.mark.e2e
def test_every_fault_is_a_dead_letter_and_healthy_articles_land(fault_site, tmp_path):
    con = run_job(fault_site, tmp_path)
    base = fault_site.base_url

    landed = {row[0].removeprefix(base) for row in con.execute("select url from articles").fetchall()}
    assert landed == {"/a/ok-1", "/a/ok-2", "/a/invalid-utf8"}

    dead = {
        (row[1] or row[2]).removeprefix(base): (row[0], row[3])
        for row in con.execute("select stage, url, feed_url, error_type from dead_letters").fetchall()
    }
    expected_pages = {p: ("fetch_articles", e) for p, (_, e) in PAGES.items() if e and e != "not_article"}
    expected_pages["/a/empty"] = ("extract_articles", "not_article")
    expected_feeds = {p: ("poll_feeds", e) for p, (_, e) in FEEDS.items()}
    assert dead == expected_pages | expected_feeds

    messages = dict(con.execute("select url, error_message from dead_letters where url is not null").fetchall())
    assert "169.254.169.254" in messages[base + "/a/to-metadata"]
    log = dict(con.execute("select feed_url, status from feed_log").fetchall())
    assert log[base + "/feeds/wrong-encoding.xml"] == "ok" and log[base + "/feeds/500.xml"] == "error"
    assert fault_site.hits("/a/500") == 2  # one retry for a 5xx
    assert fault_site.hits("/a/429") == 1  # Retry-After beyond what a batch run waits for: not retried now
    assert fault_site.hits("/internal") == 0
    # Invalid bytes in a UTF-8 page are replaced; the rest of the page still decodes as UTF-8.
    degraded = con.execute("select text from articles where url like '%invalid-utf8'").fetchone()[0]
    assert "Ki\ufffdev café" in degraded


@pytest.mark.e2e
def test_a_failing_feed_backs_off_exponentially(site_server, tmp_path):
    site_server.site = {"/feed.xml": lambda h: send(h, 503, b"down"), "/robots.txt": ("text/plain", b"")}
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site_server.base_url + "/feed.xml\n")
    args = [
        f"--feeds={feeds}",
        f"--lake={tmp_path / 'lake'}",
        "--allow_private_networks",
        "--fetch_retries=0",
        "--feed_backoff=3600",
        "--runner=DirectRunner",
    ]
    for _ in range(3):
        batch.run(args)
    con = connect(str(tmp_path / "lake"))
    statuses = [r[0] for r in con.execute("select status from feed_log order by fetched_at").fetchall()]
    assert statuses == ["error", "error", "backoff"]
    assert site_server.hits("/feed.xml") == 2
    retry_at, fetched_at = con.execute(
        "select retry_at, fetched_at from feed_log where status = 'error' order by fetched_at desc limit 1"
    ).fetchone()
    assert 3500 < (retry_at - fetched_at).total_seconds() <= 3600
    # The same failure twice in a day is one dead letter; feed_log keeps every attempt.
    assert con.execute("select count(*) from dead_letters").fetchone() == (1,)
