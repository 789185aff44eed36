"""Compare the event with what Zoom has, and say what apply would change. Pure: no I/O.

Only fields the event sets are compared, so settings someone changed by hand
in Zoom's web portal, and fields Zoom adds (ids, URLs, created_at), are left
alone. Zoom answers start_time in UTC ("...Z") whatever was sent, so start
times are compared as instants.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from wmdctl.event.model import Event
from wmdctl.event.payloads import panelists_body, poll_bodies, registration_questions_body, webinar_body
from wmdctl.event.times import wall_time
from wmdctl.webinar.attachments import AttachmentPlan, LiveAttachments, plan_attachments
from wmdctl.zoom.times import parse_zoom_time

WebinarAction = Literal["create", "update", "noop"]
Path = tuple[str, ...]
_WHEN = (("start_time",), ("timezone",))  # a local start_time means nothing without its zone: send both


@dataclass(frozen=True)
class LiveState:
    """What Zoom has now; ``webinar`` None means there is no webinar yet."""

    webinar: dict[str, Any] | None
    panelists: list[dict[str, Any]] = field(default_factory=list)
    questions: dict[str, Any] | None = None  # None: unreadable (registration was off)
    polls: list[dict[str, Any]] = field(default_factory=list)
    polls_disabled: bool = False  # code 4400: the account's "Webinar Polls/Quizzes" setting is off
    attachments: LiveAttachments | None = None  # the survey and live stream, read when the event sets them


@dataclass(frozen=True)
class FieldChange:
    path: str
    old: Any
    new: Any


@dataclass(frozen=True)
class WebinarPlan:
    event_key: str
    action: WebinarAction
    compared: bool  # False: built without reading Zoom (no credentials)
    webinar_id: str | None
    webinar_body: dict[str, Any]  # the POST body (create) or the PATCH body (update); {} for noop
    changes: tuple[FieldChange, ...]
    panelists_to_add: tuple[dict[str, Any], ...]
    panelists_to_remove: tuple[dict[str, Any], ...]
    panelists_kept: tuple[dict[str, Any], ...]  # in Zoom but not in the event; removed only with prune
    questions_body: dict[str, Any] | None  # None: the registration form already matches
    polls_to_create: tuple[dict[str, Any], ...]
    notes: tuple[str, ...] = ()  # things apply cannot do, and why
    auto_approve_domains: tuple[str, ...] = ()  # [registration.auto_approve]: applied by webhooks and sync, not apply
    attachments: AttachmentPlan = field(default_factory=AttachmentPlan)  # the survey and live stream to send

    @property
    def up_to_date(self) -> bool:
        return self.action == "noop" and not (
            self.panelists_to_add
            or self.panelists_to_remove
            or self.questions_body
            or self.polls_to_create
            or self.attachments.survey_body
            or self.attachments.livestream_body
        )

    def summary(self) -> str:
        if self.up_to_date:
            return "up to date: nothing to change"
        parts = {"create": ["create the webinar"], "update": [f"update {len(self.changes)} webinar field(s)"]}.get(
            self.action, []
        )
        if self.panelists_to_add:
            parts.append(f"add {len(self.panelists_to_add)} panelist(s)")
        if self.panelists_to_remove:
            parts.append(f"remove {len(self.panelists_to_remove)} panelist(s)")
        if self.questions_body is not None:
            parts.append("set the registration questions")
        if self.polls_to_create:
            parts.append(f"create {len(self.polls_to_create)} poll(s)")
        if self.attachments.survey_body is not None:
            parts.append("set the survey")
        if self.attachments.livestream_body is not None:
            parts.append("set the live stream")
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """The --json shape: a stable contract, keys always present."""
        return {
            "event": self.event_key,
            "compared_with_zoom": self.compared,
            "up_to_date": self.up_to_date,
            "summary": self.summary(),
            "webinar": {
                "id": self.webinar_id,
                "action": self.action,
                "changes": [{"path": c.path, "old": c.old, "new": c.new} for c in self.changes],
                "body": self.webinar_body,
            },
            "panelists": {
                "add": list(self.panelists_to_add),
                "remove": list(self.panelists_to_remove),
                "kept": list(self.panelists_kept),
            },
            "registration_questions": {
                "action": "set" if self.questions_body is not None else "noop",
                "body": self.questions_body,
            },
            "polls": {"create": [p["title"] for p in self.polls_to_create]},
            "survey": {
                "action": "set" if self.attachments.survey_body is not None else "noop",
                "body": self.attachments.survey_body,
            },
            "livestream": {
                "action": "set" if self.attachments.livestream_body is not None else "noop",
                "changes": list(self.attachments.livestream_changes),
                "body": self.attachments.livestream_shown(),  # the stream key masked
            },
            "notes": list(self.notes),
            "registration_auto_approve": {"email_domains": list(self.auto_approve_domains)},
        }


def compute_plan(
    event: Event, live: LiveState | None, *, prune: bool = False, stream_key: str | None = None
) -> WebinarPlan:
    """The plan for ``event`` against ``live``; None means "not compared with Zoom" (a full create plan).

    ``stream_key`` is the live stream's key (ZOOM_LIVESTREAM_KEY), for an event with a ``[livestream]``.
    """
    desired = webinar_body(event)
    compared = live is not None
    live = live or LiveState(webinar=None)
    if live.webinar is None:
        action: WebinarAction = "create"
        changes = tuple(FieldChange(".".join(p), None, v) for p, v in _leaves(desired))
        body = desired
        webinar_id = None
    else:
        changes, body = diff_webinar(event, desired, live.webinar)
        action = "update" if changes else "noop"
        webinar_id = str(live.webinar.get("id")) if live.webinar.get("id") is not None else None
    add, remove, kept = diff_panelists(panelists_body(event), live.panelists, prune=prune)
    questions = registration_questions_body(event)
    if live.webinar is not None and live.questions is not None and same_questions(questions, live.questions):
        questions_body = None
    else:
        questions_body = questions
    live_titles = {str(p.get("title", "")).strip() for p in live.polls}
    polls = tuple(p for p in poll_bodies(event) if p["title"] not in live_titles)
    notes: tuple[str, ...] = ()
    if live.polls_disabled and polls:
        notes = (f"{len(polls)} poll(s) not created: webinar polls are disabled for this Zoom account "
                 "(turn on Settings › Webinar Polls/Quizzes in the web portal, then apply again)",)  # fmt: skip
        polls = ()
    attachments = plan_attachments(event, live.attachments, stream_key)
    rules = event.registration.auto_approve.email_domains
    return WebinarPlan(event.key, action, compared, webinar_id, body, changes, add, remove, kept, questions_body,
                       polls, notes + attachments.notes, rules, attachments)  # fmt: skip


def diff_webinar(
    event: Event, desired: dict[str, Any], live: dict[str, Any]
) -> tuple[tuple[FieldChange, ...], dict[str, Any]]:
    """The changed fields and the PATCH body that sends only them."""
    changed: list[tuple[Path, Any, Any]] = []
    for path, new in _leaves(desired):
        old = _get(live, path)
        if path == ("start_time",):
            moment = parse_zoom_time(old, live.get("timezone")) if isinstance(old, str) else None
            if moment != event.start_utc:
                changed.append((path, wall_time(moment.astimezone(event.tz)) if moment else old, new))
        elif _normalise(old, new) != _normalise(new, new):
            changed.append((path, old, new))
    patch: dict[str, Any] = {}
    paths = {p for p, _, _ in changed}
    if paths & set(_WHEN):
        paths |= set(_WHEN)
    for path in sorted(paths):
        _set(patch, path, _get(desired, path))
    return tuple(FieldChange(".".join(p), old, new) for p, old, new in changed), patch


def diff_panelists(
    desired: list[dict[str, Any]], live: list[dict[str, Any]], *, prune: bool
) -> tuple[tuple[dict[str, Any], ...], tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]:
    """(to add, to remove, kept): Zoom keys panelists by email, case-insensitively."""
    live_emails = {str(p.get("email", "")).casefold() for p in live}
    wanted = {p["email"].casefold() for p in desired}
    add = tuple(p for p in desired if p["email"].casefold() not in live_emails)
    extra: tuple[dict[str, Any], ...] = tuple(
        {k: p[k] for k in ("id", "name", "email") if k in p}
        for p in live
        if str(p.get("email", "")).casefold() not in wanted
    )
    return (add, extra, ()) if prune else (add, (), extra)


def same_questions(desired: dict[str, Any], live: dict[str, Any]) -> bool:
    """Standard fields compare as a set (Zoom lays the form out itself); custom questions in order."""

    def standard(body: dict[str, Any]) -> set[tuple[str, bool]]:
        return {(q.get("field_name", ""), bool(q.get("required", False))) for q in body.get("questions") or []}

    def custom(body: dict[str, Any]) -> list[tuple[str, str, bool, tuple[str, ...]]]:
        return [
            (
                q.get("title", "").strip(),
                q.get("type", ""),
                bool(q.get("required", False)),
                tuple(q.get("answers") or ()),
            )
            for q in body.get("custom_questions") or []
        ]

    return standard(desired) == standard(live) and custom(desired) == custom(live)


def _leaves(body: dict[str, Any], prefix: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every leaf of a nested body; lists are leaves (Zoom replaces them whole)."""
    for key, value in body.items():
        if isinstance(value, dict):
            yield from _leaves(value, (*prefix, key))
        else:
            yield (*prefix, key), value


def _get(body: Any, path: Path) -> Any:
    for key in path:
        if not isinstance(body, dict):
            return None
        body = body.get(key)
    return body


def _set(body: dict[str, Any], path: Path, value: Any) -> None:
    for key in path[:-1]:
        body = body.setdefault(key, {})
    body[path[-1]] = value


def _normalise(value: Any, shape: Any) -> Any:
    """``value`` reduced to what ``shape`` (the desired value) sets: Zoom adds keys to list items."""
    if value is None and isinstance(shape, list | str):
        return type(shape)()  # Zoom omits empty lists and strings
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    if isinstance(value, list) and isinstance(shape, list):
        keys = {k for item in shape if isinstance(item, dict) for k in item}
        return [
            {k: _casefold_email(k, item.get(k)) for k in sorted(keys)} if isinstance(item, dict) else item
            for item in value
        ]
    return value


def _casefold_email(key: str, value: Any) -> Any:
    if isinstance(value, str):
        value = value.replace(" ", "") if key == "interpreter_languages" else value.strip()
        return value.casefold() if key == "email" else value
    return value
