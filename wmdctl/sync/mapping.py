"""Which column of an organiser's list holds which registrant field.

Headers are matched after folding case, accents and punctuation, so "E-mail",
"Email Address" and "correo electrónico" all find `email`. Columns named like
one of the event's custom registration questions answer that question.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from wmdctl.errors import UsageError

# The fields of Zoom's "Add a webinar registrant" body (notes §5), plus full_name, which we split.
REGISTRANT_FIELDS = (
    "email", "first_name", "last_name", "address", "city", "state", "zip", "country", "phone", "industry",
    "org", "job_title", "comments", "no_of_employees", "purchasing_time_frame", "role_in_purchase_process",
    "language",
)  # fmt: skip
FULL_NAME = "full_name"
IGNORE = "ignore"

_ALIASES: dict[str, tuple[str, ...]] = {
    "email": ("email", "e mail", "email address", "e mail address", "mail", "correo", "correo electronico",
              "courriel", "adresse email", "adresse e mail", "work email"),
    "first_name": ("first name", "firstname", "given name", "forename", "first", "nombre", "prenom", "nom de bapteme"),
    "last_name": ("last name", "lastname", "surname", "family name", "last", "apellido", "apellidos", "nom de famille"),
    FULL_NAME: ("name", "full name", "fullname", "nombre completo", "nom complet", "participant", "attendee"),
    "org": ("org", "organisation", "organization", "organisation name", "organization name", "company",
            "institution", "employer", "affiliation", "organizacion", "entidad"),
    "job_title": ("job title", "jobtitle", "job", "position", "job position", "cargo", "poste"),
    "city": ("city", "town", "ciudad", "ville", "ciutat"),
    "state": ("state", "province", "region", "state province", "county"),
    "zip": ("zip", "zip code", "zipcode", "postcode", "post code", "postal code", "codigo postal"),
    "country": ("country", "country code", "country region", "pais", "pays"),
    "phone": ("phone", "telephone", "phone number", "tel", "mobile", "mobile phone", "telefono"),
    "address": ("address", "street", "street address", "direccion", "adresse"),
    "industry": ("industry", "sector"),
    "comments": ("comments", "comment", "notes", "questions and comments", "remarks"),
    "no_of_employees": ("no of employees", "number of employees", "employees"),
    "purchasing_time_frame": ("purchasing time frame",),
    "role_in_purchase_process": ("role in purchase process",),
    "language": ("language", "email language", "idioma", "langue"),
}  # fmt: skip


def fold(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a header or question title."""
    decomposed = unicodedata.normalize("NFKD", name.replace("\ufeff", ""))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+|_", " ", plain).split())


_FIELD_BY_ALIAS = {fold(alias): name for name, aliases in _ALIASES.items() for alias in aliases}
_FIELD_BY_ALIAS.update({fold(name): name for name in REGISTRANT_FIELDS})


@dataclass
class ColumnMapping:
    fields: dict[str, str] = field(default_factory=dict)  # header -> registrant field (or full_name)
    questions: dict[str, str] = field(default_factory=dict)  # header -> custom question title
    unknown: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def header_for(self, field_name: str) -> str | None:
        return next((h for h, f in self.fields.items() if f == field_name), None)


def parse_map_options(values: Iterable[str]) -> dict[str, str]:
    """`--map "Correo=email" --map "Panel=Which panel…"` → {folded column: target}."""
    overrides: dict[str, str] = {}
    for value in values:
        column, sep, target = value.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise UsageError(f"--map {value!r} is not COLUMN=FIELD", hint='e.g. --map "Correo=email"')
        overrides[fold(column)] = target.strip()
    return overrides


def _resolve_target(target: str, question_titles: Sequence[str]) -> tuple[str, str]:
    """("field", name) | ("question", title) | ("ignore", "") for a --map target."""
    folded = fold(target)
    if folded == IGNORE:
        return IGNORE, ""
    for title in question_titles:
        if fold(title) == folded:
            return "question", title
    if folded in _FIELD_BY_ALIAS:
        return "field", _FIELD_BY_ALIAS[folded]
    known = ", ".join((*REGISTRANT_FIELDS, FULL_NAME, IGNORE))
    raise UsageError(
        f"--map target {target!r} is neither a registrant field nor a custom question title",
        hint=f"use one of: {known}, or a question title from the event file",
    )


def map_columns(
    headers: Sequence[str], *, overrides: Mapping[str, str] | None = None, question_titles: Sequence[str] = ()
) -> ColumnMapping:
    """Map each header once; --map wins, then the first column that claims a field keeps it."""
    overrides = overrides or {}
    titles_by_fold = {fold(t): t for t in question_titles}
    targets: dict[str, tuple[str, str]] = {}
    for header in headers:
        folded = fold(header)
        if folded in overrides:
            targets[header] = _resolve_target(overrides[folded], question_titles)
        elif folded in titles_by_fold:
            targets[header] = ("question", titles_by_fold[folded])
        elif folded in _FIELD_BY_ALIAS:
            targets[header] = ("field", _FIELD_BY_ALIAS[folded])
        else:
            targets[header] = ("unknown", "")
    # Columns named in --map claim their field before any automatic match can.
    order = sorted(headers, key=lambda h: fold(h) not in overrides)
    mapping = ColumnMapping()
    claimed: set[tuple[str, str]] = set()
    for header in order:
        kind, target = targets[header]
        if kind == IGNORE:
            mapping.ignored.append(header)
        elif kind == "unknown" or (kind, target) in claimed:
            mapping.unknown.append(header)
        elif kind == "question":
            mapping.questions[header] = target
        else:
            mapping.fields[header] = target
        claimed.add((kind, target))
    mapping.unknown.sort(key=list(headers).index)
    return mapping
