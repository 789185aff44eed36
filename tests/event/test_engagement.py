"""The event file's e-mails, survey and live stream: read, validated, turned into Zoom bodies."""

from __future__ import annotations

import pytest
from factories import EventData, make_event

from wmdctl.errors import EventFileError
from wmdctl.event.engagement import emails_settings, survey_body
from wmdctl.event.payloads import webinar_settings

LIVE = {"stream_url": "rtmp://live.example.org/app", "page_url": "https://example.org/live", "resolution": "1080p"}


def with_emails(**emails: object):  # type: ignore[no-untyped-def]
    def edit(data: EventData) -> None:
        data["settings"]["emails"] = dict(emails)

    return edit


def test_emails_become_zoom_settings_keys_with_their_days() -> None:
    event = make_event(with_emails(reminder=["1h", "1d"], follow_up_attendees_days=1, follow_up_absentees_days=3))
    settings = webinar_settings(event)
    assert settings["attendees_and_panelists_reminder_email_notification"] == {"enable": True, "type": 3}
    assert settings["follow_up_attendees_email_notification"] == {"enable": True, "type": 1}
    assert settings["follow_up_absentees_email_notification"] == {"enable": True, "type": 3}


def test_zero_days_and_no_reminder_turn_them_off_and_absent_keys_are_left_alone() -> None:
    event = make_event(with_emails(reminder=[], follow_up_absentees_days=0))
    assert emails_settings(event.settings.emails) == {
        "attendees_and_panelists_reminder_email_notification": {"enable": False, "type": 0},
        "follow_up_absentees_email_notification": {"enable": False, "type": 0},
    }
    assert "follow_up_attendees_email_notification" not in webinar_settings(event)


@pytest.mark.parametrize(
    ("emails", "where"),
    [
        ({"reminder": ["2h"]}, "settings.emails.reminder"),
        ({"follow_up_attendees_days": 9}, "settings.emails.follow_up_attendees_days"),
        ({"follow_up_absentee_days": 1}, "settings.emails.follow_up_absentee_days"),  # a typo is named
    ],
)
def test_bad_email_settings_are_reported_by_key(emails: dict[str, object], where: str) -> None:
    with pytest.raises(EventFileError) as error:
        make_event(with_emails(**emails))
    assert where in {p.where for p in error.value.problems}


def test_the_survey_is_built_from_the_panels_questions() -> None:
    event = make_event(lambda data: data.update(survey={"title": "Your feedback on WMD 2021"}))
    assert event.survey is not None
    body = survey_body(event.survey)
    questions = body["custom_survey"]["questions"]
    first = event.panels[0]
    assert questions[0]["type"] == "single" and questions[0]["answers"] == list(first.questions)
    assert first.title in questions[0]["name"]
    assert questions[1]["type"] == "rating_scale" and questions[1]["rating_max_value"] == 5
    assert questions[-1]["type"] == "long_answer"
    assert len(questions) == 2 * len(event.panels) + 1
    assert body["custom_survey"]["title"] == "Your feedback on WMD 2021"


def test_no_survey_section_leaves_zoom_alone() -> None:
    assert make_event().survey is None
    assert make_event(lambda data: data.update(survey={"enable": False})).survey is None


def test_the_livestream_is_read_and_a_stream_key_in_the_file_is_refused() -> None:
    event = make_event(lambda data: data.update(livestream=dict(LIVE)))
    assert event.livestream is not None and event.livestream.resolution == "1080p"
    with pytest.raises(EventFileError) as error:
        make_event(lambda data: data.update(livestream={**LIVE, "stream_key": "abc-123"}))
    problems = {p.where: p.reason for p in error.value.problems}
    assert "ZOOM_LIVESTREAM_KEY" in problems["livestream.stream_key"]
    assert "abc-123" not in str(error.value.problems)


def test_a_livestream_needs_an_rtmp_url() -> None:
    with pytest.raises(EventFileError) as error:
        make_event(lambda data: data.update(livestream={**LIVE, "stream_url": "https://example.org"}))
    assert "livestream.stream_url" in {p.where for p in error.value.problems}


def test_the_embedded_events_commented_survey_and_livestream_work_when_uncommented() -> None:
    from factories import uncomment_survey_and_livestream

    from wmdctl.event.load import default_event_text, parse_event

    text = uncomment_survey_and_livestream(default_event_text())
    event = parse_event(text, "uncommented.toml")
    assert event.survey is not None and event.survey.title == "World Metropolitan Day 2021: your feedback"
    assert event.livestream is not None and event.livestream.stream_url.startswith("rtmp://")
    assert event.settings.emails.reminder == ("1d", "1h")
