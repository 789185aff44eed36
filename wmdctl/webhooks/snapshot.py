"""Who is in the webinar now, the count over time, and who was present in each panel's window. Pure.

Each person's joins and leaves are sorted by when they happened. A leave whose join never arrived (Zoom
drops events after its last retry) still proves the person was there: their stay then starts at the
instance's start, or, if that is unknown too, at the leave itself.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from wmdctl.event.model import Panel
from wmdctl.webhooks.livestore import Instance, Movement

QUIET = timedelta(hours=1)  # no participant event for this long, and no `ended`: the webinar is over
MAX_POINTS = 120  # the count-over-time series: one point a minute, or coarser for a long webinar


@dataclass(frozen=True)
class Stay:
    identity: str
    name: str
    email: str
    start: datetime
    end: datetime | None  # None: still in


def stays(moves: Sequence[Movement], instance: Instance | None) -> list[Stay]:
    by_person: dict[str, list[Movement]] = {}
    for move in moves:
        by_person.setdefault(move.identity, []).append(move)
    result = []
    began = instance.started_at if instance else None
    ended = instance.ended_at if instance else None
    for identity, own in by_person.items():
        own.sort(key=lambda m: (m.at, m.event_ts))
        name = next((m.name for m in reversed(own) if m.name), "")
        email = next((m.email for m in reversed(own) if m.email), "")
        opened: datetime | None = None
        out_since = began if began and began <= own[0].at else None  # when they were last known to be out
        for move in own:
            if move.kind == "joined":
                opened = opened or move.at
            else:
                result.append(Stay(identity, name, email, opened or out_since or move.at, move.at))
                opened, out_since = None, move.at
        if opened is not None:
            result.append(Stay(identity, name, email, opened, max(ended, opened) if ended else None))
    return result


def _person(stay: Stay) -> dict[str, str]:
    return {"name": stay.name, "email": stay.email}


def timeline(all_stays: Sequence[Stay], began: datetime | None, until: datetime) -> list[dict[str, Any]]:
    """The number of people in at each step, from the instance's start (or the first join) to ``until``.

    A person's stays never overlap (see `stays`), so counting stays counts people: two sorted lists and a
    bisection per point, fast enough to redraw thousands of participants every second.
    """
    if not all_stays:
        return []
    first = min([s.start for s in all_stays] + ([began] if began else [])).replace(second=0, microsecond=0)
    span = max(until - first, timedelta(0))
    step = max(timedelta(minutes=1), timedelta(minutes=-(-span.total_seconds() // 60 // MAX_POINTS)))
    starts = sorted(s.start for s in all_stays)
    ends = sorted(s.end for s in all_stays if s.end is not None)
    points, moment = [], first
    while moment <= until:
        points.append({"at": moment.isoformat(), "count": bisect_right(starts, moment) - bisect_right(ends, moment)})
        moment += step
    return points


def panel_presence(all_stays: Sequence[Stay], panel: Panel) -> dict[str, Any]:
    start, end = panel.start, panel.end
    minutes: dict[str, float] = {}
    people: dict[str, Stay] = {}
    for stay in all_stays:
        overlap = min(stay.end or end, end) - max(stay.start, start)
        if overlap.total_seconds() > 0:
            minutes[stay.identity] = minutes.get(stay.identity, 0.0) + overlap.total_seconds() / 60
            people[stay.identity] = stay
    listed = sorted(people, key=lambda i: (people[i].name.casefold(), i))
    return {
        "number": panel.number, "title": panel.title, "start": panel.start.isoformat(), "end": panel.end.isoformat(),
        "count": len(listed),
        "people": [{**_person(people[i]), "minutes": round(minutes[i], 1)} for i in listed],
    }  # fmt: skip


def _series_end(moves: Sequence[Movement], now: datetime) -> datetime:
    """Now, while events keep coming; without an ``ended`` (Zoom may drop it), the last event once all is quiet."""
    last = max((m.at for m in moves), default=now)
    if now < last:  # our clock is behind Zoom's
        return last
    return now if now - last <= QUIET else last


def build_snapshot(
    webinar_id: str,
    instance: Instance | None,
    moves: Sequence[Movement],
    panels: Sequence[Panel],
    now: datetime,
) -> dict[str, Any]:
    """The `wmdctl live --json` document: a stable shape, every key always present."""
    all_stays = stays(moves, instance)
    ended = instance.ended_at if instance else None
    until = ended or _series_end(moves, now)
    if ended:
        status = "ended"
    elif not (moves or (instance and instance.started_at)):
        status = "not started"
    else:
        status = "live" if until == now else "quiet"  # quiet: nothing for an hour, and no `ended` received
    inside = sorted((s for s in all_stays if s.end is None), key=lambda s: (s.name.casefold(), s.identity))
    series = timeline(all_stays, instance.started_at if instance else None, until)
    peak = max(series, key=lambda p: p["count"], default=None)
    return {
        "webinar_id": webinar_id,
        "webinar_uuid": instance.webinar_uuid if instance else None,
        "status": status,
        "started_at": instance.started_at.isoformat() if instance and instance.started_at else None,
        "ended_at": ended.isoformat() if ended else None,
        "as_of": now.isoformat(),
        "in_now": {"count": len({s.identity for s in inside}),
                   "people": [{**_person(s), "since": s.start.isoformat()} for s in inside]},
        "peak": peak,
        "participants_seen": len({m.identity for m in moves}),
        "timeline": series,
        "panels": [panel_presence(all_stays, p) for p in panels],
    }  # fmt: skip
