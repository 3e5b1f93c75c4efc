"""Article extraction: body text and metadata from one HTML page, built on trafilatura."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import lxml.html
import py3langid
import trafilatura
from lxml import etree

from wirelake.transforms.charset import decode_html
from wirelake.transforms.errors import StageError

MAX_HTML_CHARS = 5_000_000  # larger pages are not articles, and would cost seconds of parsing
MIN_ARTICLE_WORDS = 40  # counted in sentence-length paragraphs only, so menus and captions do not count
_SENTENCE_WORDS = 8
_DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


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
    html = decode_html(page, content_type)[0] if isinstance(page, bytes) else page
    if len(html) > MAX_HTML_CHARS:
        raise PageTooLarge(f"page has {len(html)} characters; the limit is {MAX_HTML_CHARS}")
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise NotArticle(f"page could not be parsed as HTML: {exc}") from None
    canonical = _first(tree, "//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")
    page_lang = _first(tree, "/html/@lang", "//meta[@http-equiv='content-language']/@content")
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    text = _paragraphs(doc.text if doc else "", doc.title if doc else None)
    words = article_words(text)
    if words < MIN_ARTICLE_WORDS:
        raise NotArticle(f"no article body found ({words} words in sentence-length paragraphs)")
    return Extracted(
        title=doc.title or None,
        text=text,
        authors=split_authors(doc.author),
        published_at=parse_datetime(doc.date),
        language=detect_language(text) or _language_code(page_lang),
        site_name=doc.sitename or None,
        canonical_url=canonical.strip() if canonical else None,
        description=doc.description or None,
        image_url=doc.image or None,
    )


def _first(tree, *xpaths: str) -> str | None:
    for xpath in xpaths:
        found = tree.xpath(xpath)
        if found and str(found[0]).strip():
            return str(found[0]).strip()
    return None


def _paragraphs(text: str, title: str | None) -> str:
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]  # the headline repeated as the body's first line
    return "\n\n".join(lines)


def article_words(text: str) -> int:
    """Words in paragraphs long enough to be prose rather than navigation, labels or captions."""
    counts = (len(p.split()) for p in text.split("\n\n"))
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


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    if len(text) < 40:
        return None
    lang, _score = py3langid.classify(text[:5000])
    return lang


def _language_code(tag: str | None) -> str | None:
    return tag.split("-")[0].split("_")[0].lower() if tag else None
