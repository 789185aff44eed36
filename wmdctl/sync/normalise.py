"""Turn source records into valid registrant rows or rejects with a reason.

Pure functions: no I/O. Nothing is dropped silently: a record becomes either a
RegistrantRow or a Reject; duplicates (by normalised email) keep the first row.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from wmdctl.sync.choices import choice_matches
from wmdctl.sync.countries import country_code
from wmdctl.sync.mapping import FULL_NAME, ColumnMapping, fold
from wmdctl.sync.rows import Question, RegistrantRow, Reject
from wmdctl.sync.sources import SourceRecord, SourceTable

# Zoom's documented limits (notes §5, spec `webinarRegistrantCreate`): names and email are identity, so an over-long
# value is rejected rather than cut; a free-text answer is cut, with a note.
MAX_NAME = 64
MAX_EMAIL = 128
MAX_ANSWER = 128
ENUMS: dict[str, tuple[str, ...]] = {
    "no_of_employees": ("1-20", "21-50", "51-100", "101-500", "500-1,000", "1,001-5,000", "5,001-10,000",
                        "More than 10,000"),
    "purchasing_time_frame": ("Within a month", "1-3 months", "4-6 months", "More than 6 months", "No timeframe"),
    "role_in_purchase_process": ("Decision Maker", "Evaluator/Recommender", "Influencer", "Not involved"),
    "language": ("en-US", "de-DE", "es-ES", "fr-FR", "jp-JP", "pt-PT", "ru-RU", "zh-CN", "zh-TW", "ko-KO", "it-IT",
                 "vi-VN", "pl-PL", "Tr-TR"),
}  # fmt: skip
_EMAIL = re.compile(
    r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# NUL and the other C0 controls (and DEL) never reach Zoom: a tab or line break is a space, the rest go.
_INVISIBLE.update(dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F], None))
_INVISIBLE.update(dict.fromkeys([0x09, 0x0A, 0x0D], " "))
_MULTI_SEPARATORS = re.compile(r"\s*[;|]\s*")
# A name copied from a terminal carries whole escape sequences: dropping only their ESC would send Zoom
# "Ann[31m". CSI (colours, cursor moves) and OSC (titles, hyperlinks) go whole, before the other C0 controls.
_TERMINAL_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


class RowRejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def clean(value: str) -> str:
    """Trim, drop invisible and control characters forms and exports leave behind, NFC-normalise, collapse spaces."""
    text = _TERMINAL_ESCAPES.sub("", value)
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE)).replace("\u00a0", " ")
    return " ".join(text.split())


def normalise_email(value: str) -> str:
    """Trimmed and lowercased; raises RowRejected when it is not an address Zoom would take."""
    email = clean(value).lower().removeprefix("mailto:")
    if email.startswith("<") and email.endswith(">"):
        email = email[1:-1].strip()
    if not email:
        raise RowRejected("email is missing")
    if len(email) > MAX_EMAIL:
        raise RowRejected(f"email is longer than Zoom's {MAX_EMAIL} characters")
    if not _EMAIL.match(email):
        raise RowRejected(f"email {email!r} is not a valid address")
    return email


def split_full_name(full: str) -> tuple[str, str]:
    """ "García López, María" → ("María", "García López"); "María García López" → ("María", "García López").

    A single word (or a CJK name written without spaces) stays whole as the first name: guessing where a
    family name ends is worse than keeping the name intact.
    """
    full = clean(full)
    if "," in full:
        last, _, first = full.partition(",")
        if first.strip() and last.strip():
            return first.strip(), last.strip()
    first, _, last = full.partition(" ")
    return first, last


@dataclass
class Normalised:
    """Valid rows (unique by email, first row wins), invalid rows, and later duplicates, in reading order."""

    first_by_email: dict[str, RegistrantRow] = field(default_factory=dict)
    rejects: list[Reject] = field(default_factory=list)
    duplicates: list[Reject] = field(default_factory=list)
    unknown_countries: Counter[str] = field(default_factory=Counter)  # value -> rows: one warning per value

    @property
    def rows(self) -> list[RegistrantRow]:
        return list(self.first_by_email.values())


def normalise_table(
    table: SourceTable, mapping: ColumnMapping, questions: Sequence[Question], into: Normalised | None = None
) -> Normalised:
    """Normalise the table's rows as they are read, judging duplicates against everything in ``into`` too.

    A valid row keeps no copy of its cells; only a reject (invalid or duplicate) does, for the rejects file.
    """
    result = into if into is not None else Normalised()
    by_title = {q.title: q for q in questions}
    source = table.label
    for record in table.iter_records():
        try:
            if record.problem:
                raise RowRejected(record.problem)
            row = normalise_record(record, mapping, by_title, source, result.unknown_countries)
        except RowRejected as exc:
            result.rejects.append(Reject(source, record.line, exc.reason, record.values,
                                         email=record_email(record, mapping)))  # fmt: skip
            continue
        winner = result.first_by_email.setdefault(row.email, row)
        if winner is not row:
            reason = f"duplicate of {row.email} at {winner.where} (first row wins)"
            result.duplicates.append(Reject(source, row.line, reason, record.values, kind="duplicate", email=row.email))
    return result


def record_email(record: SourceRecord, mapping: ColumnMapping) -> str:
    """The row's email as normalise_record reads it, or "" when the row has no valid one."""
    cell = ""
    for header, target in mapping.fields.items():
        if target == "email":
            cell = record.values.get(header, "")  # the last such column, as in normalise_record
    try:
        return normalise_email(cell)
    except RowRejected:
        return ""


