"""The event as Zoom request bodies: pure functions, no I/O.

These bodies are also what the webinar plan compares against Zoom, so every
field set here is a field wmdctl owns; anything else on the webinar is left
alone.
"""

from __future__ import annotations

from typing import Any

from wmdctl.event.engagement import emails_settings
from wmdctl.event.model import CustomQuestion, Event, Poll, PollQuestion
from wmdctl.event.times import zoom_start_time

WEBINAR_TYPE_SCHEDULED = 5
APPROVAL_TYPES = {"automatic": 0, "manual": 1}  # 2 would mean "no registration"
REGISTER_ONCE_ATTEND_ANY = 1


def webinar_body(event: Event) -> dict[str, Any]:
    """POST /users/{host}/webinars body, settings included so one request creates it all."""
    body: dict[str, Any] = {
        "topic": event.topic,
        "type": WEBINAR_TYPE_SCHEDULED,
        # Local wall time with no Z plus the IANA zone: Zoom resolves CET/CEST (notes §12.1); UTC for a repeated hour.
        "start_time": zoom_start_time(event.start),
        "timezone": event.timezone,
        "duration": event.duration_minutes,
        "agenda": event.agenda,
        "settings": webinar_settings(event),
    }
    if event.password:
        body["password"] = event.password
    return body


def webinar_settings(event: Event) -> dict[str, Any]:
    s = event.settings
    qa = s.question_and_answer
    settings: dict[str, Any] = {
        "approval_type": APPROVAL_TYPES[event.registration.approval],
        "registration_type": REGISTER_ONCE_ATTEND_ANY,
        "registrants_email_notification": event.registration.email_notification,
        # Zoom uses the confirmation flag only when notifications are on (notes §3).
        "registrants_confirmation_email": event.registration.email_notification
        and event.registration.confirmation_email,
        "question_and_answer": {
            "enable": qa.enable,
            "allow_submit_questions": qa.enable,
            "allow_anonymous_questions": qa.allow_anonymous_questions,
            "answer_questions": qa.answer_questions,
            "attendees_can_upvote": qa.attendees_can_upvote,
            "attendees_can_comment": qa.attendees_can_comment,
        },
        "practice_session": s.practice_session,
        "host_video": s.host_video,
        "panelists_video": s.panelists_video,
        "hd_video": s.hd_video,
        "on_demand": s.on_demand,
        "auto_recording": s.auto_recording,
        "language_interpretation": {
            "enable": s.language_interpretation.enable,
            "interpreters": [
                {"email": i.email, "interpreter_languages": ",".join(i.languages)}
                for i in s.language_interpretation.interpreters
            ],
        },
    }
    if s.contact_name:
        settings["contact_name"] = s.contact_name
    if s.contact_email:
        settings["contact_email"] = s.contact_email
    settings.update(emails_settings(s.emails))
    return settings


def panelists_body(event: Event) -> list[dict[str, Any]]:
    """The panelists, in panel order; the client POSTs them in batches of 30."""
    return [{"name": p.name, "email": p.email} for p in event.panelists]


def registration_questions_body(event: Event) -> dict[str, Any]:
    """PATCH /webinars/{id}/registrants/questions body (the whole form: Zoom replaces it)."""
    return {
        "questions": [{"field_name": q.field_name, "required": q.required} for q in event.registration.questions],
        "custom_questions": [_custom_question(q) for q in event.registration.custom_questions],
    }


def _custom_question(question: CustomQuestion) -> dict[str, Any]:
    body: dict[str, Any] = {"title": question.title, "type": question.type, "required": question.required}
    if question.type != "short":  # SPEC: answers "can't be used for short answer type"
        body["answers"] = list(question.answers)
    return body


def poll_bodies(event: Event) -> list[dict[str, Any]]:
    return [poll_body(poll) for poll in event.polls]


def poll_body(poll: Poll) -> dict[str, Any]:
    return {
        "title": poll.title,
        "anonymous": poll.anonymous,
        "poll_type": 1,  # a plain poll; 2 advanced, 3 quiz
        "questions": [_poll_question(q) for q in poll.questions],
    }


def _poll_question(question: PollQuestion) -> dict[str, Any]:
    body: dict[str, Any] = {"name": question.name, "type": question.type, "answer_required": False}
    if question.type == "rating_scale":
        body.update(
            rating_min_value=question.rating_min_value,
            rating_max_value=question.rating_max_value,
            rating_min_label=question.rating_min_label,
            rating_max_label=question.rating_max_label,
        )
    else:
        body["answers"] = list(question.answers)
    return body
