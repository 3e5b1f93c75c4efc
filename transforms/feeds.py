"""Feed documents to entries, normalised to FeedEntry.

Formats, detected from the content (the Content-Type header is only a hint for character sets):

- JSON Feed 1.0 / 1.1: a JSON object whose ``version`` starts with ``https://jsonfeed.org/version/`` (``jsonfeed.py``);
- sitemaps (``sitemaps.py``): an XML ``<urlset>``, usually with Google's ``news:`` and ``image:`` extensions, gives
  one entry per ``<url>``; a ``<sitemapindex>`` gives no entries but lists its child sitemaps in
  ``ParsedFeed.child_feeds``, for the poller to poll as further feeds;
- everything else goes to feedparser: RSS 0.9x/1.0/2.0, Atom 0.3/1.0, CDF, with its loose parser for ill-formed XML.

Every failure is a StageError subclass whose ``code`` becomes the dead letter's ``error_type``.
"""

from __future__ import annotations

import calendar
import codecs
import dataclasses
import datetime as dt
import email.utils
import io
import re

import charset_normalizer
import feedparser
import lxml.html
from lxml import etree

from wirelake.transforms.errors import StageError
from wirelake.transforms.feedlist import FeedSpec
from wirelake.transforms.records import FeedEntry
from wirelake.transforms.urls import InvalidUrl, canonical_url

MAX_FEED_BYTES = 16 * 1024 * 1024  # above the fetcher's default cap: a feed this large is refused, not parsed
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "blockquote", "tr", "table", "section", "article", "pre"}
_BLOCK_TAGS |= {f"h{i}" for i in range(1, 7)}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SNIFF_BYTES = 4096
# After the prolog (XML declaration, comments, processing instructions, doctype), the root element's local name.
_XML_ROOT = re.compile(
    r"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*<(?:[\w.-]+:)?([\w.-]+)", re.DOTALL | re.IGNORECASE
)
_UTF32_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"))
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# feedparser's bozo reasons that still mean a well-formed document read by the strict parser.
_SOFT_BOZO = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)
_FEEDPARSER_BUGS = (AttributeError, TypeError, ValueError, LookupError, AssertionError)
_FEEDPARSER_GUESSES = ("windows-1252", "iso-8859-2")  # feedparser's last resorts after the declared charset and UTF-8
_NUL_PATTERNS = ((b"<\0\0\0", "utf-32-le"), (b"\0\0\0<", "utf-32-be"), (b"<\0", "utf-16-le"), (b"\0<", "utf-16-be"))


class NotAFeed(StageError):
    code = "not_a_feed"


class MalformedFeed(StageError):
    code = "malformed_feed"


class FeedTooLarge(StageError):
    code = "too_large"


class EntryWithoutUrl(StageError):
    code = "entry_without_url"


class MalformedEntry(StageError):
    code = "malformed_entry"


@dataclasses.dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]
    problems: list[tuple[dict, StageError]]  # (raw entry, why it was skipped)
    warning: str | None  # why a feed was parsed despite errors (feedparser's bozo message, lxml's recovery)
    # A sitemap index lists further sitemaps instead of entries: their absolute http(s) URLs, in document order,
    # without duplicates. The poller treats each one as another feed (the index itself has no entries).
    child_feeds: list[str] = dataclasses.field(default_factory=list)
    format: str = "feedparser"  # "json_feed", "sitemap", "sitemap_index", or "feedparser" (RSS/Atom/RDF/CDF)


def parse_feed(
    body: bytes, spec: FeedSpec, content_type: str | None = None, max_bytes: int = MAX_FEED_BYTES
) -> ParsedFeed:
    """Parse a feed body of any supported format. Raises a StageError subclass when no feed can be read from it."""
    # The format modules import this one for ParsedFeed, the errors and the text helpers.
    from wirelake.transforms import jsonfeed, sitemaps

    if len(body) > max_bytes:
        raise FeedTooLarge(f"{spec.url}: feed is {len(body)} bytes, more than the {max_bytes} allowed")
    if not body.strip():
        raise NotAFeed(f"{spec.url}: empty document")
    head = sniff_text(body)
    stripped = head.lstrip()
    if stripped.startswith("{"):
        return jsonfeed.parse_json_feed(body, spec, content_type, head)
    root = _xml_root_name(stripped)
    if root in sitemaps.ROOTS:
        return sitemaps.parse_sitemap(body, spec)
    return _parse_with_feedparser(body, spec, content_type)


