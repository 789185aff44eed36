"""Cloud recordings: the files of a webinar instance, and streaming one of them to disk.

``GET /meetings/{meetingId}/recordings`` takes a webinar id (the latest
instance) or an instance UUID (double-encoded when needed). Asked with
``include_fields=download_access_token`` it returns a token that downloads
every file of that instance; the download URL itself lives outside the API
base and may redirect to a signed CDN address (requests drops the
Authorization header on a cross-host redirect, which is what Zoom wants).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import requests

from wmdctl.zoom.auth import TokenProvider
from wmdctl.zoom.encoding import encode_uuid
from wmdctl.zoom.endpoints.base import EndpointBase
from wmdctl.zoom.errormap import error_from_response, network_error
from wmdctl.zoom.redaction import Redactor

DOWNLOAD_TIMEOUT = (10.0, 60.0)  # connect, then per-read: a large file streams for minutes, but never stalls
DOWNLOAD_TOKEN_TTL_SECONDS = 6 * 3600  # a few GB of video over a slow line must not outlive the token


class RecordingEndpoints(EndpointBase):
    _session: requests.Session
    auth: TokenProvider
    redact: Redactor

    def get_recordings(self, meeting_or_uuid: str | int, *, download_token: bool = True) -> dict[str, Any]:
        """The instance's recording files, ``share_url``, ``auto_delete_date`` and (optionally) a download token."""
        params: dict[str, Any] | None = None
        if download_token:
            params = {"include_fields": "download_access_token", "ttl": DOWNLOAD_TOKEN_TTL_SECONDS}
        result = self._get(f"/meetings/{encode_uuid(meeting_or_uuid)}/recordings", params=params)
        token = str(result.get("download_access_token") or "")
        if token:
            self.redact.add(token)  # it downloads every file: never in a log or an error message
        return result

    def open_download(self, url: str, token: str, *, offset: int = 0) -> requests.Response:
        """A streaming GET of a recording file from byte ``offset`` (HTTP Range); the caller closes it.

        ``token`` is the instance's ``download_access_token``; without one the app's own OAuth token is
        used, which Zoom accepts too. The response is 206 when the server honoured the range, 200 when it
        sends the whole file again.
        """
        headers = {"Authorization": f"Bearer {token or self.auth.access_token()}", "Accept": "*/*"}
        if offset:
            headers["Range"] = f"bytes={offset}-"
        shown = self.redact(url.split("?", 1)[0])
        try:
            response = self._session.get(url, headers=headers, stream=True, timeout=DOWNLOAD_TIMEOUT)
        except requests.RequestException as exc:
            raise network_error(exc, method="GET", path=shown, redact=self.redact) from None
        if response.status_code in (200, 206):
            return response
        try:
            raise error_from_response(
                response, method="GET", path=shown, category="download", now=datetime.now(UTC), redact=self.redact
            )
        finally:
            response.close()
