"""Files for the people who run the rooms: portal CSV, per-room lists, run sheet.

The portal-import CSV is Zoom's pre-assign template ("Pre-assign Room Name",
"Email Address"), for hosts who import rooms in the web portal instead of (or as
well as) relying on the API. Every CSV goes through ``wmdctl.tabular`` so a
registration answer such as ``=HYPERLINK(...)`` cannot become a live formula.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from wmdctl.breakouts.model import CAVEAT, BreakoutPlan, Room
from wmdctl.event.model import Event
from wmdctl.state.files import write_text_atomic
from wmdctl.tabular import neutralise_formula, write_csv

PREASSIGN_FILE = "breakout-preassign.csv"
RUN_SHEET_FILE = "breakout-run-sheet.md"
PREASSIGN_COLUMNS = ("Pre-assign Room Name", "Email Address")
ROOM_COLUMNS = ("Role", "Name", "Email", "Organisation")
_ROOM_FILE = re.compile(r"room-\d{2,}-[a-z0-9-]+\.csv")


def room_file_name(position: int, room: Room) -> str:
    """``room-01-panel-1-creating-caring-metropolises-room-a.csv``: ASCII, sortable, unique by position."""
    ascii_name = unicodedata.normalize("NFKD", room.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].rstrip("-")
    return f"room-{position:02d}-{slug or 'room'}.csv"


def export_breakouts(plan: BreakoutPlan, event: Event, out_dir: Path) -> list[Path]:
    """Write the portal CSV, one CSV per room and the run sheet; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [_write_preassign(plan, out_dir / PREASSIGN_FILE)]
    for position, room in enumerate(plan.rooms, start=1):
        written.append(_write_room(plan, room, out_dir / room_file_name(position, room)))
    _remove_stale_room_files(out_dir, keep=set(written))
    run_sheet = out_dir / RUN_SHEET_FILE
    # 0600: the run sheet holds the meeting's join link and the room lists people's emails.
    write_text_atomic(run_sheet, run_sheet_markdown(plan, event), private=True)
    written.append(run_sheet)
    return written


def _remove_stale_room_files(out_dir: Path, keep: set[Path]) -> None:
    # A facilitator must not pick up the list of a room that no longer exists after a re-export.
    for path in out_dir.glob("room-*.csv"):
        if _ROOM_FILE.fullmatch(path.name) and path not in keep:
            path.unlink()


def _write_preassign(plan: BreakoutPlan, path: Path) -> Path:
    # No byte order mark: Zoom's importer reads the first header cell literally.
    rows = [(room.name, email) for room in plan.rooms for email in room.participants]
    write_csv(path, PREASSIGN_COLUMNS, rows, private=True)
    return path


def _write_room(plan: BreakoutPlan, room: Room, path: Path) -> Path:
    rows = []
    for email in room.participants:
        person = plan.people.get(email)
        role = person.role if person else "attendee"
        rows.append((role, person.name if person else "", email, person.organisation if person else ""))
    # A BOM so Excel shows accented names correctly when a facilitator double-clicks the file.
    write_csv(path, ROOM_COLUMNS, rows, bom=True, private=True)
    return path


def _md(text: str) -> str:
    """Table-safe Markdown: a pipe or newline in a name must not break the table."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|")


def _person(text: str) -> str:
    """A registrant's value in the run sheet: Markdown-safe, and no live formula if pasted into a sheet."""
    return _md(neutralise_formula(text))


def _timings(event: Event) -> list[str]:
    config = event.breakouts
    start = config.start.astimezone(ZoneInfo(event.timezone))
    end = start + timedelta(minutes=config.duration_minutes)
    steps = [
        (start, "Meeting opens. Make co-hosts of the facilitators; share the join link in the webinar chat."),
        (start + timedelta(minutes=2), "Open all breakout rooms: pre-assigned people are moved automatically."),
        (start + timedelta(minutes=3), "Place everyone still in the main session by hand (see the list below)."),
    ]
    if config.duration_minutes > 10:
        steps.append((end - timedelta(minutes=5), "Broadcast: five minutes left."))
    steps.append((end, "Close the rooms and thank everyone."))
    rows = ["| Time | What |", "| --- | --- |"]
    rows += [f"| {when:%H:%M} | {_md(what)} |" for when, what in steps]
    return rows


def _room_section(plan: BreakoutPlan, event: Event, position: int, room: Room) -> list[str]:
    lines = [f"### {_md(room.name)}", "", f"{room.size} people · list: `{room_file_name(position, room)}`", ""]
    if room.facilitators:
        lines.append("Facilitators:")
        for email in room.facilitators:
            person = plan.people[email]
            org = f", {_person(person.organisation)}" if person.organisation else ""
            lines.append(f"- {_person(person.name)} ({person.role}{org}) — {_person(email)}")
    else:
        lines.append("Facilitators: **none from the panel**: ask a co-host to facilitate.")
    panel = next((p for p in event.panels if p.number == room.panel), None)
    if panel is not None and panel.questions:
        lines += ["", "Discussion questions:"]
        lines += [f"{n}. {_md(question)}" for n, question in enumerate(panel.questions, start=1)]
    return [*lines, ""]


def _by_hand_section(plan: BreakoutPlan) -> list[str]:
    lines = [
        "## Place by hand",
        "",
        "Also anyone who joins **not signed in** to Zoom, or signed in with another email than the one they "
        "registered with: ask for their name and panel in the chat and move them.",
        "",
    ]
    if not plan.unplaced:
        return [*lines, "Nobody else: everyone who registered has a room.", ""]
    lines += ["| Name | Email | Panel | Reason |", "| --- | --- | --- | --- |"]
    for person in plan.unplaced:
        panel = str(person.panel) if person.panel is not None else "—"
        lines.append(f"| {_person(person.name)} | {_person(person.email)} | {panel} | {_md(person.reason)} |")
    return [*lines, ""]


def run_sheet_markdown(plan: BreakoutPlan, event: Event) -> str:
    config = event.breakouts
    start = config.start.astimezone(ZoneInfo(event.timezone))
    lines = [
        f"# Breakout run sheet: {_md(config.meeting_topic)}",
        "",
        f"After the webinar “{_md(event.topic)}”. Meeting {start:%A %d %B %Y, %H:%M} ({event.timezone}), "
        f"{config.duration_minutes} minutes.",
    ]
    if plan.join_url:
        lines.append(f"Join link: {plan.join_url}")
    lines += ["", f"> **Caveat.** {CAVEAT}", "", "## Timings", "", *_timings(event), "", "## Rooms", ""]
    for position, room in enumerate(plan.rooms, start=1):
        lines += _room_section(plan, event, position, room)
    lines += _by_hand_section(plan)
    if plan.warnings:
        lines += ["## Warnings", "", *[f"- {_md(w)}" for w in plan.warnings], ""]
    return "\n".join(lines)
