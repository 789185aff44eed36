"""Talk to a running sandbox's admin endpoints (stdlib only), for `wmdctl sandbox simulate`."""

from __future__ import annotations

import ipaddress
import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import quote, urlsplit

LOOPBACK_NAMES = ("localhost",)


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


def admin_url_for(api_url: str) -> str:
    """http://127.0.0.1:9100/v2 -> http://127.0.0.1:9100/_sandbox; only for loopback URLs ending in /v2."""
    trimmed = api_url.rstrip("/")
    if not trimmed.endswith("/v2"):
        raise SandboxAdminError(f"{api_url} does not end in /v2, so it is not a sandbox API URL")
    if not is_loopback(urlsplit(trimmed).hostname or ""):
        raise SandboxAdminError(f"{api_url} is not on loopback: refusing to call sandbox admin endpoints there")
    return trimmed[: -len("/v2")] + "/_sandbox"


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
    api_url: str, webinar_id: str, *, attendance: float, seed: int, participants: int = 0
) -> dict[str, Any]:
    """POST {admin}/webinars/{id}/simulate on the sandbox behind ``api_url``."""
    body = {"attendance": attendance, "seed": seed, "participants": participants}
    return post_admin(admin_url_for(api_url), f"/webinars/{quote(str(webinar_id), safe='')}/simulate", body)
