"""A polite, bounded and network-safe HTTP client for feeds and pages.

Safety: every hop (first request and each redirect) resolves the host once, refuses private, loopback, link-local,
multicast and reserved addresses unless explicitly allowed, and then connects to exactly the address it checked, so a
DNS answer cannot change between the check and the connection.

Bounds: connect/read timeouts per socket operation plus a total deadline, a size cap enforced while streaming and
while decompressing (a gzip bomb stops at the cap), and a redirect limit.

Politeness: robots.txt per host (RFC 9309), a minimum interval between requests to one host, an honest User-Agent,
retries with exponential backoff and jitter only for timeouts, connection failures, 5xx and 429 (honouring
Retry-After).
"""

from __future__ import annotations

import dataclasses
import email.utils
import ipaddress
import random
import socket
import threading
import time
import urllib.robotparser
import zlib
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from wirelake.transforms.errors import StageError

DEFAULT_USER_AGENT = "wirelake/0.1 (+https://github.com/wirelake/wirelake; news archiving bot)"
_CHUNK = 64 * 1024
_REDIRECTS = {301, 302, 303, 307, 308}
_RETRYABLE_STATUS = {429, 500, 502, 503, 504}


class FetchError(StageError):
    code = "fetch_error"


class BlockedAddress(FetchError):
    code = "blocked_address"


class UnsupportedScheme(FetchError):
    code = "unsupported_scheme"


class RobotsDisallowed(FetchError):
    code = "robots_disallowed"


class HttpStatusError(FetchError):
    code = "http_status"

    def __init__(self, status: int, url: str, retry_after: float | None = None):
        super().__init__(f"HTTP {status} from {url}")
        self.status = status
        self.retry_after = retry_after


class FetchTimeout(FetchError):
    code = "timeout"


class ConnectionFailed(FetchError):
    code = "connection_failed"


class TooLarge(FetchError):
    code = "too_large"


class DecompressionBomb(FetchError):
    code = "decompression_bomb"


class TooManyRedirects(FetchError):
    code = "too_many_redirects"


class UnsupportedContentType(FetchError):
    code = "unsupported_content_type"


@dataclasses.dataclass(frozen=True)
class FetchPolicy:
    """Everything that bounds a fetch. One object, passed to the transforms that fetch."""

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    max_compression_ratio: int = 100
    max_redirects: int = 5
    retries: int = 2
    backoff_seconds: float = 0.5
    max_retry_after: float = 30.0
    min_host_interval: float = 1.0  # seconds between the starts of two requests to one host
    max_connections: int = 16  # requests in flight per worker
    max_host_connections: int = 2  # requests in flight per host and worker
    respect_robots: bool = True
    allow_private_networks: bool = False
    allowed_hosts: tuple[str, ...] = ()  # "host:port" reachable even on a private address (never link-local)


@dataclasses.dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    headers: dict[str, str]  # lower-cased names
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


def check_address(ip: str, allow_private: bool) -> None:
    """Raise BlockedAddress for addresses a crawler must not reach."""
    addr = ipaddress.ip_address(ip)
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    # Link-local covers cloud metadata (169.254.169.254); never needed, even when private networks are allowed.
    if addr.is_link_local or addr.is_multicast or addr.is_unspecified:
        raise BlockedAddress(f"refusing to fetch from {addr}: link-local, multicast or unspecified address")
    if allow_private:
        return
    if addr.is_loopback or addr.is_private or addr.is_reserved or not addr.is_global:
        raise BlockedAddress(f"refusing to fetch from non-public address {addr} (allow_private_networks is off)")


