"""Read Zoom, plan, and apply the plan with as few writes as possible.

Zoom allows a host 100 webinar creates + updates per UTC day, so a create
carries every setting in its one POST and an update sends every changed field
in one PATCH. The webinar id is saved the moment Zoom returns it; if the
record is lost anyway, the webinar is found again by topic and start time
rather than created twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from wmdctl.errors import PartialFailure, UsageError, WmdctlError
from wmdctl.event.model import Event
from wmdctl.webinar.attachments import read_attachments
from wmdctl.webinar.plan import LiveState, WebinarPlan, compute_plan
from wmdctl.webinar.ports import WebinarClient
from wmdctl.zoom.errors import ZoomBadRequestError, ZoomNotFoundError
from wmdctl.zoom.times import parse_zoom_time

if TYPE_CHECKING:
    from wmdctl.jobs import JobContext

NO_REGISTRATION = 2  # settings.approval_type: the registration form cannot be read
POLLS_DISABLED = 4400  # Zoom's code when the account's webinar polls setting is off


@dataclass(frozen=True)
class Located:
    webinar: dict[str, Any] | None
    rediscovered: bool = False  # found by topic + start time, not by the recorded id
    stale_id: str | None = None  # a recorded id that Zoom no longer knows


@dataclass
class ApplyResult:
    plan: WebinarPlan
    located: Located
    webinar_id: str | None
    dry_run: bool = False
    done: list[str] = field(default_factory=list)

    @property
    def writes(self) -> int:
        return len(self.done)

    def to_dict(self) -> dict[str, Any]:
        return {
            "webinar_id": self.webinar_id,
            "dry_run": self.dry_run,
            "up_to_date": self.plan.up_to_date,
            "rediscovered": self.located.rediscovered,
            "stale_id": self.located.stale_id,
            "done": list(self.done),
            "plan": self.plan.to_dict(),
        }


class ApplyIncomplete(PartialFailure):
    """A step failed after others succeeded: says exactly which were done and which were not."""

    def __init__(self, failed: str, cause: Exception, done: list[str], not_done: list[str]) -> None:
        done_text = "; ".join(done) if done else "nothing"
        super().__init__(
            f"webinar apply stopped while trying to {failed}: {cause}. "
            f"Done: {done_text}. Not done: {'; '.join(not_done)}.",
            hint="fix the cause, then run `wmdctl webinar apply` again: it sends only what is still missing"
            + (f" ({cause.hint})" if isinstance(cause, WmdctlError) and cause.hint else ""),
        )
        if isinstance(cause, WmdctlError):
            self.exit_code = cause.exit_code  # e.g. a daily rate limit still exits 5
        self.cause = cause
        self.done = done
        self.not_done = not_done


def locate_webinar(job: JobContext) -> Located:
    """The job's webinar in Zoom: by recorded id, else by topic + start instant on the host's webinars, else None."""
    client: WebinarClient = job.client()  # first: the in-process sandbox sets the host when it starts
    event, host = job.event(), job.host
    stale_id = None
    recorded = job.recorded_webinar_id()
    if recorded is not None:
        try:
            return Located(client.get_webinar(recorded))
        except ZoomNotFoundError:
            stale_id = recorded  # deleted in Zoom's web portal; look for a replacement below
    matches = [
        w
        for w in client.iter_webinars(host)
        if w.get("topic") == event.topic
        and parse_zoom_time(w.get("start_time", ""), w.get("timezone")) == event.start_utc
    ]
    if len(matches) > 1:
        ids = ", ".join(str(w.get("id")) for w in matches)
        raise UsageError(
            f"{len(matches)} webinars of {host} have the topic and start time of event {event.key!r}: {ids}",
            hint="delete the duplicates in Zoom's web portal, then run the command again",
        )
    if matches:
        return Located(client.get_webinar(matches[0]["id"]), rediscovered=True, stale_id=stale_id)
    return Located(None, stale_id=stale_id)


def read_live(client: WebinarClient, webinar: dict[str, Any] | None, event: Event | None = None) -> LiveState:
    if webinar is None:
        return LiveState(webinar=None)
    webinar_id = webinar["id"]
    questions: dict[str, Any] | None = None
    if (webinar.get("settings") or {}).get("approval_type") != NO_REGISTRATION:
        try:
            questions = client.get_registration_questions(webinar_id)
        except ZoomBadRequestError:
            questions = None  # code 3000, registration off: the update turns it on, then the form is set
    try:
        polls, polls_disabled = client.list_polls(webinar_id), False
    except ZoomBadRequestError as exc:
        if exc.code != POLLS_DISABLED:
            raise
        polls, polls_disabled = [], True
    attachments = read_attachments(client, webinar_id, event) if event is not None else None
    return LiveState(webinar, client.list_panelists(webinar_id), questions, polls, polls_disabled, attachments)


def plan_webinar(job: JobContext, *, prune: bool = False, stream_key: str | None = None) -> tuple[WebinarPlan, Located]:
    """``stream_key``: ZOOM_LIVESTREAM_KEY, for an event with a ``[livestream]`` (it never comes from the file)."""
    located = locate_webinar(job)
    event = job.event()
    live = read_live(job.client(), located.webinar, event)
    return compute_plan(event, live, prune=prune, stream_key=stream_key), located


def apply_webinar(
    job: JobContext,
    *,
    prune: bool = False,
    dry_run: bool = False,
    on_step: Callable[[str], None] | None = None,
    stream_key: str | None = None,
) -> ApplyResult:
    """Library entry point (the demo, a campaign): plan against Zoom, then apply unless ``dry_run``."""
    plan, located = plan_webinar(job, prune=prune, stream_key=stream_key)
    if dry_run:
        return ApplyResult(plan, located, plan.webinar_id, dry_run=True)
    return apply_plan(job, plan, located, on_step=on_step)


def apply_plan(
    job: JobContext, plan: WebinarPlan, located: Located, *, on_step: Callable[[str], None] | None = None
) -> ApplyResult:
    """Carry out ``plan`` (from ``plan_webinar``), step by step; an up-to-date plan only records the id."""
    client: WebinarClient = job.client()
    result = ApplyResult(plan, located, plan.webinar_id)

    def create() -> str:
        created = client.create_webinar(job.host, plan.webinar_body)
        result.webinar_id = str(created["id"])
        # Saved before anything else, so a failure below can never lead to a duplicate webinar.
        job.store.save_webinar_id(job.world(), job.event().key, result.webinar_id)
        return f"created webinar {result.webinar_id} (id saved)"

    steps: list[tuple[str, Callable[[], str]]] = []
    if plan.action == "create":
        steps.append(("create the webinar", create))
    elif plan.action == "update":
        fields = ", ".join(c.path for c in plan.changes)
        steps.append((f"update the webinar ({fields})", partial(_patch, client, result, fields)))
    for panelist in plan.panelists_to_remove:
        email = str(panelist.get("email", ""))
        steps.append((f"remove panelist {email}", partial(_remove, client, result, email)))
    if plan.panelists_to_add:
        steps.append((f"add {len(plan.panelists_to_add)} panelist(s)", partial(_add, client, result, plan)))
    if plan.questions_body is not None:
        steps.append(("set the registration questions", partial(_questions, client, result, plan)))
    for poll in plan.polls_to_create:
        steps.append((f"create poll {poll['title']!r}", partial(_poll, client, result, poll)))
    steps.extend(_attachment_steps(client, result, plan))
    if plan.action != "create" and result.webinar_id:
        _remember(job, result.webinar_id)
    _run(steps, result, on_step)
    return result


def _run(
    steps: list[tuple[str, Callable[[], str]]], result: ApplyResult, on_step: Callable[[str], None] | None
) -> None:
    for index, (description, step) in enumerate(steps):
        if on_step:
            on_step(description)
        try:
            result.done.append(step())
        except Exception as exc:
            raise ApplyIncomplete(description, exc, result.done, [d for d, _ in steps[index:]]) from exc


def _remember(job: JobContext, webinar_id: str) -> None:
    """Record a rediscovered (or replaced) id; no write when it is already recorded."""
    store, world, key = job.store, job.world(), job.event().key
    if store.webinar_id(world, key) != webinar_id:
        store.save_webinar_id(world, key, webinar_id)


def _patch(client: WebinarClient, result: ApplyResult, fields: str) -> str:
    client.update_webinar(_id(result), result.plan.webinar_body)
    return f"updated webinar {result.webinar_id} in one PATCH ({fields})"


def _remove(client: WebinarClient, result: ApplyResult, email: str) -> str:
    client.delete_panelist(_id(result), email)
    return f"removed panelist {email}"


def _add(client: WebinarClient, result: ApplyResult, plan: WebinarPlan) -> str:
    posts = client.add_panelists(_id(result), list(plan.panelists_to_add))
    return f"added {len(plan.panelists_to_add)} panelist(s) in {posts} request(s)"


def _questions(client: WebinarClient, result: ApplyResult, plan: WebinarPlan) -> str:
    assert plan.questions_body is not None
    client.update_registration_questions(_id(result), plan.questions_body)
    return "set the registration questions"


def _poll(client: WebinarClient, result: ApplyResult, poll: dict[str, Any]) -> str:
    client.create_poll(_id(result), poll)
    return f"created poll {poll['title']!r}"


def _attachment_steps(
    client: WebinarClient, result: ApplyResult, plan: WebinarPlan
) -> list[tuple[str, Callable[[], str]]]:
    steps: list[tuple[str, Callable[[], str]]] = []
    if plan.attachments.survey_body is not None:
        steps.append(("set the survey", partial(_survey, client, result, plan.attachments.survey_body)))
    if plan.attachments.livestream_body is not None:
        fields = ", ".join(plan.attachments.livestream_changes)
        steps.append((f"set the live stream ({fields})", partial(_livestream, client, result, plan)))
    return steps


def _survey(client: WebinarClient, result: ApplyResult, body: dict[str, Any]) -> str:
    client.update_survey(_id(result), body)
    return f"set the survey ({len(body['custom_survey']['questions'])} question(s))"


def _livestream(client: WebinarClient, result: ApplyResult, plan: WebinarPlan) -> str:
    assert plan.attachments.livestream_body is not None
    client.update_livestream(_id(result), plan.attachments.livestream_body)
    return "set the live stream (the stream key from the environment, not shown)"


def _id(result: ApplyResult) -> str:
    assert result.webinar_id is not None, "the webinar must exist before its parts are written"
    return result.webinar_id
