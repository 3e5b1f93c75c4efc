"""Views of the table definitions for people and other systems: Markdown for the README, BigQuery JSON schema."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing

from wirelake.schemas.tables import TABLES, Table, struct_fields

_BQ_TYPES = {str: "STRING", int: "INT64", float: "FLOAT64", bool: "BOOL", bytes: "BYTES", dt.datetime: "TIMESTAMP"}


def bigquery_schema(table: Table) -> list[dict]:
    """The table as a BigQuery JSON schema (the Hive partition column is added by the external table)."""
    return _bq_fields(table.fields())


def _bq_fields(fields) -> list[dict]:
    out = []
    for name, py_type, nullable, doc in fields:
        repeated = typing.get_origin(py_type) is tuple
        item = typing.get_args(py_type)[0] if repeated else py_type
        mode = "REPEATED" if repeated else ("NULLABLE" if nullable else "REQUIRED")
        column = {"name": name, "type": "RECORD" if dataclasses.is_dataclass(item) else _BQ_TYPES[item]}
        column |= {"mode": mode, "description": doc}
        if dataclasses.is_dataclass(item):
            column["fields"] = _bq_fields(struct_fields(item))
        out.append(column)
    return out


def markdown(table: Table) -> str:
    lines = [
        f"### `{table.name}`",
        "",
        f"{table.description} Partitioned by `{table.partition_name}` (UTC date of `{table.partition_by}`).",
        "",
        "| column | type | null | description |",
        "| --- | --- | --- | --- |",
    ]
    for field in table.arrow_schema:
        doc = next(d for n, _, _, d in table.fields() if n == field.name)
        null = "yes" if field.nullable else "no"
        lines.append(f"| `{field.name}` | `{field.type}` | {null} | {doc.replace('|', '/')} |")
    return "\n".join(lines)


def markdown_all() -> str:
    return "\n\n".join(markdown(t) for t in TABLES) + "\n"


BEGIN, END = "<!-- schema:begin -->\n", "<!-- schema:end -->"


def write_bigquery_schemas(directory: str) -> None:
    """One BigQuery JSON schema file per table (used by the Terraform for the external tables)."""
    import json
    import os

    for table in TABLES:
        with open(os.path.join(directory, f"{table.name}.json"), "w", encoding="utf-8") as handle:
            handle.write(json.dumps(bigquery_schema(table), indent=2) + "\n")


def update_readme(path: str) -> None:
    """Rewrite the README's generated table reference (between the schema markers) from the schemas."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    head, rest = text.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(head + BEGIN + markdown_all() + END + tail)


if __name__ == "__main__":
    import sys

    update_readme(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    if len(sys.argv) > 2:
        write_bigquery_schemas(sys.argv[2])
