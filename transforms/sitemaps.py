"""Sitemaps (https://www.sitemaps.org/protocol.html) as feeds, with Google's news and image extensions.

- ``<urlset>``: one FeedEntry per ``<url>``: ``loc``; ``news:news`` gives ``news:title``, ``news:publication_date``
  (else ``lastmod`` is the date), ``news:keywords`` (comma-separated, become tags) and ``news:publication``'s name
  and language; the first ``image:image/image:loc`` becomes the image.
- ``<sitemapindex>``: no entries; the ``<sitemap><loc>`` URLs are returned in ``ParsedFeed.child_feeds`` for the
  poller to poll as further feeds.

Elements are matched by local name, so a sitemap with a missing or wrong namespace still reads. XML is parsed with
lxml without loading DTDs, resolving entities or touching the network, and with libxml2's default size and depth
limits (``huge_tree`` off); ``parse_feed`` has already refused bodies above its byte limit.
"""

from __future__ import annotations

from lxml import etree

from wirelake.transforms.feedlist import FeedSpec
from wirelake.transforms.feeds import (
    EntryWithoutUrl,
    MalformedFeed,
    ParsedFeed,
    clean_text,
    first_usable_link,
    parse_date,
)
from wirelake.transforms.records import FeedEntry
from wirelake.transforms.urls import canonical_url

ROOTS = {"urlset", "sitemapindex"}


def _parser(recover: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=recover,
    )


def parse_sitemap(body: bytes, spec: FeedSpec) -> ParsedFeed:
    """Parse a ``<urlset>`` or ``<sitemapindex>`` document. Raises MalformedFeed when no sitemap can be read."""
    warning = None
    try:
        root = etree.fromstring(body, _parser(recover=False))
    except etree.XMLSyntaxError as exc:
        warning = f"ill-formed XML, read with recovery: {exc}"
        try:
            root = etree.fromstring(body, _parser(recover=True))
        except etree.XMLSyntaxError:
            root = None
        if root is None or _local(root) not in ROOTS:
            raise MalformedFeed(f"{spec.url}: ill-formed sitemap XML: {exc}") from exc
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        # Sitemaps have no DTD; entity declarations are only good for expansion bombs and file inclusion.
        raise MalformedFeed(f"{spec.url}: sitemap declares XML entities in a DOCTYPE, which is refused")
    if _local(root) == "sitemapindex":
        return _index(root, spec, warning)
    return _urlset(root, spec, warning)


def _index(root, spec: FeedSpec, warning: str | None) -> ParsedFeed:
    children: dict[str, None] = {}
    problems = []
    for number, sitemap in enumerate(_children(root, "sitemap"), start=1):
        loc = _text(_child(sitemap, "loc"))
        link = first_usable_link([loc])
        if link:
            children.setdefault(link)
        else:
            problem = EntryWithoutUrl(f"sitemap {number} of index {spec.url} has no usable http(s) loc: {loc!r}")
            problems.append(({"loc": loc}, problem))
    if not children and warning:
        raise MalformedFeed(f"{spec.url}: ill-formed sitemap index with no child sitemaps: {warning}")
    return ParsedFeed(
        title=None, entries=[], problems=problems, warning=warning, child_feeds=list(children), format="sitemap_index"
    )


def _urlset(root, spec: FeedSpec, warning: str | None) -> ParsedFeed:
    entries, problems = [], []
    publication = None
    for number, url in enumerate(_children(root, "url"), start=1):
        news = _child(url, "news")
        pub = _child(news, "publication")
        pub_name = clean_text(_text(_child(pub, "name")))
        publication = publication or pub_name
        raw = {
            "loc": _text(_child(url, "loc")),
            "lastmod": _text(_child(url, "lastmod")),
            "title": _text(_child(news, "title")),
            "publication_date": _text(_child(news, "publication_date")),
            "keywords": _text(_child(news, "keywords")),
            "publication": pub_name,
            "language": _text(_child(pub, "language")),
            "images": [_text(_child(image, "loc")) for image in _children(url, "image")],
        }
        link = first_usable_link([raw["loc"]])
        title = clean_text(raw["title"])
        if not link:
            problem = EntryWithoutUrl(f"url {number} {title or ''!r} in {spec.url} has no usable http(s) loc")
            problems.append((raw, problem))
            continue
        keywords = tuple(k.strip() for k in (raw["keywords"] or "").split(",") if k.strip())
        entries.append(
            FeedEntry(
                url=canonical_url(link),
                link=link,
                feed_urls=(spec.url,),
                feed_name=spec.name or pub_name,
                title=title,
                published_at=parse_date(raw["publication_date"]) or parse_date(raw["lastmod"]),
                image_url=first_usable_link(raw["images"]),
                language=spec.language or raw["language"] or None,
                tags=tuple(dict.fromkeys(spec.tags + keywords)),
                is_wire=spec.is_wire,
            )
        )
    if not entries and warning:
        raise MalformedFeed(f"{spec.url}: ill-formed sitemap with no usable url: {warning}")
    return ParsedFeed(title=publication, entries=entries, problems=problems, warning=warning, format="sitemap")


def _local(el) -> str | None:
    return etree.QName(el).localname.lower() if isinstance(el.tag, str) else None


def _children(el, name: str) -> list:
    return [] if el is None else [c for c in el if _local(c) == name]


def _child(el, name: str):
    found = _children(el, name)
    return found[0] if found else None


def _text(el) -> str | None:
    if el is None:
        return None
    text = el.xpath("string()").strip()
    return text or None
