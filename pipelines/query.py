"""DuckDB over the lake: one view per table, typed even before the table has any file."""

from __future__ import annotations

import glob
import os

import duckdb
import pyarrow as pa

from wirelake.schemas import TABLES


def connect(lake: str) -> duckdb.DuckDBPyConnection:
    """Views named after the tables; for a changelog table, ``<name>`` is current rows, ``<name>_history`` all."""
    con = duckdb.connect()
    for table in TABLES:
        raw = f"{table.name}_history" if table.current_by else table.name
        pattern = os.path.join(lake, table.name, "*", "part-*.parquet")
        if glob.glob(pattern):
            literal = pattern.replace("'", "''")  # a quoted path literal: views cannot take parameters
            # Table names come from the schema module and the path is a quoted literal.
            sql = f"CREATE VIEW {raw} AS SELECT * FROM read_parquet('{literal}', "  # noqa: S608
            con.execute(sql + "hive_partitioning = true, union_by_name = true)")
        else:
            empty = table.arrow_schema.append(pa.field(table.partition_name, pa.date32())).empty_table()
            con.register(raw, empty)
        if table.current_by:
            con.execute(
                f"CREATE VIEW {table.name} AS SELECT * FROM {raw} "  # noqa: S608 - names from the schema module
                f"QUALIFY row_number() OVER (PARTITION BY {table.current_by} ORDER BY {table.partition_by} DESC) = 1"
            )
    return con
