"""`wmdctl doctor`: check that wmdctl can run the event, one line per check, each naming its setting.

How the credentials are tested, and why this way
------------------------------------------------
Asking Zoom for a Server-to-Server token invalidates the previous one (notes
§14.1 #3), while a wrong secret is answered 401 by the token endpoint and
invalidates nothing. So doctor:

1. makes an authenticated call (the host user) with the **cached** token when
   one is still good: this proves the token works and mints nothing;
2. then probes the secret by asking for a new token. A 401 means "the cached
   token works, but the configured secret is wrong" (runs keep working only
   until that token expires). A success mints a token, and doctor accepts that:
   the new token is written to the shared token cache under its lock, and every
   wmdctl process that then meets a 124 for the old token picks the new one up
   from the cache instead of minting (TokenProvider.replace_rejected).

Without a good cached token, step 2 is simply the first mint, and step 1 runs
with the token it produced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from typing import TYPE_CHECKING

from wmdctl.errors import EventFileError, WmdctlError

if TYPE_CHECKING:
    from wmdctl.jobs import JobContext
    from wmdctl.zoom.budget import DayUse
    from wmdctl.zoom.client import ZoomClient

# Scopes the commands need, as classic scope names; granular scopes are accepted by prefix.
NEEDED_SCOPES = {
    "webinar:read": "show, plan, list registrants",
    "webinar:write": "apply, sync registrants",
    "meeting:write": "breakouts apply",
    "report:read": "report attendance (falls back to past_webinars without it)",
}
MAX_CLOCK_SKEW_SECONDS = 60
CREDENTIAL_SETTINGS = "ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fatal: bool = True  # a failed non-fatal check is a warning
    setting: str | None = None  # the setting to look at when the check fails

    def to_dict(self) -> dict[str, object]:
        return {"check": self.name, "ok": self.ok, "detail": self.detail, "fatal": self.fatal, "setting": self.setting}


def run_checks(job: JobContext, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Iterator[Check]:
    """Yield each check as it completes; stop after the first failure that makes later checks moot."""
    yield _event_check(job)
    try:
        client = job.client()
        host = job.host
    except WmdctlError as exc:
        setting = getattr(exc, "variable", None)
        yield Check("configuration", False, f"{exc.message} — {exc.hint or ''}".rstrip(" —"), setting=setting)
        return
    yield Check("configuration", True, f"API {job.settings.get('ZOOM_API_URL')}, host {host}, plan {job.settings.plan}")
    checks = list(_credential_checks(client, host))
    yield from checks
    if not all(c.ok or not c.fatal for c in checks):
        return
    yield _scope_check(client.token_scopes())
    yield _licence_check(client, host)
    yield _clock_check(client.server_time(), now())
    yield todays_use_check(client)


def _event_check(job: JobContext) -> Check:
    source = str(job.settings.event_file or "the embedded event")
    try:
        event = job.event()
    except EventFileError as exc:
        problems = "; ".join(str(p) for p in exc.problems)
        return Check(
            "event file", False, f"{source}: {len(exc.problems)} problem(s): {problems}", setting="WMD_EVENT_FILE"
        )
    except WmdctlError as exc:
        return Check("event file", False, f"{source}: {exc.message}", setting="WMD_EVENT_FILE")
    return Check("event file", True, f"{source}: valid ({event.key}, {len(event.panels)} panel(s))")


def _cached_token_works(client: ZoomClient) -> bool:
    """True when the token cache holds a good token for these credentials (reading it mints nothing)."""
    return client.auth.has_cached_token()


def _credential_checks(client: ZoomClient, host: str) -> Iterator[Check]:
    """The token and the host user; see the module docstring for why the secret is probed after the call."""

    had_cached = _cached_token_works(client)
    # Step 1 tests the cached token itself, even one another secret minted; step 2 tests the secret.
    client.auth.accept_token_of_another_secret = True
    try:
        user = client.get_user(host)  # with a good cached token: authenticated, and no new token
    except WmdctlError as exc:
        yield from _first_call_failed(exc)
        return
    finally:
        client.auth.accept_token_of_another_secret = False
    if had_cached:
        yield _secret_check(client)
    else:
        yield Check("token", True, "the credentials work: a new token was obtained and cached")
    yield Check("host user", True, f"{user.get('email', host)} ({user.get('id', '?')})")


def _first_call_failed(exc: WmdctlError) -> Iterator[Check]:
    """Blame the setting that the failure points at: the token, the API URL, the scopes or the host."""
    from wmdctl.zoom.errors import ZoomAuthError, ZoomNetworkError, ZoomNotFoundError

    if isinstance(exc, ZoomNetworkError):
        where = "ZOOM_OAUTH_URL" if "oauth" in str(getattr(exc, "path", "")) else "ZOOM_API_URL"
        yield Check("token", False, f"{exc} — check {where} and the network", setting=where)
    elif isinstance(exc, ZoomAuthError) and getattr(exc, "code", None) == 4711:
        yield Check("token", True, "Zoom accepted the token")
        yield Check("host user", False, f"{exc} — add user:read:admin to the app", setting="the app's scopes")
    elif isinstance(exc, ZoomAuthError):
        yield Check("token", False, f"{exc} — check the app's credentials", setting=CREDENTIAL_SETTINGS)
    elif isinstance(exc, ZoomNotFoundError):
        yield Check("token", True, "Zoom accepted the token")
        yield Check("host user", False, f"{exc} — set ZOOM_HOST to the host's email or user id", setting="ZOOM_HOST")
    else:
        yield Check("token", False, str(exc), setting="ZOOM_API_URL")


def _secret_check(client: ZoomClient) -> Check:
    from wmdctl.zoom.errors import ZoomAuthError

    try:
        client.auth.replace_rejected(client.auth.access_token())  # mints; the cache hands the new one to all
    except ZoomAuthError as exc:
        return Check(
            "token",
            False,
            f"the cached token works, but the configured secret is wrong ({exc.message}); "
            "runs fail once the cached token expires",
            setting="ZOOM_CLIENT_SECRET (or ZOOM_CLIENT_ID, ZOOM_ACCOUNT_ID)",
        )
    return Check("token", True, "the cached token works, and so do the credentials (a fresh token is now cached)")


def _licence_check(client: ZoomClient, host: str) -> Check:
    try:
        list(islice(client.iter_webinars(host), 1))
    except WmdctlError as exc:
        detail = str(exc)
        if getattr(exc, "code", None) == 200:
            detail += " — the host needs a Webinar licence (Zoom code 200: the webinar plan is missing)"
        return Check("webinar licence", False, detail, setting="ZOOM_HOST")
    return Check("webinar licence", True, "the host can use the webinar API")


def _scope_check(scopes: list[str]) -> Check:
    if not scopes:  # some tokens do not list scopes; do not guess
        return Check("scopes", True, "the token lists no scopes; not checked", fatal=False)
    missing = [f"{s} ({why})" for s, why in NEEDED_SCOPES.items() if not any(g.startswith(s) for g in scopes)]
    if missing:
        return Check("scopes", False, "missing: " + "; ".join(missing), fatal=False, setting="the app's scopes")
    return Check("scopes", True, "all needed scopes granted")


def _clock_check(server: datetime | None, local: datetime) -> Check:
    if server is None:
        return Check("clock", True, "the server sent no Date header; not checked", fatal=False)
    skew = (local - server).total_seconds()
    ok = abs(skew) <= MAX_CLOCK_SKEW_SECONDS
    detail = f"local clock is {skew:+.0f}s from Zoom's"
    if not ok:
        detail += " — token expiry and daily-limit resume times will be off; sync the clock (NTP)"
    return Check("clock", ok, detail, setting="the system clock")


def todays_use_check(client: object) -> Check:
    """The account's calls this UTC day, per category, against the plan's daily caps (zoom/budget.py)."""
    uses: list[DayUse] = getattr(client, "usage_today", list)()
    if not uses:
        return Check("today's use", True, "no shared account budget; not counted", fatal=False)
    parts = [f"{u.category.capitalize()} {u.used:,}" + (f" of {u.limit:,}" if u.limit else "") for u in uses]
    detail = "; ".join(parts) + " (this UTC day, by wmdctl here or by Zoom where it said; resets 00:00 UTC)"
    spent = any(u.left == 0 for u in uses)
    return Check("today's use", not spent, detail + (" — a daily limit is spent" if spent else ""), fatal=False)