def sniff_text(body: bytes) -> str:
    """The first few KiB of a document as text, good enough to recognise its format (not to read its content)."""
    head = body[:_SNIFF_BYTES]
    for boms in (_UTF32_BOMS, _UTF16_BOMS):
        for bom, codec in boms:
            if head.startswith(bom):
                return head[len(bom) :].decode(codec, "ignore")
    if head.startswith(codecs.BOM_UTF8):
        return head[len(codecs.BOM_UTF8) :].decode("utf-8", "ignore")
    for pattern, codec in _NUL_PATTERNS:  # UTF-16/32 without a BOM: the first "<" with its NUL bytes
        if head.startswith(pattern):
            return head.decode(codec, "ignore")
    return head.decode("latin-1")  # every byte maps to a character: enough for ASCII markup


def _xml_root_name(head: str) -> str | None:
    match = _XML_ROOT.match(head)
    return match.group(1).lower() if match else None


def _feedparser(body: bytes, spec: FeedSpec, content_type: str | None):
    headers = {"content-type": content_type} if content_type else {}
    # A stream, never bytes: feedparser opens a bytes argument as a file path when one exists by that name.
    try:
        return feedparser.parse(
            io.BytesIO(body), response_headers=headers, sanitize_html=False, resolve_relative_uris=False
        )
    except RecursionError as exc:
        raise MalformedFeed(f"{spec.url}: feed is nested too deeply to parse") from exc
    except _FEEDPARSER_BUGS as exc:
        # feedparser has internal errors on some damaged input (an empty document, a bogus declared encoding, a
        # GeoRSS or <image> element cut short). The document is malformed; say so, keeping the cause chained.
        raise MalformedFeed(f"{spec.url}: feedparser could not read it ({type(exc).__name__}: {exc})") from exc


def _parse_with_feedparser(body: bytes, spec: FeedSpec, content_type: str | None) -> ParsedFeed:
    parsed = _feedparser(body, spec, content_type)
    redetected = _redetected_charset(parsed, body)
    if redetected:
        # feedparser found the declared charset (or UTF-8) wrong and fell back to a guess; charset_normalizer's
        # detection, given as the HTTP charset (which outranks the XML declaration), decodes e.g. Big5 correctly.
        parsed = _feedparser(body, spec, f"application/xml; charset={redetected}")
    exc = parsed.get("bozo_exception")
    bozo = str(exc or "") or None
    if not parsed.entries and not parsed.version:
        raise NotAFeed(f"{spec.url} is not an RSS/Atom/JSON feed or sitemap" + (f": {bozo}" if bozo else ""))
    if not parsed.entries and exc is not None and not isinstance(exc, _SOFT_BOZO) and not parsed.feed:
        # Nothing recovered at all. A feed whose channel data was recovered is a (degraded) empty feed.
        raise MalformedFeed(f"{spec.url} is malformed and yielded no entries: {bozo}")
    feed_title = clean_text(_text(parsed.feed.get("title")))
    entries, problems = [], []
    for raw in parsed.entries:
        try:
            entries.append(_entry(raw, spec, feed_title))
        except (EntryWithoutUrl, MalformedEntry) as exc:
            problems.append((raw, exc))
    return ParsedFeed(title=feed_title, entries=entries, problems=problems, warning=bozo)


def _redetected_charset(parsed, body: bytes) -> str | None:
    """When feedparser fell back to its last-resort charset guess, a statistically detected one, if different."""
    if not isinstance(parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride):
        return None
    if str(parsed.get("encoding", "")).lower() not in _FEEDPARSER_GUESSES:
        return None
    best = charset_normalizer.from_bytes(body[:200_000]).best()
    if best is None or not best.encoding:
        return None
    try:
        name = codecs.lookup(best.encoding).name
    except LookupError:
        return None
    guesses = {codecs.lookup(g).name for g in _FEEDPARSER_GUESSES}
    return None if name in guesses or name in ("ascii", "utf-8") else name


