"""GET /users/{userId}: the one host user, so `wmdctl doctor` can check the host against the sandbox.

It belongs to Zoom's Users API, not the Meetings spec in ../shared; the fields follow
the Users API's "Get a user" answer (id, names, email, type 2 = licensed, status).
"""

from __future__ import annotations

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.limits import LIGHT, MEDIUM
from wmdctl.sandbox.routing import Route
from wmdctl.sandbox.timefmt import ACCOUNT_TIMEZONE
from wmdctl.sandbox.wire import json_response, paginate

LICENSED = 2


def _host(sb: Sandbox) -> dict[str, object]:
    creds = sb.credentials
    return {
        "id": creds.host_id,
        "first_name": creds.host_first_name,
        "last_name": creds.host_last_name,
        "email": creds.host_email,
        "type": LICENSED,
        "status": "active",
        "timezone": ACCOUNT_TIMEZONE,
        "account_id": creds.account_id,
        "display_name": f"{creds.host_first_name} {creds.host_last_name}",
        "verified": 1,
        "dept": "",
        "language": "en-US",
        "role_id": "0",
        "created_at": "2021-01-04T09:00:00Z",
        "user_created_at": "2021-01-04T09:00:00Z",
    }  # fmt: skip


def get_user(sb: Sandbox, request: Request, user_id: str) -> Response:
    sb.resolve_user(user_id)  # 404 code 1001 for anyone else
    return json_response(_host(sb))


def list_users(sb: Sandbox, request: Request) -> Response:
    """GET /users (Users API): the account's one user, active and licensed; other statuses list nobody."""
    users = [_host(sb)] if request.args.get("status", "active") == "active" else []
    limit, offset, envelope = paginate(request, sb.tokens, "users", sb.now(), len(users))
    return json_response({**envelope, "page_number": 1 + offset // limit, "users": users[offset : offset + limit]})


ROUTES = [Route("GET", "/users", list_users, MEDIUM), Route("GET", "/users/<user_id>", get_user, LIGHT)]
