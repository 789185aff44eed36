"""Meetings (for panel breakout rooms, notes §7) and users."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from wmdctl.zoom.encoding import encode_uuid, quote_id
from wmdctl.zoom.endpoints.base import EndpointBase
from wmdctl.zoom.endpoints.webinars import find_scheduled


class MeetingEndpoints(EndpointBase):
    def create_meeting(self, user_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """Create a meeting (counts toward the host's 100 creates+updates per UTC day)."""
        path = f"/users/{quote_id(user_id)}/meetings"
        return self._post(path, body, verify=partial(self._find_created_meeting, user_id, body))

    def get_meeting(self, meeting_id: str | int) -> dict[str, Any]:
        return self._get(f"/meetings/{encode_uuid(meeting_id)}")

    def update_meeting(self, meeting_id: str | int, body: dict[str, Any]) -> None:
        self._patch(f"/meetings/{encode_uuid(meeting_id)}", body)

    def delete_meeting(self, meeting_id: str | int) -> None:
        self._delete(f"/meetings/{encode_uuid(meeting_id)}")

    def iter_meetings(self, user_id: str, type: str = "scheduled") -> Iterator[dict[str, Any]]:
        return self._paginate(f"/users/{quote_id(user_id)}/meetings", "meetings", {"type": type}, "medium")

    def get_user(self, user_id: str) -> dict[str, Any]:
        """A user by id or e-mail (S2S apps should not use "me")."""
        return self._get(f"/users/{quote_id(user_id)}")

    def _find_created_meeting(self, user_id: str, body: dict[str, Any]) -> dict[str, Any] | None:
        listed = find_scheduled(self.iter_meetings(user_id), body)
        return self.get_meeting(listed["id"]) if listed is not None else None
