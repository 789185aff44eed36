"""`wmdctl doctor`: check that wmdctl can run the event, one line per check."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from typing import TYPE_CHECKING

from wmdctl.errors import WmdctlError

if TYPE_CHECKING:
    from wmdctl.cli.context import AppContext
    from wmdctl.zoom.budget import DayUse

# Scopes the commands need, as classic scope names; granular scopes are accepted by prefix.
NEEDED_SCOPES = {
    "webinar:read": "show, plan, list registrants",
    "webinar:write": "apply, sync registrants",
    "meeting:write": "breakouts apply",
    "report:read": "report attendance (falls back to past_webinars without it)",
}
MAX_CLOCK_SKEW_SECONDS = 60


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fatal: bool = True  # a failed non-fatal check is a warning

    def to_dict(self) -> dict[str, object]:
        return {"check": self.name, "ok": self.ok, "detail": self.detail, "fatal": self.fatal}


def run_checks(app: AppContext, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Iterator[Check]:
    """Yield each check as it completes; stop after the first failure that makes later checks moot."""
    try:
        client = app.client()
        host = app.settings.host
    except WmdctlError as exc:
        yield Check("configuration", False, f"{exc.message} — {exc.hint or ''}".rstrip(" —"))
        return
    yield Check("configuration", True, f"API {app.settings.get('ZOOM_API_URL')}, host {host}, plan {app.settings.plan}")

    try:
        scopes = client.token_scopes()
    except WmdctlError as exc:
        yield Check("token", False, str(exc))
        return
    yield Check("token", True, "Server-to-Server OAuth token obtained and cached")
    yield _scope_check(scopes)

    try:
        user = client.get_user(host)
    except WmdctlError as exc:
        yield Check("host user", False, f"{exc} — set ZOOM_HOST to the host's email or user id")
        return
    yield Check("host user", True, f"{user.get('email', host)} ({user.get('id', '?')})")

    try:
        list(islice(client.iter_webinars(host), 1))
    except WmdctlError as exc:
        detail = str(exc)
        if getattr(exc, "code", None) == 200:
            detail += " — the host needs a Webinar licence (Zoom code 200: the webinar plan is missing)"
        yield Check("webinar licence", False, detail)
    else:
        yield Check("webinar licence", True, "the host can use the webinar API")

    yield _clock_check(client.server_time(), now())
    yield todays_use_check(client)


def _scope_check(scopes: list[str]) -> Check:
    if not scopes:  # some tokens do not list scopes; do not guess
        return Check("scopes", True, "the token lists no scopes; not checked", fatal=False)
    missing = [f"{s} ({why})" for s, why in NEEDED_SCOPES.items() if not any(g.startswith(s) for g in scopes)]
    if missing:
        return Check("scopes", False, "missing: " + "; ".join(missing), fatal=False)
    return Check("scopes", True, "all needed scopes granted")


def _clock_check(server: datetime | None, local: datetime) -> Check:
    if server is None:
        return Check("clock", True, "the server sent no Date header; not checked", fatal=False)
    skew = (local - server).total_seconds()
    ok = abs(skew) <= MAX_CLOCK_SKEW_SECONDS
    detail = f"local clock is {skew:+.0f}s from Zoom's"
    if not ok:
        detail += " — token expiry and daily-limit resume times will be off; sync the clock (NTP)"
    return Check("clock", ok, detail)


def todays_use_check(client: object) -> Check:
    """The account's calls this UTC day, per category, against the plan's daily caps (zoom/budget.py)."""
    uses: list[DayUse] = getattr(client, "usage_today", list)()
    if not uses:
        return Check("today's use", True, "no shared account budget; not counted", fatal=False)
    parts = [f"{u.category.capitalize()} {u.used:,}" + (f" of {u.limit:,}" if u.limit else "") for u in uses]
    detail = "; ".join(parts) + " (this UTC day, wmdctl on this machine; resets 00:00 UTC)"
    spent = any(u.left == 0 for u in uses)
    return Check("today's use", not spent, detail + (" — a daily limit is spent" if spent else ""), fatal=False)
