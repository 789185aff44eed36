from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from wmdctl.reports import segments
from wmdctl.reports.segments import Step


def test_overlapping_segments_merge_and_are_never_double_counted() -> None:
    merged = segments.merge([(0, 600), (300, 900), (1200, 1500), (1400, 1450)])
    assert merged == [(0, 900), (1200, 1500)]
    assert segments.total_seconds(merged) == 900 + 300


def test_touching_segments_merge_and_empty_ones_do_not_bridge_gaps() -> None:
    assert segments.merge([(0, 60), (60, 120)]) == [(0, 120)]
    # An empty (clamped) segment inside a gap must not join the two sides.
    assert segments.merge([(0, 60), (90, 90), (120, 180)]) == [(0, 60), (120, 180)]


def test_leave_before_join_is_clamped_and_reported() -> None:
    interval, clamped = segments.clamp(500, 400)
    assert clamped is True
    assert interval == (500, 500)
    assert segments.clamp(400, 500) == ((400, 500), False)


def test_panel_window_edges_are_half_open() -> None:
    window = (1000, 2000)
    # Leaving exactly when the panel starts: no time in it.
    assert segments.overlap_seconds([(0, 1000)], window) == 0
    # Joining exactly when it ends: no time in it either.
    assert segments.overlap_seconds([(2000, 2600)], window) == 0
    # One second inside at each edge counts.
    assert segments.overlap_seconds([(0, 1001), (1999, 2600)], window) == 2
    assert segments.overlap_seconds([(500, 2500)], window) == 1000


def test_zoom_times_are_utc_and_naive_datetimes_are_refused() -> None:
    assert segments.parse_zoom_time("2021-10-07T13:00:00Z") == int(datetime(2021, 10, 7, 13, tzinfo=UTC).timestamp())
    assert segments.parse_zoom_time("") is None
    assert segments.parse_zoom_time(None) is None
    cest = timezone(timedelta(hours=2))
    assert segments.to_epoch(datetime(2021, 10, 7, 15, tzinfo=cest)) == segments.parse_zoom_time("2021-10-07T13:00:00Z")
    with pytest.raises(ValueError, match="naive"):
        segments.to_epoch(datetime(2021, 10, 7, 15))


def test_concurrency_counts_leaves_before_joins_at_the_same_instant() -> None:
    # A leaves at 100 exactly when B joins: never two people at once.
    steps = segments.concurrency([[(0, 100)], [(100, 200)]])
    assert max(s.count for s in steps) == 1
    steps = segments.concurrency([[(0, 100)], [(50, 200)], [(60, 70)]])
    top = segments.peak(steps)
    assert top == Step(60, 3)
    assert segments.peak(segments.concurrency([])) is None


def test_bucket_peaks_catch_short_spikes_inside_a_bucket() -> None:
    steps = segments.concurrency([[(0, 600)], [(100, 130)]])
    buckets = segments.bucket_peaks(steps, 0, 900, 300)
    assert buckets == [(0, 2), (300, 1), (600, 0)]
