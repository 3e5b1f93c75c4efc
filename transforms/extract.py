"""Article extraction: body text and metadata from one HTML page, built on trafilatura."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import itertools
import re

import lxml.html
import trafilatura
from htmldate import find_date
from lxml import etree
from trafilatura.metadata import (
    Document,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.xml import xmltotxt

from wirelake.transforms.charset import decode_html
from wirelake.transforms.errors import StageError
from wirelake.transforms.extract_cleanup import clean_body, prepare_page
from wirelake.transforms.language import detect_language, language_code

MAX_HTML_CHARS = 5_000_000  # larger pages are not articles, and would cost seconds of parsing
MAX_PAGE_BYTES = 4 * MAX_HTML_CHARS  # raw bytes before decoding (UTF-8 takes up to 4 bytes a character)
MAX_ELEMENTS = 50_000  # news pages have a few thousand; hundreds of thousands cost tens of seconds downstream
MIN_ARTICLE_WORDS = 40  # counted in sentence-length paragraphs only, so menus and captions do not count
_SENTENCE_WORDS = 8
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # kana and CJK ideographs
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)


class NotArticle(StageError):
    code = "not_article"


class PageTooLarge(StageError):
    code = "too_large"


@dataclasses.dataclass(frozen=True)
class Extracted:
    title: str | None
    text: str  # paragraphs separated by a blank line
    authors: tuple[str, ...]
    published_at: dt.datetime | None
    language: str | None
    site_name: str | None
    canonical_url: str | None
    description: str | None
    image_url: str | None

    def as_json(self) -> dict:
        out = dataclasses.asdict(self)
        out["authors"] = list(self.authors)
        out["published_at"] = self.published_at.isoformat() if self.published_at else None
        out["word_count"] = len(self.text.split())
        return out


def extract_article(page: bytes | str, url: str | None = None, content_type: str | None = None) -> Extracted:
    """Extract one article. Raises NotArticle when the page holds no article body, PageTooLarge, Undecodable."""
    if isinstance(page, bytes) and len(page) > MAX_PAGE_BYTES:
        raise PageTooLarge(f"page has {len(page)} bytes; the limit is {MAX_PAGE_BYTES}")
    html = decode_html(page, content_type)[0] if isinstance(page, bytes) else page
    if len(html) > MAX_HTML_CHARS:
        raise PageTooLarge(f"page has {len(html)} characters; the limit is {MAX_HTML_CHARS}")
    tree = _parse(html)
    meta = page_metadata(tree, url)
    canonical = _first(tree, "//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")
    page_lang = _first(tree, "/html/@lang", "//meta[@http-equiv='content-language']/@content")
    prepare_page(tree)  # rearranges the body; metadata is read first
    # fast (no readability/jusText comparison) and recall-leaning (no second recall pass): on the public benchmark
    # this is both more accurate and faster than the default cascade, once clean_body removes residual furniture.
    doc = trafilatura.bare_extraction(
        tree, url=url, fast=True, favor_recall=True, include_comments=False, include_tables=True
    )
    body = clean_body(doc.body, meta.title) if doc is not None and doc.body is not None else None
    text = _paragraphs(xmltotxt(body, include_formatting=False) if body is not None else "")
    words = article_words(text)
    if words < MIN_ARTICLE_WORDS:
        raise NotArticle(f"no article body found ({words} words in sentence-length paragraphs)")
    return Extracted(
        title=meta.title or None,
        text=text,
        authors=split_authors(meta.author),
        published_at=parse_datetime(meta.date),
        language=detect_language(text) or language_code(page_lang),
        site_name=meta.sitename or None,
        canonical_url=canonical,
        description=meta.description or None,
        image_url=meta.image or None,
    )


def _parse(html: str) -> lxml.html.HtmlElement:
    try:
        tree = lxml.html.document_fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise NotArticle(f"page could not be parsed as HTML: {exc}") from None
    if tree is None or tree.find("body") is None and len(tree) == 0:
        raise NotArticle("page holds no HTML document")
    elements = sum(1 for _ in itertools.islice(tree.iter(), MAX_ELEMENTS + 1))
    if elements > MAX_ELEMENTS:
        raise PageTooLarge(f"page has more than {MAX_ELEMENTS} HTML elements")
    return tree


def page_metadata(tree: lxml.html.HtmlElement, url: str | None = None) -> Document:
    """trafilatura's metadata cascade (meta tags, JSON-LD, then markup) without the parts wirelake does not store.

    trafilatura.extract_metadata also collects categories, tags and licence (a fifth of its time), and htmldate's
    extensive text search costs about 11 ms on a page it has not seen, more than the rest of the metadata, for two
    more dates on 181 benchmark pages. Dates come from markup and metadata only.
    """
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a handle or a single word, not a byline
    with contextlib.suppress(ValueError, TypeError, KeyError, AttributeError, IndexError):
        meta = extract_meta_json(tree, meta)  # trafilatura's JSON-LD reader trips on odd documents; meta tags stay
    meta.title = meta.title or extract_title(tree)
    meta.author = meta.author or extract_author(tree)
    meta.url = meta.url or extract_url(tree, url)
    meta.date = find_date(tree, url=meta.url, **_DATE_PARAMS)
    meta.sitename = (meta.sitename or extract_sitename(tree) or "").lstrip("@") or None
    return meta


def _first(tree, *xpaths: str) -> str | None:
    for xpath in xpaths:
        found = tree.xpath(xpath)
        if found and str(found[0]).strip():
            return str(found[0]).strip()
    return None


def _paragraphs(text: str) -> str:
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def article_words(text: str) -> int:
    """Words in paragraphs long enough to be prose rather than navigation, labels or captions.

    Chinese and Japanese are written without spaces: there, two characters count as one word.
    """
    counts = (max(len(p.split()), len(_UNSPACED.findall(p)) // 2) for p in text.split("\n\n"))
    return sum(c for c in counts if c >= _SENTENCE_WORDS)


def split_authors(author: str | None) -> tuple[str, ...]:
    if not author:
        return ()
    parts = re.split(r"\s*(?:;|\band\b|&|,)\s*", author)
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


def parse_datetime(value: str | None) -> dt.datetime | None:
    """ISO 8601 (with or without time or zone) to an aware UTC datetime; naive times are taken as UTC."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)
