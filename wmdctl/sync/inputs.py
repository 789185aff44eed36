"""From SOURCE files to valid rows and rejects, and the rejects file that keeps every refused row.

Many lists, one cron line: a list that cannot be read (missing, protected, corrupt, no rows) is reported and
the others still sync; a glob the shell left unexpanded because it matched nothing is a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wmdctl.sync.mapping import fold, map_columns, parse_map_options
from wmdctl.sync.normalise import Normalised, normalise_table
from wmdctl.sync.rows import Question, RegistrantRow, Reject
from wmdctl.sync.sources import ReadOptions, SourceTable, SourceUnreadable, read_source

REJECT_COLUMNS = ("source", "line", "kind", "reason", "new")
_GLOB_CHARACTERS = frozenset("*?[")
_EXCEL_CELL_LIMIT = 32_000  # Excel shows at most 32,767 characters in a cell


@dataclass(frozen=True)
class SourceReport:
    path: str
    encoding: str
    delimiter: str | None
    rows: int
    unknown_columns: tuple[str, ...]
    description: str
    sheet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sheet": self.sheet, "encoding": self.encoding, "delimiter": self.delimiter,
                "rows": self.rows, "unknown_columns": list(self.unknown_columns)}  # fmt: skip


@dataclass(frozen=True)
class SourceProblem:
    """A list that gave nobody: it is missing, unreadable or empty. The run goes on without it."""

    path: str
    message: str
    hint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "problem": self.message, "hint": self.hint}


@dataclass
class LoadedRows:
    rows: list[RegistrantRow] = field(default_factory=list)  # valid and unique by email, first row first
    rejects: list[Reject] = field(default_factory=list)  # invalid rows and later duplicates, in source order
    sources: list[SourceReport] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)  # lists that could not be read
    unmatched_globs: list[str] = field(default_factory=list)
    records: int = 0  # rows read from every list (= rows + rejects)

    @property
    def adjusted(self) -> list[RegistrantRow]:
        return [r for r in self.rows if r.notes]

    @property
    def rejected_emails(self) -> set[str]:
        """The valid emails of rejected rows (invalid or duplicate): people the lists name all the same.

        Prune must never cancel them: a rejected row is a person the organiser listed, not one they dropped.
        """
        return {r.email for r in self.rejects if r.email}

    @property
    def unidentified(self) -> list[Reject]:
        """Rejected rows without a valid email: someone is listed there, but nobody can tell who."""
        return [r for r in self.rejects if not r.email]


def questions_for(event: Any, client: Any, webinar_id: str) -> list[Question]:
    """The custom registration questions: the event file's, else (no event) the webinar's on Zoom."""
    if event is not None:
        return [Question.of(q) for q in event.registration.custom_questions]
    answer = client.get_registration_questions(webinar_id) or {}
    return [Question.of(q) for q in answer.get("custom_questions") or []]


def is_unmatched_glob(path: Path) -> bool:
    """A list argument the shell passed on as typed: a pattern (``lists/*.xlsx``) that matched no file."""
    return not path.exists() and bool(_GLOB_CHARACTERS & set(str(path)))


def load_rows(
    sources: Sequence[Path],
    questions: Sequence[Question],
    column_map: Sequence[str],
    emit: Callable[[str, str], None],
    read_options: ReadOptions | None = None,
) -> LoadedRows:
    """Read every source in order; duplicates across sources are judged in that order too."""
    read_options = read_options or ReadOptions()
    overrides = _positional(parse_map_options(column_map)) if read_options.no_header else parse_map_options(column_map)
    titles = [q.title for q in questions]

    def is_header(headers: Sequence[str]) -> bool:
        return "email" in map_columns(headers, overrides=overrides).fields.values()

    options = ReadOptions(read_options.sheets, read_options.header_row, read_options.no_header, is_header)
    loaded = LoadedRows()
    normalised = Normalised()
    order: dict[str, int] = {}
    for path in map(Path, sources):
        if is_unmatched_glob(path):
            loaded.unmatched_globs.append(str(path))
            emit("warn", f"{path}: the pattern matched no file; going on with the other lists")
            continue
        try:
            found = read_source(path, options)
        except SourceUnreadable as exc:
            _problem(loaded, emit, str(path), exc.message, exc.hint)
            continue
        for warning in found.warnings:
            emit("warn", warning)
        for label, unread in found.problems:
            _problem(loaded, emit, label, unread.message, unread.hint)
        for table in found.tables:
            order.setdefault(table.label, len(order))
            _load_table(table, questions, titles, overrides, normalised, loaded, emit)
    loaded.rows = normalised.rows
    loaded.rejects = [*normalised.rejects, *normalised.duplicates]
    loaded.rejects.sort(key=lambda r: (order.get(r.source, len(order)), r.line))
    for value, count in sorted(normalised.unknown_countries.items()):
        emit("warn", f"country {value!r} is not a known country or ISO code in {count} row(s): left out")
    return loaded


def _positional(overrides: dict[str, str]) -> dict[str, str]:
    """--no-header: ``--map 1=email`` names the first column ("column 1")."""
    return {(fold(f"column {key}") if key.isdigit() else key): target for key, target in overrides.items()}


def _problem(loaded: LoadedRows, emit: Callable[[str, str], None], path: str, message: str, hint: str | None) -> None:
    loaded.problems.append(SourceProblem(path, message, hint))
    emit("warn", f"{message}; this list was not synced" + (f" ({hint})" if hint else ""))


def _load_table(
    table: SourceTable,
    questions: Sequence[Question],
    titles: list[str],
    overrides: dict[str, str],
    normalised: Normalised,
    loaded: LoadedRows,
    emit: Callable[[str, str], None],
) -> None:
    path = table.label
    mapping = map_columns(table.headers, overrides=overrides, question_titles=titles)
    if "email" not in mapping.fields.values():
        columns = ", ".join(table.headers)
        emit("warn", f"{path}: no column holds the email (columns: {columns}); use --map COLUMN=email")
    if mapping.unknown:
        emit("warn", f"{path}: ignoring unknown column(s): {', '.join(mapping.unknown)} "
                     "(map one with --map \"COLUMN=FIELD\")")  # fmt: skip
    for question in questions:
        if question.required and question.title not in mapping.questions.values():
            emit("warn", f"{path}: no column answers the required question {question.title!r}")
    try:
        normalise_table(table, mapping, questions, into=normalised)  # rows are read (streamed) here
    except SourceUnreadable as exc:  # damaged part-way: the rows before count, the list is reported
        loaded.records += table.count or 0
        _problem(loaded, emit, path, exc.message, exc.hint)
        return
    for warning in table.warnings:
        emit("warn", warning)
    if not table.row_count:
        _problem(loaded, emit, path, f"{path} holds no registrant rows below its header", "is it the right file?")
        return
    loaded.records += table.row_count
    report = SourceReport(path, table.encoding, table.delimiter, table.row_count, tuple(mapping.unknown),
                          table.description, table.sheet)  # fmt: skip
    loaded.sources.append(report)
    emit("info", f"read {report.description}")


def write_rejects(path: Path, rejects: Sequence[Reject], new: Collection[str] | None = None) -> None:
    """CSV with where, why, and the original cells under their original headers (fix and feed back).

    Written every run, even empty, so a stale file never describes an old run. UTF-8 with BOM for Excel,
    0600 (it holds people's details), atomically; cells are formula-neutralised like every CSV wmdctl writes.
    ``new``: fingerprints of the rejects this run found for the first time (the "new" column says yes).
    """
    from wmdctl.state.files import atomic_writer
    from wmdctl.tabular import write_csv

    def original(reject: Reject) -> dict[str, str]:
        # A source column named like ours ("source", "line"...) is kept beside ours, not over it.
        return {(f"{h} (original)" if h in REJECT_COLUMNS else h): v[:_EXCEL_CELL_LIMIT]
                for h, v in reject.values.items()}  # fmt: skip

    headers: list[str] = []
    rows = []
    for reject in rejects:
        values = original(reject)
        headers.extend(h for h in values if h not in headers)
        is_new = "yes" if new is None or reject.fingerprint() in new else "no"
        rows.append({"source": reject.source, "line": reject.line, "kind": reject.kind, "reason": reject.reason,
                     "new": is_new, **values})  # fmt: skip
    with atomic_writer(path, private=True, encoding="utf-8", newline="") as stream:
        write_csv(stream, [*REJECT_COLUMNS, *headers], rows, bom=True)
