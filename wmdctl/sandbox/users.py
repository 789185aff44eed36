"""GET /users/{userId}: the one host user, so `wmdctl doctor` can check the host against the sandbox.

It belongs to Zoom's Users API, not the Meetings spec in ../shared; the fields follow
the Users API's "Get a user" answer (id, names, email, type 2 = licensed, status).
"""

from __future__ import annotations

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.limits import LIGHT
from wmdctl.sandbox.routing import Route
from wmdctl.sandbox.timefmt import ACCOUNT_TIMEZONE
from wmdctl.sandbox.wire import json_response

LICENSED = 2


def get_user(sb: Sandbox, request: Request, user_id: str) -> Response:
    creds = sb.credentials
    sb.resolve_user(user_id)  # 404 code 1001 for anyone else
    return json_response({
        "id": creds.host_id,
        "first_name": creds.host_first_name,
        "last_name": creds.host_last_name,
        "email": creds.host_email,
        "type": LICENSED,
        "status": "active",
        "timezone": ACCOUNT_TIMEZONE,
        "account_id": creds.account_id,
    })  # fmt: skip


ROUTES = [Route("GET", "/users/<user_id>", get_user, LIGHT)]
