from __future__ import annotations

import csv
import stat
from pathlib import Path

from wmdctl.sync.inputs import load_rows, write_rejects
from wmdctl.sync.rows import Question

from .hostile import PANEL, expected, write_hostile_sources

PANEL_QUESTION = Question(PANEL, "single_radio", True, ("Creating caring metropolises", "Framing recovery for all"))


def load(paths: list[Path]) -> tuple[object, list[tuple[str, str]]]:
    events: list[tuple[str, str]] = []
    loaded = load_rows(paths, [PANEL_QUESTION], (), lambda kind, message: events.append((kind, message)))
    return loaded, events


def test_hostile_lists_every_row_planned_once_or_rejected_with_reason(tmp_path: Path) -> None:
    sources = write_hostile_sources(tmp_path)
    loaded, events = load(sources)
    outcome: dict[tuple[str, int], str] = {}
    for row in loaded.rows:
        key = (Path(row.source).name, row.line)
        assert key not in outcome
        outcome[key] = "ok"
    for reject in loaded.rejects:
        key = (Path(reject.source).name, reject.line)
        assert key not in outcome, f"{key} both synced and rejected"
        outcome[key] = reject.reason
    want = expected()
    assert set(outcome) == set(want)  # no row lost
    for key, fragment in want.items():
        assert fragment in outcome[key], (key, outcome[key])
    emails = [r.email for r in loaded.rows]
    assert len(emails) == len(set(emails))  # nobody twice
    assert {r.email for r in loaded.rows} >= {"ana@example.org", "wang@example.com", "emoji@example.com"}
    by_email = {r.email: r for r in loaded.rows}
    assert by_email["wang@example.com"].fields["first_name"] == "王小明"
    assert by_email["emoji@example.com"].fields["first_name"] == "Zoë 🎉"
    assert by_email["jose@example.org"].fields == {"first_name": "José", "last_name": "Ibáñez"}
    reports = {Path(s.path).name: s for s in loaded.sources}
    assert reports["hostile-utf8-bom-semicolon.csv"].encoding == "utf-8-sig"
    assert reports["hostile-utf8-bom-semicolon.csv"].delimiter == ";"
    assert reports["hostile-cp1252-comma.csv"].encoding == "cp1252"
    assert any("cp1252" in message for kind, message in events if kind == "info")


def test_rejects_file_has_source_line_reason_and_original_values(tmp_path: Path) -> None:
    sources = write_hostile_sources(tmp_path)
    loaded, _ = load(sources)
    path = tmp_path / "state" / "rejects.csv"
    write_rejects(path, loaded.rejects)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == len(loaded.rejects) == 10
    first = rows[0]
    assert first["source"] == str(sources[0]) and first["line"] == "3" and first["kind"] == "duplicate"
    assert first["E-mail"] == "  ANA@Example.org " and first["First Name"] == "Ana bis"
    formula = next(r for r in rows if r["line"] == "12" and r["source"] == str(sources[0]))
    assert formula["E-mail"] == "'=cmd|'/c calc'!A1"  # neutralised for Excel
    assert "not a valid address" in formula["reason"] and formula["new"] == "yes"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # people's details
    cp = next(r for r in rows if r["source"] == str(sources[1]) and r["line"] == "5")
    assert "not a valid address" in cp["reason"] and cp["E-mail"] == "bad@@example.org"


def test_rejects_file_rewritten_empty_when_all_is_well(tmp_path: Path) -> None:
    path = tmp_path / "rejects.csv"
    path.write_text("stale", encoding="utf-8")
    write_rejects(path, [])
    assert path.read_text(encoding="utf-8-sig").strip() == "source,line,kind,reason,new"


def test_warnings_once_per_source(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Email,First name,Shoe size,Hat\na@example.org,A,42,x\nb@example.org,B,43,y\n", encoding="utf-8")
    _, events = load([path])
    warnings = [m for kind, m in events if kind == "warn"]
    assert sum("Shoe size, Hat" in m for m in warnings) == 1
    assert any(PANEL in m for m in warnings)  # the required question has no column


def test_rejected_rows_keep_their_email_for_prune_and_rows_without_one_are_unidentified(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "Email,First name," + PANEL + "\n"
        "ok@example.org,Ok,Framing recovery for all\n"  # 2: valid
        "  NoName@Example.org ,,Framing recovery for all\n"  # 3: rejected (first name), email still valid
        "ok@example.org,Again,Framing recovery for all\n"  # 4: duplicate
        ",Nobody,Framing recovery for all\n"  # 5: rejected, no email at all
        "bad@@example.org,Bad,Framing recovery for all\n",  # 6: rejected, invalid email
        encoding="utf-8",
    )
    loaded, _ = load([path])
    assert [r.email for r in loaded.rows] == ["ok@example.org"]
    assert [(r.line, r.kind, r.email) for r in loaded.rejects] == [
        (3, "invalid", "noname@example.org"), (4, "duplicate", "ok@example.org"),
        (5, "invalid", ""), (6, "invalid", ""),
    ]  # fmt: skip
    assert loaded.rejected_emails == {"noname@example.org", "ok@example.org"}
    assert [r.where for r in loaded.unidentified] == [f"{path}:5", f"{path}:6"]
    assert loaded.rows[0].original is None  # a valid row keeps no copy of its cells; rejects do
    assert loaded.rejects[1].values == {
        "Email": "ok@example.org",
        "First name": "Again",
        PANEL: "Framing recovery for all",
    }
    assert loaded.sources[0].rows == 5 and "5 rows" in loaded.sources[0].description
