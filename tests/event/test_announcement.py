"""The embedded event speaks the announcement's own words (../shared/docs/wmd2021-announcement.md)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from cli_support import Cli
from shared_files import shared_file

from wmdctl.event.load import default_event_text, load_event
from wmdctl.event.payloads import poll_bodies

ANNOUNCEMENT = "docs/wmd2021-announcement.md"


def announcement_text() -> str:
    return shared_file(ANNOUNCEMENT).read_text(encoding="utf-8")


def announced_panels(text: str) -> dict[str, list[str]]:
    """{"Creating caring metropolises": [question, ...], ...} as the flyer lists them."""
    panels: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        heading = re.match(r"^Panel \d+: (.+)$", line.strip())
        if heading:
            current = panels.setdefault(heading.group(1).strip(), [])
        elif current is not None and line.startswith("- "):
            current.append(line[2:].strip())
        elif current is not None and line.strip() and not line.startswith("- "):
            current = None
    return panels


def flat(text: str) -> str:
    return " ".join(text.replace("**", "").split())


def test_each_panel_has_the_announcements_title_and_questions_verbatim() -> None:
    expected = announced_panels(announcement_text())
    assert len(expected) == 2 and all(len(questions) == 3 for questions in expected.values())
    event = load_event(None)
    assert {panel.title: list(panel.questions) for panel in event.panels} == expected
    assert event.panels[0].questions[0] == event.panels[1].questions[0]  # the flyer asks it of both panels


def test_the_header_carries_the_announcements_theme_organisers_campaign_and_link() -> None:
    text = flat(announcement_text())
    event = load_event(None)
    assert event.theme in text and event.theme == "Resilience for all: creating caring metropolises beyond COVID-19"
    assert event.topic.upper() in text.upper()
    assert set(event.organisers) == {"Metropolis", "UN-Habitat"}
    assert event.campaign == "Urban October" and "URBAN OCTOBER" in text.upper()
    assert event.registration_page in text


def test_the_agenda_says_nothing_the_announcement_does_not() -> None:
    """Every sentence or list item of the agenda stands in the announcement, bar its two labels."""
    text = flat(announcement_text()).upper()
    event = load_event(None)
    assert len(event.agenda) <= 2000
    labels = {"JOINT METROPOLIS & UN-HABITAT EVENT:", "THEME:"}
    for piece in re.split(r"(?<=[.?:])\s+|\n", event.agenda):
        piece = piece.strip().removeprefix("- ").strip()
        if not piece or piece.upper() in labels:
            continue
        piece = re.sub(r"^the world metropolitan day 2021 leading event, ", "", piece, flags=re.I)
        assert flat(piece).upper().rstrip(".") in text, f"not in the announcement: {piece!r}"
    for panel in event.panels:
        assert f"Panel {panel.number}: {panel.title}" in event.agenda
        for question in panel.questions:
            assert question in event.agenda


def test_the_file_says_which_parts_are_assumptions() -> None:
    text = default_event_text()
    assert "ASSUMPTIONS TO EDIT" in text and "example.org" in text
    assert "13:00 to 14:30 UTC" in text and "summer time" in text
    assert tomllib.loads(text)["event"]["registration_page"].startswith("https://metropolis-org.zoom.us/")


def test_the_polls_list_the_verbatim_questions_and_stay_apart() -> None:
    event = load_event(None)
    payloads = poll_bodies(event)
    assert [p["title"] for p in payloads] == [
        "Panel 1: Creating caring metropolises",
        "Panel 2: Framing recovery for all",
    ]
    for panel, payload in zip(event.panels, payloads, strict=True):
        priority = payload["questions"][0]
        assert priority["type"] == "single"
        assert priority["answers"] == list(panel.questions)  # Zoom's spec sets no length cap on poll answers


@pytest.mark.e2e
def test_demo_run_sheet_and_inits_copy_show_the_announced_questions(tmp_path: Path, cli: Cli) -> None:
    """What a user sees: the demo's breakout run sheet and the event file `init` writes."""
    expected = announced_panels(announcement_text())
    demo = cli("--json", "demo", "--out", str(tmp_path / "demo"))
    assert demo.exit_code == 0, demo.stderr
    sheets = list((tmp_path / "demo").rglob("*.md"))
    assert sheets, "the demo wrote no run sheet"
    sheet = " ".join(path.read_text(encoding="utf-8") for path in sheets).replace("\\", "")
    init = cli("--json", "init", str(tmp_path / "wmd"))
    assert init.exit_code == 0, init.stderr
    copied = load_event(tmp_path / "wmd" / "event.toml")
    for title, questions in expected.items():
        assert title in sheet
        for question in questions:
            assert question in sheet
    assert {panel.title: list(panel.questions) for panel in copied.panels} == expected
