"""ExtractArticles: body text and metadata from fetched pages, falling back to the feed's own text."""

from __future__ import annotations

import datetime as dt

import apache_beam as beam
from apache_beam.metrics import Metrics

from wirelake.transforms.articles import build_article
from wirelake.transforms.errors import DEAD_LETTER, StageDoFn
from wirelake.transforms.extract import MIN_ARTICLE_WORDS, NotArticle, article_words, extract_article
from wirelake.transforms.records import FetchedPage


class _ExtractFn(StageDoFn):
    stage = "extract_articles"

    def __init__(self, ingested_at: dt.datetime):
        super().__init__(ingested_at)
        self._feed_bodies = Metrics.counter(self.stage, "body_from_feed")

    def describe(self, page: FetchedPage):
        return page.url, page.entry.feed_urls[0]

    def run(self, page: FetchedPage):
        try:
            extracted = extract_article(page.body, page.url, page.content_type)
        except NotArticle as exc:
            feed_text = page.entry.content or page.entry.summary or ""
            if article_words(feed_text) < MIN_ARTICLE_WORDS:
                raise NotArticle(f"{exc}; the feed entry has no usable text either") from None
            self._feed_bodies.inc()
            extracted = None
        return [build_article(page, extracted, self.ingested_at)]


class ExtractArticles(beam.PTransform):
    """FetchedPage -> ArticleRecord (a singleton cluster until clustered), with a ``dead_letter`` output."""

    def __init__(self, ingested_at: dt.datetime):
        super().__init__()
        self._ingested_at = ingested_at

    def expand(self, pages):
        return pages | "Extract" >> beam.ParDo(_ExtractFn(self._ingested_at)).with_outputs(DEAD_LETTER, main="articles")
