"""Show and delete the event's webinar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wmdctl.errors import NotFoundError
from wmdctl.event.model import Event
from wmdctl.event.times import wall_time
from wmdctl.webinar.ports import WebinarClient
from wmdctl.zoom.errors import ZoomBadRequestError, ZoomNotFoundError
from wmdctl.zoom.times import parse_zoom_time

if TYPE_CHECKING:
    from wmdctl.jobs import JobContext

REGISTRATION = {0: "automatic approval", 1: "manual approval", 2: "off"}


def _registration_label(approval_type: object) -> str:
    return REGISTRATION.get(approval_type, str(approval_type)) if isinstance(approval_type, int) else "unknown"


def webinar_details(job: JobContext, *, show_start_url: bool = False) -> dict[str, Any]:
    """What the organisers need to see; the host-only start_url only when asked for."""
    client: WebinarClient = job.client()
    return _details(client, job.webinar_id(), job.event(), show_start_url)


def _details(client: WebinarClient, webinar_id: str, event: Event, show_start_url: bool) -> dict[str, Any]:
    webinar = client.get_webinar(webinar_id)
    settings = webinar.get("settings") or {}
    start = parse_zoom_time(webinar.get("start_time", ""), webinar.get("timezone"))
    questions: dict[str, Any] | None = None
    if settings.get("approval_type") in (0, 1):
        try:
            questions = client.get_registration_questions(webinar_id)
        except ZoomBadRequestError:
            questions = None
    details: dict[str, Any] = {
        "id": str(webinar.get("id", webinar_id)),
        "topic": webinar.get("topic"),
        "start_time_utc": webinar.get("start_time"),
        "start_time_local": wall_time(start.astimezone(event.tz)) if start else None,
        "timezone": webinar.get("timezone"),
        "duration": webinar.get("duration"),
        "join_url": webinar.get("join_url"),
        "registration_url": webinar.get("registration_url"),
        "settings": {
            "registration": _registration_label(settings.get("approval_type")),
            "question_and_answer": (settings.get("question_and_answer") or {}).get("enable"),
            "practice_session": settings.get("practice_session"),
            "language_interpretation": (settings.get("language_interpretation") or {}).get("enable"),
            "auto_recording": settings.get("auto_recording"),
        },
        "panelists": [{"name": p.get("name"), "email": p.get("email")} for p in client.list_panelists(webinar_id)],
        "registration_questions": questions,
        "polls": [p.get("title") for p in client.list_polls(webinar_id)],
    }
    if show_start_url:
        details["start_url"] = webinar.get("start_url")
    return details


def delete_event_webinar(job: JobContext, webinar_id: str, *, cancel_reminder: bool = False) -> str:
    """Delete ``webinar_id`` (the one the user confirmed) in Zoom and forget it; an id Zoom no longer knows is
    forgotten too. Returned, as deleted.

    The id is passed in, not read again here: a prompt may sit open for minutes, and a `webinar apply` in the
    meantime may record a new webinar, which must not be the one deleted (nor its record the one erased).
    """
    client: WebinarClient = job.client()
    try:
        client.delete_webinar(webinar_id, cancel_reminder=cancel_reminder)
    except ZoomNotFoundError as exc:
        _forget(job, webinar_id)
        raise NotFoundError(
            f"webinar {webinar_id} no longer exists in Zoom; its record was removed",
            hint="run `wmdctl webinar apply` to create it again",
        ) from exc
    _forget(job, webinar_id)
    return webinar_id


def _forget(job: JobContext, webinar_id: str) -> None:
    job.store.forget_webinar_id(job.world(), job.event().key, webinar_id)
