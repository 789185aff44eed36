"""Turn Zoom registrant objects into people with a panel choice.

The choice is the answer to one custom registration question, matched to a
panel leniently (by title, "Panel N: title", "Panel N" or the number) because
people copy answers around and the question's answers may be edited later.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from wmdctl.breakouts.model import Person, Role, normalise_email
from wmdctl.event.model import Panel

_ORGANISATION_TITLES = ("organisation", "organization", "institution", "company")


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def custom_answer(registrant: Mapping[str, Any], title: str) -> str:
    """The answer to the custom question called ``title`` (case and spacing ignored), or ""."""
    wanted = _fold(title)
    for item in registrant.get("custom_questions") or ():
        if _fold(str(item.get("title", ""))) == wanted:
            return str(item.get("value") or "").strip()
    return ""


def match_panel(answer: str, panels: Sequence[Panel]) -> int | None:
    """The panel number an answer names, or None when it names none (or is empty)."""
    folded = _fold(answer)
    if not folded:
        return None
    for panel in panels:
        title = _fold(panel.title)
        prefix = f"panel {panel.number}"
        if folded in {title, prefix, str(panel.number), f"{prefix}: {title}", f"{prefix} - {title}"}:
            return panel.number
    # Last resort: the answer contains exactly one panel's title ("Panel 1 — Creating caring metropolises (EN)").
    containing = [panel.number for panel in panels if _fold(panel.title) in folded]
    return containing[0] if len(containing) == 1 else None


def _organisation(registrant: Mapping[str, Any]) -> str:
    org = str(registrant.get("org") or "").strip()
    if org:
        return org
    for item in registrant.get("custom_questions") or ():
        if _fold(str(item.get("title", ""))).startswith(_ORGANISATION_TITLES):
            return str(item.get("value") or "").strip()
    return ""


def person_from_registrant(registrant: Mapping[str, Any], panels: Sequence[Panel], question: str) -> Person:
    answer = custom_answer(registrant, question)
    name = f"{registrant.get('first_name') or ''} {registrant.get('last_name') or ''}".strip()
    return Person(
        email=normalise_email(str(registrant.get("email") or "")),
        name=name,
        organisation=_organisation(registrant),
        role="attendee",
        panel=match_panel(answer, panels),
        choice=answer,
        registered_at=str(registrant.get("create_time") or ""),
    )


def attendees_from_registrants(
    registrants: Iterable[Mapping[str, Any]], panels: Sequence[Panel], question: str
) -> list[Person]:
    """One Person per distinct email, sorted by email (the planner's deterministic order)."""
    people: dict[str, Person] = {}
    for registrant in registrants:
        person = person_from_registrant(registrant, panels, question)
        if person.email and person.email not in people:
            people[person.email] = person
    return [people[email] for email in sorted(people)]


def facilitators_from_panelists(panelists: Iterable[Any]) -> list[Person]:
    """The panel's speakers and moderator; people on no panel facilitate no room."""
    people: dict[str, Person] = {}
    for panelist in panelists:
        email = normalise_email(panelist.email)
        if panelist.panel is None or email in people:
            continue
        role: Role = "moderator" if panelist.role == "moderator" else "speaker"
        people[email] = Person(
            email=email,
            name=panelist.name,
            organisation=getattr(panelist, "organisation", "") or "",
            role=role,
            panel=panelist.panel,
        )
    return [people[email] for email in sorted(people)]
