"""Who is who: matching Zoom's join/leave rows to people and registrants.

Matching order, strongest first:

1. ``registrant_id`` (present with ``include_fields=registrant_id``): the registrant;
2. e-mail, case-insensitive: the registrant with that e-mail, or else one
   person per e-mail (panelists and hosts are not registrants);
3. as a last resort, display name *plus* a Zoom id: ``participant_user_id``
   or ``id`` when Zoom gives one (stable across rejoins), else the per-session
   ``user_id``.

A name alone never matches: two dial-ins both shown as "iPhone", or two
people called "Ana García", stay two people. The price is that an anonymous
guest who rejoins under a new ``user_id`` appears twice; counting one person
twice is recoverable by eye, merging two people is not.

An e-mail seen together with a registrant id is linked to that registrant, so
a later row carrying only the e-mail lands on the same person. A link is made
once and never moved, so one e-mail cannot glue two registrants together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


def normalise_email(value: Any) -> str:
    return str(value or "").strip().casefold()


@dataclass(frozen=True, slots=True)
class PersonKey:
    """Identity of a person in the report: ``kind`` is registrant, email or session."""

    kind: str
    value: str


class IdentityIndex:
    """Resolves participant rows to PersonKeys, from the registrants known up front."""

    def __init__(self, registrants: Iterable[Mapping[str, Any]]) -> None:
        self._registrant_by_email: dict[str, str] = {}
        self.registrant_ids: set[str] = set()
        for registrant in registrants:
            self.add_registrant(registrant)

    def add_registrant(self, registrant: Mapping[str, Any]) -> PersonKey | None:
        registrant_id = str(registrant.get("id") or registrant.get("registrant_id") or "")
        if not registrant_id:
            return None
        self.registrant_ids.add(registrant_id)
        email = normalise_email(registrant.get("email"))
        if email:
            self._registrant_by_email.setdefault(email, registrant_id)
        return PersonKey("registrant", registrant_id)

    def key_for(self, row: Mapping[str, Any]) -> PersonKey:
        """The person a participant row belongs to."""
        email = normalise_email(row.get("user_email") or row.get("email"))
        registrant_id = str(row.get("registrant_id") or "")
        if registrant_id:
            if email:
                # Learn the link so a later row with only this e-mail joins the same person.
                self._registrant_by_email.setdefault(email, registrant_id)
            return PersonKey("registrant", registrant_id)
        if email:
            linked = self._registrant_by_email.get(email)
            if linked:
                return PersonKey("registrant", linked)
            return PersonKey("email", email)
        return PersonKey("session", session_identity(row))

    def email_link(self, email: str) -> str | None:
        return self._registrant_by_email.get(normalise_email(email))


def session_identity(row: Mapping[str, Any]) -> str:
    """Name plus the most stable Zoom id the row has: the last-resort identity."""
    name = str(row.get("name") or "").strip()
    zoom_id = row.get("participant_user_id") or row.get("id") or row.get("user_id") or ""
    return f"{name}\x1f{zoom_id}"


ORGANISATION_TITLES = ("organisation", "organization", "institution", "organisation / city", "company")


def organisation_of(registrant: Mapping[str, Any]) -> str:
    """The ``org`` field, or an answer to a custom question that asks for it."""
    org = str(registrant.get("org") or "").strip()
    if org:
        return org
    for answer in registrant.get("custom_questions") or []:
        title = str(answer.get("title") or "").strip().casefold()
        if title in ORGANISATION_TITLES or title.startswith(("organisation", "organization")):
            return str(answer.get("value") or "")
    return ""


def full_name(registrant: Mapping[str, Any]) -> str:
    parts = (str(registrant.get("first_name") or "").strip(), str(registrant.get("last_name") or "").strip())
    return " ".join(p for p in parts if p)


def registration_answers(registrant: Mapping[str, Any]) -> dict[str, str]:
    """Custom question answers keyed by the question's title."""
    return {
        str(answer.get("title") or ""): str(answer.get("value") or "")
        for answer in registrant.get("custom_questions") or []
        if answer.get("title")
    }


# Standard registration fields worth a column when anyone filled them in.
STANDARD_FIELDS: tuple[tuple[str, str], ...] = (
    ("job_title", "job title"),
    ("city", "city"),
    ("country", "country"),
    ("industry", "industry"),
    ("phone", "phone"),
    ("comments", "comments"),
)
