"""Everything the reports read from Zoom; the only module here that calls the client.

The report endpoints (``/report/webinars/...``) need the ``report:read:admin``
scope, which many Server-to-Server apps lack. When Zoom refuses them for that
reason (4711 "does not contain scopes", or a permission/plan error) we fall
back to ``/past_webinars/...``, which carry the same join/leave rows, and say
which source was used.

Zoom answers 3001 ("Webinar ID is invalid or not end") on both families
until the instance has ended, and also for an unknown or expired one. Callers
check the webinar and the instance UUID first (``wmdctl.reports.lookup``), so
here 3001 means "too early" and becomes ``NotEnded``, a ``DataNotReady``; a
caller that could not find the webinar turns it into "not found" instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any, Literal, Protocol, TypeVar

from wmdctl.errors import PartialFailure
from wmdctl.zoom import codes
from wmdctl.zoom.endpoints.registrants import REGISTRANT_STATUSES  # Zoom's statuses, written once, in the client
from wmdctl.zoom.errors import ZoomAuthError, ZoomBadRequestError, ZoomError, ZoomNotFoundError, ZoomPermissionError

Source = Literal["report", "past_webinars"]
SOURCE_LABELS: dict[str, str] = {
    "report": "Zoom report endpoints (/report/webinars)",
    "past_webinars": "Zoom past-webinar endpoints (/past_webinars; the app lacks the report:read:admin scope)",
}
_MISSING_SCOPE = codes.MISSING_SCOPES
_NOT_ENDED = codes.WEBINAR_NOT_FOUND  # on a report: the webinar has not ended yet
_NO_REGISTRATION = codes.REGISTRATION_REFUSED
T = TypeVar("T")


class ReportClient(Protocol):
    """The slice of ``wmdctl.zoom.client.ZoomClient`` the reports use."""

    def get_webinar(self, webinar_id: str) -> dict[str, Any]: ...
    def get_webinar_report(self, webinar_or_uuid: str) -> dict[str, Any]: ...
    def iter_report_participants(self, webinar_or_uuid: str) -> Iterator[dict[str, Any]]: ...
    def iter_past_participants(self, webinar_or_uuid: str) -> Iterator[dict[str, Any]]: ...
    def iter_absentees(self, webinar_or_uuid: str) -> Iterator[dict[str, Any]]: ...
    def iter_registrants(self, webinar_id: str, status: str = "approved") -> Iterator[dict[str, Any]]: ...
    def list_past_instances(self, webinar_id: str) -> list[dict[str, Any]]: ...
    def get_report_qa(self, webinar_or_uuid: str) -> dict[str, Any]: ...
    def get_past_qa(self, webinar_or_uuid: str) -> dict[str, Any]: ...
    def get_report_polls(self, webinar_or_uuid: str) -> dict[str, Any]: ...
    def get_past_polls(self, webinar_or_uuid: str) -> dict[str, Any]: ...
    def list_polls(self, webinar_id: str) -> list[dict[str, Any]]: ...


class DataNotReady(PartialFailure):
    """Zoom's data for the webinar is not complete yet: a report now would be wrong."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(
            "Zoom's attendance data is not complete yet: " + "; ".join(reasons),
            hint="Zoom builds reports after the webinar ends; run again in a few minutes, or pass --wait",
        )
        self.reasons = reasons


class NotEnded(DataNotReady):
    """Zoom answered 3001 for a report: not ended yet, or (if the webinar is unknown too) not found."""


def lacks_report_scope(error: ZoomError) -> bool:
    """True when Zoom refused a report endpoint for want of scope or plan, not for a real fault."""
    if isinstance(error, ZoomPermissionError):
        return True
    return isinstance(error, ZoomAuthError) and error.code == _MISSING_SCOPE


def not_ended(error: ZoomError) -> bool:
    return isinstance(error, ZoomNotFoundError) and error.code == _NOT_ENDED


def _primed(iterator: Iterator[T]) -> Iterator[T]:
    """Pull the first item now, so errors from the first page surface here, not mid-aggregation."""
    try:
        first = next(iterator)
    except StopIteration:
        return iter(())
    return chain((first,), iterator)


def _guard_not_ended(call: Callable[[], T], what: str) -> T:
    try:
        return call()
    except ZoomNotFoundError as error:
        if not_ended(error):
            raise NotEnded([f"Zoom answers 3001 for the {what}: the webinar has not ended"]) from error
        raise


@dataclass
class Participants:
    source: Source
    rows: Iterator[dict[str, Any]]


