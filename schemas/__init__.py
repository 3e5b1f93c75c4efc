"""The single source of truth for every wirelake table."""

from wirelake.schemas.tables import (
    ARTICLES,
    CLUSTERS,
    DEAD_LETTERS,
    FEED_LOG,
    TABLES,
    ArticleRecord,
    ClusterRecord,
    DeadLetterRecord,
    FeedFetchRecord,
    Table,
    table_by_name,
)

__all__ = [
    "ARTICLES",
    "CLUSTERS",
    "DEAD_LETTERS",
    "FEED_LOG",
    "TABLES",
    "ArticleRecord",
    "ClusterRecord",
    "DeadLetterRecord",
    "FeedFetchRecord",
    "Table",
    "table_by_name",
]
