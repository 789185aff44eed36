"""Time intervals: merging join/leave segments, panel windows, concurrency.

Zoom reports one row per join/leave segment, and the segments of one person
can overlap (two devices, a failover, a rejoin before the old session timed
out), so minutes are computed from the *union* of a person's segments, never
from the sum of ``duration``.

Convention, used everywhere in this package: an interval is **half-open**,
``[start, end)``, in whole UTC epoch seconds. A person is present at instant
``t`` when ``start <= t < end``. Consequences, all deliberate:

- a panel window ``[panel.start, panel.end)`` includes its first second and
  excludes its last, so a person who leaves exactly at ``panel.start`` gets
  0 minutes of that panel, and one who joins exactly at ``panel.end`` too;
- two segments that touch (``a.end == b.start``) merge into one;
- at an instant where one person leaves and another joins, the concurrency
  count does not double up (leaves are applied before joins).

Epoch seconds (ints) rather than datetimes keep 30,000 segments small.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from wmdctl.zoom.times import parse_zoom_time as zoom_time

Interval = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ClampedSegment:
    """A segment whose leave time was before its join time (a Zoom clock glitch)."""

    join: int
    leave: int


def to_epoch(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: Zoom times must carry a zone")
    return int(moment.timestamp())


def from_epoch(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


def parse_zoom_time(text: str | None) -> int | None:
    """Epoch seconds for a Zoom timestamp (``2021-10-07T13:05:00Z``; a bare time from a report is UTC); None for blank.

    Text that is not a time raises ValueError: a row is never dropped silently for a time it could not read.
    """
    if not text:
        return None
    moment = zoom_time(text)
    if moment is None:
        raise ValueError(f"not a Zoom time: {text!r}")
    return to_epoch(moment)


def clamp(join: int, leave: int) -> tuple[Interval, bool]:
    """The segment, with ``leave`` raised to ``join`` if it came first; and whether it was clamped.

    A clamped segment counts as zero minutes rather than negative ones, and the
    caller reports it instead of silently dropping the row.
    """
    if leave < join:
        return (join, join), True
    return (join, leave), False


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """The union of ``intervals`` as sorted, disjoint, non-touching intervals."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue  # empty: contributes nothing, and must not bridge two real segments
        if merged and start <= merged[-1][1]:
            last_start, last_end = merged[-1]
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return merged


def total_seconds(merged: Sequence[Interval]) -> int:
    return sum(end - start for start, end in merged)


def overlap_seconds(merged: Sequence[Interval], window: Interval) -> int:
    """Seconds of ``merged`` inside the half-open ``window``."""
    window_start, window_end = window
    return sum(max(0, min(end, window_end) - max(start, window_start)) for start, end in merged)


@dataclass(frozen=True, slots=True)
class Step:
    """From ``at`` until the next step, ``count`` people were present."""

    at: int
    count: int


def concurrency(people: Iterable[Sequence[Interval]]) -> list[Step]:
    """The step function of how many people were present, from each person's merged intervals.

    Each person's intervals must already be merged, so one person on two
    devices counts once.
    """
    events: list[tuple[int, int]] = []
    for intervals in people:
        for start, end in intervals:
            events.append((start, +1))
            events.append((end, -1))
    # (t, -1) sorts before (t, +1): leaves first, per the half-open convention.
    events.sort()
    steps: list[Step] = []
    present = 0
    for at, delta in events:
        present += delta
        if steps and steps[-1].at == at:
            steps[-1] = Step(at, present)
        else:
            steps.append(Step(at, present))
    return steps


def peak(steps: Sequence[Step]) -> Step | None:
    """The first moment the most people were present; None when nobody came."""
    best: Step | None = None
    for step in steps:
        if step.count > 0 and (best is None or step.count > best.count):
            best = step
    return best


def bucket_peaks(steps: Sequence[Step], start: int, end: int, bucket_seconds: int) -> list[tuple[int, int]]:
    """For each bucket ``[t, t + bucket_seconds)`` from ``start`` to ``end``, the most people present in it."""
    if end <= start or bucket_seconds <= 0:
        return []
    buckets: list[tuple[int, int]] = []
    index = 0
    current = 0
    bucket_start = start
    while bucket_start < end:
        bucket_end = bucket_start + bucket_seconds
        # The count in force when the bucket opens, then every change inside it.
        while index < len(steps) and steps[index].at <= bucket_start:
            current = steps[index].count
            index += 1
        highest = current
        while index < len(steps) and steps[index].at < bucket_end:
            current = steps[index].count
            highest = max(highest, current)
            index += 1
        buckets.append((bucket_start, highest))
        bucket_start = bucket_end
    return buckets
