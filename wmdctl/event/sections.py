"""One reader per section of the event file; each returns model objects.

The readers never raise: problems go to the shared Reader, and a problem's
value is replaced by a harmless default so later checks can still run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from wmdctl.event import limits
from wmdctl.event.engagement import read_emails
from wmdctl.event.model import (
    AnswerScope,
    Approval,
    AutoApprove,
    BreakoutConfig,
    CustomQuestion,
    CustomQuestionType,
    Interpreter,
    LanguageInterpretation,
    NoChoicePolicy,
    Panel,
    Panelist,
    QuestionAndAnswer,
    Recording,
    Registration,
    Role,
    StandardQuestion,
    WebinarSettings,
)
from wmdctl.event.reader import Table
from wmdctl.event.times import resolve_zone, to_local

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
DOMAIN_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
PASSWORD_RE = re.compile(rf"^{limits.PASSWORD_CHARS}*$")
_FALLBACK_START = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Header:
    key: str
    topic: str
    agenda: str
    theme: str
    organisers: tuple[str, ...]
    timezone: str
    zone: ZoneInfo
    start: datetime
    end: datetime
    password: str | None
    campaign: str = ""
    registration_page: str = ""


def _reference_url(t: Table, name: str) -> str:
    url = t.text(name, required=False)
    if url and not url.startswith(("https://", "http://")):
        t.reader.add(t.where(name), "write a full web address starting with https://")
    return url


def read_header(t: Table) -> Header:
    key = t.text("key")
    if key and not KEY_RE.match(key):
        t.reader.add(t.where("key"), "use lower-case letters, digits, '.', '-' or '_' (e.g. 'wmd-2021')")
    timezone = t.text("timezone")
    zone, reason = resolve_zone(timezone) if timezone else (None, None)
    if reason:
        t.reader.add(t.where("timezone"), reason)
    zone = zone or ZoneInfo("UTC")  # keep checking the rest of the file
    start = _moment(t, "start", zone, None) or _FALLBACK_START
    end = _read_end(t, zone, start)
    password = t.text("password", required=False, max_len=limits.PASSWORD_MAX) or None
    if password and not PASSWORD_RE.match(password):
        t.reader.add(t.where("password"), "may contain only letters, digits and @ - _ * ! #")
    return Header(
        key=key,
        topic=t.text("topic", max_len=limits.TOPIC_MAX),
        agenda=t.text("agenda", required=False, max_len=limits.AGENDA_MAX),
        theme=t.text("theme", required=False),
        organisers=t.texts("organisers", required=False),
        timezone=timezone,
        zone=zone,
        start=start,
        end=end,
        password=password,
        campaign=t.text("campaign", required=False),
        registration_page=_reference_url(t, "registration_page"),
    )


def _read_end(t: Table, zone: ZoneInfo, start: datetime) -> datetime:
    """``end`` or ``duration_minutes``: exactly one of them."""
    if t.has("duration_minutes") and t.has("end"):
        t.reader.add(t.where("duration_minutes"), "give either end or duration_minutes, not both")
    if t.has("duration_minutes"):
        minutes = t.integer("duration_minutes", 90, minimum=1, maximum=24 * 60)
        return (start.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(zone)
    end = _moment(t, "end", zone, start.date()) or start + timedelta(minutes=90)
    if end <= start:
        t.reader.add(t.where("end"), "must be after event.start")
    return end


def _moment(t: Table, key: str, zone: ZoneInfo, base_date: date | None) -> datetime | None:
    if not t.has(key):
        t.reader.add(t.where(key), "required key is missing")
        return None
    moment, reason = to_local(t.raw(key), zone, base_date)
    if reason:
        t.reader.add(t.where(key), reason)
    return moment


def read_panels(root: Table, header: Header) -> tuple[Panel, ...]:
    panels = []
    tables = root.tables("panels", required=True)
    if root.has("panels") and not tables:
        root.reader.add("panels", "define at least one [[panels]] table")
    for number, t in enumerate(tables, start=1):
        start = _moment(t, "start", header.zone, header.start.date()) or header.start
        end = _moment(t, "end", header.zone, header.start.date()) or header.end
        speakers = []
        if t.has("moderator"):
            speakers.append(_panelist(t.table("moderator"), "moderator", number))
        speaker_tables = t.tables("speakers", required=True)
        speakers.extend(_panelist(s, "speaker", number) for s in speaker_tables)
        questions = t.texts("questions", max_len=limits.POLL_QUESTION_MAX)
        if not questions and t.has("questions"):
            t.reader.add(t.where("questions"), "list at least one discussion question")
        panels.append(Panel(number, t.text("title"), start, end, questions, tuple(speakers)))
    return tuple(panels)


def _panelist(t: Table, role: Role, panel: int) -> Panelist:
    return Panelist(
        name=t.text("name"), email=t.email("email"), role=role, panel=panel,
        organisation=t.text("organisation", required=False),
    )  # fmt: skip


def read_registration(t: Table, panels: tuple[Panel, ...]) -> Registration:
    questions = []
    seen_fields: set[str] = set()
    for q in t.tables("questions"):
        name = (
            q.choice("field_name", limits.REGISTRATION_FIELDS, "org") if q.has("field_name") else q.text("field_name")
        )
        if name in seen_fields:
            q.reader.add(q.where("field_name"), f"{name!r} is listed twice")
        seen_fields.add(name)
        questions.append(StandardQuestion(name, q.flag("required", False)))
    custom = []
    seen_titles: set[str] = set()
    for q in t.tables("custom_questions"):
        title = q.text("title")
        if title.casefold() in seen_titles:
            q.reader.add(q.where("title"), f"the question {title!r} is asked twice")
        seen_titles.add(title.casefold())
        custom.append(_custom_question(q, title, panels))
    approval = cast(Approval, t.choice("approval", ("manual", "automatic"), "manual"))
    auto_approve = read_auto_approve(t.table("auto_approve"))
    if auto_approve.email_domains and approval == "automatic":
        t.reader.add(
            "registration.auto_approve",
            'Zoom already approves everyone (approval = "automatic"): set approval = "manual" for the rules to matter',
        )
    return Registration(
        approval=approval,
        questions=tuple(questions),
        custom_questions=tuple(custom),
        email_notification=t.flag("email_notification", True),
        confirmation_email=t.flag("confirmation_email", True),
        auto_approve=auto_approve,
    )


def read_auto_approve(t: Table) -> AutoApprove:
    """``email_domains``: bare domains ("metropolis.org"); a leading "@" or "." is forgiven, a wildcard is not."""
    domains: list[str] = []
    for i, raw in enumerate(t.texts("email_domains", required=False)):
        domain = raw.lower().lstrip("@").removeprefix(".")
        if not DOMAIN_RE.match(domain):
            t.reader.add(
                f"{t.where('email_domains')}[{i}]",
                f'{raw!r} is not a domain: write it bare, e.g. "metropolis.org" (its subdomains are included)',
            )
        elif domain not in domains:
            domains.append(domain)
    return AutoApprove(tuple(domains))


def _custom_question(q: Table, title: str, panels: tuple[Panel, ...]) -> CustomQuestion:
    kind = cast(CustomQuestionType, q.choice("type", limits.CUSTOM_QUESTION_TYPES, "short"))
    from_panels = q.flag("answers_from_panels", False)
    if from_panels and q.has("answers"):
        q.reader.add(q.where("answers"), "give either answers or answers_from_panels = true, not both")
    if from_panels:
        answers = tuple(p.title for p in panels)
        for panel, answer in zip(panels, answers, strict=True):
            if len(answer) > limits.CUSTOM_ANSWER_MAX:
                q.reader.add(
                    f"panels[{panel.number - 1}].title",
                    "is too long to be an answer to "
                    f"{title!r}: Zoom stores answers of at most {limits.CUSTOM_ANSWER_MAX} characters",
                )
    else:
        answers = q.texts("answers", required=kind != "short", max_len=limits.CUSTOM_ANSWER_MAX)
    if kind == "short" and answers:
        q.reader.add(q.where("answers"), "a 'short' question takes free text: remove answers or change type")
    if kind != "short" and q.has("answers") and len(answers) < 2:
        q.reader.add(q.where("answers"), "a choice question needs at least two answers")
    return CustomQuestion(title, kind, q.flag("required", False), answers)


def read_settings(t: Table) -> WebinarSettings:
    qa = t.table("question_and_answer")
    li = t.table("language_interpretation")
    return WebinarSettings(
        question_and_answer=QuestionAndAnswer(
            enable=qa.flag("enable", True),
            allow_anonymous_questions=qa.flag("allow_anonymous_questions", True),
            answer_questions=cast(AnswerScope, qa.choice("answer_questions", ("only", "all"), "all")),
            attendees_can_upvote=qa.flag("attendees_can_upvote", True),
            attendees_can_comment=qa.flag("attendees_can_comment", True),
        ),
        language_interpretation=LanguageInterpretation(
            enable=li.flag("enable", False),
            interpreters=tuple(_interpreter(i) for i in li.tables("interpreters")),
        ),
        practice_session=t.flag("practice_session", False),
        host_video=t.flag("host_video", True),
        panelists_video=t.flag("panelists_video", True),
        hd_video=t.flag("hd_video", False),
        on_demand=t.flag("on_demand", False),
        auto_recording=cast(Recording, t.choice("auto_recording", ("local", "cloud", "none"), "none")),
        contact_name=t.text("contact_name", required=False),
        contact_email=t.email("contact_email", required=False),
        emails=read_emails(t.table("emails")),
    )


def _interpreter(t: Table) -> Interpreter:
    email = t.email("email")
    languages = t.texts("languages")
    if t.has("languages") and (len(languages) != 2 or languages[0].casefold() == languages[1].casefold()):
        t.reader.add(t.where("languages"), 'give exactly two different languages, e.g. ["English", "Spanish"]')
    if any("," in lang for lang in languages):
        t.reader.add(t.where("languages"), "a language name cannot contain a comma")
    pair = (*languages, "", "")[:2]
    return Interpreter(email, (pair[0], pair[1]))


def read_breakouts(t: Table, header: Header) -> BreakoutConfig:
    start = header.end
    if t.has("start"):
        start = _moment(t, "start", header.zone, header.end.date()) or header.end
    default_topic = f"{header.topic} — panel breakout discussions"[: limits.TOPIC_MAX]
    return BreakoutConfig(
        meeting_topic=t.text("meeting_topic", required=False, default=default_topic, max_len=limits.TOPIC_MAX)
        or default_topic,
        start=start,
        duration_minutes=t.integer("duration_minutes", 30, minimum=5, maximum=24 * 60),
        room_capacity=t.integer("room_capacity", 50, minimum=2, maximum=limits.BREAKOUT_CAPACITY_MAX),
        choice_question=t.text(
            "choice_question", required=False, default="Which panel breakout session would you like to join?"
        ),
        no_choice=cast(NoChoicePolicy, t.choice("no_choice", ("spread", "exclude"), "spread")),
    )
