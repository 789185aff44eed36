"""The event, as the rest of wmdctl sees it: frozen, typed, already validated.

Every datetime here is aware and in the event's own time zone. Durations are
computed through UTC, because subtracting two aware datetimes that share a
tzinfo in Python compares wall clocks and would be an hour off across a DST
change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal
from zoneinfo import ZoneInfo

Role = Literal["moderator", "speaker"]
Approval = Literal["manual", "automatic"]
CustomQuestionType = Literal["short", "single_radio", "single_dropdown", "multiple"]
NoChoicePolicy = Literal["spread", "exclude"]
AnswerScope = Literal["only", "all"]
Recording = Literal["local", "cloud", "none"]


@dataclass(frozen=True)
class Panelist:
    name: str
    email: str
    role: Role
    panel: int  # the Panel.number this person speaks in
    organisation: str = ""


@dataclass(frozen=True)
class Panel:
    number: int  # 1-based, in the order of the event file
    title: str
    start: datetime
    end: datetime
    questions: tuple[str, ...]
    speakers: tuple[Panelist, ...]  # the moderator first, then the speakers

    @property
    def moderator(self) -> Panelist | None:
        return next((p for p in self.speakers if p.role == "moderator"), None)

    @property
    def label(self) -> str:
        """How polls, rooms and reports name a panel: "Panel 1: Creating caring metropolises"."""
        return f"Panel {self.number}: {self.title}"


@dataclass(frozen=True)
class StandardQuestion:
    field_name: str  # one of Zoom's registration field names (org, city, country, ...)
    required: bool


@dataclass(frozen=True)
class CustomQuestion:
    title: str
    type: CustomQuestionType
    required: bool
    answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class AutoApprove:
    """``[registration.auto_approve]``: pending registrants whose email matches are approved without a human."""

    email_domains: tuple[str, ...] = ()  # lower case; each covers the domain itself and its subdomains

    def matches(self, email: str) -> bool:
        local, at, domain = email.strip().lower().rpartition("@")
        if not (local and at):
            return False
        domain = domain.rstrip(".")
        return any(domain == d or domain.endswith("." + d) for d in self.email_domains)


@dataclass(frozen=True)
class Registration:
    approval: Approval
    questions: tuple[StandardQuestion, ...]
    custom_questions: tuple[CustomQuestion, ...]
    email_notification: bool = True
    confirmation_email: bool = True
    auto_approve: AutoApprove = AutoApprove()

    def custom_question(self, title: str) -> CustomQuestion | None:
        return next((q for q in self.custom_questions if q.title == title), None)


@dataclass(frozen=True)
class QuestionAndAnswer:
    enable: bool = True
    allow_anonymous_questions: bool = True
    answer_questions: AnswerScope = "all"
    attendees_can_upvote: bool = True
    attendees_can_comment: bool = True


@dataclass(frozen=True)
class Interpreter:
    email: str
    languages: tuple[str, str]  # Zoom takes exactly two, e.g. ("English", "Spanish")


@dataclass(frozen=True)
class LanguageInterpretation:
    enable: bool = False
    interpreters: tuple[Interpreter, ...] = ()


ReminderTiming = Literal["1h", "1d", "1w"]
StreamResolution = Literal["720p", "1080p"]


@dataclass(frozen=True)
class Emails:
    """Zoom's reminder and follow-up e-mails; None leaves what is set in Zoom alone."""

    reminder: tuple[ReminderTiming, ...] | None = None  # () turns the reminder off
    follow_up_attendees_days: int | None = None  # 1-7 days after the end; 0 turns it off
    follow_up_absentees_days: int | None = None


@dataclass(frozen=True)
class WebinarSettings:
    question_and_answer: QuestionAndAnswer = QuestionAndAnswer()
    language_interpretation: LanguageInterpretation = LanguageInterpretation()
    practice_session: bool = False
    host_video: bool = True
    panelists_video: bool = True
    hd_video: bool = False
    on_demand: bool = False
    auto_recording: Recording = "none"
    contact_name: str = ""
    contact_email: str = ""
    emails: Emails = Emails()


@dataclass(frozen=True)
class PollQuestion:
    name: str
    type: Literal["single", "multiple", "rating_scale"]
    answers: tuple[str, ...] = ()
    rating_min_value: int = 1
    rating_max_value: int = 5
    rating_min_label: str = ""
    rating_max_label: str = ""


@dataclass(frozen=True)
class Poll:
    title: str
    questions: tuple[PollQuestion, ...]
    anonymous: bool = False
    panel: int | None = None  # the panel the poll was built from


@dataclass(frozen=True)
class BreakoutConfig:
    meeting_topic: str
    start: datetime  # aware, in the event's zone; defaults to the webinar's end
    duration_minutes: int
    room_capacity: int
    choice_question: str  # the custom registration question holding each person's panel choice
    no_choice: NoChoicePolicy


@dataclass(frozen=True)
class SurveyQuestion:
    name: str
    type: Literal["single", "rating_scale", "long_answer"]
    answers: tuple[str, ...] = ()
    rating_min_label: str = ""
    rating_max_label: str = ""


@dataclass(frozen=True)
class Survey:
    """The post-webinar survey, built from the panels' questions."""

    title: str
    questions: tuple[SurveyQuestion, ...]
    anonymous: bool = True
    show_in_the_browser: bool = True
    show_in_the_follow_up_email: bool = True
    feedback: str = ""


@dataclass(frozen=True)
class Livestream:
    """Streaming to a custom RTMP platform. The stream key is a secret: it comes from ZOOM_LIVESTREAM_KEY."""

    stream_url: str
    page_url: str
    resolution: StreamResolution = "720p"


@dataclass(frozen=True)
class Event:
    key: str  # stable id, e.g. "wmd-2021": keys the state files
    topic: str
    agenda: str
    theme: str
    organisers: tuple[str, ...]
    timezone: str  # an IANA zone name, e.g. "Europe/Madrid"
    start: datetime
    end: datetime
    panels: tuple[Panel, ...]
    registration: Registration
    settings: WebinarSettings
    polls: tuple[Poll, ...]
    breakouts: BreakoutConfig
    password: str | None = None
    survey: Survey | None = None  # None: the event file has no [survey]; Zoom's is left alone
    livestream: Livestream | None = None
    campaign: str = ""  # e.g. "Urban October"
    registration_page: str = ""  # the original event's registration page: a reference, never sent to Zoom

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def start_utc(self) -> datetime:
        return self.start.astimezone(UTC)

    @property
    def end_utc(self) -> datetime:
        return self.end.astimezone(UTC)

    @property
    def duration_minutes(self) -> int:
        return int((self.end_utc - self.start_utc).total_seconds() // 60)

    @property
    def panelists(self) -> tuple[Panelist, ...]:
        return tuple(p for panel in self.panels for p in panel.speakers)

    def panel(self, number: int) -> Panel:
        for panel in self.panels:
            if panel.number == number:
                return panel
        raise KeyError(f"no panel {number}")

    def is_in_past(self, now: datetime) -> bool:
        """True when the webinar has already started at ``now`` (an aware datetime)."""
        return self.start_utc <= now.astimezone(UTC)
