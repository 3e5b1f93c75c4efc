"""Assembling the articles-table row from what the feed said and what the page held."""

from __future__ import annotations

import datetime as dt

from wirelake.schemas import ArticleRecord
from wirelake.transforms.extract import Extracted
from wirelake.transforms.language import detect_language
from wirelake.transforms.records import FetchedPage
from wirelake.transforms.textnorm import content_hash
from wirelake.transforms.urls import url_id


def build_article(page: FetchedPage, extracted: Extracted | None, ingested_at: dt.datetime) -> ArticleRecord:
    """The article row before clustering: a singleton cluster of its own.

    ``extracted`` is None when the page held no article; the feed's content (or summary) is then the body.
    """
    entry = page.entry
    if extracted is not None:
        text, body_source = extracted.text, "page"
    else:
        text, body_source = entry.content or entry.summary or "", "feed"
    published_at, published_source = entry.published_at, "feed" if entry.published_at else None
    if extracted is not None and extracted.published_at is not None:
        published_at, published_source = extracted.published_at, "page"
    article_id = url_id(entry.url)
    digest = content_hash(text)
    return ArticleRecord(
        article_id=article_id,
        url=entry.url,
        fetched_url=page.url,
        page_canonical_url=extracted.canonical_url if extracted else None,
        feed_urls=entry.feed_urls,
        source_name=entry.feed_name,
        site_name=extracted.site_name if extracted else None,
        title=(extracted.title if extracted else None) or entry.title,
        feed_title=entry.title,
        authors=extracted.authors if extracted else (),
        published_at=published_at,
        published_at_source=published_source,
        feed_published_at=entry.published_at,
        language=(extracted.language if extracted else detect_language(text)) or entry.language,
        description=(extracted.description if extracted else None) or entry.summary,
        image_url=(extracted.image_url if extracted else None) or entry.image_url,
        text=text,
        body_source=body_source,
        word_count=len(text.split()),
        content_hash=digest,
        cluster_id=digest[:32],
        original_id=article_id,
        is_original=True,
        similarity=1.0,
        containment=1.0,
        wire_agency=None,
        topics=(),
        topic_status="not_tagged",
        places=(),
        people=(),
        organisations=(),
        tags=entry.tags,
        from_wire_feed=entry.is_wire,
        http_status=page.status,
        fetched_at=page.fetched_at,
        ingested_at=ingested_at,
    )
