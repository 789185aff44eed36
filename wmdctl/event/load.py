"""Load the event file: TOML → validated Event, or one error listing every problem."""

from __future__ import annotations

import os
import stat
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from wmdctl.errors import EventFileError, ValidationProblem
from wmdctl.event import checks
from wmdctl.event.engagement import read_livestream, read_survey
from wmdctl.event.model import Event
from wmdctl.event.polls import read_polls
from wmdctl.event.reader import Reader
from wmdctl.event.sections import read_breakouts, read_header, read_panels, read_registration, read_settings

DEFAULT_EVENT_NAME = "wmd2021.toml"
DEFAULT_EVENT_SOURCE = "embedded default event (wmdctl/events/wmd2021.toml)"
# The embedded event is 8 kB; a megabyte is plenty, and refuses /dev/zero-like input before it eats the memory.
MAX_EVENT_BYTES = 1_000_000


def default_event_text() -> str:
    """The embedded World Metropolitan Day 2021 event file (also the `wmdctl init` template)."""
    # Package data of "wmdctl" (pyproject: events/*.toml), so no __init__.py is needed in events/.
    return resources.files("wmdctl").joinpath("events").joinpath(DEFAULT_EVENT_NAME).read_text(encoding="utf-8")


def load_event(path: Path | None) -> Event:
    """Read and validate the event file; None means the embedded default."""
    if path is None:
        return parse_event(default_event_text(), DEFAULT_EVENT_SOURCE)
    return parse_event(read_event_text(path), str(path))


def read_event_text(path: Path) -> str:
    """The file's text, refused with the reason when it is not a regular UTF-8 file of at most 1 MB.

    A FIFO would block forever and /dev/zero never ends, so the type is checked before opening; the open is
    non-blocking and the check repeated on the open file, so a FIFO swapped in after the stat cannot hang us.
    """
    try:
        _check_regular(path, os.stat(path))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            _check_regular(path, os.fstat(fd))
            with os.fdopen(fd, "rb", closefd=False) as stream:
                data = stream.read(MAX_EVENT_BYTES + 1)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise _file_error(path, "does not exist") from None
    except OSError as exc:
        raise _file_error(path, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_EVENT_BYTES:
        raise _file_error(path, _too_big())
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_error(path, f"is not UTF-8 text (invalid byte at offset {exc.start}): save it as UTF-8") from None


def _check_regular(path: Path, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise _file_error(path, "is a folder, not a file: give the path of the event's TOML file")
    if not stat.S_ISREG(info.st_mode):
        raise _file_error(path, "is not a regular file (a pipe, device or socket): give the path of a TOML file")
    if info.st_size > MAX_EVENT_BYTES:
        raise _file_error(path, _too_big(info.st_size))


def _too_big(size: int | None = None) -> str:
    found = f"is {size:,} bytes" if size is not None else "is larger than that"
    return f"{found}; an event file is at most {MAX_EVENT_BYTES:,} bytes (the embedded one is about 8 kB)"


def _file_error(path: Path, reason: str) -> EventFileError:
    return EventFileError(str(path), [ValidationProblem("file", reason)])


def parse_event(text: str, source: str) -> Event:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EventFileError(source, [_syntax_problem(exc)]) from None
    except RecursionError:
        raise EventFileError(source, [_too_deep()]) from None
    try:
        return build_event(data, source)
    except RecursionError:
        raise EventFileError(source, [_too_deep()]) from None


def _too_deep() -> ValidationProblem:
    return ValidationProblem("file", "tables or arrays are nested too deeply to read; an event file needs a few levels")


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
    survey = read_survey(root.table("survey"), header.topic, panels)
    livestream = read_livestream(root.table("livestream"))
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
        survey=survey,
        livestream=livestream,
    )
