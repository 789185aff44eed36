"""Past webinars (notes §9) and reports (notes §8): attendance, absentees, Q&A, polls.

Each accepts a webinar id (Zoom answers for the latest instance) or an instance
UUID, double-encoded when needed. Paginated data comes both as items and as raw
pages, for the reports archive.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from wmdctl.zoom.encoding import encode_uuid
from wmdctl.zoom.endpoints.base import EndpointBase

WebinarRef = str | int  # a webinar id or an instance UUID


class ReportEndpoints(EndpointBase):
    def list_past_instances(self, webinar_id: str | int) -> list[dict[str, Any]]:
        """``[{uuid, start_time}]`` of the ended instances."""
        data = self._get(f"/past_webinars/{encode_uuid(webinar_id)}/instances")
        return list(data.get("webinars") or [])

    def iter_past_participants(self, webinar: WebinarRef) -> Iterator[dict[str, Any]]:
        for page in self.iter_past_participant_pages(webinar):
            yield from page.get("participants") or []

    def iter_past_participant_pages(self, webinar: WebinarRef) -> Iterator[dict[str, Any]]:
        # SPEC: registrant_id "only returns if you pass the registrant_id value for include_fields" here too.
        params = {"include_fields": "registrant_id"}
        return self.iter_pages(f"/past_webinars/{encode_uuid(webinar)}/participants", params=params, category="medium")

    def iter_absentees(self, webinar: WebinarRef, *, occurrence_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Registrants who did not attend (registrant objects)."""
        for page in self.iter_absentee_pages(webinar, occurrence_id=occurrence_id):
            yield from page.get("registrants") or []

    def iter_absentee_pages(self, webinar: WebinarRef, *, occurrence_id: str | None = None) -> Iterator[dict[str, Any]]:
        params = {"occurrence_id": occurrence_id} if occurrence_id else None
        return self.iter_pages(f"/past_webinars/{encode_uuid(webinar)}/absentees", params=params, category="heavy")

    def get_past_qa(self, webinar: WebinarRef) -> dict[str, Any]:
        return self._get(f"/past_webinars/{encode_uuid(webinar)}/qa", category="medium")

    def get_past_polls(self, webinar: WebinarRef) -> dict[str, Any]:
        return self._get(f"/past_webinars/{encode_uuid(webinar)}/polls", category="medium")

    def get_webinar_report(self, webinar: WebinarRef) -> dict[str, Any]:
        return self._get(f"/report/webinars/{encode_uuid(webinar)}", category="heavy")

    def iter_report_participants(self, webinar: WebinarRef) -> Iterator[dict[str, Any]]:
        """One row per join segment, with ``registrant_id`` (needs the report:read:admin scope)."""
        for page in self.iter_report_participant_pages(webinar):
            yield from page.get("participants") or []

    def iter_report_participant_pages(self, webinar: WebinarRef) -> Iterator[dict[str, Any]]:
        return self.iter_pages(
            f"/report/webinars/{encode_uuid(webinar)}/participants",
            params={"include_fields": "registrant_id"},
            category="heavy",
        )

    def get_report_qa(self, webinar: WebinarRef) -> dict[str, Any]:
        return self._get(f"/report/webinars/{encode_uuid(webinar)}/qa", category="heavy")

    def get_report_polls(self, webinar: WebinarRef) -> dict[str, Any]:
        return self._get(f"/report/webinars/{encode_uuid(webinar)}/polls", category="heavy")
