from __future__ import annotations

from pathlib import Path

import pytest

from wmdctl.sync.mapping import map_columns
from wmdctl.sync.normalise import RowRejected, dedupe, normalise_email, normalise_record, split_full_name
from wmdctl.sync.rows import Question, RegistrantRow
from wmdctl.sync.sources import SourceRecord

PANEL = Question("Which panel?", "single_radio", True, ("Creating caring metropolises", "Framing recovery for all"))
TOPICS = Question("Topics", "multiple", False, ("Care", "Housing", "Mobility"))
ASK = Question("Ask the panel", "short", False)
QUESTIONS = {q.title: q for q in (PANEL, TOPICS, ASK)}


def row(**values: str) -> RegistrantRow:
    headers = list(values)
    mapping = map_columns(headers, question_titles=list(QUESTIONS))
    return normalise_record(SourceRecord(7, values), mapping, QUESTIONS, "list.csv")


def rejected(**values: str) -> str:
    with pytest.raises(RowRejected) as info:
        row(**values)
    return info.value.reason


@pytest.mark.parametrize(
    ("raw", "email"),
    [
        ("  Ana.Garcia@Example.ORG ", "ana.garcia@example.org"),
        ("mailto:bob@example.com", "bob@example.com"),
        ("<carl@example.net>", "carl@example.net"),
        ("d\u200bave@example.org\u00a0", "dave@example.org"),
        ("o'brien+wmd@sub.example.co.uk", "o'brien+wmd@sub.example.co.uk"),
    ],
)
def test_email_normalised(raw: str, email: str) -> None:
    assert normalise_email(raw) == email


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "missing"), ("   ", "missing"), ("ana", "not a valid"), ("ana@", "not a valid"),
        ("ana@example", "not a valid"), ("ana@@example.org", "not a valid"), ("a b@example.org", "not a valid"),
        (".ana@example.org", "not a valid"), ("ana..b@example.org", "not a valid"),
        ("x" * 120 + "@example.org", "longer than Zoom's 128"),
    ],
)  # fmt: skip
def test_email_rejected(raw: str, reason: str) -> None:
    with pytest.raises(RowRejected, match=reason):
        normalise_email(raw)


@pytest.mark.parametrize(
    ("full", "first", "last"),
    [
        ("María José García López", "María", "José García López"),
        ("García López, María José", "María José", "García López"),
        ("王小明", "王小明", ""),
        ("  Wanjiru   Kamau ", "Wanjiru", "Kamau"),
    ],
)
def test_split_full_name(full: str, first: str, last: str) -> None:
    assert split_full_name(full) == (first, last)


def test_full_name_only_is_split_and_unicode_kept() -> None:
    result = row(Email="a@example.org", Name="Çağla Şahin Yılmaz")
    assert result.fields == {"first_name": "Çağla", "last_name": "Şahin Yılmaz"}


def test_name_next_to_surname_is_a_first_name() -> None:
    result = row(Email="a@example.org", Name="Ana María", Surname="Peña")
    assert result.fields == {"first_name": "Ana María", "last_name": "Peña"}


def test_unicode_names_are_nfc_normalised() -> None:
    decomposed = "Jose\u0301"
    assert row(Email="a@example.org", **{"First name": decomposed}).fields["first_name"] == "José"


def test_field_limits() -> None:
    assert "first name is longer than Zoom's 64" in rejected(Email="a@example.org", **{"First name": "x" * 65})
    assert "last name is longer" in rejected(Email="a@example.org", **{"First name": "A", "Last name": "y" * 65})
    assert row(Email="a@example.org", **{"First name": "x" * 64}).fields["first_name"] == "x" * 64
    long_answer = row(Email="a@example.org", **{"First name": "A", "Ask the panel": "q" * 200})
    assert long_answer.answers["Ask the panel"] == "q" * 128
    assert long_answer.notes == ("answer to 'Ask the panel' cut to Zoom's 128 characters",)


def test_missing_first_name_is_rejected() -> None:
    assert "first name is missing" in rejected(Email="a@example.org", **{"First name": " "})


