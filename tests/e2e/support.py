"""Helpers for the end-to-end tests: registrant files and the verbose request log."""

from __future__ import annotations

import csv
import re
from pathlib import Path

PANEL_QUESTION = "Which panel breakout session would you like to join?"
PANELS = ("Creating caring metropolises", "Framing recovery for all")
WRITE_METHODS = ("POST", "PATCH", "PUT", "DELETE")
# `--verbose` logs one line per request: "METHOD /path?query STATUS 12ms".
# Without a terminal each stderr line starts with a timestamp and the run id: "2021-10-07T13:00:00Z 3f9a1c GET …".
REQUEST_LINE = re.compile(r"^(?:\S+Z [0-9a-f]{6} )?(GET|POST|PATCH|PUT|DELETE) (/\S*) (\d{3}) \d+ms", re.MULTILINE)


def requests_logged(stderr: str) -> list[tuple[str, str, int]]:
    return [(m[1], m[2], int(m[3])) for m in REQUEST_LINE.finditer(stderr)]


def writes_logged(stderr: str) -> list[tuple[str, str, int]]:
    return [r for r in requests_logged(stderr) if r[0] in WRITE_METHODS]


def write_registrants(path: Path, count: int, *, start: int = 1, custom: bool = True) -> list[str]:
    """A CSV of ``count`` valid people; returns their emails (lowercase).

    Without ``custom`` the rows carry only what batch_registrants accepts: email, first and last name.
    """
    columns = ["Email", "First name", "Last name"] + (["Organisation", PANEL_QUESTION] if custom else [])
    emails = []
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for n in range(start, start + count):
            email = f"person{n}@cities.example"
            emails.append(email)
            row = [email, f"Persona{n}", "Ejemplo"] + ([f"City {n % 7}", PANELS[n % 2]] if custom else [])
            writer.writerow(row)
    return emails
