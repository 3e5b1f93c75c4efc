"""Event time, windows and late data of the streaming job, on TestStream."""

import dataclasses
import datetime as dt

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.test_stream import TestStream
from apache_beam.testing.util import assert_that, equal_to
from apache_beam.utils.timestamp import Timestamp
from test_transforms import make_article

from wirelake.pipelines.streaming import event_time, feeds_due, lake_windows
from wirelake.transforms.feedlist import FeedSpec

NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
LATENESS = dt.timedelta(hours=1)


def with_published(published):
    return dataclasses.replace(make_article("https://a.example/x", "text", 20), published_at=published)


def test_event_time_is_publication_time_when_on_time():
    published = NOW - dt.timedelta(minutes=20)
    assert event_time(with_published(published), NOW, LATENESS) == published


def test_old_unknown_or_future_publication_times_become_ingest_time():
    for published in (NOW - dt.timedelta(days=3), None, NOW + dt.timedelta(days=1)):
        assert event_time(with_published(published), NOW, LATENESS) == NOW


class _Panes(beam.DoFn):
    def process(self, element, window=beam.DoFn.WindowParam, pane=beam.DoFn.PaneInfoParam):
        _key, values = element
        yield int(window.start), pane.timing, sorted(values)


def test_windows_fire_on_time_then_once_per_late_element_and_drop_later_ones():
    options = PipelineOptions()
    options.view_as(StandardOptions).streaming = True
    stream = (
        TestStream()
        .advance_watermark_to(0)
        .add_elements([beam.window.TimestampedValue("on-time", 12)])
        .advance_watermark_to(20)  # window [10, 15) fires
        .add_elements([beam.window.TimestampedValue("late", 13)])  # within 30 s of lateness: a late pane
        .advance_watermark_to(100)  # the window has expired
        .add_elements([beam.window.TimestampedValue("too-late", 14)])
        .advance_watermark_to_infinity()
    )
    with TestPipeline(options=options) as p:
        panes = (
            p
            | stream
            | lake_windows(window_seconds=5, allowed_lateness=30)
            | beam.Map(lambda v: ("k", v))
            | beam.GroupByKey()
            | beam.ParDo(_Panes())
        )
        assert_that(
            panes,
            equal_to(
                [
                    (10, beam.utils.windowed_value.PaneInfoTiming.ON_TIME, ["on-time"]),
                    (10, beam.utils.windowed_value.PaneInfoTiming.LATE, ["late"]),
                ]
            ),
        )


def test_feeds_are_due_at_their_own_interval():
    specs = [
        FeedSpec(url="https://a.example/every-tick"),
        FeedSpec(url="https://a.example/hourly", poll_interval_seconds=3600),
    ]
    base = 300.0
    due = [[s.url.rsplit("/", 1)[1] for s in feeds_due(Timestamp(tick * base), specs, base)] for tick in range(13)]
    assert due[0] == ["every-tick", "hourly"] and due[12] == ["every-tick", "hourly"]
    assert all(d == ["every-tick"] for d in due[1:12])
