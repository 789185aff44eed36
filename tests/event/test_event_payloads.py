"""The event as Zoom request bodies."""

from __future__ import annotations

from typing import Any

from wmdctl.event.load import build_event, load_event
from wmdctl.event.payloads import panelists_body, poll_bodies, registration_questions_body, webinar_body


def test_webinar_body_sends_local_wall_time_with_zone_and_no_z() -> None:
    body = webinar_body(load_event(None))
    assert body["type"] == 5
    assert body["start_time"] == "2021-10-07T15:00:00"
    assert not body["start_time"].endswith("Z")
    assert body["timezone"] == "Europe/Madrid"
    assert body["duration"] == 90
    assert body["topic"] == "Caring Metropolises: Framing Recovery for All"
    assert body["agenda"].startswith("Joint Metropolis & UN-Habitat event")
    assert "password" not in body  # the default sets none: Zoom generates one if the account requires it


def test_webinar_settings() -> None:
    settings = webinar_body(load_event(None))["settings"]
    assert settings["approval_type"] == 1  # manual
    assert settings["registrants_email_notification"] is True
    assert settings["question_and_answer"]["enable"] is True
    assert settings["practice_session"] is True
    assert settings["language_interpretation"] == {
        "enable": True,
        "interpreters": [
            {"email": "interpreter.es@example.org", "interpreter_languages": "English,Spanish"},
            {"email": "interpreter.fr@example.org", "interpreter_languages": "English,French"},
        ],
    }


def test_automatic_approval_and_password(default_data: dict[str, Any]) -> None:
    default_data["registration"]["approval"] = "automatic"
    default_data["event"]["password"] = "wmd-2021"
    body = webinar_body(build_event(default_data, "t"))
    assert body["settings"]["approval_type"] == 0
    assert body["password"] == "wmd-2021"


def test_panelists_body() -> None:
    event = load_event(None)
    body = panelists_body(event)
    assert len(body) == 8
    assert body[0] == {"name": "Ana Ejemplo", "email": "moderator.panel1@example.org"}
    assert {p["email"] for p in body} == {p.email for p in event.panelists}


def test_registration_questions_body() -> None:
    body = registration_questions_body(load_event(None))
    assert {"field_name": "org", "required": True} in body["questions"]
    choice, member, free_text = body["custom_questions"]
    assert choice == {
        "title": "Which panel breakout session would you like to join?",
        "type": "single_radio",
        "required": True,
        "answers": ["Creating caring metropolises", "Framing recovery for all"],
    }
    assert member["answers"] == ["Yes", "No", "I don't know"]
    assert "answers" not in free_text  # Zoom refuses answers on a short question


def test_poll_bodies_come_from_the_panel_questions() -> None:
    event = load_event(None)
    first, second = poll_bodies(event)
    assert first["title"] == "Panel 1: Creating caring metropolises"
    assert second["title"] == "Panel 2: Framing recovery for all"
    priority, rating = first["questions"]
    assert priority["type"] == "single"
    assert priority["answers"] == list(event.panels[0].questions)
    assert rating["type"] == "rating_scale"
    assert (rating["rating_min_value"], rating["rating_max_value"]) == (1, 5)
    assert "answers" not in rating


def test_no_rating_question_when_disabled(default_data: dict[str, Any]) -> None:
    default_data["polls"]["rating_question"] = ""
    event = build_event(default_data, "t")
    assert [len(p["questions"]) for p in poll_bodies(event)] == [1, 1]
