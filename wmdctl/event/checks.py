"""Checks that span sections: panel windows, shared emails, the breakout choice question."""

from __future__ import annotations

from itertools import pairwise

from wmdctl.event.model import BreakoutConfig, Panel, Registration, WebinarSettings
from wmdctl.event.reader import Reader
from wmdctl.event.sections import Header


def _hhmm(panel_or_header: Panel | Header) -> str:
    return f"{panel_or_header.start:%H:%M}–{panel_or_header.end:%H:%M}"


def check_panel_windows(reader: Reader, header: Header, panels: tuple[Panel, ...]) -> None:
    for panel in panels:
        where = f"panels[{panel.number - 1}]"
        if panel.end <= panel.start:
            reader.add(f"{where}.end", "must be after the panel's start")
        elif panel.start < header.start or panel.end > header.end:
            reader.add(
                where,
                f"window {panel.start:%Y-%m-%d} {_hhmm(panel)} is outside the webinar "
                f"{header.start:%Y-%m-%d} {_hhmm(header)}",
            )
    ordered = sorted(panels, key=lambda p: p.start)
    for earlier, later in pairwise(ordered):
        if later.start < earlier.end:
            reader.add(
                f"panels[{later.number - 1}]",
                f"window {_hhmm(later)} overlaps panels[{earlier.number - 1}] ({earlier.title!r}, {_hhmm(earlier)})",
            )


def check_unique_emails(reader: Reader, panels: tuple[Panel, ...]) -> None:
    """Zoom keys panelists by email: the same person twice would be one panelist, case-insensitively."""
    first_seen: dict[str, str] = {}
    for panel in panels:
        speaker_index = 0
        for person in panel.speakers:
            if person.role == "moderator":
                where = f"panels[{panel.number - 1}].moderator.email"
            else:
                where = f"panels[{panel.number - 1}].speakers[{speaker_index}].email"
                speaker_index += 1
            key = person.email.casefold()
            if not key:
                continue
            if key in first_seen:
                reader.add(where, f"duplicate panelist email {person.email!r}: also at {first_seen[key]}")
            else:
                first_seen[key] = where


def check_interpreters(reader: Reader, settings: WebinarSettings) -> None:
    interpretation = settings.language_interpretation
    if interpretation.enable and not interpretation.interpreters:
        reader.add(
            "settings.language_interpretation.interpreters", "interpretation is enabled: list at least one interpreter"
        )
    seen: set[str] = set()
    for i, interpreter in enumerate(interpretation.interpreters):
        key = interpreter.email.casefold()
        if key and key in seen:
            reader.add(
                f"settings.language_interpretation.interpreters[{i}].email",
                f"duplicate interpreter email {interpreter.email!r}",
            )
        seen.add(key)


def check_breakout_choice(
    reader: Reader, breakouts: BreakoutConfig, registration: Registration, panels: tuple[Panel, ...]
) -> None:
    """The breakout planner reads each registrant's panel from this question, so it must offer the panel titles."""
    question = registration.custom_question(breakouts.choice_question)
    if question is None:
        reader.add(
            "breakouts.choice_question",
            f"no custom registration question is titled "
            f"{breakouts.choice_question!r}: add one with answers_from_panels = true",
        )
        return
    titles = {p.title for p in panels}
    if question.type == "short" or set(question.answers) != titles:
        reader.add(
            "breakouts.choice_question",
            f"the question {question.title!r} must offer exactly the panel "
            "titles as answers: set answers_from_panels = true on it",
        )
