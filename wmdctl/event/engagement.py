"""What Zoom does around the webinar for its audience: reminder and follow-up e-mails, the survey, the live stream.

``[settings.emails]`` sets Zoom's reminder and follow-up e-mails (webinar
settings keys). ``[survey]`` builds the post-webinar survey from the panels'
discussion questions, as ``[polls]`` builds the polls. ``[livestream]`` names
the custom RTMP platform; its stream key is a secret and comes from the
environment (ZOOM_LIVESTREAM_KEY), never from this file.
"""

from __future__ import annotations

from typing import Any, cast

from wmdctl.event.model import Emails, Livestream, Panel, ReminderTiming, StreamResolution, Survey, SurveyQuestion
from wmdctl.event.reader import Table

REMINDER_BITS: dict[str, int] = {"1h": 1, "1d": 2, "1w": 4}  # Zoom's type 0-7 is the sum: 3 = 1 hour and 1 day
FOLLOW_UP_DAYS_MAX = 7
SURVEY_TITLE_MAX = 64  # SPEC survey: title maxLength 64
SURVEY_QUESTION_MAX = 420  # SPEC survey: question name "up to 420 characters"
SURVEY_ANSWER_MAX = 200  # SPEC survey: answers items maxLength 200
SURVEY_ANSWERS_MAX = 50  # SPEC survey: single/multiple at most 50 answers
URL_MAX = 1024  # SPEC livestream: stream_url and page_url maxLength 1024
STREAM_KEY_VARIABLE = "ZOOM_LIVESTREAM_KEY"
DEFAULT_PRIORITY = "Panel {number}, {title}: which question matters most for your metropolis?"
DEFAULT_RATING = "Panel {number}, {title}: how useful was it for your work?"
DEFAULT_CLOSING = "What should the next World Metropolitan Day discuss?"


def read_emails(t: Table) -> Emails:
    reminder: tuple[ReminderTiming, ...] | None = None
    if t.has("reminder"):
        timings = t.texts("reminder", required=False)
        unknown = [x for x in timings if x not in REMINDER_BITS]
        if unknown:
            t.reader.add(t.where("reminder"), f'use any of "1h", "1d", "1w" (or [] for none), not {unknown!r}')
        reminder = tuple(cast(ReminderTiming, x) for x in dict.fromkeys(timings) if x in REMINDER_BITS)
    return Emails(
        reminder=reminder,
        follow_up_attendees_days=_days(t, "follow_up_attendees_days"),
        follow_up_absentees_days=_days(t, "follow_up_absentees_days"),
    )


def _days(t: Table, key: str) -> int | None:
    if not t.has(key):
        return None
    return t.integer(key, 0, minimum=0, maximum=FOLLOW_UP_DAYS_MAX)


def emails_settings(emails: Emails) -> dict[str, Any]:
    """The webinar settings keys for the e-mails the event file sets (and none it leaves alone)."""
    settings: dict[str, Any] = {}
    if emails.reminder is not None:
        kind = sum(REMINDER_BITS[x] for x in emails.reminder)
        settings["attendees_and_panelists_reminder_email_notification"] = {"enable": kind > 0, "type": kind}
    for key, days in (
        ("follow_up_attendees_email_notification", emails.follow_up_attendees_days),
        ("follow_up_absentees_email_notification", emails.follow_up_absentees_days),
    ):
        if days is not None:
            settings[key] = {"enable": days > 0, "type": days}
    return settings


def read_survey(t: Table, topic: str, panels: tuple[Panel, ...]) -> Survey | None:
    """None when the file has no [survey] (or ``enable = false``): Zoom's survey is then left as it is."""
    present = bool(t.data)
    enabled = t.flag("enable", True)
    title = t.text("title", required=False, default=topic[:SURVEY_TITLE_MAX], max_len=SURVEY_TITLE_MAX)
    priority = t.text("priority_question", required=False, default=DEFAULT_PRIORITY)
    rating = t.text("rating_question", required=False, default=DEFAULT_RATING)  # "" for none
    closing = t.text("closing_question", required=False, default=DEFAULT_CLOSING)  # "" for none
    survey = Survey(
        title=title or topic[:SURVEY_TITLE_MAX],
        questions=tuple(_survey_questions(t, panels, priority, rating, closing)),
        anonymous=t.flag("anonymous", True),
        show_in_the_browser=t.flag("show_in_the_browser", True),
        show_in_the_follow_up_email=t.flag("show_in_the_follow_up_email", True),
        feedback=t.text("feedback", required=False, max_len=320),
    )
    if present and enabled and not survey.questions:
        t.reader.add(t.path or "survey", "builds no question: give the panels questions, or a closing_question")
    return survey if present and enabled else None


