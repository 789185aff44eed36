"""plan, apply and status for each session, through the webinar job itself (wmdctl.webinar.job).

Nothing here talks to Zoom on its own: a session's plan is ``plan_webinar`` and its apply is
``apply_webinar``, exactly what `wmdctl webinar plan|apply` run for one event, with the session's
job context (``Account.job_for``: the account's client, state dir and world, the session's event and host).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from wmdctl.campaign.accounts import Account
from wmdctl.campaign.model import Session
from wmdctl.webinar.job import ApplyResult, apply_webinar, plan_webinar
from wmdctl.webinar.plan import WebinarPlan, compute_plan
from wmdctl.zoom.errors import ZoomNotFoundError


@dataclass(frozen=True)
class PlanOutcome:
    plan: WebinarPlan
    rediscovered: bool = False
    stale_id: str | None = None

    def summary(self) -> str:
        return self.plan.summary()

    def to_dict(self) -> dict[str, Any]:
        return {**self.plan.to_dict(), "rediscovered": self.rediscovered, "stale_id": self.stale_id}


def plan_session(session: Session, account: Account) -> PlanOutcome:
    plan, located = plan_webinar(account.job_for(session))
    return PlanOutcome(plan, located.rediscovered, located.stale_id)


def plan_offline(session: Session) -> PlanOutcome:
    """The plan without reading Zoom (no credentials): everything would be created."""
    return PlanOutcome(compute_plan(session.event, None))


def apply_session(session: Session, account: Account, *, dry_run: bool = False) -> ApplyResult:
    """Plan and apply one session; an up-to-date session sends nothing (a second apply writes nothing)."""
    return apply_webinar(account.job_for(session), dry_run=dry_run)


def apply_summary(result: ApplyResult) -> str:
    if result.dry_run:
        return f"would {result.plan.summary()}" if not result.plan.up_to_date else "up to date: nothing to send"
    if not result.done:
        return f"webinar {result.webinar_id} is up to date: nothing sent"
    return "; ".join(result.done)


def apply_brief(result: ApplyResult) -> str:
    """One table cell: the webinar and how many writes it took."""
    if result.dry_run:
        return "dry run: " + ("nothing to send" if result.plan.up_to_date else result.plan.summary())
    return f"webinar {result.webinar_id}: {result.writes} write(s)"


@dataclass(frozen=True)
class SessionStatus:
    key: str
    title: str
    account: str
    timezone: str
    start_local: datetime
    start_utc: datetime
    webinar_id: str | None
    registrants: dict[str, int] | None  # by status; None when there is no webinar to ask
    next_step: str

    @property
    def registered(self) -> int | None:
        """People registered: approved and pending (denied people are not coming)."""
        if self.registrants is None:
            return None
        return self.registrants.get("approved", 0) + self.registrants.get("pending", 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "account": self.account,
            "timezone": self.timezone,
            "start_local": self.start_local.strftime("%Y-%m-%dT%H:%M:%S"),
            "start_utc": self.start_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "webinar_id": self.webinar_id,
            "registered": self.registered,
            "registrants_by_status": self.registrants,
            "next": self.next_step,
        }


def status_session(
    session: Session, account: Account, *, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> SessionStatus:
    from wmdctl.sync import list_zoom_registrants

    event = session.event
    webinar_id = account.job_for(session).recorded_webinar_id()
    counts: dict[str, int] | None = None
    gone = False
    if webinar_id is not None:
        try:
            people = list_zoom_registrants(account.client, webinar_id)
        except ZoomNotFoundError:
            gone = True
        else:
            counts = {"approved": 0, "pending": 0, "denied": 0}
            for person in people.values():
                counts[person.status] = counts.get(person.status, 0) + 1
    step = next_step(session, webinar_id, gone, now())
    return SessionStatus(session.key, event.topic, session.account, event.timezone, event.start, event.start_utc,
                         webinar_id, counts, step)  # fmt: skip


def next_step(session: Session, webinar_id: str | None, gone: bool, now: datetime) -> str:
    event = session.event
    if webinar_id is None:
        return "campaign apply (no webinar yet)"
    if gone:
        return "campaign apply (the webinar was deleted in Zoom)"
    if now < event.start_utc:
        return f"campaign sync (starts in {_span(event.start_utc - now)})"
    if now < event.end_utc:
        return "on air now"
    return "campaign report; report archive (ended)"


def _span(delta: timedelta) -> str:
    days, seconds = delta.days, delta.seconds
    if days:
        return f"{days} day(s) {seconds // 3600} h"
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60} min"
    return f"{max(1, seconds // 60)} min"
