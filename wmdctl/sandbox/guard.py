"""What keeps web pages away from the admin API: loopback Host and Origin, JSON bodies only.

The admin URL carries a per-process token (the capability). On top of it, a Host that is not a
loopback name means DNS rebinding (a page on evil.example resolved to 127.0.0.1), and a foreign
Origin or a non-JSON body means a cross-site form or a "simple" fetch: all refused before any handler.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.remote import is_loopback
from wmdctl.sandbox.wire import json_response

JSON_TYPES = ("application/json",)


def host_name(host: str) -> str:
    """'127.0.0.1:9100' -> '127.0.0.1', '[::1]:9100' -> '::1', 'localhost' -> 'localhost'."""
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else ""
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def admin_refusal(request: Request) -> Response | None:
    """The JSON refusal for a request the admin API must not serve, or None."""
    if not is_loopback(host_name(request.headers.get("Host", ""))):
        return json_response({"code": 403, "message": "The sandbox admin API answers loopback hosts only."}, 403)
    origin = request.headers.get("Origin")
    if origin is not None and not is_loopback(urlsplit(origin).hostname or ""):
        return json_response({"code": 403, "message": "The sandbox admin API refuses cross-origin requests."}, 403)
    has_body = bool(request.content_length) or "chunked" in request.headers.get("Transfer-Encoding", "").lower()
    if (has_body or request.content_type) and request.mimetype not in JSON_TYPES:
        return json_response({"code": 415, "message": "The sandbox admin API takes application/json bodies only."}, 415)
    return None
