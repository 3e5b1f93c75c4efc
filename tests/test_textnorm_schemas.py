import re
from pathlib import Path

import pyarrow as pa
import pytest

from wirelake.schemas import ARTICLES, TABLES, docs, table_by_name
from wirelake.transforms.textnorm import content_hash, normalize_text

README = Path(__file__).parent.parent / "README.md"


def test_normalize_folds_typography():
    a = "“Protecting our borders,” Zelensky said — ‘now’.\n\nNext   paragraph."
    b = "\"protecting our borders,\" zelensky said - 'now'. next paragraph"
    assert normalize_text(a) == normalize_text(b) == "protecting our borders zelensky said now next paragraph"


def test_content_hash_equal_for_same_words_and_different_for_different_words():
    assert content_hash("Hello,  World!") == content_hash("hello world")
    assert content_hash("Rates rose 0.25%") != content_hash("Rates rose 0.5%")
    assert re.fullmatch(r"[0-9a-f]{64}", content_hash(""))


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_schemas_are_portable(table):
    """BigQuery and Spark read them: UTC microsecond timestamps, signed ints, no unsigned types."""
    for field in table.arrow_schema:
        kind = field.type.value_type if pa.types.is_list(field.type) else field.type
        assert not pa.types.is_unsigned_integer(kind), field.name
        if pa.types.is_timestamp(kind):
            assert (kind.unit, kind.tz) == ("us", "UTC"), field.name
        if pa.types.is_integer(kind):
            assert kind == pa.int64(), field.name
    assert table.partition_by in table.arrow_schema.names
    assert set(table.key) <= set(table.arrow_schema.names)


def test_bigquery_schema_matches_arrow_schema():
    for table in TABLES:
        bq = docs.bigquery_schema(table)
        assert [c["name"] for c in bq] == table.arrow_schema.names
        for column, field in zip(bq, table.arrow_schema, strict=True):
            assert (column["mode"] == "REQUIRED") == (not field.nullable and not pa.types.is_list(field.type))


def test_readme_table_reference_is_generated_from_schemas():
    text = README.read_text(encoding="utf-8")
    start, end = docs.BEGIN, docs.END
    assert start in text and end in text, "README lacks the generated schema section"
    section = text[text.index(start) + len(start) : text.index(end)]
    assert section.strip() == docs.markdown_all().strip(), "README schemas are stale: run `make docs`"


def test_table_by_name_names_the_known_tables():
    assert table_by_name("articles") is ARTICLES
    with pytest.raises(KeyError, match="articles, clusters, dead_letters, feed_log"):
        table_by_name("nope")