def resolve(host: str, port: int, allow_private: bool) -> str:
    """Resolve host to one address that passed check_address."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ConnectionFailed(f"cannot resolve {host}: {exc}") from exc
    blocked = None
    for _family, _type, _proto, _canon, sockaddr in infos:
        try:
            check_address(sockaddr[0], allow_private)
            return sockaddr[0]
        except BlockedAddress as exc:
            blocked = exc
    raise blocked or ConnectionFailed(f"no address for {host}")


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class HttpClient:
    """Thread-safe; create one per worker (DoFn.setup) and reuse it."""

    @classmethod
    def for_command_line(cls, allow_private: bool = False) -> HttpClient:
        """A client for one person's interactive use: no spacing between requests, still safe and polite."""
        return cls(FetchPolicy(allow_private_networks=allow_private, min_host_interval=0))

    def __init__(self, policy: FetchPolicy, sleep=time.sleep):
        self.policy = policy
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._pools: dict[tuple[str, str, int, str], urllib3.HTTPConnectionPool] = {}

    # -- public ---------------------------------------------------------------------------------------------------
    def get(self, url: str, headers: dict[str, str] | None = None, accept: str = "*/*") -> Response:
        """GET with robots, throttling, redirects and retries. Raises FetchError subclasses."""
        if self.policy.respect_robots:
            self._check_robots(url)
        attempt = 0
        while True:
            try:
                return self._get_following_redirects(url, headers or {}, accept)
            except (FetchTimeout, ConnectionFailed, HttpStatusError) as exc:
                retryable = not isinstance(exc, HttpStatusError) or exc.status in _RETRYABLE_STATUS
                if not retryable or attempt >= self.policy.retries:
                    raise
                delay = self.policy.backoff_seconds * (2**attempt) * (0.5 + random.random())
                if isinstance(exc, HttpStatusError) and exc.retry_after is not None:
                    if exc.retry_after > self.policy.max_retry_after:
                        raise
                    delay = max(delay, exc.retry_after)
                attempt += 1
                self._sleep(delay)

    # -- one request chain ----------------------------------------------------------------------------------------
    def _get_following_redirects(self, url: str, headers: dict[str, str], accept: str) -> Response:
        deadline = time.monotonic() + self.policy.total_timeout
        for _hop in range(self.policy.max_redirects + 1):
            response = self._request(url, headers, accept, deadline)
            if response.status in _REDIRECTS and "location" in response.headers:
                url = urljoin(url, response.headers["location"])
                continue
            if response.status == 304 or 200 <= response.status < 300:
                return response
            retry_after = parse_retry_after(response.headers.get("retry-after"))
            raise HttpStatusError(response.status, url, retry_after)
        raise TooManyRedirects(f"more than {self.policy.max_redirects} redirects, last to {url}")

    def _request(self, url: str, headers: dict[str, str], accept: str, deadline: float) -> Response:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            raise UnsupportedScheme(f"only http(s) URLs are fetched, not {url!r}")
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError as exc:
            raise UnsupportedScheme(f"bad port in {url!r}") from exc
        host = parts.hostname
        allowed = self.policy.allow_private_networks or f"{host}:{port}" in self.policy.allowed_hosts
        ip = resolve(host, port, allowed)
        with self._host_slot(host):
            self._throttle(host)
            return self._exchange(url, parts, ip, port, headers, accept, deadline)

    def _exchange(self, url: str, parts, ip: str, port: int, headers, accept: str, deadline: float) -> Response:
        """One request to the checked address ``ip``, its body read within the policy's bounds."""
        pool = self._pool(parts.scheme.lower(), parts.hostname, ip, port)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        request_headers = {
            "Host": parts.netloc.rsplit("@", 1)[-1],
            "User-Agent": self.policy.user_agent,
            "Accept": accept,
            "Accept-Encoding": "gzip, deflate",
            **headers,
        }
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchTimeout(f"total timeout of {self.policy.total_timeout}s exceeded for {url}")
        timeout = urllib3.Timeout(
            connect=min(self.policy.connect_timeout, remaining), read=min(self.policy.read_timeout, remaining)
        )
        try:
            raw = pool.urlopen(
                "GET",
                path,
                headers=request_headers,
                redirect=False,
                retries=False,
                timeout=timeout,
                preload_content=False,
                decode_content=False,
                assert_same_host=False,
            )
        except Urllib3Timeout as exc:
            raise FetchTimeout(f"timed out connecting to {url}: {exc}") from exc
        except (Urllib3Error, OSError) as exc:
            raise ConnectionFailed(f"connection to {url} failed: {exc}") from exc
        response_headers = {k.lower(): v for k, v in raw.headers.items()}
        body = b""
        reusable = False
        try:
            if raw.status in _REDIRECTS or raw.status == 304 or raw.status >= 400:
                reusable = _discard_small_body(raw, response_headers)
            else:
                body = self._read_body(raw, url, response_headers.get("content-encoding", ""), deadline)
                reusable = True
        finally:
            if not reusable:
                raw.close()  # unread bytes would corrupt the next response on this connection
            raw.release_conn()
        return Response(url=url, status=raw.status, headers=response_headers, body=body)

    def _read_body(self, raw, url: str, encoding: str, deadline: float) -> bytes:
        limit = self.policy.max_bytes
        encoding = encoding.strip().lower()
        if encoding in ("gzip", "x-gzip"):
            decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            decoder = _DeflateDecoder()
        elif encoding in ("", "identity"):
            decoder = None
        else:
            raise UnsupportedContentType(f"unsupported Content-Encoding {encoding!r} from {url}")
        out = bytearray()
        received = consumed = 0  # bytes off the wire; compressed bytes the decoder has used
        try:
            while True:
                if time.monotonic() > deadline:
                    raise FetchTimeout(f"total timeout of {self.policy.total_timeout}s exceeded reading {url}")
                chunk = raw.read(_CHUNK, decode_content=False)
                if not chunk:
                    break
                received += len(chunk)
                if received > limit:
                    raise TooLarge(f"body of {url} exceeds {limit} bytes")
                if decoder is None:
                    out += chunk
                    continue
                # max_length bounds the output of each call, so a bomb never expands past the cap in memory.
                data = chunk
                while data:
                    piece = decoder.decompress(data, limit + 1 - len(out))
                    consumed += len(data) - len(decoder.unconsumed_tail)
                    out += piece
                    if len(out) > limit:
                        raise self._bomb_or_too_large(url, len(out), consumed)
                    data = decoder.unconsumed_tail
        except Urllib3Timeout as exc:
            raise FetchTimeout(f"read timed out for {url}: {exc}") from exc
        except (Urllib3Error, OSError) as exc:
            raise ConnectionFailed(f"connection broke while reading {url}: {exc}") from exc
        except zlib.error as exc:
            raise ConnectionFailed(f"corrupt {encoding} body from {url}: {exc}") from exc
        return bytes(out)

    def _bomb_or_too_large(self, url: str, decoded: int, consumed: int) -> FetchError:
        if decoded > self.policy.max_compression_ratio * max(consumed, 1):
            return DecompressionBomb(
                f"{url}: {consumed} compressed bytes expand past {self.policy.max_bytes} bytes "
                f"(ratio over {self.policy.max_compression_ratio}:1)"
            )
        return TooLarge(f"decompressed body of {url} exceeds {self.policy.max_bytes} bytes")

    # -- connections, throttling, robots --------------------------------------------------------------------------
    def _pool(self, scheme: str, host: str, ip: str, port: int) -> urllib3.HTTPConnectionPool:
        key = (scheme, host, port, ip)
        with self._lock:
            pool = self._pools.get(key)
            if pool is None:
                if scheme == "https":
                    pool = urllib3.HTTPSConnectionPool(
                        ip, port, maxsize=4, block=False, server_hostname=host, assert_hostname=host
                    )
                else:
                    pool = urllib3.HTTPConnectionPool(ip, port, maxsize=4, block=False)
                self._pools[key] = pool
        return pool

    def _host_slot(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            slot = self._host_slots.get(host)
            if slot is None:
                slot = self._host_slots[host] = threading.BoundedSemaphore(self.policy.max_host_connections)
        return slot

    def _throttle(self, host: str) -> None:
        interval = self.policy.min_host_interval
        if interval <= 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + interval
        if slot > now:
            self._sleep(slot - now)

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            rules = self._robots.get(origin)
        if rules is None:
            rules = self._load_robots(origin)
            with self._lock:
                self._robots[origin] = rules
        if not rules.can_fetch(self.policy.user_agent, url):
            raise RobotsDisallowed(f"robots.txt of {origin} disallows {url} for our user agent")

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser:
        rules = urllib.robotparser.RobotFileParser()
        try:
            response = self._get_following_redirects(f"{origin}/robots.txt", {}, "text/plain")
            rules.parse(response.body.decode("utf-8", "replace").splitlines())
        except HttpStatusError as exc:
            # RFC 9309: a 4xx robots.txt means no rules; a 5xx means the whole site is off limits for now.
            if exc.status >= 500:
                rules.disallow_all = True
            else:
                rules.allow_all = True
        # Other failures (unreachable host, blocked address) propagate: the page itself would fail the same way.
        return rules


def _discard_small_body(raw, headers: dict[str, str]) -> bool:
    """Drain a body we do not want if it is small; returns whether the connection can be reused."""
    length = headers.get("content-length", "")
    if length.isdigit() and int(length) <= _CHUNK:
        raw.drain_conn()
        return True
    return False


class _DeflateDecoder:
    """HTTP 'deflate' is zlib-wrapped in theory and raw deflate in practice; accept both."""

    def __init__(self):
        self._inner = None
        self.unconsumed_tail = b""

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if self._inner is None:
            raw = (data[0] & 0x0F) != 8 if data else False
            self._inner = zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
        out = self._inner.decompress(data, max_length)
        self.unconsumed_tail = self._inner.unconsumed_tail
        return out
