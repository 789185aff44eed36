"""Webinar polls (notes §6)."""

from __future__ import annotations

from functools import partial
from typing import Any

from wmdctl.zoom.encoding import encode_uuid
from wmdctl.zoom.endpoints.base import EndpointBase


class PollEndpoints(EndpointBase):
    def list_polls(self, webinar_id: str | int) -> list[dict[str, Any]]:
        data = self._get(f"/webinars/{encode_uuid(webinar_id)}/polls")
        return list(data.get("polls") or [])

    def create_poll(self, webinar_id: str | int, body: dict[str, Any]) -> dict[str, Any]:
        verify = partial(self._find_poll, webinar_id, str(body.get("title", "")))
        return self._post(f"/webinars/{encode_uuid(webinar_id)}/polls", body, verify=verify)

    def _find_poll(self, webinar_id: str | int, title: str) -> dict[str, Any] | None:
        """Verify hook: poll titles are unique within our event, so a match is the poll just created."""
        return next((p for p in self.list_polls(webinar_id) if p.get("title") == title), None)
