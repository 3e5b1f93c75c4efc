"""Failures as data.

Every element-level stage emits its good records on the main output and a DeadLetterRecord on the ``dead_letter``
output for each element it could not process; the pipeline always writes the dead letters to the lake.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

import apache_beam as beam
from apache_beam.metrics import Metrics

from wirelake.schemas import DeadLetterRecord

DEAD_LETTER = "dead_letter"
_PAYLOAD_LIMIT = 4096


class StageError(Exception):
    """An expected, explainable failure. ``code`` is the stable ``error_type`` written to the dead letters."""

    code = "error"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def error_code(exc: BaseException) -> str:
    return exc.code if isinstance(exc, StageError) else "unexpected_error"


def dead_letter(
    stage: str,
    exc: BaseException,
    *,
    url: str | None,
    ingested_at: dt.datetime,
    feed_url: str | None = None,
    payload: str | bytes | None = None,
) -> DeadLetterRecord:
    code = error_code(exc)
    key = "\x1f".join([ingested_at.date().isoformat(), stage, url or feed_url or repr(payload)[:200], code])
    if isinstance(payload, bytes):
        payload = payload[:_PAYLOAD_LIMIT].decode("utf-8", "replace")
    return DeadLetterRecord(
        dead_letter_id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:32],
        stage=stage,
        url=url,
        feed_url=feed_url,
        error_type=code,
        error_class=type(exc).__name__,
        error_message=str(exc) or type(exc).__name__,
        payload=payload[:_PAYLOAD_LIMIT] if payload else None,
        failed_at=utc_now(),
        ingested_at=ingested_at,
    )


class StageDoFn(beam.DoFn):
    """A DoFn whose failures become dead letters instead of failing the bundle.

    Subclasses implement ``run(element)`` returning the outputs for one element (a list, so an element either
    succeeds completely or fails completely) and ``describe(element)`` returning (url, feed_url) for the dead letter.
    """

    stage = "stage"

    def __init__(self, ingested_at: dt.datetime | None):
        self._ingested_at = ingested_at
        self._received = Metrics.counter(self.stage, "received")
        self._succeeded = Metrics.counter(self.stage, "succeeded")
        self._failed = Metrics.counter(self.stage, "dead_lettered")

    @property
    def ingested_at(self) -> dt.datetime:
        """The batch run's start time; in streaming (None given) the time the row is made."""
        return self._ingested_at or utc_now()

    def run(self, element: Any) -> Iterable[Any]:
        raise NotImplementedError

    def describe(self, element: Any) -> tuple[str | None, str | None]:
        return None, None

    def payload(self, element: Any) -> str | None:
        return None

    def attempt(self, element: Any) -> tuple[bool, list]:
        """(succeeded, outputs) for one element; safe to call from worker threads (no metrics touched here)."""
        try:
            return True, list(self.run(element))
        except Exception as exc:  # every failure, expected or not, is recorded as a dead letter row
            url, feed_url = self.describe(element)
            failure = dead_letter(
                self.stage,
                exc,
                url=url,
                feed_url=feed_url,
                ingested_at=self.ingested_at,
                payload=self.payload(element),
            )
            return False, [beam.pvalue.TaggedOutput(DEAD_LETTER, failure)]

    def count(self, succeeded: bool) -> None:
        self._received.inc()
        (self._succeeded if succeeded else self._failed).inc()

    def process(self, element: Any):
        succeeded, outputs = self.attempt(element)
        self.count(succeeded)
        yield from outputs
