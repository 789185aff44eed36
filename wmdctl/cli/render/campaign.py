"""The human form of the `wmdctl campaign` commands: one row per session."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wmdctl.campaign.accounts import Outcome
    from wmdctl.campaign.jobs import SessionStatus
    from wmdctl.output import Output

OUTCOME_COLUMNS = ("session", "account", "outcome", "detail")
STATUS_COLUMNS = ("session", "account", "local start", "UTC start", "webinar", "registered", "next")


def outcomes_table(output: Output, outcomes: list[Outcome[Any]], describe: Any, title: str) -> None:
    """Each session's outcome: ok with what ``describe`` says of its result, or failed with the error."""
    rows = []
    for outcome in outcomes:
        detail = describe(outcome.result) if outcome.ok else f"FAILED: {outcome.error}"
        rows.append((outcome.session.key, outcome.session.account, "ok" if outcome.ok else "failed", detail))
    output.table(OUTCOME_COLUMNS, rows, title=title)


def status_table(output: Output, outcomes: list[Outcome[Any]]) -> None:
    """Each session's start (its own time zone and UTC), webinar id, registrations and next step."""
    rows = []
    for o in outcomes:
        s: SessionStatus | None = o.result
        if s is None:
            rows.append((o.session.key, o.session.account, "", "", "", "", f"FAILED: {o.error}"))
            continue
        registered = "" if s.registered is None else str(s.registered)
        local, utc = f"{s.start_local:%Y-%m-%d %H:%M} {s.timezone}", f"{s.start_utc:%Y-%m-%d %H:%M} UTC"
        rows.append((s.key, s.account, local, utc, s.webinar_id or "—", registered, s.next_step))
    output.table(STATUS_COLUMNS, rows, title="Campaign status")