def _entry(raw: dict, spec: FeedSpec, feed_title: str | None) -> FeedEntry:
    link = _entry_link(raw, spec.url)
    content = [c for c in raw.get("content") or () if isinstance(c, dict) and _text(c.get("value"))]
    categories = tuple(_text(t.get("term")) for t in raw.get("tags") or () if isinstance(t, dict))
    return FeedEntry(
        url=canonical_url(link),
        link=link,
        feed_urls=(spec.url,),
        feed_name=spec.name or feed_title,
        guid=_text(raw.get("id")),
        title=clean_text(_text(raw.get("title"))),
        summary=html_to_text(_text(raw.get("summary"))) or None,
        content=(html_to_text(_text(content[0].get("value"))) or None) if content else None,
        published_at=_utc(raw.get("published_parsed") or raw.get("updated_parsed")),
        image_url=_image(raw),
        language=spec.language,
        tags=tuple(dict.fromkeys(spec.tags + tuple(c.strip() for c in categories if c and c.strip()))),
        is_wire=spec.is_wire,
        authors=_authors(raw),
    )


def _entry_link(raw: dict, feed_url: str) -> str:
    candidates = [raw.get("link")]
    candidates += [k.get("href") for k in raw.get("links") or () if k.get("rel", "alternate") == "alternate"]
    if raw.get("guidislink") or str(raw.get("id", "")).startswith(("http://", "https://")):
        candidates.append(raw.get("id"))
    link = first_usable_link(candidates)
    if link:
        return link
    title = clean_text(_text(raw.get("title"))) or "(untitled)"
    raise EntryWithoutUrl(f"entry {title!r} in {feed_url} has no usable http(s) link")


def first_usable_link(candidates) -> str | None:
    """The first candidate that is an absolute http(s) URL wirelake can canonicalise, stripped."""
    for link in candidates:
        if not isinstance(link, str) or not link.strip():
            continue
        try:
            canonical_url(link.strip())
        except (InvalidUrl, ValueError):
            continue
        return link.strip()
    return None


def _image(raw: dict) -> str | None:
    for media in list(raw.get("media_thumbnail") or []) + list(raw.get("media_content") or []):
        if isinstance(media, dict) and media.get("url") and str(media.get("medium", "image")) == "image":
            return media["url"]
    for link in raw.get("links") or ():
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/") and link.get("href"):
            return link["href"]
    return None


def _authors(raw: dict) -> tuple[str, ...]:
    names = [clean_text(_text(a.get("name"))) for a in raw.get("authors") or () if isinstance(a, dict)]
    if not any(names):
        names = [clean_text(_text(raw.get("author")))]
    return tuple(dict.fromkeys(n for n in names if n))


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def _utc(parsed_time) -> dt.datetime | None:
    if not parsed_time:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed_time), dt.UTC)
    except (OverflowError, ValueError, OSError, TypeError):
        return None


def parse_date(value) -> dt.datetime | None:
    """An RFC 3339 / ISO 8601 (JSON Feed, sitemaps) or RFC 822 date as an aware UTC datetime; naive means UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in "zZ" else text)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    try:
        return parsed.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        return None


def clean_text(text: str | None) -> str | None:
    """A one-line-ish text (title, name) from possibly-HTML input, with spaces folded; None when empty."""
    if not text:
        return None
    return _SPACES.sub(" ", html_to_text(text)).strip() or None


def plain_paragraphs(text: str | None) -> str:
    """Plain text (never parsed as HTML) with spaces folded, paragraphs separated by a blank line."""
    if not text:
        return ""
    cleaned = (_SPACES.sub(" ", p.replace("\n", " ")).strip() for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in cleaned if p)


def html_to_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment, one paragraph per block element, paragraphs separated by a blank line."""
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return plain_paragraphs(fragment)
    fragment = _NOT_XML_CHARS.sub("", fragment)  # lxml refuses them (and they carry no text)
    try:
        try:
            root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        except (etree.ParserError, AssertionError):  # a whole HTML document where a fragment belongs
            root = lxml.html.document_fromstring(fragment)
        for bad in root.xpath("//script|//style"):
            bad.drop_tree()
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
                el.tail = "\n\n" + (el.tail or "")
        return plain_paragraphs(root.text_content())
    except (etree.ParserError, ValueError, AssertionError):  # nothing lxml can read: the text as given
        return plain_paragraphs(fragment)
