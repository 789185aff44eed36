"""From SOURCE files to valid rows and rejects, and the rejects file that keeps every refused row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wmdctl.sync.mapping import map_columns, parse_map_options
from wmdctl.sync.normalise import Normalised, normalise_table
from wmdctl.sync.rows import Question, RegistrantRow, Reject
from wmdctl.sync.sources import read_source

REJECT_COLUMNS = ("source", "line", "kind", "reason")


@dataclass(frozen=True)
class SourceReport:
    path: str
    encoding: str
    delimiter: str | None
    rows: int
    unknown_columns: tuple[str, ...]
    description: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "encoding": self.encoding, "delimiter": self.delimiter, "rows": self.rows,
                "unknown_columns": list(self.unknown_columns)}  # fmt: skip


@dataclass
class LoadedRows:
    rows: list[RegistrantRow] = field(default_factory=list)  # valid and unique by email, first row first
    rejects: list[Reject] = field(default_factory=list)  # invalid rows and later duplicates, in source order
    sources: list[SourceReport] = field(default_factory=list)

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


def load_rows(
    sources: Sequence[Path],
    questions: Sequence[Question],
    column_map: Sequence[str],
    emit: Callable[[str, str], None],
) -> LoadedRows:
    """Read every source in order; duplicates across sources are judged in that order too."""
    overrides = parse_map_options(column_map)
    titles = [q.title for q in questions]
    loaded = LoadedRows()
    normalised = Normalised()
    for path in sources:
        table = read_source(Path(path))
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
        normalise_table(table, mapping, questions, into=normalised)  # rows are read (streamed) here
        report = SourceReport(str(path), table.encoding, table.delimiter, table.row_count,
                              tuple(mapping.unknown), table.description)  # fmt: skip
        loaded.sources.append(report)
        emit("info", f"read {report.description}")
    loaded.rows = normalised.rows
    loaded.rejects = [*normalised.rejects, *normalised.duplicates]
    order = {str(p): i for i, p in enumerate(sources)}
    loaded.rejects.sort(key=lambda r: (order.get(r.source, len(order)), r.line))
    return loaded


def write_rejects(path: Path, rejects: Sequence[Reject]) -> None:
    """CSV with where, why, and the original cells under their original headers (fix and feed back).

    Written every run, even empty, so a stale file never describes an old run. UTF-8 with BOM for Excel;
    cells are formula-escaped like every CSV wmdctl writes.
    """
    from wmdctl.tabular import write_csv

    def original(reject: Reject) -> dict[str, str]:
        # A source column named like ours ("source", "line"...) is kept beside ours, not over it.
        return {(f"{h} (original)" if h in REJECT_COLUMNS else h): v for h, v in reject.values.items()}

    headers: list[str] = []
    rows = []
    for reject in rejects:
        values = original(reject)
        headers.extend(h for h in values if h not in headers)
        rows.append({"source": reject.source, "line": reject.line, "kind": reject.kind, "reason": reject.reason,
                     **values})  # fmt: skip
    columns = [*REJECT_COLUMNS, *headers]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    write_csv(tmp, columns, rows, bom=True)
    tmp.replace(path)
