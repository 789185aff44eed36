"""The survey, the live stream and the e-mails: planned, applied once, and the stream key never shown."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from factories import EventData, edits, make_event

from wmdctl.cli.render.webinar import render_plan
from wmdctl.event.model import Event
from wmdctl.webinar.job import apply_webinar, plan_webinar
from wmdctl.zoom.errors import ZoomBadRequestError

from .support import webinar_job

KEY = "sk-live-5ecret-key-value"
LIVE = {"stream_url": "rtmp://live.example.org/app", "page_url": "https://example.org/live"}


def with_attachments(base: type) -> type:
    """The webinar tests' FakeZoom plus the survey and live stream endpoints, as Zoom keeps them."""

    class AttachmentZoom(base):  # type: ignore[misc,valid-type]
        def __init__(self) -> None:
            super().__init__()
            self.surveys: dict[str, dict[str, Any]] = {}
            self.streams: dict[str, dict[str, Any]] = {}
            self.survey_disabled = False

        def get_survey(self, webinar_id: str | int) -> dict[str, Any]:
            self._get(webinar_id)
            if self.survey_disabled:
                raise ZoomBadRequestError("Webinar survey disabled.", status=400, code=3000)
            return copy.deepcopy(self.surveys.get(str(webinar_id), {"show_in_the_browser": False}))

        def update_survey(self, webinar_id: str | int, body: dict[str, Any]) -> None:
            self._write("update_survey", body)
            self.surveys[str(webinar_id)] = copy.deepcopy(body)

        def get_livestream(self, webinar_id: str | int) -> dict[str, Any]:
            self._get(webinar_id)
            return copy.deepcopy(
                self.streams.get(str(webinar_id), {"stream_url": "", "stream_key": "", "page_url": ""})
            )

        def update_livestream(self, webinar_id: str | int, body: dict[str, Any]) -> None:
            self._write("update_livestream", body)
            self.streams[str(webinar_id)] = copy.deepcopy(body)

    return AttachmentZoom


@pytest.fixture
def zoom(fake: Any) -> Any:
    return with_attachments(type(fake))()


def full_event() -> Event:
    def edit(data: EventData) -> None:
        data["survey"] = {"title": "WMD 2021: your feedback"}
        data["livestream"] = dict(LIVE)
        data["settings"]["emails"] = {"reminder": ["1d"], "follow_up_attendees_days": 1, "follow_up_absentees_days": 2}

    return make_event(edits(edit))


def apply(zoom: Any, event: Event, state_dir: Path, **kwargs: Any) -> Any:
    return apply_webinar(webinar_job(zoom, event, state_dir), **kwargs)


def test_first_apply_sets_survey_and_stream_and_the_second_writes_nothing(zoom: Any, state_dir: Path) -> None:
    event = full_event()
    apply(zoom, event, state_dir, stream_key=KEY)
    names = zoom.write_names()
    assert names[-2:] == ["update_survey", "update_livestream"]
    created = zoom.writes[0][1]["settings"]
    assert created["follow_up_absentees_email_notification"] == {"enable": True, "type": 2}
    assert created["attendees_and_panelists_reminder_email_notification"] == {"enable": True, "type": 2}
    assert zoom.writes[-1][1]["stream_key"] == KEY  # sent to Zoom, and only to Zoom
    writes = len(zoom.writes)
    again = apply(zoom, event, state_dir, stream_key=KEY)
    assert again.plan.up_to_date and len(zoom.writes) == writes


def test_a_changed_survey_or_key_is_sent_again_alone(zoom: Any, state_dir: Path) -> None:
    event = full_event()
    result = apply(zoom, event, state_dir, stream_key=KEY)
    zoom.surveys[result.webinar_id]["custom_survey"]["questions"].pop()
    plan, _ = plan_webinar(webinar_job(zoom, event, state_dir), stream_key="a-rotated-key")
    assert plan.attachments.survey_body is not None
    assert plan.attachments.livestream_changes == ("stream_key",)
    assert plan.action == "noop" and not plan.polls_to_create


def test_the_stream_key_is_never_in_the_plan_its_json_or_its_lines(zoom: Any, state_dir: Path) -> None:
    event = full_event()
    plan, _ = plan_webinar(webinar_job(zoom, event, state_dir), stream_key=KEY)
    assert plan.attachments.livestream_body is not None
    shown = json.dumps(plan.to_dict()) + "\n".join(render_plan(plan))
    assert KEY not in shown
    assert plan.to_dict()["livestream"]["body"]["stream_key"] == "****"
    assert "live stream to rtmp://live.example.org/app" in "\n".join(render_plan(plan))


def test_without_the_key_the_stream_is_not_set_and_the_plan_says_why(zoom: Any, state_dir: Path) -> None:
    event = full_event()
    result = apply(zoom, event, state_dir, stream_key=None)
    assert "update_livestream" not in zoom.write_names()
    assert any("ZOOM_LIVESTREAM_KEY" in note for note in result.plan.notes)


def test_surveys_disabled_for_the_account_is_a_note_not_a_failure(zoom: Any, state_dir: Path) -> None:
    event = full_event()
    apply(zoom, event, state_dir, stream_key=KEY)
    zoom.survey_disabled = True
    plan, _ = plan_webinar(webinar_job(zoom, event, state_dir), stream_key=KEY)
    assert plan.attachments.survey_body is None
    assert any("Webinar Survey" in note for note in plan.notes)


def test_an_event_without_them_does_not_read_them(zoom: Any, state_dir: Path) -> None:
    apply(zoom, make_event(), state_dir)
    zoom.get_survey = zoom.get_livestream = None  # type: ignore[assignment,method-assign]  # would fail if called
    plan, _ = plan_webinar(webinar_job(zoom, make_event(), state_dir))
    assert plan.up_to_date
