"""The Parquet lake: ``LAKE/<table>/<partition>=<YYYY-MM-DD>/part-<digest>.parquet``.

Writes are idempotent. Rows whose key is already in the lake are dropped, a file's name is a digest of the keys it
holds (a re-run that produces the same rows replaces the same file), and each file is written under a temporary name
and renamed into place, so readers never see half a file. Works on any Beam filesystem (local, gs://, s3://).
"""

from __future__ import annotations

import hashlib
import uuid

import apache_beam as beam
import pyarrow.parquet as pq
from apache_beam.io import fileio
from apache_beam.io.fileio import EmptyMatchTreatment
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics

from wirelake.schemas import TABLES, Table


def table_glob(lake: str, table: Table) -> str:
    return FileSystems.join(lake, table.name, "*", "part-*.parquet")


def file_path(lake: str, table: Table, partition: str, keys: list[str]) -> str:
    digest = hashlib.sha256("\n".join(sorted(keys)).encode("utf-8")).hexdigest()[:24]
    return FileSystems.join(lake, table.name, f"{table.partition_name}={partition}", f"part-{digest}.parquet")


def write_parquet(path: str, table: Table, records: list) -> None:
    """Write records to path atomically (temporary name, then rename)."""
    directory, name = path.rsplit("/", 1)
    tmp = FileSystems.join(directory, f".tmp-{uuid.uuid4().hex}-{name}")
    if not FileSystems.exists(directory):
        FileSystems.mkdirs(directory)
    with FileSystems.create(
        tmp, mime_type="application/vnd.apache.parquet", compression_type=CompressionTypes.UNCOMPRESSED
    ) as sink:
        pq.write_table(table.to_arrow(records), sink, compression="zstd")
    if FileSystems.exists(path):
        FileSystems.delete([path])
    FileSystems.rename([tmp], [path])


def _read_rows(readable_file, columns):
    """Rows of the requested columns; a column added after the file was written reads as None."""
    with readable_file.open(compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        parquet = pq.ParquetFile(handle)
        present = [c for c in columns if c in parquet.schema_arrow.names]
        missing = {c: None for c in columns if c not in present}
        for row in parquet.read(columns=present).to_pylist():
            yield row | missing if missing else row


class ReadLakeTable(beam.PTransform):
    """Rows (as dicts of the given columns) of one lake table; empty when the table does not exist yet."""

    def __init__(self, lake: str, table: Table, columns: list[str]):
        super().__init__()
        self._lake, self._table, self._columns = lake, table, columns

    def expand(self, pbegin):
        return (
            pbegin
            | "Match" >> fileio.MatchFiles(table_glob(self._lake, self._table), EmptyMatchTreatment.ALLOW)
            | "Open" >> fileio.ReadMatches()
            | "Rows" >> beam.FlatMap(_read_rows, self._columns)
        )


def _first_new(joined):
    _key, grouped = joined
    if list(grouped["existing"]):
        return []
    rows = list(grouped["new"])
    return rows[:1]


class _WriteFileFn(beam.DoFn):
    def __init__(self, lake: str, table: Table):
        self._lake, self._table = lake, table
        self._rows = Metrics.counter("write_lake", f"{table.name}_rows")

    def process(self, keyed, *_written_before):
        (partition, _shard), records = keyed
        records = sorted(records, key=self._table.row_key)
        path = file_path(self._lake, self._table, partition, [self._table.row_key(r) for r in records])
        write_parquet(path, self._table, records)
        self._rows.inc(len(records))
        yield path


class WriteLake(beam.PTransform):
    """Write {table name: PCollection of records} to the lake; returns {table name: PCollection of file paths}.

    Tables are written in schema order (articles, dead letters, feed log): the feed log, which lets the next run
    skip unchanged feeds, is only written once the articles it accounts for are safely in the lake.
    """

    def __init__(self, lake: str, shards: int = 1):
        super().__init__()
        self._lake, self._shards = lake, shards

    def expand(self, pcolls: dict[str, beam.PCollection]):
        written: dict[str, beam.PCollection] = {}
        for table in TABLES:
            if table.name not in pcolls:
                continue
            rows = pcolls[table.name]
            label = table.name.title().replace("_", "")
            if table.unique:
                existing = (
                    rows.pipeline
                    | f"ReadExisting{label}" >> ReadLakeTable(self._lake, table, list(table.key))
                    | f"KeyExisting{label}" >> beam.Map(lambda row, t=table: (t.row_key(row), 1))
                )
                keyed = rows | f"KeyNew{label}" >> beam.Map(lambda r, t=table: (t.row_key(r), r))
                rows = (
                    {"new": keyed, "existing": existing}
                    | f"JoinExisting{label}" >> beam.CoGroupByKey()
                    | f"DropExisting{label}" >> beam.FlatMap(_first_new)
                )
            before = [beam.pvalue.AsList(p) for p in written.values()]
            written[table.name] = (
                rows
                | f"Partition{label}" >> beam.Map(self._partition_key, table)
                | f"Group{label}" >> beam.GroupByKey()
                | f"Write{label}" >> beam.ParDo(_WriteFileFn(self._lake, table), *before)
            )
        return written

    def _partition_key(self, record, table: Table):
        shard = int(hashlib.sha256(table.row_key(record).encode("utf-8")).hexdigest()[:8], 16) % self._shards
        return (table.partition_value(record), shard), record
