"""The Parquet lake: ``LAKE/<table>/<partition>=<YYYY-MM-DD>/part-<digest>.parquet``.

Writes are idempotent. Rows whose key is already in the lake are dropped, a file's name is a digest of the keys it
holds (a re-run that produces the same rows replaces the same file), and each file is written under a temporary name
and renamed into place, so readers never see half a file. Works on any Beam filesystem (local, gs://, s3://).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

import apache_beam as beam
import pyarrow.parquet as pq
from apache_beam.io import fileio
from apache_beam.io.fileio import EmptyMatchTreatment
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics
from apache_beam.transforms.window import IntervalWindow

from wirelake.schemas import TABLES, Table


def table_glob(lake: str, table: Table) -> str:
    return FileSystems.join(lake, table.name, "*", "part-*.parquet")


def file_path(lake: str, table: Table, partition: str, keys: list[str], prefix: str = "") -> str:
    digest = hashlib.sha256("\n".join(sorted(keys)).encode("utf-8")).hexdigest()[:24]
    name = f"part-{prefix}{digest}.parquet"
    return FileSystems.join(lake, table.name, f"{table.partition_name}={partition}", name)


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


def existing_keys(lake: str, table: Table, keys: set[str], since: dt.date) -> set[str]:
    """Which of ``keys`` are already in partitions dated ``since`` or later (for streaming writes)."""
    found: set[str] = set()
    for match in FileSystems.match([table_glob(lake, table)])[0].metadata_list:
        partition = match.path.rsplit("/", 2)[-2].split("=", 1)[-1]
        if partition < since.isoformat():
            continue
        with FileSystems.open(match.path, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
            rows = pq.read_table(handle, columns=list(table.key)).to_pylist()
        found.update(k for k in map(table.row_key, rows) if k in keys)
    return found


class _WriteFileFn(beam.DoFn):
    def __init__(self, lake: str, table: Table, recheck: dt.timedelta | None = None):
        self._lake, self._table, self._recheck = lake, table, recheck
        self._rows = Metrics.counter("write_lake", f"{table.name}_rows")
        self._skipped = Metrics.counter("write_lake", f"{table.name}_already_present")

    def process(self, keyed, window=beam.DoFn.WindowParam, *_written_before):
        (partition, _shard), records = keyed
        records = sorted(records, key=self._table.row_key)
        if self._recheck is not None:  # streaming: a replayed message must not add a row twice
            keys = {self._table.row_key(r) for r in records}
            since = dt.date.fromisoformat(partition) - self._recheck
            present = existing_keys(self._lake, self._table, keys, since)
            fresh = {}
            for r in records:
                if self._table.row_key(r) not in present:
                    fresh.setdefault(self._table.row_key(r), r)
            self._skipped.inc(len(records) - len(fresh))
            records = list(fresh.values())
            if not records:
                return
        prefix = ""
        if isinstance(window, IntervalWindow):
            prefix = window.start.to_utc_datetime().strftime("%Y%m%dT%H%M%S") + "-"
        keys = [self._table.row_key(r) for r in records]
        path = file_path(self._lake, self._table, partition, keys, prefix)
        write_parquet(path, self._table, records)
        self._rows.inc(len(records))
        yield path


class WriteLake(beam.PTransform):
    """Write {table name: PCollection of records} to the lake; returns {table name: PCollection of file paths}.

    Batch: rows whose key is already in the lake are dropped first, and tables are written in schema order
    (articles, clusters, dead letters, feed log), so the feed log, which lets the next run skip unchanged feeds, is
    only written once the articles it accounts for are safely in the lake.

    Streaming (``streaming=True``, windowed input): one file per window, partition and shard, named after the window
    and the rows' keys; each file drops rows already written in the last ``recheck`` of partitions, so messages
    replayed after a restart never add a row twice.
    """

    def __init__(
        self, lake: str, shards: int = 1, streaming: bool = False, recheck: dt.timedelta = dt.timedelta(days=2)
    ):
        super().__init__()
        self._lake, self._shards, self._streaming, self._recheck = lake, shards, streaming, recheck

    def expand(self, pcolls: dict[str, beam.PCollection]):
        written: dict[str, beam.PCollection] = {}
        for table in TABLES:
            if table.name not in pcolls:
                continue
            rows = pcolls[table.name]
            label = table.name.title().replace("_", "")
            if table.unique and not self._streaming:
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
            before = [] if self._streaming else [beam.pvalue.AsList(p) for p in written.values()]
            recheck = self._recheck if self._streaming and table.unique else None
            written[table.name] = (
                rows
                | f"Partition{label}" >> beam.Map(self._partition_key, table)
                | f"Group{label}" >> beam.GroupByKey()
                | f"Write{label}" >> beam.ParDo(_WriteFileFn(self._lake, table, recheck), *before)
            )
        return written

    def _partition_key(self, record, table: Table):
        shard = int(hashlib.sha256(table.row_key(record).encode("utf-8")).hexdigest()[:8], 16) % self._shards
        return (table.partition_value(record), shard), record
