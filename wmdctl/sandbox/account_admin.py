"""Admin endpoint for accounts: ``GET|POST /_sandbox/<token>/accounts``.

POST takes {"plan": "free|pro|business", "account_id", "client_id", "client_secret", "host_email",
"host_id", "host_first_name", "host_last_name"} (each optional; the next numbered demo values otherwise)
and answers 201 with the account, the settings that point wmdctl at it, and its admin URL
(``<admin>/accounts/<account id>``, under which every admin route acts on that account).
"""

from __future__ import annotations

from typing import Any

from werkzeug.wrappers import Request, Response

from wmdctl.sandbox.accounts import Account, Accounts
from wmdctl.sandbox.wire import json_response, read_json, validation_failed

FIELDS = ("account_id", "client_id", "client_secret", "host_email", "host_id", "host_first_name", "host_last_name")


def shown(account: Account, base_url: str, admin_url: str) -> dict[str, Any]:
    creds = account.credentials
    settings = {
        "ZOOM_API_URL": f"{base_url}/v2",
        "ZOOM_OAUTH_URL": f"{base_url}/oauth/token",
        "ZOOM_ACCOUNT_ID": creds.account_id,
        "ZOOM_CLIENT_ID": creds.client_id,
        "ZOOM_CLIENT_SECRET": creds.client_secret,  # a public demo value that opens only this emulator
        "ZOOM_HOST": creds.host_email,
    }
    return {
        "account": account.describe(),
        "settings": settings,
        "admin_url": f"{admin_url}/accounts/{creds.account_id}",
    }


def admin_accounts(accounts: Accounts, request: Request, admin_url: str) -> Response:
    base_url = accounts.base_url
    if request.method == "GET":
        return json_response({"accounts": [shown(a, base_url, admin_url) for a in accounts.all()]})
    if request.method != "POST":
        return json_response({"code": 405, "message": "Method Not Allowed"}, 405)
    body = read_json(request)
    unknown = sorted(set(body) - {"plan", *FIELDS})
    if unknown:
        raise validation_failed(*[(name, "Unknown field.") for name in unknown])
    overrides = {k: body[k] for k in FIELDS if k in body}
    bad = [k for k, v in overrides.items() if not isinstance(v, str) or not v.strip() or "/" in v]
    if bad:
        raise validation_failed(*[(name, "must be a non-empty string without '/'") for name in bad])
    try:
        account = accounts.create(body.get("plan"), **overrides)
    except (ValueError, TypeError) as error:
        raise validation_failed(("plan" if "plan" in str(error) else "account", str(error))) from None
    return json_response(shown(account, base_url, admin_url), 201)
