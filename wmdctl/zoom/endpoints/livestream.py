"""Live streaming the webinar to a custom RTMP platform (``/webinars/{webinarId}/livestream``).

The stream key lets anyone broadcast as the event, so it is handed to the
redactor before anything is sent or read: it never appears in a log line or
an error message, even if Zoom echoes it back.
"""

from __future__ import annotations

from typing import Any, Literal

from wmdctl.zoom.encoding import encode_uuid
from wmdctl.zoom.endpoints.base import EndpointBase
from wmdctl.zoom.redaction import Redactor


class LivestreamEndpoints(EndpointBase):
    redact: Redactor

    def get_livestream(self, webinar_id: str | int) -> dict[str, Any]:
        """``{stream_url, stream_key, page_url, resolution}``; the key is a secret."""
        result = self._get(f"/webinars/{encode_uuid(webinar_id)}/livestream")
        self.redact.add(str(result.get("stream_key") or ""))
        return result

    def update_livestream(self, webinar_id: str | int, body: dict[str, Any]) -> None:
        """PATCH (204) with ``stream_url``, ``stream_key``, ``page_url`` (all required) and ``resolution``."""
        self.redact.add(str(body.get("stream_key") or ""))
        self._patch(f"/webinars/{encode_uuid(webinar_id)}/livestream", body)

    def update_livestream_status(
        self, webinar_id: str | int, action: Literal["start", "stop"], settings: dict[str, Any] | None = None
    ) -> None:
        body: dict[str, Any] = {"action": action}
        if settings:
            body["settings"] = settings
        self._patch(f"/webinars/{encode_uuid(webinar_id)}/livestream/status", body)
