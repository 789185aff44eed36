"""One organisers' list for the whole campaign, split into one list per session.

A ``sessions`` column names the sessions each person registers for: keys or titles (case and spacing
ignored), several in a cell separated by ``;``, ``,`` or new lines. Every row lands in the list of each
session it names, with every other cell as it was; a row whose cell names no session, or a session the
campaign does not have, becomes a reject (file, line, reason), never a silent drop.

Sessions ask different things (each offers its own panels), so a column may be meant for one session:
``KEY: COLUMN`` (e.g. ``partner-housing-2021: Which panel ...?``) is that session's ``COLUMN``, wins over
a plain ``COLUMN`` there, and is left out of every other session's list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wmdctl.campaign.model import Session
from wmdctl.errors import UsageError
from wmdctl.sync.sources import SourceRecord, read_source

SESSIONS_COLUMNS = ("sessions", "session")
_PARTS = re.compile(r"[;\n\r]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ListReject:
    source: str
    line: int
    reason: str
    values: dict[str, str]
    session: str = ""  # the session whose sync refused the row; "" for a row the campaign could not route


@dataclass
class SessionRows:
    """One source's rows for one session: its headers (without the sessions column) and the records."""

    source: str  # the list (and sheet) it came from, as rejects name it
    headers: list[str]
    records: list[SourceRecord] = field(default_factory=list)


@dataclass
class SplitList:
    by_session: dict[str, list[SessionRows]] = field(default_factory=dict)  # session key → one entry per source
    rejects: list[ListReject] = field(default_factory=list)
    rows: int = 0

    def people(self, key: str) -> int:
        return sum(len(part.records) for part in self.by_session.get(key, []))


def _name(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


class SessionNames:
    """Keys first, then titles; ``resolve`` splits a cell and names what it could not match."""

    def __init__(self, sessions: Sequence[Session]) -> None:
        self.sessions = sessions
        self._by_name: dict[str, Session] = {}
        for session in sessions:
            self._by_name.setdefault(_name(session.title), session)
        for session in sessions:
            self._by_name[_name(session.key)] = session  # a key always means its own session

    def resolve(self, cell: str) -> tuple[list[Session], list[str]]:
        found: list[Session] = []
        unknown: list[str] = []
        for part in (p.strip() for p in _PARTS.split(cell)):
            if not part:
                continue
            # A title may hold a comma: try the whole part before splitting it on commas.
            pieces = [part] if _name(part) in self._by_name else [p.strip() for p in part.split(",") if p.strip()]
            for piece in pieces:
                session = self._by_name.get(_name(piece))
                if session is None:
                    unknown.append(piece)
                elif session not in found:
                    found.append(session)
        return found, unknown

    def by_key(self, text: str) -> Session | None:
        return next((s for s in self.sessions if s.key == text.strip().casefold()), None)

    def known(self) -> str:
        return ", ".join(s.key for s in self.sessions)


def sessions_column(headers: Iterable[str], source: Path, *, required: bool = True) -> str | None:
    for header in headers:
        if header.strip().casefold() in SESSIONS_COLUMNS:
            return header
    if not required:
        return None
    raise UsageError(
        f"{source}: no 'sessions' column names the sessions each person registers for",
        hint="add a 'sessions' column with session keys or titles (several separated by ';'), "
        "or name the sessions the whole list is for with --only KEY",
    )


def session_columns(
    headers: Sequence[str], sessions_column: str | None, key: str, names: SessionNames
) -> dict[str, str]:
    """Source header → the header in ``key``'s list: its own ``KEY: COLUMN`` columns win, others' are dropped."""
    own: dict[str, str] = {}
    plain: dict[str, str] = {}
    for header in headers:
        if header == sessions_column:
            continue
        prefix, colon, rest = header.partition(":")
        target = names.by_key(prefix) if colon and rest.strip() else None
        if target is None:
            plain[header] = header
        elif target.key == key:
            own[header] = rest.strip()
    renamed = set(own.values())
    return {**{h: n for h, n in plain.items() if n not in renamed}, **own}


@dataclass(frozen=True)
class ListTable:
    """One table of a list (a CSV, or one sheet of a workbook) as the registrant sync's reader sees it."""

    label: str  # how rejects name it: the path, or "path[sheet]"
    path: Path
    headers: list[str]
    records: Callable[[], Iterator[SourceRecord]]


def list_tables(path: Path) -> list[ListTable]:
    """Read a list with the registrant sync's own reader, whichever shape its answer has (a table or several)."""
    read: Any = read_source(Path(path))
    tables = getattr(read, "tables", None)
    found = tables if tables is not None else [read]
    return [ListTable(str(getattr(t, "label", path)), Path(path), list(t.headers), t.iter_records) for t in found]


def split_lists(
    sources: Sequence[Path], sessions: Sequence[Session], selected: Sequence[Session] | None = None
) -> SplitList:
    """Route every row to the sessions it names. ``selected`` (``--only``) keeps the rows of those sessions.

    A list without a ``sessions`` column is for the selected sessions, all of its rows: a late list for one
    session needs no column. Without ``selected`` it must have the column.
    """
    names = SessionNames(sessions)
    wanted = {s.key for s in (selected if selected is not None else sessions)}
    split = SplitList({key: [] for key in wanted})
    for table in (t for source in sources for t in list_tables(Path(source))):
        column = sessions_column(table.headers, table.path, required=selected is None)
        views = {key: session_columns(table.headers, column, key, names) for key in wanted}
        parts = {key: SessionRows(table.label, list(views[key].values())) for key in wanted}
        for record in table.records():
            split.rows += 1
            problem = getattr(record, "problem", None)  # a row the reader could not read whole (a broken quote)
            if problem:
                split.rejects.append(ListReject(table.label, record.line, str(problem), record.values))
                continue
            unknown: list[str] = []
            if column is None:
                found = [s for s in sessions if s.key in wanted]
            else:
                found, unknown = names.resolve(record.values.get(column, ""))
            if unknown:
                split.rejects.append(ListReject(table.label, record.line,
                    f"unknown session(s) {', '.join(repr(u) for u in unknown)} in column {column!r} "
                    f"(known keys: {names.known()})", record.values))  # fmt: skip
            elif not found:
                split.rejects.append(ListReject(table.label, record.line,
                    f"column {column!r} names no session (known keys: {names.known()})", record.values))  # fmt: skip
            for session in found:
                if session.key in parts:
                    view = views[session.key]
                    values = {view.get(h, h): v for h, v in record.values.items() if h in view or h.startswith("(")}
                    parts[session.key].records.append(SourceRecord(record.line, values))
        for key, part in parts.items():
            if part.records:
                split.by_session[key].append(part)
    return split
