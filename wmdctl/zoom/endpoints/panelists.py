"""Panelists (notes §4): list, add in batches of 30, delete one or all."""

from __future__ import annotations

from functools import partial
from typing import Any

from wmdctl.zoom.encoding import chunks, encode_uuid, quote_id
from wmdctl.zoom.endpoints.base import EndpointBase


class PanelistEndpoints(EndpointBase):
    def list_panelists(self, webinar_id: str | int) -> list[dict[str, Any]]:
        data = self._get(f"/webinars/{encode_uuid(webinar_id)}/panelists", category="medium")
        return list(data.get("panelists") or [])

    def add_panelists(self, webinar_id: str | int, panelists: list[dict[str, Any]]) -> int:
        """Add panelists, at most 30 per POST (Zoom's cap); returns how many POSTs were sent."""
        path = f"/webinars/{encode_uuid(webinar_id)}/panelists"
        posts = 0
        for batch in chunks(panelists):
            verify = partial(self._panelists_present, webinar_id, batch)
            self._post(path, {"panelists": batch}, category="medium", verify=verify)
            posts += 1
        return posts

    def delete_panelist(self, webinar_id: str | int, panelist_id_or_email: str) -> None:
        path = f"/webinars/{encode_uuid(webinar_id)}/panelists/{quote_id(panelist_id_or_email)}"
        self._delete(path)

    def delete_all_panelists(self, webinar_id: str | int) -> None:
        self._delete(f"/webinars/{encode_uuid(webinar_id)}/panelists")

    def _panelists_present(self, webinar_id: str | int, batch: list[dict[str, Any]]) -> dict[str, Any] | None:
        """Verify hook: the batch landed if every one of its e-mails is now a panelist."""
        listed = {str(p.get("email", "")).lower() for p in self.list_panelists(webinar_id)}
        wanted = {str(p.get("email", "")).lower() for p in batch}
        if wanted <= listed:
            return {"id": str(webinar_id), "verified": True}
        return None