def test_choice_answers() -> None:
    good = row(Email="a@example.org", **{"First name": "A", "Which panel?": "framing RECOVERY for all"})
    assert good.answers == {"Which panel?": "Framing recovery for all"}  # canonical spelling
    assert "not one of" in rejected(Email="a@example.org", **{"First name": "A", "Which panel?": "Panel 3"})
    assert "required question" in rejected(Email="a@example.org", **{"First name": "A", "Which panel?": ""})
    multi = row(Email="a@example.org", **{"First name": "A", "Which panel?": "Creating caring metropolises",
                                           "Topics": "care; mobility"})  # fmt: skip
    assert multi.answers["Topics"] == "Care;Mobility"


def test_formulas_are_registered_as_given_and_phone_plus_is_kept() -> None:
    # Outputs neutralise formulas (wmdctl.tabular.neutralise_formula); refusing the person would lose them.
    formula = row(Email="a@example.org", **{"First name": '=HYPERLINK("x")', "Company": "@SUM(1)"})
    assert formula.fields == {"first_name": '=HYPERLINK("x")', "org": "@SUM(1)"}
    kept = row(Email="a@example.org", **{"First name": "A", "Phone": "+34 600 000 000"})
    assert kept.fields["phone"] == "+34 600 000 000"


def test_country_and_enums() -> None:
    result = row(Email="a@example.org", **{"First name": "A", "Country": "España", "Language": "ES-es"})
    assert result.fields["country"] == "ES"
    assert result.fields["language"] == "es-ES"
    odd = row(Email="a@example.org", **{"First name": "A", "Country": "Atlantis", "no_of_employees": "lots"})
    assert "country" not in odd.fields and "no_of_employees" not in odd.fields
    assert len(odd.notes) == 2


def test_batchable_only_with_names_and_email() -> None:
    assert row(Email="a@example.org", **{"First name": "A", "Last name": "B"}).batchable
    assert not row(Email="a@example.org", **{"First name": "A", "Org": "Metropolis"}).batchable
    assert not row(Email="a@example.org", **{"First name": "A", "Ask the panel": "?"}).batchable


def test_dedupe_first_row_wins() -> None:
    a1 = RegistrantRow("a@example.org", {"first_name": "First"}, {}, "one.csv", 2, original={"Email": "a@example.org"})
    b = RegistrantRow("b@example.org", {"first_name": "B"}, {}, "one.csv", 3)
    a2 = RegistrantRow("a@example.org", {"first_name": "Later"}, {}, "two.csv", 9, original={"Email": "A@example.org"})
    unique, duplicates = dedupe([a1, b, a2])
    assert unique == [a1, b]
    assert len(duplicates) == 1
    dup = duplicates[0]
    assert (dup.source, dup.line, dup.kind, dup.email) == ("two.csv", 9, "duplicate", "a@example.org")
    assert "one.csv:2" in dup.reason and dup.values == {"Email": "A@example.org"}


def test_body_and_fingerprint() -> None:
    result = row(Email="a@example.org", **{"First name": "A", "Which panel?": "Framing recovery for all"})
    assert result.body() == {
        "email": "a@example.org",
        "first_name": "A",
        "custom_questions": [{"title": "Which panel?", "value": "Framing recovery for all"}],
    }
    same = row(Email="A@example.org ", **{"First name": " A", "Which panel?": "framing recovery for all"})
    assert same.fingerprint() == result.fingerprint()
    assert Path(result.source).name == "list.csv"


@pytest.mark.parametrize(
    ("raw", "sent"),
    [
        ("Ann\x1b[31m", "Ann"),  # a colour left on by a terminal
        ("\x1b[1;38;5;196mJörg\x1b[0m Smith", "Jörg Smith"),
        ("\x1b]0;title\x07Núria", "Núria"),  # OSC ended by BEL
        ("\x1b]8;;https://x.example\x1b\\Li\x1b]8;;\x1b\\", "Li"),  # an OSC 8 hyperlink, ended by ST
        ("Bo\x1bb", "Bob"),  # a lone ESC: only the control goes
        ("[31m Ann", "[31m Ann"),  # brackets typed by a person stay
    ],
)
def test_terminal_escape_sequences_are_removed_whole(raw: str, sent: str) -> None:
    from wmdctl.sync.normalise import clean

    assert clean(raw) == sent
