"""Webinars: create, read, update, delete, end, list (notes §3)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from wmdctl.zoom.encoding import encode_uuid, quote_id
from wmdctl.zoom.endpoints.base import EndpointBase
from wmdctl.zoom.times import parse_zoom_time


class WebinarEndpoints(EndpointBase):
    def create_webinar(self, user_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """Create a webinar for ``user_id`` (counts toward the host's 100 creates+updates per UTC day)."""
        path = f"/users/{quote_id(user_id)}/webinars"
        return self._post(path, body, verify=lambda: self._find_created_webinar(user_id, body))

    def get_webinar(self, webinar_id: str | int) -> dict[str, Any]:
        return self._get(f"/webinars/{encode_uuid(webinar_id)}")

    def update_webinar(self, webinar_id: str | int, body: dict[str, Any]) -> None:
        """PATCH (204). Counts toward the host's 100 creates+updates per UTC day: send one PATCH with every change."""
        self._patch(f"/webinars/{encode_uuid(webinar_id)}", body)

    def delete_webinar(self, webinar_id: str | int, *, cancel_reminder: bool = False) -> None:
        """Delete; ``cancel_reminder`` e-mails registrants and panelists that it was cancelled."""
        params = {"cancel_webinar_reminder": "true" if cancel_reminder else "false"}
        self._delete(f"/webinars/{encode_uuid(webinar_id)}", params=params)

    def end_webinar(self, webinar_id: str | int) -> None:
        self._put(f"/webinars/{encode_uuid(webinar_id)}/status", {"action": "end"})

    def iter_webinars(self, user_id: str, type: str = "scheduled") -> Iterator[dict[str, Any]]:
        """The host's unexpired webinars (``type`` scheduled or upcoming)."""
        return self._paginate(f"/users/{quote_id(user_id)}/webinars", "webinars", {"type": type}, "medium")

    def _find_created_webinar(self, user_id: str, body: dict[str, Any]) -> dict[str, Any] | None:
        """Verify hook: a listed webinar with the same topic and start instant is the one we just created."""
        listed = find_scheduled(self.iter_webinars(user_id), body)
        return self.get_webinar(listed["id"]) if listed is not None else None


def find_scheduled(listed: Iterable[dict[str, Any]], body: dict[str, Any]) -> dict[str, Any] | None:
    """The first listed webinar or meeting with the create ``body``'s topic and start instant."""
    wanted = body_start_instant(body)
    for item in listed:
        if item.get("topic") == body.get("topic") and (
            wanted is None or parse_zoom_time(item.get("start_time")) == wanted
        ):
            return item
    return None


def body_start_instant(body: dict[str, Any]) -> datetime | None:
    return parse_zoom_time(body.get("start_time"), body.get("timezone"))
