"""Canonical article URLs: one spelling per article, so the same story found twice is fetched once."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Query parameters that identify a campaign or a click, never the content.
_TRACKING_EXACT = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gclsrc",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ocid",
        "cmpid",
        "ncid",
        "ito",
        "smid",
        "share",
        "ref_src",
        "ref_url",
        "guccounter",
        "wt.mc_id",
        "__twitter_impression",
        "at_medium",
        "at_campaign",
        "s_cid",
    }
)
_TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_", "oly_", "vero_", "_hs")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_AMP_PATH = re.compile(r"(/amp/?$)|(\.amp(?=\.html?$|$))|(^/amp(?=/))")


class InvalidUrl(ValueError):
    """The string is not an absolute http(s) URL."""


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Normalise an article URL.

    Lower-cases scheme and host, drops ``www.``, default ports, fragments, tracking parameters, AMP path variants and
    trailing slashes, and sorts the remaining query parameters. Idempotent. Raises InvalidUrl for anything that is not
    an absolute http(s) URL.
    """
    if not isinstance(url, str):
        raise InvalidUrl(f"not a string: {url!r}")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise InvalidUrl(f"unparseable URL {url!r}: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise InvalidUrl(f"not an absolute http(s) URL: {url!r}")
    host = parts.hostname.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _normalise_path(parts.path)
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking_param(k)),
        quote_via=quote,
    )
    return urlunsplit((scheme, netloc, path, query, ""))


def _normalise_path(path: str) -> str:
    # Re-quote so that %7E and ~ (and other equivalent spellings) compare equal.
    path = quote(unquote(path), safe="/:@!$&'()*+,;=-._~")
    path = re.sub(r"/{2,}", "/", path)
    path = _AMP_PATH.sub("", path)
    if len(path) > 1:
        path = path.rstrip("/")
    return path or "/"


def url_id(canonical: str) -> str:
    """Stable row id for a canonical URL."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]
