"""Before the data: an unknown instance is "not found", an expired webinar only a warning, polls get titles."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from reports.helpers import (
    PANEL_OPTIONS,
    POLL_TITLES,
    PRIORITY,
    RATING,
    priority_asked_in_panel_poll,
    registrant,
    report_event,
    report_job,
    segment,
)
from wmdctl.errors import NotFoundError
from wmdctl.reports.fetch import DataNotReady, fetch_polls
from wmdctl.reports.interactions import poll_rows, poll_titles
from wmdctl.reports.job import AttendanceOptions, collect_attendance, collect_polls, collect_qa
from wmdctl.zoom.errors import ZoomBadRequestError, ZoomNotFoundError

WEBINAR = "81234567890"
LATEST = "latest/uuid=="
INSTANCES = [
    {"uuid": "first==", "start_time": "2020-10-07T13:00:00Z"},
    {"uuid": LATEST, "start_time": "2021-10-07T13:00:00Z"},
]


def gone(what: str) -> ZoomNotFoundError:
    return ZoomNotFoundError(f"{what} is invalid or not end.", status=404, code=3001)


class FakeZoom:
    """Zoom as the reports see it; ``webinar_gone``: GET /webinars 3001s; ``ended`` False: the reports 3001."""

    def __init__(
        self,
        *,
        webinar_gone: bool = False,
        ended: bool = True,
        instances: list[dict[str, Any]] | None = None,
        polls_disabled: bool = False,
    ) -> None:
        self.webinar_gone = webinar_gone
        self.ended = ended
        self.instances = INSTANCES if instances is None else instances
        self.polls_disabled = polls_disabled
        self.calls: list[str] = []

    def _report(self, name: str, target: str) -> None:
        self.calls.append(f"{name}:{target}")
        if not self.ended:
            raise gone("Webinar ID")

    def get_webinar(self, webinar_id: str) -> dict[str, Any]:
        self.calls.append("webinar")
        if self.webinar_gone:
            raise ZoomNotFoundError(f"Webinar does not exist: {webinar_id}.", status=404, code=3001)
        return {"id": webinar_id, "host_email": "host@example.org"}

    def list_past_instances(self, webinar_id: str) -> list[dict[str, Any]]:
        self.calls.append("instances")
        if self.webinar_gone and not self.ended:
            raise gone("Webinar ID")
        return self.instances

    def iter_report_participants(self, target: str) -> Iterator[dict[str, Any]]:
        self._report("participants", target)
        yield segment(5, 50, name="Ana Gil", email="ana@example.org", registrant_id="r1")
        yield segment(0, 90, name="The Host", email="host@example.org")

    def get_webinar_report(self, target: str) -> dict[str, Any]:
        self._report("details", target)
        return {
            "start_time": "2021-10-07T13:00:00Z",
            "end_time": "2021-10-07T14:30:00Z",
            "user_email": "host@example.org",
        }

    def iter_registrants(self, webinar_id: str, status: str = "approved") -> Iterator[dict[str, Any]]:
        if status == "approved":
            yield registrant("r1", "Ana", "Gil", "ana@example.org")

    def iter_absentees(self, target: str) -> Iterator[dict[str, Any]]:
        self._report("absentees", target)
        return iter(())

    def get_report_qa(self, target: str) -> dict[str, Any]:
        self._report("qa", target)
        return {"questions": [{"name": "Ana", "question_details": [{"question": "When?"}]}]}

    def get_report_polls(self, target: str) -> dict[str, Any]:
        self._report("polls", target)
        votes = [
            {"polling_id": "p1", "question": PRIORITY, "answer": PANEL_OPTIONS[1][1]},
            {"polling_id": "p1", "question": RATING, "answer": "4"},
            {"polling_id": "p2", "question": RATING, "answer": "5"},
        ]
        return {"questions": [{"name": "Ana", "email": "ana@example.org", "question_details": votes}]}

    def list_polls(self, webinar_id: str) -> list[dict[str, Any]]:
        self.calls.append("poll_definitions")
        if self.webinar_gone:
            raise gone("Webinar")
        if self.polls_disabled:
            raise ZoomBadRequestError("Webinar polls are disabled.", status=400, code=4400)
        return [
            {"id": "p1", "title": "Panel 1: Creating caring metropolises"},
            {"id": "p2", "title": "Panel 2: Framing recovery for all"},
        ]


def test_an_unknown_instance_is_not_found_naming_the_known_ones_without_waiting() -> None:
    zoom = FakeZoom()
    slept: list[float] = []
    options = AttendanceOptions(instance="typo==", wait=True, sleep=slept.append)
    with pytest.raises(NotFoundError) as caught:
        collect_attendance(report_job(zoom, WEBINAR), options)
    assert caught.value.exit_code == 4
    message = caught.value.message
    assert "'typo=='" in message and "first==" in message and LATEST in message
    assert message.index(LATEST) < message.index("first==")  # the newest first
    assert slept == [] and not any(c.startswith("participants") for c in zoom.calls)


def test_a_known_instance_is_reported_on() -> None:
    zoom = FakeZoom()
    report = collect_attendance(report_job(zoom, WEBINAR), AttendanceOptions(instance="first=="))
    assert "participants:first==" in zoom.calls and report.problems == []


def test_before_any_instance_has_ended_a_uuid_cannot_be_checked_and_stays_too_early() -> None:
    zoom = FakeZoom(ended=False, instances=[])
    with pytest.raises(DataNotReady) as caught:
        collect_attendance(report_job(zoom, WEBINAR), AttendanceOptions(instance="live=="))
    assert caught.value.exit_code == 1


def test_an_expired_webinar_is_a_warning_and_the_report_still_comes() -> None:
    zoom = FakeZoom(webinar_gone=True)
    report = collect_attendance(report_job(zoom, WEBINAR))
    assert "does not exist or has expired" in report.problems[0] and "carrying on" in report.problems[0]
    roles = {row.email: row.role for row in report.rows}
    assert roles["host@example.org"] == "host"  # the report's user_email stands in for the webinar's host_email
    assert report.rows and report.summary.registered == 1


def test_a_webinar_unknown_to_the_reports_too_is_not_found_even_with_wait() -> None:
    slept: list[float] = []
    with pytest.raises(NotFoundError) as caught:
        collect_attendance(
            report_job(FakeZoom(webinar_gone=True, ended=False), WEBINAR),
            AttendanceOptions(wait=True, sleep=slept.append),
        )
    assert caught.value.exit_code == 4 and WEBINAR in caught.value.message and slept == []


def test_qa_of_an_expired_webinar_warns_and_of_an_unknown_one_is_not_found() -> None:
    warnings: list[str] = []
    source, rows = collect_qa(report_job(FakeZoom(webinar_gone=True), WEBINAR), on_warning=warnings.append)
    assert source == "report" and rows[0]["question"] == "When?"
    assert len(warnings) == 1 and "has expired" in warnings[0]
    with pytest.raises(NotFoundError):
        collect_qa(report_job(FakeZoom(webinar_gone=True, ended=False), WEBINAR))
    with pytest.raises(DataNotReady):  # the webinar exists: 3001 means it has not ended
        collect_qa(report_job(FakeZoom(ended=False), WEBINAR))
    with pytest.raises(NotFoundError):
        collect_qa(report_job(FakeZoom(), WEBINAR), instance="typo==")


def test_poll_rows_carry_the_poll_title_from_zooms_poll_list() -> None:
    zoom = FakeZoom()
    event = report_event()
    _, rows = collect_polls(report_job(zoom, WEBINAR, event))
    titles = {(r["poll_id"], r["question"], r["answer"]): r["poll_title"] for r in rows}
    assert titles[("p1", RATING, "4")] == POLL_TITLES[1] == "Panel 1: Creating caring metropolises"
    assert titles[("p2", RATING, "5")] == POLL_TITLES[2] == "Panel 2: Framing recovery for all"
    assert titles[("p1", PRIORITY, PANEL_OPTIONS[1][2])] == POLL_TITLES[1]  # an option nobody chose
    assert list(rows[0]) == ["poll_id", "poll_title", "question", "answer", "count", "share_pct", "respondents"]


def test_without_zooms_poll_list_titles_come_from_the_event_where_unambiguous() -> None:
    warnings: list[str] = []
    zoom = FakeZoom(polls_disabled=True)
    event = priority_asked_in_panel_poll(1)
    _, rows = collect_polls(report_job(zoom, WEBINAR, event), on_warning=warnings.append)
    titles = {(r["poll_id"], r["question"]): r["poll_title"] for r in rows}
    assert titles[("p1", PRIORITY)] == POLL_TITLES[1]
    assert any("poll titles come from the event file" in w for w in warnings)
    # By the question alone (no chosen option to go by), RATING names no poll: both panels' polls ask it.
    _, payload = fetch_polls(zoom, WEBINAR)  # type: ignore[arg-type]
    by_question = {
        (r["poll_id"], r["question"]): r["poll_title"] for r in poll_rows(payload, {}, poll_titles([], event.polls))
    }
    assert by_question[("p1", PRIORITY)] == POLL_TITLES[1] and by_question[("p1", RATING)] == ""


def test_the_wmd_polls_ask_the_same_questions_so_without_zooms_list_the_chosen_options_name_them() -> None:
    zoom = FakeZoom(polls_disabled=True)
    event = report_event()
    _, payload = fetch_polls(zoom, WEBINAR)  # type: ignore[arg-type]
    rows = poll_rows(payload, {}, poll_titles([], event.polls))
    assert rows and {r["poll_title"] for r in rows} == {""}  # no options known: no guess
    _, rows = collect_polls(report_job(zoom, WEBINAR, event))  # the job knows them: the event's polls
    titles = {(r["poll_id"], r["question"]): r["poll_title"] for r in rows}
    # p1's voter chose a question only panel 1 discusses: the whole poll, rating included, is panel 1's
    assert titles[("p1", PRIORITY)] == POLL_TITLES[1] and titles[("p1", RATING)] == POLL_TITLES[1]
    assert titles[("p2", RATING)] == ""  # p2 has only a rating: nothing names it, so no guess


def test_poll_titles_prefer_the_id_over_the_question() -> None:
    titles = poll_titles(
        [{"id": 7, "title": "Zoom's title", "questions": [{"name": "Q"}]}], priority_asked_in_panel_poll(2).polls
    )
    assert titles.of("7", PRIORITY) == "Zoom's title"
    assert titles.of("8", "Q") == "Zoom's title" and titles.of("8", PRIORITY) == POLL_TITLES[2]
    assert titles.of("8", "unknown") == ""
