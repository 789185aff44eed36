"""The companion meeting: its payload, what it holds now, and the difference.

Zoom has no breakout-room API for webinars; only a *meeting* can carry
pre-assigned rooms (``settings.breakout_room.rooms``). The meeting's rooms are
also our memory: reading them back gives the "existing assignment" the planner
keeps sticky, so no local copy can drift from what Zoom has.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from wmdctl.breakouts.model import BreakoutPlan, normalise_email
from wmdctl.event.model import Event
from wmdctl.zoom.times import parse_zoom_time

SCHEDULED_MEETING = 2
_COMPARED_FIELDS = ("topic", "type", "timezone", "duration", "agenda")


def meeting_body(event: Event, plan: BreakoutPlan) -> dict[str, Any]:
    """The full create payload. start_time is local wall time plus an IANA zone (notes §12.1), so Zoom applies DST."""
    config = event.breakouts
    local_start = config.start.astimezone(ZoneInfo(event.timezone))
    return {
        "topic": config.meeting_topic[:200],
        "type": SCHEDULED_MEETING,
        "start_time": local_start.strftime("%Y-%m-%dT%H:%M:%S"),
        "timezone": event.timezone,
        "duration": config.duration_minutes,
        "agenda": f"Panel breakout discussions after the webinar “{event.topic}”.",
        "settings": {"breakout_room": breakout_room_setting(plan)},
    }


def breakout_room_setting(plan: BreakoutPlan) -> dict[str, Any]:
    return {
        "enable": True,
        "rooms": [{"name": room.name, "participants": list(room.participants)} for room in plan.rooms],
    }


def existing_assignment(meeting: Mapping[str, Any] | None) -> dict[str, list[str]]:
    """Room name → participant emails, as the meeting holds them now."""
    if not meeting:
        return {}
    setting = (meeting.get("settings") or {}).get("breakout_room") or {}
    rooms: dict[str, list[str]] = {}
    for room in setting.get("rooms") or ():
        name = str(room.get("name") or "")
        rooms.setdefault(name, []).extend(normalise_email(str(e)) for e in room.get("participants") or ())
    return rooms


def _rooms_key(setting: Mapping[str, Any]) -> tuple[bool, dict[str, frozenset[str]]]:
    # Order and letter case of emails carry no meaning to Zoom; comparing them would cause needless writes.
    rooms = {
        str(r.get("name") or ""): frozenset(normalise_email(str(e)) for e in r.get("participants") or ())
        for r in setting.get("rooms") or ()
    }
    return bool(setting.get("enable")), rooms


def meeting_changes(desired: Mapping[str, Any], current: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The PATCH body (only what differs) and one human line per difference."""
    patch: dict[str, Any] = {}
    lines: list[str] = []
    for name in _COMPARED_FIELDS:
        if desired.get(name) != current.get(name):
            patch[name] = desired[name]
            lines.append(f"{name}: {current.get(name)!r} → {desired[name]!r}")
    timezone = str(desired.get("timezone") or "UTC")
    if parse_zoom_time(desired["start_time"], timezone) != parse_zoom_time(current.get("start_time"), timezone):
        patch["start_time"] = desired["start_time"]
        patch["timezone"] = desired["timezone"]  # the wall time only means something with its zone
        lines.append(f"start_time: {current.get('start_time')!r} → {desired['start_time']!r} ({timezone})")
    wanted = desired["settings"]["breakout_room"]
    have = (current.get("settings") or {}).get("breakout_room") or {}
    if _rooms_key(wanted) != _rooms_key(have):
        patch["settings"] = {"breakout_room": wanted}
        lines.extend(_describe_room_changes(_rooms_key(wanted)[1], _rooms_key(have)[1]))
    return patch, lines


def _describe_room_changes(wanted: Mapping[str, frozenset[str]], have: Mapping[str, frozenset[str]]) -> list[str]:
    lines = [f"new room {name!r} with {len(wanted[name])}" for name in wanted if name not in have]
    lines += [f"room {name!r} removed or renamed" for name in have if name not in wanted]
    for name in wanted:
        if name in have and wanted[name] != have[name]:
            added, removed = len(wanted[name] - have[name]), len(have[name] - wanted[name])
            lines.append(f"room {name!r}: +{added} −{removed}")
    return lines or ["breakout rooms: enable pre-assignment"]