def normalise_record(
    record: SourceRecord,
    mapping: ColumnMapping,
    questions: dict[str, Question],
    source: str,
    unknown_countries: Counter[str] | None = None,
) -> RegistrantRow:
    """A valid row, or RowRejected. Values that look like formulas are kept as given: outputs neutralise them."""
    raw = {target: clean(record.values.get(header, "")) for header, target in mapping.fields.items()}
    email = normalise_email(raw.pop("email", ""))
    notes: list[str] = []
    fields = _names(raw, has_first_column=mapping.header_for("first_name") is not None)
    for name, value in raw.items():
        if not value or name == FULL_NAME:
            continue
        if name == "country":
            code = country_code(value)
            if code is None:
                if unknown_countries is not None:
                    unknown_countries[value] += 1  # one warning per distinct value, with its count
                else:
                    notes.append(f"country {value!r} is not a known country or ISO code: left out")
                continue
            value = code
        elif name in ENUMS:
            canonical = next((c for c in ENUMS[name] if fold(c) == fold(value)), None)
            if canonical is None:
                notes.append(f"{name} {value!r} is not one of Zoom's choices: left out")
                continue
            value = canonical
        fields[name] = sys.intern(value)  # one string per distinct city, country, name... not one per row
    answers = _answers(record, mapping, questions, notes)
    return RegistrantRow(email, fields, answers, source, record.line, tuple(notes))


def _names(raw: dict[str, str], *, has_first_column: bool) -> dict[str, str]:
    """first_name (required by Zoom) and last_name, splitting a full name where that is all we have."""
    first, last, full = raw.get("first_name", ""), raw.get("last_name", ""), raw.get(FULL_NAME, "")
    if not first and full:
        if last and not has_first_column:
            first = full  # "Name" next to "Surname" is a first name
        else:
            first, split_last = split_full_name(full)
            last = last or split_last
    if not first:
        raise RowRejected("first name is missing (Zoom requires one)")
    for label, value in (("first name", first), ("last name", last)):
        if len(value) > MAX_NAME:
            raise RowRejected(f"{label} is longer than Zoom's {MAX_NAME} characters ({len(value)})")
    names = {"first_name": first}
    if last:
        names["last_name"] = last
    return names


def _answers(
    record: SourceRecord, mapping: ColumnMapping, questions: dict[str, Question], notes: list[str]
) -> dict[str, str]:
    answers: dict[str, str] = {}
    for header, title in mapping.questions.items():
        question = questions[title]
        value = clean(record.values.get(header, ""))
        if not value:
            if question.required:
                raise RowRejected(f"no answer to the required question {title!r}")
            continue
        answers[title] = sys.intern(_answer(question, value, notes))
    return answers


def _answer(question: Question, value: str, notes: list[str]) -> str:
    if question.has_choices:
        parts = _MULTI_SEPARATORS.split(value) if question.type == "multiple" else [value]
        value = ";".join(match_choice(question, part) for part in parts)
        if len(value) > MAX_ANSWER:
            raise RowRejected(f"answer to {question.title!r} is longer than Zoom's {MAX_ANSWER} characters")
        return value
    if len(value) > MAX_ANSWER:
        notes.append(f"answer to {question.title!r} cut to Zoom's {MAX_ANSWER} characters")
        return value[:MAX_ANSWER]
    return value


def match_choice(question: Question, answer: str) -> str:
    """The choice ``answer`` names, or RowRejected (listing the candidates when it names several)."""
    found = choice_matches(question.answers, answer)
    if len(found) == 1:
        return found[0]
    if found:
        raise RowRejected(f"answer {answer!r} to {question.title!r} could be any of: {' / '.join(found)}")
    raise RowRejected(f"answer {answer!r} to {question.title!r} is not one of: {' / '.join(question.answers)}")


def dedupe(rows: Iterable[RegistrantRow]) -> tuple[list[RegistrantRow], list[Reject]]:
    """First row per email wins; each later one becomes a 'duplicate' reject that names the winner."""
    first_by_email: dict[str, RegistrantRow] = {}
    duplicates: list[Reject] = []
    for row in rows:
        winner = first_by_email.get(row.email)
        if winner is None:
            first_by_email[row.email] = row
        else:
            reason = f"duplicate of {row.email} at {winner.where} (first row wins)"
            duplicates.append(
                Reject(row.source, row.line, reason, dict(row.original or {}), kind="duplicate", email=row.email)
            )
    return list(first_by_email.values()), duplicates
