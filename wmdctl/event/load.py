"""Load the event file: TOML → validated Event, or one error listing every problem."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from wmdctl.errors import EventFileError, ValidationProblem
from wmdctl.event import checks
from wmdctl.event.model import Event
from wmdctl.event.polls import read_polls
from wmdctl.event.reader import Reader
from wmdctl.event.sections import read_breakouts, read_header, read_panels, read_registration, read_settings

DEFAULT_EVENT_NAME = "wmd2021.toml"
DEFAULT_EVENT_SOURCE = "embedded default event (wmdctl/events/wmd2021.toml)"


def default_event_text() -> str:
    """The embedded World Metropolitan Day 2021 event file (also the `wmdctl init` template)."""
    # Package data of "wmdctl" (pyproject: events/*.toml), so no __init__.py is needed in events/.
    return resources.files("wmdctl").joinpath("events").joinpath(DEFAULT_EVENT_NAME).read_text(encoding="utf-8")


def load_event(path: Path | None) -> Event:
    """Read and validate the event file; None means the embedded default."""
    if path is None:
        return parse_event(default_event_text(), DEFAULT_EVENT_SOURCE)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EventFileError(str(path), [ValidationProblem("file", "does not exist")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EventFileError(str(path), [ValidationProblem("file", f"cannot be read: {exc}")]) from None
    return parse_event(text, str(path))


def parse_event(text: str, source: str) -> Event:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EventFileError(source, [_syntax_problem(exc)]) from None
    return build_event(data, source)


def _syntax_problem(exc: tomllib.TOMLDecodeError) -> ValidationProblem:
    # Python 3.11's message ends "(at line 3, column 7)"; lift the line to the front.
    message = str(exc)
    if "(at line " in message:
        reason, _, position = message.rpartition(" (at ")
        return ValidationProblem(position.rstrip(")"), f"TOML syntax error: {reason}")
    return ValidationProblem("file", f"TOML syntax error: {message}")


def build_event(data: dict[str, Any], source: str) -> Event:
    reader = Reader()
    root = reader.root(data)
    header = read_header(root.table("event", required=True))
    panels = read_panels(root, header)
    registration = read_registration(root.table("registration"), panels)
    settings = read_settings(root.table("settings"))
    polls = read_polls(root.table("polls"), panels)
    breakouts = read_breakouts(root.table("breakouts"), header)
    checks.check_panel_windows(reader, header, panels)
    checks.check_unique_emails(reader, panels)
    checks.check_interpreters(reader, settings)
    checks.check_breakout_choice(reader, breakouts, registration, panels)
    reader.unknown_key_problems()
    if reader.problems:
        raise EventFileError(source, reader.problems)
    return Event(
        key=header.key,
        topic=header.topic,
        agenda=header.agenda,
        theme=header.theme,
        organisers=header.organisers,
        timezone=header.timezone,
        start=header.start,
        end=header.end,
        panels=panels,
        registration=registration,
        settings=settings,
        polls=polls,
        breakouts=breakouts,
        password=header.password,
        campaign=header.campaign,
        registration_page=header.registration_page,
    )