def fetch_participants(client: ReportClient, target: str, *, prefer: Source = "report") -> Participants:
    """Every join/leave row of ``target`` (webinar id or instance UUID), streamed page by page."""
    if prefer == "report":
        try:
            rows = _guard_not_ended(lambda: _primed(client.iter_report_participants(target)), "participants report")
            return Participants("report", rows)
        except (ZoomAuthError, ZoomPermissionError) as error:
            if not lacks_report_scope(error):
                raise
    rows = _guard_not_ended(lambda: _primed(client.iter_past_participants(target)), "past participants")
    return Participants("past_webinars", rows)


def fetch_registrants(client: ReportClient, webinar_id: str) -> list[dict[str, Any]]:
    """Registrants of every status: Zoom lists only ``approved`` unless asked for each status."""
    registrants: list[dict[str, Any]] = []
    for status in REGISTRANT_STATUSES:
        for registrant in client.iter_registrants(webinar_id, status=status):
            registrants.append({**registrant, "status": registrant.get("status") or status})
    return registrants


def fetch_absentees(client: ReportClient, target: str) -> list[dict[str, Any]]:
    """Registrants who never joined; none when the webinar does not require registration (3000)."""
    try:
        return _guard_not_ended(lambda: list(client.iter_absentees(target)), "absentees")
    except ZoomBadRequestError as error:
        if error.code == _NO_REGISTRATION:
            return []
        raise


def fetch_report_details(client: ReportClient, target: str, source: Source) -> dict[str, Any]:
    """The instance's actual start and end (report source only); {} when Zoom will not say."""
    if source != "report":
        return {}
    try:
        return _guard_not_ended(lambda: client.get_webinar_report(target), "webinar report")
    except (ZoomAuthError, ZoomPermissionError) as error:
        if lacks_report_scope(error):
            return {}
        raise


def fetch_qa(client: ReportClient, target: str) -> tuple[Source, dict[str, Any]]:
    return _with_fallback(lambda: client.get_report_qa(target), lambda: client.get_past_qa(target), "Q&A")


def fetch_polls(client: ReportClient, target: str) -> tuple[Source, dict[str, Any]]:
    return _with_fallback(lambda: client.get_report_polls(target), lambda: client.get_past_polls(target), "polls")


def _with_fallback(
    report_call: Callable[[], dict[str, Any]], past_call: Callable[[], dict[str, Any]], what: str
) -> tuple[Source, dict[str, Any]]:
    try:
        return "report", _guard_not_ended(report_call, what)
    except (ZoomAuthError, ZoomPermissionError) as error:
        if not lacks_report_scope(error):
            raise
    return "past_webinars", _guard_not_ended(past_call, what)


def latest_instance(client: ReportClient, webinar_id: str) -> dict[str, Any] | None:
    """The most recent ended instance ``{uuid, start_time}``, or None when none has ended."""
    instances = client.list_past_instances(webinar_id)
    return max(instances, key=lambda i: str(i.get("start_time") or ""), default=None)


class PageClient(ReportClient, Protocol):
    """Raw pages, as Zoom returned them, for the archive."""

    def iter_report_participant_pages(self, webinar_or_uuid: str) -> Iterator[dict[str, Any]]: ...
    def iter_past_participant_pages(self, webinar_or_uuid: str) -> Iterator[dict[str, Any]]: ...
    def iter_absentee_pages(self, webinar_or_uuid: str) -> Iterator[dict[str, Any]]: ...
    def iter_registrant_pages(self, webinar_id: str, status: str = "approved") -> Iterator[dict[str, Any]]: ...


def fetch_participant_pages(client: PageClient, target: str) -> tuple[Source, Iterator[dict[str, Any]]]:
    """The participant pages, from the report endpoint or, lacking the scope, the past-webinar one."""
    try:
        pages = _guard_not_ended(lambda: _primed(client.iter_report_participant_pages(target)), "participants report")
        return "report", pages
    except (ZoomAuthError, ZoomPermissionError) as error:
        if not lacks_report_scope(error):
            raise
    return "past_webinars", _guard_not_ended(
        lambda: _primed(client.iter_past_participant_pages(target)), "past participants"
    )


def fetch_absentee_pages(client: PageClient, target: str) -> list[dict[str, Any]]:
    try:
        return _guard_not_ended(lambda: list(client.iter_absentee_pages(target)), "absentees")
    except ZoomBadRequestError as error:
        if error.code == _NO_REGISTRATION:
            return []
        raise
