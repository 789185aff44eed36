"""A deliberately hostile pair of registration lists, generated (never checked in as data)."""

from __future__ import annotations

from pathlib import Path

PANEL = "Which panel breakout session would you like to join?"

# (email, first name, last name, panel answer, expected: "ok" or a fragment of the reject reason)
UTF8_ROWS = [
    ("ana@example.org", "Ana", "García", "Creating caring metropolises", "ok"),
    ("  ANA@Example.org ", "Ana bis", "Dup", "Framing recovery for all", "duplicate"),
    ("wang@example.com", "王小明", "", "Framing recovery for all", "ok"),
    ("kim@example.com", "김민준", "", "creating caring metropolises", "ok"),
    ("emoji@example.com", "Zoë 🎉", "Party 🥳", "Framing recovery for all", "ok"),
    ("not-an-email", "Bad", "Email", "Creating caring metropolises", "not a valid address"),
    ("", "No", "Email", "Creating caring metropolises", "email is missing"),
    ("noname@example.org", "", "", "Creating caring metropolises", "first name is missing"),
    ("long@example.org", "L" * 70, "Name", "Creating caring metropolises", "longer than Zoom's 64"),
    # Registered as given: every output neutralises formulas (an organiser's "=" is not a reason to drop someone).
    ("formula@example.org", '=HYPERLINK("http://evil.example")', "X", "Framing recovery for all", "ok"),
    ("=cmd|'/c calc'!A1", "Formula", "Email", "Framing recovery for all", "not a valid address"),
    ("panel@example.org", "Wrong", "Panel", "Panel 3", "not one of"),
    ("panel2@example.org", "By", "Number", "panel 2", "ok"),
    ("prefix@example.org", "By", "Prefix", "creating caring", "ok"),
    ("nul@example.org", "Nu\x00ll\x07", "Bell\x1b", "P1", "ok"),
    ("arabic@example.org", "فاطمة", "الزهراء", "Framing recovery for all", "ok"),
    ("x" * 130 + "@example.org", "Long", "Email", "Framing recovery for all", "longer than Zoom's 128"),
]
CP1252_ROWS = [
    ("jose@example.org", "José", "Ibáñez", "Creating caring metropolises", "ok"),
    ("Wang@Example.com", "Another", "Wang", "Creating caring metropolises", "duplicate"),
    ("francois@example.org", "François", "Lefèvre", "Framing recovery for all", "ok"),
    ("bad@@example.org", "Bad", "Twice", "Framing recovery for all", "not a valid address"),
]


def _line(values: tuple[str, ...], delimiter: str) -> str:
    return delimiter.join('"' + v.replace('"', '""') + '"' for v in values)


def write_hostile_sources(directory: Path) -> list[Path]:
    header = ("E-mail", "First Name", "Last Name", PANEL)
    utf8 = directory / "hostile-utf8-bom-semicolon.csv"
    text = "\r\n".join([_line(header, ";"), *(_line(r[:4], ";") for r in UTF8_ROWS)]) + "\r\n"
    utf8.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    cp1252 = directory / "hostile-cp1252-comma.csv"
    text = "\r\n".join([_line(header, ","), *(_line(r[:4], ",") for r in CP1252_ROWS)]) + "\r\n"
    cp1252.write_bytes(text.encode("cp1252"))
    return [utf8, cp1252]


def expected() -> dict[tuple[str, int], str]:
    """(file name, line) -> "ok" or a reject-reason fragment."""
    result = {}
    for name, rows in (("hostile-utf8-bom-semicolon.csv", UTF8_ROWS), ("hostile-cp1252-comma.csv", CP1252_ROWS)):
        for line, row in enumerate(rows, start=2):
            result[(name, line)] = row[4]
    return result
