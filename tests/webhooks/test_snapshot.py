"""The live snapshot, pure: arrival order never matters, only when things happened."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from wmdctl.event.load import load_event
from wmdctl.webhooks.livestore import Instance, Movement
from wmdctl.webhooks.snapshot import build_snapshot

T0 = datetime(2021, 10, 7, 13, 0, tzinfo=UTC)
EVENT = load_event(None)


def move(who: str, kind: str, minute: float, ts: int = 0) -> Movement:
    return Movement(who, kind, T0 + timedelta(minutes=minute), ts or int(minute * 1000), who.title(),
                    f"{who}@x.org", "")  # fmt: skip


def snap(moves: list[Movement], *, started: bool = True, ended: float | None = None, now: float = 200) -> dict:
    instance = Instance("uuid", T0 if started else None, T0 + timedelta(minutes=ended) if ended is not None else None)
    return build_snapshot("1", instance, moves, EVENT.panels, T0 + timedelta(minutes=now))


def test_every_arrival_order_gives_the_same_snapshot() -> None:
    moves = [move("ana", "joined", 1), move("ana", "left", 20), move("ana", "joined", 25), move("bea", "joined", 5)]
    results = {str(snap(list(order), now=30)) for order in itertools.permutations(moves)}
    assert len(results) == 1
    one = snap(moves, now=30)
    assert one["status"] == "live"
    assert [p["name"] for p in one["in_now"]["people"]] == ["Ana", "Bea"]
    assert one["in_now"]["people"][0]["since"] == (T0 + timedelta(minutes=25)).isoformat()


def test_left_before_joined_is_a_finished_stay() -> None:
    moves = [move("ana", "left", 30, ts=2), move("ana", "joined", 10, ts=1)]
    result = snap(moves, now=40)
    assert result["in_now"]["count"] == 0
    counts = {p["at"][11:16]: p["count"] for p in result["timeline"]}
    assert (counts["13:05"], counts["13:15"], counts["13:35"]) == (0, 1, 0)


def test_a_leave_whose_join_was_lost_counts_from_the_start() -> None:
    result = snap([move("ana", "left", 30)], now=40)
    counts = {p["at"][11:16]: p["count"] for p in result["timeline"]}
    assert (counts["13:00"], counts["13:29"], counts["13:30"]) == (1, 1, 0)


def test_a_lost_rejoin_is_counted_from_the_last_leave_never_twice() -> None:
    result = snap([move("ana", "joined", 10), move("ana", "left", 20), move("ana", "left", 30)], now=40)
    counts = {p["at"][11:16]: p["count"] for p in result["timeline"]}
    assert (counts["13:05"], counts["13:15"], counts["13:25"], counts["13:35"]) == (0, 1, 1, 0)
    assert max(counts.values()) == 1


def test_ended_closes_every_stay_and_the_series() -> None:
    result = snap([move("ana", "joined", 1), move("bea", "joined", 2)], ended=90, now=500)
    assert result["status"] == "ended"
    assert result["in_now"]["count"] == 0
    assert result["timeline"][-1]["at"] <= (T0 + timedelta(minutes=90)).isoformat()
    assert result["peak"]["count"] == 2


def test_quiet_without_ended_stops_the_series_at_the_last_event() -> None:
    result = snap([move("ana", "joined", 1), move("ana", "left", 10)], now=60 * 24 * 365)
    assert result["status"] == "quiet"
    assert len(result["timeline"]) == 11  # 13:00 (the start) to 13:10, a point a minute, not a year of zeros


def test_who_is_present_in_each_panel_window() -> None:
    first, second = EVENT.panels[0], EVENT.panels[1]
    start = (first.start - T0).total_seconds() / 60
    split = (second.start - T0).total_seconds() / 60
    moves = [move("ana", "joined", start), move("ana", "left", split - 1),  # only panel 1
             move("bea", "joined", split + 5),  # only panel 2, still in
             move("cai", "joined", start + 5), move("cai", "left", split + 10)]  # both  # fmt: skip
    result = snap(moves, now=split + 20)
    panels = {p["number"]: [person["name"] for person in p["people"]] for p in result["panels"]}
    assert panels == {1: ["Ana", "Cai"], 2: ["Bea", "Cai"]}
    cai = next(p for p in result["panels"][1]["people"] if p["name"] == "Cai")
    assert cai["minutes"] == 10.0


def test_not_started() -> None:
    result = build_snapshot("1", None, [], EVENT.panels, T0)
    assert (result["status"], result["in_now"]["count"], result["timeline"], result["peak"]) == (
        "not started", 0, [], None,
    )  # fmt: skip
    assert [p["count"] for p in result["panels"]] == [0] * len(EVENT.panels)
