"""Values as organisers type them: panel answers, countries, control characters; formulas are left to outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from wmdctl.sync.choices import choice_matches
from wmdctl.sync.countries import country_code
from wmdctl.sync.mapping import map_columns
from wmdctl.sync.normalise import Normalised, RowRejected, clean, match_choice, normalise_record, normalise_table
from wmdctl.sync.rows import Question
from wmdctl.sync.sources import SourceRecord, SourceTable

PANELS = ("Creating caring metropolises", "Framing recovery for all", "Creating jobs")
QUESTION = Question("Panel", "single_radio", True, PANELS)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("creating caring metropolises", PANELS[0]),
        ("CRÉATING CARING METROPOLISES", PANELS[0]),
        ("Panel 1", PANELS[0]), ("panel 2", PANELS[1]), ("1", PANELS[0]), ("P3", PANELS[2]), ("p 2", PANELS[1]),
        ("Panel 1: Creating caring metropolises", PANELS[0]),  # how wmdctl itself names the panels
        ("Framing", PANELS[1]), ("creating caring", PANELS[0]), ("Creating j", PANELS[2]),
    ],
)  # fmt: skip
def test_panel_answers_by_case_accent_number_and_prefix(answer: str, expected: str) -> None:
    assert match_choice(QUESTION, answer) == expected


def test_an_ambiguous_answer_lists_the_candidates() -> None:
    with pytest.raises(RowRejected, match="could be any of: Creating caring metropolises / Creating jobs"):
        match_choice(QUESTION, "Creating")
    with pytest.raises(RowRejected, match="is not one of"):
        match_choice(QUESTION, "Panel 4")
    with pytest.raises(RowRejected, match="could be any of"):
        match_choice(QUESTION, "Panel 2: Creating jobs")  # number and title disagree
    assert choice_matches(PANELS, "cr") == []  # too short to be a prefix


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Korea, Republic of", "KR"), ("Republic of Korea", "KR"), ("South Korea", "KR"), ("kr", "KR"),
        ("KOR", "KR"), ("España", "ES"), ("Espagne", "ES"), ("Allemagne", "DE"), ("Alemania", "DE"),
        ("États-Unis", "US"), ("Estados Unidos", "US"), ("United Kingdom", "GB"), ("Côte d'Ivoire", "CI"),
        ("Bolivia, Plurinational State of", "BO"), ("Bolivia", "BO"), ("Viet Nam", "VN"), ("Türkiye", "TR"),
        ("Pays-Bas", "NL"), ("Países Bajos", "NL"), ("Russian Federation", "RU"), ("Atlantis", None),
    ],
)  # fmt: skip
def test_countries_in_english_french_spanish_and_codes(value: str, code: str | None) -> None:
    assert country_code(value) == code


def test_one_warning_per_distinct_unknown_country_with_its_count() -> None:
    records = [SourceRecord(n, {"Email": f"p{n}@example.org", "Name": "P", "Country": c})
               for n, c in enumerate(["Atlantis"] * 30 + ["Narnia"] * 2 + ["Korea, Republic of"], start=2)]  # fmt: skip
    table = SourceTable(Path("l.csv"), "utf-8", ",", ["Email", "Name", "Country"], lambda: iter(records))
    result = normalise_table(table, map_columns(table.headers), [], into=Normalised())
    assert dict(result.unknown_countries) == {"Atlantis": 30, "Narnia": 2}
    assert all(not row.notes for row in result.rows)  # no per-row repetition
    assert result.rows[-1].fields["country"] == "KR"


def test_control_characters_never_reach_zoom() -> None:
    assert clean("Ana\x00\x00 Mar\x07ía\x1b\tG\x7f") == "Ana María G"
    record = SourceRecord(2, {"Email": "a@example.org", "First name": "Jo\x00sé\x08", "Last name": "\x01Ruiz"})
    row = normalise_record(record, map_columns(list(record.values)), {}, "l.csv")
    assert row.fields == {"first_name": "José", "last_name": "Ruiz"}
    assert not any(ord(c) < 32 for v in row.body().values() if isinstance(v, str) for c in v)
