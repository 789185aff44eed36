"""The values that flow through a sync: a valid registrant row, a rejected row, a question."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal

from wmdctl.event.model import CustomQuestion

RejectKind = Literal["invalid", "duplicate"]
_PLACES = re.compile(r"(?::| (?:line|row) )\d+")  # where a reason names a place: not part of what is wrong
BATCH_FIELDS = frozenset({"first_name", "last_name"})  # all that batch_registrants accepts besides email


@dataclass(frozen=True)
class Question:
    title: str
    type: str = "short"  # short | single_radio | single_dropdown | multiple
    required: bool = False
    answers: tuple[str, ...] = ()

    @property
    def has_choices(self) -> bool:
        return self.type != "short" and bool(self.answers)

    @classmethod
    def of(cls, question: CustomQuestion | dict[str, object]) -> Question:
        """From an event question object or a Zoom `custom_questions` dict."""
        if isinstance(question, dict):
            answers = question.get("answers") or ()
            return cls(
                str(question.get("title", "")),
                str(question.get("type", "short")),
                bool(question.get("required", False)),
                tuple(str(a) for a in answers) if isinstance(answers, (list, tuple)) else (),
            )
        return cls(question.title, question.type, bool(question.required), tuple(question.answers))


_LAYOUTS: dict[tuple[tuple[str, ...], int], tuple[tuple[str, ...], int]] = {}


class RegistrantRow:
    """One valid, normalised person from a source list.

    A dry run holds every row of a 200,000-row list: two dicts per row (fields, answers) cost ~450 bytes,
    so a row keeps only a tuple of values, and the names (fields, then question titles) are one tuple shared
    by every row that has the same ones. ``fields`` and ``answers`` build the dicts when asked.
    """

    __slots__ = ("_layout", "_values", "email", "line", "notes", "original", "source")

    def __init__(
        self,
        email: str,
        fields: Mapping[str, str],  # Zoom body fields other than email, only non-empty ones
        answers: Mapping[str, str],  # custom question title -> answer
        source: str,
        line: int,
        notes: tuple[str, ...] = (),  # what normalisation changed (truncated, dropped), reported to the user
        original: dict[str, str] | None = None,  # the source cells, if kept
    ) -> None:
        layout = ((*fields, *answers), len(fields))
        self._layout = _LAYOUTS.setdefault(layout, layout)
        self._values = (*fields.values(), *answers.values())
        self.email = email
        self.source = source
        self.line = line
        self.notes = notes
        self.original = original

    @property
    def fields(self) -> dict[str, str]:
        names, split = self._layout
        return dict(zip(names[:split], self._values[:split], strict=True))

    @property
    def answers(self) -> dict[str, str]:
        names, split = self._layout
        return dict(zip(names[split:], self._values[split:], strict=True))

    def _key(self) -> tuple[object, ...]:
        return (self.email, self._layout, self._values, self.source, self.line, self.notes)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RegistrantRow) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"RegistrantRow(email={self.email!r}, fields={self.fields!r}, answers={self.answers!r}, "
                f"source={self.source!r}, line={self.line!r}, notes={self.notes!r})")  # fmt: skip

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"

    @property
    def batchable(self) -> bool:
        """batch_registrants takes only email, first and last name: anything more needs a single add."""
        return not self.answers and set(self.fields) <= BATCH_FIELDS

    def body(self) -> dict[str, object]:
        """The Add-registrant request body."""
        body: dict[str, object] = {"email": self.email, **self.fields}
        if self.answers:
            body["custom_questions"] = [{"title": t, "value": v} for t, v in self.answers.items()]
        return body

    def fingerprint(self) -> str:
        """Identifies the row's content, so the ledger can tell an edited row from an unchanged one."""
        text = json.dumps(self.body(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Reject:
    """A source row that will not be synced, with everything needed to fix and resubmit it."""

    source: str
    line: int
    reason: str
    values: dict[str, str] = field(default_factory=dict)  # original header -> original cell
    kind: RejectKind = "invalid"
    email: str = ""  # the normalised email when known (duplicates), for reporting

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"

    def fingerprint(self) -> str:
        """The same row refused for the same reason gives the same fingerprint, wherever the row moved.

        Line numbers are left out (rows above it may come and go), so the next run can tell a known reject
        from a new one and cron's exit code reports only what is new.
        """
        reason = _PLACES.sub("", self.reason)
        text = json.dumps([PurePath(self.source).name, self.kind, reason, sorted(self.values.items())],
                          ensure_ascii=False)  # fmt: skip
        return hashlib.sha256(text.encode()).hexdigest()[:20]
