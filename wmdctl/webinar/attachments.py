"""The webinar's survey and live stream: read them from Zoom, diff them with the event, say what to send. Pure
except ``read_attachments``.

Each has its own endpoint (``/webinars/{id}/survey`` and ``/livestream``) and is
set whole with one PATCH, so the plan holds the body to send or None when Zoom
already matches. Only what the event file sets is compared: no ``[survey]``
means the survey in Zoom is left alone, never deleted. The stream key is a
secret: it is compared but never shown, in a plan, its JSON or a log line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from wmdctl.event.engagement import STREAM_KEY_VARIABLE, livestream_body, survey_body
from wmdctl.event.model import Event
from wmdctl.zoom.errors import ZoomBadRequestError, ZoomPermissionError

MASK = "****"
SURVEY_DISABLED = 3000  # "Webinar survey disabled": the account's Webinar Survey setting is off


class AttachmentClient(Protocol):
    def get_survey(self, webinar_id: str | int) -> dict[str, Any]: ...
    def update_survey(self, webinar_id: str | int, body: dict[str, Any]) -> None: ...
    def get_livestream(self, webinar_id: str | int) -> dict[str, Any]: ...
    def update_livestream(self, webinar_id: str | int, body: dict[str, Any]) -> None: ...


@dataclass(frozen=True)
class LiveAttachments:
    survey: dict[str, Any] | None = None  # None: not read (no [survey]) or unreadable
    survey_refused: str = ""  # why Zoom will not take a survey
    livestream: dict[str, Any] | None = None
    livestream_refused: str = ""


@dataclass(frozen=True)
class AttachmentPlan:
    survey_body: dict[str, Any] | None = None  # None: nothing to send
    livestream_body: dict[str, Any] | None = None  # holds the real key: never printed as it is
    livestream_changes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def livestream_shown(self) -> dict[str, Any] | None:
        """The livestream body as the plan shows it: the key masked."""
        if self.livestream_body is None:
            return None
        return {**self.livestream_body, "stream_key": MASK}


def read_attachments(client: AttachmentClient, webinar_id: str | int, event: Event) -> LiveAttachments:
    """Only what the event configures is read, so an event without them costs no request."""
    survey, survey_refused = None, ""
    if event.survey is not None:
        try:
            survey = client.get_survey(webinar_id)
        except ZoomBadRequestError as error:
            if error.code != SURVEY_DISABLED:
                raise
            survey_refused = f"webinar surveys are disabled for this Zoom account ({error.message})"
    livestream, livestream_refused = None, ""
    if event.livestream is not None:
        try:
            livestream = client.get_livestream(webinar_id)
        except (ZoomPermissionError, ZoomBadRequestError) as error:
            livestream_refused = f"Zoom will not set a custom live stream ({error.message})"
    return LiveAttachments(survey, survey_refused, livestream, livestream_refused)


def plan_attachments(event: Event, live: LiveAttachments | None, stream_key: str | None) -> AttachmentPlan:
    """``live`` None: not compared with Zoom (everything the event sets would be sent)."""
    notes: list[str] = []
    live = live or LiveAttachments()
    survey = None
    if event.survey is not None:
        desired = survey_body(event.survey)
        if live.survey_refused:
            notes.append(f"survey not set: {live.survey_refused}; turn on Settings › Webinar Survey, then apply again")
        elif live.survey is None or not same_survey(desired, live.survey):
            survey = desired
    stream: dict[str, Any] | None = None
    changes: tuple[str, ...] = ()
    if event.livestream is not None:
        if not stream_key:
            notes.append(
                f"live stream not set: {STREAM_KEY_VARIABLE} is not set (the stream key never goes in the event file)"
            )
        elif live.livestream_refused:
            notes.append(f"live stream not set: {live.livestream_refused}")
        else:
            desired = livestream_body(event.livestream, stream_key)
            changes = livestream_changes(desired, live.livestream)
            stream = desired if changes else None
    return AttachmentPlan(survey, stream, changes, tuple(notes))


def livestream_changes(desired: dict[str, Any], live: dict[str, Any] | None) -> tuple[str, ...]:
    if live is None:
        return tuple(desired)
    shown = {**live, "resolution": live.get("resolution") or "720p"}  # Zoom's default when none was set
    return tuple(key for key, value in desired.items() if str(shown.get(key) or "").strip() != str(value).strip())


def same_survey(desired: dict[str, Any], live: dict[str, Any]) -> bool:
    """The survey fields the event sets, compared with Zoom's; questions in order."""
    for key in ("show_in_the_browser", "show_in_the_follow_up_email"):
        if bool(live.get(key)) != bool(desired[key]):
            return False
    wanted, have = desired["custom_survey"], live.get("custom_survey") or {}
    for key, value in wanted.items():
        if key != "questions" and _text(have.get(key)) != _text(value):
            return False
    return [_question(q) for q in wanted["questions"]] == [_question(q) for q in have.get("questions") or []]


def _question(question: dict[str, Any]) -> tuple[Any, ...]:
    return (
        _text(question.get("name")),
        question.get("type"),
        tuple(_text(a) for a in question.get("answers") or ()),
        question.get("rating_min_value"),
        question.get("rating_max_value"),
        _text(question.get("rating_min_label")),
        _text(question.get("rating_max_label")),
    )


def _text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value
