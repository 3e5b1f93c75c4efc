"""The single source of truth for every wirelake table."""

from wirelake.schemas.tables import (
    ARTICLES,
    DEAD_LETTERS,
    FEED_LOG,
    TABLES,
    ArticleRecord,
    DeadLetterRecord,
    FeedFetchRecord,
    Table,
    table_by_name,
)

__all__ = [
    "ARTICLES",
    "DEAD_LETTERS",
    "FEED_LOG",
    "TABLES",
    "ArticleRecord",
    "DeadLetterRecord",
    "FeedFetchRecord",
    "Table",
    "table_by_name",
]