def _survey_questions(
    t: Table, panels: tuple[Panel, ...], priority: str, rating: str, closing: str
) -> list[SurveyQuestion]:
    questions = []
    for panel in panels:
        fill = {"number": panel.number, "title": panel.title}
        if priority and len(panel.questions) >= 2:
            too_long = [q for q in panel.questions if len(q) > SURVEY_ANSWER_MAX]
            if too_long:
                t.reader.add(
                    f"panels[{panel.number - 1}].questions",
                    f"a survey answer may be at most {SURVEY_ANSWER_MAX} characters; shorten: {too_long[0][:40]!r}…",
                )
            questions.append(SurveyQuestion(_fill(t, priority, fill), "single", panel.questions[:SURVEY_ANSWERS_MAX]))
        if rating:
            questions.append(SurveyQuestion(_fill(t, rating, fill), "rating_scale", (), "Not useful", "Very useful"))
    if closing:
        questions.append(SurveyQuestion(closing[:SURVEY_QUESTION_MAX], "long_answer"))
    return questions


def _fill(t: Table, template: str, fill: dict[str, Any]) -> str:
    try:
        text = template.format(**fill)
    except (KeyError, IndexError, ValueError):
        t.reader.add(t.path or "survey", f"{template!r} may use only {{number}} and {{title}}")
        text = template
    return text[:SURVEY_QUESTION_MAX]


def survey_body(survey: Survey) -> dict[str, Any]:
    """PATCH /webinars/{id}/survey: Zoom replaces the custom survey with this one."""
    custom: dict[str, Any] = {
        "title": survey.title,
        "anonymous": survey.anonymous,
        "numbered_questions": True,
        "show_question_type": False,
        "questions": [_survey_question(q) for q in survey.questions],
    }
    if survey.feedback:
        custom["feedback"] = survey.feedback
    return {
        "custom_survey": custom,
        "show_in_the_browser": survey.show_in_the_browser,
        "show_in_the_follow_up_email": survey.show_in_the_follow_up_email,
    }


def _survey_question(question: SurveyQuestion) -> dict[str, Any]:
    body: dict[str, Any] = {"name": question.name, "type": question.type, "answer_required": False}
    if question.type == "single":
        body["answers"] = list(question.answers)
    elif question.type == "rating_scale":
        body.update(
            rating_min_value=1,
            rating_max_value=5,
            rating_min_label=question.rating_min_label,
            rating_max_label=question.rating_max_label,
        )
    return body


def read_livestream(t: Table) -> Livestream | None:
    if not t.data:
        return None
    if "stream_key" in t.data:
        t.has("stream_key")  # reported here, not again as an unknown key
        t.reader.add(
            t.where("stream_key"),
            f"the stream key is a secret and never goes in the event file: set {STREAM_KEY_VARIABLE} "
            "in the environment (or .env) instead, and remove this key",
        )
    stream_url = t.text("stream_url", max_len=URL_MAX)
    if stream_url and not stream_url.startswith(("rtmp://", "rtmps://")):
        t.reader.add(t.where("stream_url"), "must be the platform's rtmp:// or rtmps:// ingest URL")
    page_url = t.text("page_url", max_len=URL_MAX)
    if page_url and not page_url.startswith(("https://", "http://")):
        t.reader.add(t.where("page_url"), "must be the http(s) page where people watch the stream")
    resolution = cast(StreamResolution, t.choice("resolution", ("720p", "1080p"), "720p"))
    return Livestream(stream_url, page_url, resolution)


def livestream_body(livestream: Livestream, stream_key: str) -> dict[str, Any]:
    """PATCH /webinars/{id}/livestream (all of stream_url, stream_key and page_url are required)."""
    return {
        "stream_url": livestream.stream_url,
        "stream_key": stream_key,
        "page_url": livestream.page_url,
        "resolution": livestream.resolution,
    }
