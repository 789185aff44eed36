"""The human form of `wmdctl breakouts plan|apply|show` and of the demo's breakouts step."""

from __future__ import annotations

from wmdctl.breakouts.model import BreakoutPlan
from wmdctl.output import Output

ROOM_COLUMNS = ("Room", "People", "New", "Facilitators")
UNPLACED_COLUMNS = ("Name", "Email", "Panel", "Reason")


def room_rows(plan: BreakoutPlan) -> list[tuple[str, int, int, str]]:
    rows = []
    for room in plan.rooms:
        names = [plan.people[e].name if e in plan.people else e for e in room.facilitators]
        rows.append((room.name, room.size, len(room.added), ", ".join(names) or "(none: needs a co-host)"))
    return rows


def unplaced_rows(plan: BreakoutPlan) -> list[tuple[str, str, str, str]]:
    return [(u.name, u.email, "—" if u.panel is None else str(u.panel), u.reason) for u in plan.unplaced]


def summary_line(plan: BreakoutPlan) -> str:
    text = f"{len(plan.rooms)} room(s), {plan.assigned_count} people pre-assigned"
    if plan.added_count:
        text += f" ({plan.added_count} new)"
    if plan.unplaced:
        text += f", {len(plan.unplaced)} to place by hand"
    if plan.dropped:
        text += f", {len(plan.dropped)} removed (no longer approved registrants or panelists)"
    return text


def render_plan(output: Output, plan: BreakoutPlan, title: str) -> None:
    """The rooms, who to place by hand, the plan's warnings and its summary line."""
    output.table(ROOM_COLUMNS, room_rows(plan), title=title)
    if plan.unplaced:
        output.table(UNPLACED_COLUMNS, unplaced_rows(plan), title="Place by hand")
    for warning in plan.warnings:
        output.warn(warning)
    output.info(summary_line(plan))


def render_rooms(output: Output, plan: BreakoutPlan) -> None:
    """The demo's step: the rooms table (not with --json: stdout carries only the result) and the summary."""
    if not output.json_mode:
        output.table(ROOM_COLUMNS, room_rows(plan), title="Breakout rooms")
    output.success(summary_line(plan))
