"""Talk to a running sandbox's admin endpoints (stdlib only), for `wmdctl sandbox simulate`.

The admin URL carries the sandbox's per-process admin token (``http://127.0.0.1:9100/_sandbox/<token>``):
`wmdctl sandbox serve` prints it as ZOOM_SANDBOX_ADMIN_URL, the in-process sandbox hands it over itself.
"""

from __future__ import annotations

import ipaddress
import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import quote, urlsplit

LOOPBACK_NAMES = ("localhost",)
ADMIN_URL_VARIABLE = "ZOOM_SANDBOX_ADMIN_URL"


class SandboxAdminError(Exception):
    """The admin call failed: ``status`` is None when nothing answered."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def admin_url_for(api_url: str, admin_url: str | None) -> str:
    """The admin URL of the sandbox behind ``api_url``: only on loopback, only one of the same server."""
    trimmed = api_url.rstrip("/")
    if not trimmed.endswith("/v2"):
        raise SandboxAdminError(f"{api_url} does not end in /v2, so it is not a sandbox API URL")
    if not is_loopback(urlsplit(trimmed).hostname or ""):
        raise SandboxAdminError(f"{api_url} is not on loopback: refusing to call sandbox admin endpoints there")
    if not admin_url:
        raise SandboxAdminError(f"{ADMIN_URL_VARIABLE} is not set: `wmdctl sandbox serve` prints it at start")
    if not admin_url.startswith(trimmed[: -len("/v2")] + "/_sandbox/"):
        raise SandboxAdminError(f"{ADMIN_URL_VARIABLE} does not belong to the sandbox at {api_url}")
    return admin_url.rstrip("/")


def post_admin(admin_url: str, path: str, body: dict[str, Any], timeout: float = 120.0) -> dict[str, Any]:
    request = urllib.request.Request(
        f"{admin_url}{path}",
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return dict(json.loads(response.read() or b"{}"))
    except urllib.error.HTTPError as error:
        try:
            message = json.loads(error.read()).get("message", error.reason)
        except ValueError:
            message = error.reason
        raise SandboxAdminError(f"{message} (HTTP {error.code})", error.code) from None
    except (urllib.error.URLError, OSError) as error:
        raise SandboxAdminError(f"no sandbox answered at {admin_url}: {error}") from None


def simulate_remote(
    admin_url: str, webinar_id: str, *, attendance: float, seed: int, participants: int = 0
) -> dict[str, Any]:
    """POST {admin_url}/webinars/{id}/simulate (``admin_url`` as printed at start, token included)."""
    body = {"attendance": attendance, "seed": seed, "participants": participants}
    return post_admin(admin_url.rstrip("/"), f"/webinars/{quote(str(webinar_id), safe='')}/simulate", body)
