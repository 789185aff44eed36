"""Reading each registrant's panel choice and organisation from Zoom registrant objects."""

from __future__ import annotations

import pytest

from wmdctl.breakouts.choices import attendees_from_registrants, custom_answer, match_panel

from .helpers import PANELS, QUESTION, registrant


@pytest.mark.parametrize(
    ("answer", "panel"),
    [
        ("Creating caring metropolises", 1),
        ("  framing RECOVERY   for all ", 2),
        ("Panel 2: Framing recovery for all", 2),
        ("Panel 1", 1),
        ("2", 2),
        ("Panel 1 — Creating caring metropolises (English)", 1),
        ("", None),
        ("Both", None),
        ("Creating caring metropolises and Framing recovery for all", None),  # names two panels: no guess
    ],
)
def test_answers_match_panels_leniently(answer: str, panel: int | None) -> None:
    assert match_panel(answer, PANELS) == panel


def test_the_question_title_is_matched_ignoring_case_and_spacing() -> None:
    reg = {"custom_questions": [{"title": "  which PANEL breakout session would you like to join? ", "value": "x"}]}
    assert custom_answer(reg, QUESTION) == "x"
    assert custom_answer({"custom_questions": []}, QUESTION) == ""


def test_registrants_become_sorted_unique_attendees() -> None:
    regs = [registrant(2, "Framing recovery for all", org="UN-Habitat"), registrant(1, None), registrant(2, "Panel 1")]
    regs[1]["email"] = "  R0001@Example.ORG "
    regs[1]["org"] = ""
    regs[1]["custom_questions"] = [{"title": "Organisation", "value": "Metropolis"}]
    people = attendees_from_registrants(regs, PANELS, QUESTION)
    assert [(p.email, p.panel, p.organisation, p.name) for p in people] == [
        ("r0001@example.org", None, "Metropolis", "First1 Last1"),
        ("r0002@example.org", 2, "UN-Habitat", "First2 Last2"),  # the first record of a duplicate email wins
    ]
