"""Load the campaign file: TOML → validated Campaign, or one error listing every problem with its key path.

Each session's event is built by the event file's own validator (``build_event``), over the session's
merged layers (see ``merge``), so a session is checked exactly as an event file would be. Its problems come
back prefixed ``sessions[N].``, with the session's key and, when the value came from the defaults or from
the session's event file, where it came from.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wmdctl.campaign.merge import deep_merge, origin_of
from wmdctl.campaign.model import Campaign, Session
from wmdctl.errors import EventFileError, ValidationProblem
from wmdctl.event.load import build_event
from wmdctl.event.reader import Reader, Table
from wmdctl.event.sections import KEY_RE

EVENT_TABLES = ("event", "panels", "registration", "settings", "polls", "breakouts")
DEFAULT_TABLES = ("event", "registration", "settings", "polls", "breakouts")  # panels are each session's own
PROFILE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class CampaignFileError(EventFileError):
    """The campaign file is invalid; ``problems`` lists every problem, each with its key path."""

    def __init__(self, source: str, problems: list[ValidationProblem]) -> None:
        super().__init__(source, problems)
        self.message = f"{source}: {len(problems)} problem(s) in the campaign file"
        self.args = (self.message,)
        self.variable = "--campaign"
        self.hint = "fix the keys listed above, then run `wmdctl campaign plan` to check"


def load_campaign(path: Path) -> Campaign:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CampaignFileError(str(path), [ValidationProblem("file", "does not exist")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CampaignFileError(str(path), [ValidationProblem("file", f"cannot be read: {exc}")]) from None
    return parse_campaign(text, str(path), base_dir=path.parent)


def parse_campaign(text: str, source: str, *, base_dir: Path) -> Campaign:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CampaignFileError(source, [ValidationProblem("file", f"TOML syntax error: {exc}")]) from None
    return build_campaign(data, source, base_dir)


@dataclass(frozen=True)
class _Defaults:
    host: str
    tables: dict[str, Any]


def build_campaign(data: dict[str, Any], source: str, base_dir: Path) -> Campaign:
    reader = Reader()
    root = reader.root(data)
    meta = root.table("campaign", required=True)
    name = meta.text("name")
    year = meta.integer("year", 0, minimum=1900, maximum=9999) if meta.has("year") else None
    organisers = meta.texts("organisers", required=False)
    defaults = _read_defaults(root.table("defaults"), organisers)
    session_tables = root.tables("sessions", required=True)
    if root.has("sessions") and not session_tables:
        reader.add("sessions", "define at least one [[sessions]] table")
    sessions = [s for i, t in enumerate(session_tables) if (s := _read_session(t, i, defaults, base_dir))]
    _check_unique(reader, sessions)
    reader.unknown_key_problems()
    if reader.problems:
        raise CampaignFileError(source, reader.problems)
    return Campaign(name, year, organisers, tuple(sessions), source)


def _read_defaults(t: Table, organisers: tuple[str, ...]) -> _Defaults:
    host = t.email("host", required=False)
    tables: dict[str, Any] = {}
    for key in DEFAULT_TABLES:
        value = t.raw(key)
        if value is None:
            continue
        if isinstance(value, dict):
            tables[key] = value
        else:
            t.reader.add(t.where(key), "expected a table")
    if organisers and "organisers" not in tables.get("event", {}):
        # The campaign's organisers organise each session unless the defaults or the session say otherwise.
        tables["event"] = {**tables.get("event", {}), "organisers": list(organisers)}
    return _Defaults(host, tables)


def _read_session(t: Table, index: int, defaults: _Defaults, base_dir: Path) -> Session | None:
    key = t.text("key", required=False)
    profile = t.text("profile", required=False) or None
    if profile and not PROFILE_RE.match(profile):
        t.reader.add(t.where("profile"), "a profile name uses letters, digits, '.', '-' or '_'")
    host = t.email("host", required=False) or defaults.host or None
    file_name = t.text("file", required=False)
    file_data = _read_event_file(t, base_dir, file_name) if file_name else {}
    inline: dict[str, Any] = {}
    for table in EVENT_TABLES:
        value = t.raw(table)
        if value is not None:
            inline[table] = value
    if file_data is None:
        return None  # the file is unreadable: reported at sessions[N].file
    if not file_name and "event" not in inline:
        t.reader.add(t.where("event"), "give the session's event inline ([sessions.event] and its panels) "
                                       "or as a path: file = \"event.toml\"")  # fmt: skip
        return None
    layers = [("defaults", defaults.tables), (f"file {file_name}", file_data), ("session", inline)]
    merged = deep_merge(deep_merge(defaults.tables, file_data), inline)
    session_key = _session_key(t, key, merged)
    if session_key is None:
        return None
    key = session_key
    merged["event"] = {**merged.get("event", {}), "key": key}
    try:
        event = build_event(merged, f"sessions[{index}]")
    except EventFileError as error:
        for problem in error.problems:
            origin = origin_of(problem.where, layers)
            note = "" if origin == "session" else f", from {origin}"
            t.reader.add(f"{t.path}.{problem.where}", f"{problem.reason} (session {key!r}{note})")
        return None
    return Session(index, key, event, profile, host, f"{base_dir / file_name}" if file_name else "inline")


def _session_key(t: Table, key: str, merged: dict[str, Any]) -> str | None:
    """The session's key: ``key``, else its event's ``event.key``; they must agree when both are given."""
    event_key = merged.get("event", {}).get("key") if isinstance(merged.get("event"), dict) else None
    if key and isinstance(event_key, str) and event_key and event_key != key:
        inline_key = (t.data.get("event") or {}).get("key") if isinstance(t.data.get("event"), dict) else None
        if inline_key:  # a file's own key is simply overridden; an inline one that disagrees is a mistake
            t.reader.add(t.where("event.key"), f"{event_key!r} differs from the session's key {key!r}: keep one")
    key = key or (event_key if isinstance(event_key, str) else "")
    if not key:
        t.reader.add(t.where("key"), "required key is missing (or set event.key in the session's event)")
        return None
    if not KEY_RE.match(key):
        t.reader.add(t.where("key"), "use lower-case letters, digits, '.', '-' or '_' (e.g. 'wmd-2021')")
        return None
    return key


def _read_event_file(t: Table, base_dir: Path, file_name: str) -> dict[str, Any] | None:
    path = (base_dir / file_name).expanduser()
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        t.reader.add(t.where("file"), f"{path} does not exist")
    except (OSError, UnicodeDecodeError) as exc:
        t.reader.add(t.where("file"), f"{path} cannot be read: {exc}")
    except tomllib.TOMLDecodeError as exc:
        t.reader.add(t.where("file"), f"{path}: TOML syntax error: {exc}")
    return None


def _check_unique(reader: Reader, sessions: list[Session]) -> None:
    """Keys name state folders; topic + start is how a lost webinar id is found again on one account."""
    by_key: dict[str, int] = {}
    by_slot: dict[tuple[str | None, str, object], int] = {}
    for session in sessions:
        where = f"sessions[{session.index}]"
        if session.key in by_key:
            reader.add(f"{where}.key", f"{session.key!r} is also the key of sessions[{by_key[session.key]}]")
        by_key.setdefault(session.key, session.index)
        slot = (session.profile, session.event.topic, session.event.start_utc)
        if slot in by_slot:
            reader.add(f"{where}.event", f"same topic and start as sessions[{by_slot[slot]}] on the same account: "
                                         "Zoom could not tell the two webinars apart")  # fmt: skip
        by_slot.setdefault(slot, session.index)
