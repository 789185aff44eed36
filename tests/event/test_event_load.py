"""Loading the event file: the default, time zones, and one test per kind of problem."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from wmdctl.errors import EventFileError, ValidationProblem
from wmdctl.event.load import build_event, default_event_text, load_event, parse_event


def where(problems: list[ValidationProblem]) -> dict[str, str]:
    return {p.where: p.reason for p in problems}


def test_default_event_has_two_panels_with_three_questions_each() -> None:
    event = load_event(None)
    assert event.key == "wmd-2021"
    assert event.topic == "Caring Metropolises: Framing Recovery for All"
    assert event.organisers == ("Metropolis", "UN-Habitat")
    assert [p.title for p in event.panels] == ["Creating caring metropolises", "Framing recovery for all"]
    assert [len(p.questions) for p in event.panels] == [3, 3]
    assert all(p.moderator is not None for p in event.panels)
    assert {p.panel for p in event.panelists} == {1, 2}
    assert all(p.email.endswith("@example.org") for p in event.panelists)
    choice = event.registration.custom_question("Which panel breakout session would you like to join?")
    assert choice is not None and choice.answers == ("Creating caring metropolises", "Framing recovery for all")
    assert [poll.title for poll in event.polls] == [
        "Panel 1: Creating caring metropolises",
        "Panel 2: Framing recovery for all",
    ]
    assert event.breakouts.start == event.end and event.breakouts.duration_minutes == 30
    interpreters = event.settings.language_interpretation.interpreters
    assert {lang for i in interpreters for lang in i.languages} == {"English", "Spanish", "French"}


def test_october_wall_clock_is_cest(default_data: dict[str, Any]) -> None:
    event = build_event(default_data, "t")
    assert event.start_utc == datetime(2021, 10, 7, 13, 0, tzinfo=UTC)
    assert event.end_utc == datetime(2021, 10, 7, 14, 30, tzinfo=UTC)
    assert event.duration_minutes == 90


def test_november_same_wall_clock_is_cet(default_data: dict[str, Any]) -> None:
    data = _move_to(default_data, date(2021, 11, 7))
    event = build_event(data, "t")
    assert event.start.hour == 15
    assert event.start_utc == datetime(2021, 11, 7, 14, 0, tzinfo=UTC)


def _move_to(data: dict[str, Any], day: date) -> dict[str, Any]:
    for table in (data["event"], *data["panels"]):
        for key in ("start", "end"):
            table[key] = datetime.combine(day, table[key].time())
    return data


def test_duration_across_dst_change_is_real_minutes(default_data: dict[str, Any]) -> None:
    # 2021-10-31 03:00 CEST → 02:00 CET: 00:30 to 04:30 wall clock is 5 real hours.
    data = default_data
    data["event"]["start"] = datetime(2021, 10, 31, 0, 30)
    data["event"]["end"] = datetime(2021, 10, 31, 4, 30)
    data["panels"][0]["start"], data["panels"][0]["end"] = time(0, 40), time(1, 0)
    data["panels"][1]["start"], data["panels"][1]["end"] = time(1, 0), time(1, 30)
    assert build_event(data, "t").duration_minutes == 300


def test_is_in_past() -> None:
    event = load_event(None)
    assert event.is_in_past(datetime(2026, 1, 1, tzinfo=UTC))
    assert event.is_in_past(datetime(2021, 10, 7, 13, 0, tzinfo=UTC))
    assert not event.is_in_past(datetime(2021, 10, 7, 12, 59, tzinfo=UTC))


def test_unknown_keys_at_every_level_are_reported_with_their_path(tmp_path: Path) -> None:
    text = default_event_text().replace(
        'email = "speaker1.panel2@example.org"', 'emial = "speaker1.panel2@example.org"'
    )
    text = text.replace("[breakouts]\n", "[breakouts]\nroom_capcity = 12\n")
    text += "\n[extras]\nfoo = 1\n"
    path = tmp_path / "event.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EventFileError) as caught:
        load_event(path)
    problems = where(caught.value.problems)
    assert problems["panels[1].speakers[0].emial"] == "unknown key (did you mean 'email'?)"
    assert problems["panels[1].speakers[0].email"] == "required key is missing"
    assert problems["breakouts.room_capcity"] == "unknown key (did you mean 'room_capacity'?)"
    assert problems["extras"].startswith("unknown key")
    assert caught.value.source == str(path)


def test_toml_syntax_error_names_the_line() -> None:
    with pytest.raises(EventFileError) as caught:
        parse_event('[event]\nkey = "x"\ntopic = = "y"\n', "bad.toml")
    [problem] = caught.value.problems
    assert problem.where == "line 3, column 9"
    assert problem.reason.startswith("TOML syntax error: Invalid value")


def test_missing_required_keys(default_data: dict[str, Any], problems_of: Any) -> None:
    del default_data["event"]["topic"]
    del default_data["panels"][0]["title"]
    problems = where(problems_of(default_data))
    assert problems["event.topic"] == "required key is missing"
    assert problems["panels[0].title"] == "required key is missing"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(EventFileError) as caught:
        load_event(tmp_path / "nope.toml")
    assert where(caught.value.problems) == {"file": "does not exist"}


def test_wrong_type(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["event"]["topic"] = 2021
    default_data["settings"]["practice_session"] = "yes"
    problems = where(problems_of(default_data))
    assert problems["event.topic"] == "expected a string, got an integer"
    assert problems["settings.practice_session"] == "expected true or false, got a string"


def test_panel_window_outside_webinar(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["panels"][1]["end"] = datetime(2021, 10, 7, 16, 40)
    problems = where(problems_of(default_data))
    assert problems["panels[1]"] == "window 2021-10-07 15:45–16:40 is outside the webinar 2021-10-07 15:00–16:30"


def test_overlapping_panel_windows(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["panels"][1]["start"] = datetime(2021, 10, 7, 15, 30)
    problems = where(problems_of(default_data))
    assert (
        problems["panels[1]"] == "window 15:30–16:20 overlaps panels[0] ('Creating caring metropolises', 15:10–15:45)"
    )


def test_panel_end_before_start(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["panels"][0]["end"] = datetime(2021, 10, 7, 15, 5)
    assert where(problems_of(default_data))["panels[0].end"] == "must be after the panel's start"


def test_duplicate_panelist_email_across_panels_ignores_case(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["panels"][1]["speakers"][2]["email"] = "Moderator.Panel1@EXAMPLE.org"
    problems = where(problems_of(default_data))
    assert problems["panels[1].speakers[2].email"] == (
        "duplicate panelist email 'Moderator.Panel1@EXAMPLE.org': also at panels[0].moderator.email"
    )


def test_bad_email(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["panels"][0]["speakers"][1]["email"] = "fatou at example.org"
    problems = where(problems_of(default_data))
    assert problems["panels[0].speakers[1].email"] == "'fatou at example.org' is not a valid email address"


@pytest.mark.parametrize("zone", ["+02:00", "UTC+2", "Etc/GMT-2"])
def test_fixed_offset_time_zone_is_refused(default_data: dict[str, Any], problems_of: Any, zone: str) -> None:
    default_data["event"]["timezone"] = zone
    reason = where(problems_of(default_data))["event.timezone"]
    assert reason.startswith(f"{zone!r} is a fixed UTC offset")


def test_unknown_time_zone_is_refused(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["event"]["timezone"] = "Europe/Atlantis"
    assert where(problems_of(default_data))["event.timezone"].startswith("'Europe/Atlantis' is not an IANA time zone")


def test_an_offset_the_zone_does_not_have_is_refused(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["event"]["start"] = datetime(2021, 10, 7, 15, 0, tzinfo=UTC)  # Madrid is at +02:00 then
    reason = where(problems_of(default_data))["event.start"]
    assert "Europe/Madrid is at UTC+02:00" in reason and "Write the local wall time without an offset" in reason


def test_wall_time_in_the_dst_gap_is_refused(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["event"]["start"] = datetime(2021, 3, 28, 2, 30)  # Madrid jumps 02:00 → 03:00
    reason = where(problems_of(default_data))["event.start"]
    assert reason.startswith("2021-03-28T02:30:00 does not exist in Europe/Madrid: the clocks skip it")
    assert "2021-03-28T01:30:00Z (UTC+01:00) or 2021-03-28T00:30:00Z (UTC+02:00)" in reason


def test_more_than_ten_panel_questions_exceed_poll_answers(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["panels"][0]["questions"] = [f"Question {i}?" for i in range(11)]
    reason = where(problems_of(default_data))["panels[0].questions"]
    assert reason == "has 11 questions, which become the answers of the panel's poll; Zoom allows at most 10"


def test_string_lengths_follow_zoom_limits(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["event"]["topic"] = "T" * 201
    default_data["event"]["password"] = "abcdefgh1234@"
    default_data["panels"][1]["title"] = "A panel title that is far too long to fit in a poll title"
    default_data["registration"]["custom_questions"][1]["answers"] = ["Yes", "N" * 129]
    problems = where(problems_of(default_data))
    assert problems["event.topic"] == "is 201 characters long; Zoom allows at most 200"
    assert problems["event.password"] == "is 13 characters long; Zoom allows at most 10"
    assert problems["panels[1].title"].startswith("makes the poll title 'Panel 2: A panel title")
    assert problems["panels[1].title"].endswith("66 characters long; Zoom allows at most 64: shorten the title")
    assert problems["registration.custom_questions[1].answers[1]"] == (
        "is 129 characters long; Zoom allows at most 128"
    )


def test_password_characters(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["event"]["password"] = "wmd 2021"
    assert where(problems_of(default_data))["event.password"] == "may contain only letters, digits and @ - _ * ! #"


def test_registration_question_rules(default_data: dict[str, Any], problems_of: Any) -> None:
    registration = default_data["registration"]
    registration["questions"][1]["field_name"] = "organisation"
    registration["custom_questions"][2]["answers"] = ["a", "b"]  # a "short" question
    registration["custom_questions"][1]["type"] = "dropdown"
    problems = where(problems_of(default_data))
    assert problems["registration.questions[1].field_name"].startswith("must be one of 'last_name'")
    assert problems["registration.custom_questions[2].answers"].startswith("a 'short' question takes free text")
    assert problems["registration.custom_questions[1].type"].endswith("got 'dropdown'")


def test_interpreter_needs_two_languages(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["settings"]["language_interpretation"]["interpreters"][0]["languages"] = ["English"]
    problems = where(problems_of(default_data))
    assert problems["settings.language_interpretation.interpreters[0].languages"].startswith("give exactly two")


def test_breakout_choice_question_must_exist(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["breakouts"]["choice_question"] = "Which room?"
    reason = where(problems_of(default_data))["breakouts.choice_question"]
    assert reason.startswith("no custom registration question is titled 'Which room?'")


def test_every_problem_is_collected_in_one_error(default_data: dict[str, Any], problems_of: Any) -> None:
    default_data["event"]["timezone"] = "+02:00"
    default_data["panels"][0]["speakers"][0]["email"] = "nope"
    default_data["breakouts"]["no_choice"] = "random"
    assert len(problems_of(default_data)) == 3


def test_times_may_be_written_as_times_of_the_webinar_day(default_data: dict[str, Any]) -> None:
    default_data["panels"][0]["start"] = time(15, 10)
    default_data["panels"][0]["end"] = "15:45"
    event = build_event(default_data, "t")
    assert event.panels[0].start.isoformat() == "2021-10-07T15:10:00+02:00"
    assert event.panels[0].end.isoformat() == "2021-10-07T15:45:00+02:00"
