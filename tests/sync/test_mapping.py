from __future__ import annotations

import pytest

from wmdctl.errors import UsageError
from wmdctl.sync.mapping import fold, map_columns, parse_map_options

PANEL = "Which panel breakout session would you like to join?"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("email", "email"), ("E-mail", "email"), ("Email Address", "email"), ("EMAIL", "email"),
        ("Correo electrónico", "email"), ("first_name", "first_name"), ("First name", "first_name"),
        ("Prénom", "first_name"), ("Surname", "last_name"), ("last_name", "last_name"), ("Name", "full_name"),
        ("Full name", "full_name"), ("org", "org"), ("Organisation", "org"), ("Organization", "org"),
        ("Company", "org"), ("Job Title", "job_title"), ("job_title", "job_title"), ("City", "city"),
        ("Country", "country"), ("Phone number", "phone"), ("Post code", "zip"), ("\ufeffEmail", "email"),
    ],
)  # fmt: skip
def test_aliases(header: str, field: str) -> None:
    assert map_columns([header]).fields == {header: field}


def test_fold_ignores_case_accents_and_punctuation() -> None:
    assert fold("  Correo-Electrónico ") == fold("correo_electronico") == "correo electronico"


def test_questions_by_title_and_unknown_columns() -> None:
    mapping = map_columns(
        ["Email", "which panel breakout session would you like to join", "Shoe size", "Name"],
        question_titles=[PANEL],
    )
    assert mapping.questions == {"which panel breakout session would you like to join": PANEL}
    assert mapping.fields == {"Email": "email", "Name": "full_name"}
    assert mapping.unknown == ["Shoe size"]


def test_map_option_overrides_and_claims_first() -> None:
    overrides = parse_map_options(["Work mail=email", "Panel=" + PANEL, "Notes=ignore", "Cargo=job title"])
    headers = ["Email", "Work mail", "Panel", "Notes", "Cargo"]
    mapping = map_columns(headers, overrides=overrides, question_titles=[PANEL])
    assert mapping.fields["Work mail"] == "email"
    assert "Email" in mapping.unknown  # the --map column claimed email first
    assert mapping.questions == {"Panel": PANEL}
    assert mapping.ignored == ["Notes"]
    assert mapping.fields["Cargo"] == "job_title"


def test_second_column_for_the_same_field_is_reported_not_merged() -> None:
    mapping = map_columns(["Email", "E-mail"])
    assert mapping.fields == {"Email": "email"}
    assert mapping.unknown == ["E-mail"]


@pytest.mark.parametrize("value", ["no-equals", "=email", "col="])
def test_bad_map_option(value: str) -> None:
    with pytest.raises(UsageError):
        parse_map_options([value])


def test_map_target_must_exist() -> None:
    with pytest.raises(UsageError, match="neither a registrant field"):
        map_columns(["X"], overrides=parse_map_options(["X=shoe_size"]))
