"""The HTTP client against a real server on 127.0.0.1: safety, bounds, politeness."""

import gzip
import zlib

import pytest

from wirelake.transforms.http import (
    BlockedAddress,
    DecompressionBomb,
    FetchPolicy,
    HttpClient,
    HttpStatusError,
    RobotsDisallowed,
    TooLarge,
    TooManyRedirects,
    UnsupportedScheme,
    check_address,
)

LOCAL = FetchPolicy(allow_private_networks=True, min_host_interval=0, retries=0)
# Tests that replace the server's handler for every path also answer /robots.txt with it.
NO_ROBOTS = {"respect_robots": False}


def client(**changes):
    import dataclasses

    return HttpClient(dataclasses.replace(LOCAL, **changes), sleep=lambda s: None)


@pytest.mark.parametrize(
    "ip",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.1",
        "172.16.5.4",
        "::1",
        "fd00::1",
        "0.0.0.0",
        "100.64.0.1",
        "::ffff:127.0.0.1",
        "169.254.169.254",
        "224.0.0.1",
        "240.0.0.1",
    ],
)
def test_non_public_addresses_are_blocked_by_default(ip):
    with pytest.raises(BlockedAddress):
        check_address(ip, allow_private=False)


@pytest.mark.parametrize("ip", ["169.254.169.254", "fe80::1", "224.0.0.1", "0.0.0.0"])
def test_metadata_and_link_local_are_blocked_even_when_private_is_allowed(ip):
    with pytest.raises(BlockedAddress):
        check_address(ip, allow_private=True)


def test_public_addresses_pass():
    check_address("93.184.216.34", allow_private=False)
    check_address("2606:4700::1111", allow_private=False)


def test_loopback_refused_unless_allowed(site_server):
    site_server.site["/a"] = ("text/html", b"<p>hi</p>")
    with pytest.raises(BlockedAddress):
        client(allow_private_networks=False).get(site_server.base_url + "/a")
    assert client().get(site_server.base_url + "/a").body == b"<p>hi</p>"


def test_redirect_to_metadata_address_is_refused_on_the_hop(site_server, monkeypatch):
    from wirelake.pipelines import demo_site

    def redirect(handler):
        handler._send(302, "text/html", b"", {"Location": "http://169.254.169.254/latest/meta-data/"})

    monkeypatch.setattr(demo_site._Handler, "do_GET", redirect)
    with pytest.raises(BlockedAddress):
        client().get(site_server.base_url + "/go")


def test_only_http_schemes():
    with pytest.raises(UnsupportedScheme):
        client().get("file:///etc/passwd")


def test_size_cap_while_streaming(site_server):
    site_server.site["/big"] = ("text/html", b"x" * 300_000)
    with pytest.raises(TooLarge):
        client(max_bytes=100_000).get(site_server.base_url + "/big")


def test_gzip_bomb_stops_at_the_cap(site_server, monkeypatch):
    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)
    from wirelake.pipelines import demo_site

    def serve_bomb(handler):
        handler._send(200, "text/html", bomb, {"Content-Encoding": "gzip"})

    monkeypatch.setattr(demo_site._Handler, "do_GET", serve_bomb)
    with pytest.raises(DecompressionBomb):
        client(max_bytes=1_000_000, **NO_ROBOTS).get(site_server.base_url + "/bomb")


def test_gzip_and_deflate_bodies_are_decoded(site_server, monkeypatch):
    from wirelake.pipelines import demo_site

    bodies = {"/g": (gzip.compress(b"gzipped page"), "gzip"), "/d": (zlib.compress(b"deflated page"), "deflate")}

    def serve(handler):
        body, encoding = bodies[handler.path]
        handler._send(200, "text/html", body, {"Content-Encoding": encoding})

    monkeypatch.setattr(demo_site._Handler, "do_GET", serve)
    assert client(**NO_ROBOTS).get(site_server.base_url + "/g").body == b"gzipped page"
    assert client(**NO_ROBOTS).get(site_server.base_url + "/d").body == b"deflated page"


def test_redirect_loop_is_bounded(site_server, monkeypatch):
    from wirelake.pipelines import demo_site

    monkeypatch.setattr(demo_site._Handler, "do_GET", lambda h: h._send(301, "text/html", b"", {"Location": h.path}))
    with pytest.raises(TooManyRedirects):
        client(max_redirects=3).get(site_server.base_url + "/loop")


def test_robots_txt_is_honoured_and_cached(site_server):
    site_server.site["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow: /private/\n")
    site_server.site["/private/x"] = ("text/html", b"secret")
    site_server.site["/public/x"] = ("text/html", b"hello")
    c = client()
    with pytest.raises(RobotsDisallowed):
        c.get(site_server.base_url + "/private/x")
    assert c.get(site_server.base_url + "/public/x").body == b"hello"
    assert site_server.hits("/robots.txt") == 1 and site_server.hits("/private/x") == 0


def test_user_agent_is_sent(site_server):
    site_server.site["/ua"] = ("text/html", b"ok")
    client(user_agent="wirelake-test/1 (+https://example.org/contact)").get(site_server.base_url + "/ua")
    ua = [h.get("User-Agent") for p, h in site_server.requests if p == "/ua"]
    assert ua == ["wirelake-test/1 (+https://example.org/contact)"]


def test_5xx_is_retried_then_reported(site_server):
    sleeps = []
    c = HttpClient(FetchPolicy(allow_private_networks=True, min_host_interval=0, retries=2), sleep=sleeps.append)
    with pytest.raises(HttpStatusError) as caught:
        c.get(site_server.base_url + "/missing")  # 404: not retried
    assert caught.value.status == 404 and sleeps == []

    from wirelake.pipelines import demo_site

    original = demo_site._Handler.do_GET
    try:
        demo_site._Handler.do_GET = lambda h: (h.server.record(h.path, {}), h._send(503, "text/html", b"busy"))
        with pytest.raises(HttpStatusError) as caught:
            c.get(site_server.base_url + "/busy")
    finally:
        demo_site._Handler.do_GET = original
    assert caught.value.status == 503
    assert site_server.hits("/busy") == 3 and len(sleeps) == 2 and sleeps[1] > sleeps[0] * 0.5
