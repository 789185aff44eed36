"""Zoom's limits on what the event file turns into, with where each comes from.

SPEC = the Zoom Meetings OpenAPI document; "notes" = docs/zoom-api-notes.md.
Checking them when the file is loaded turns a 400 halfway through an apply
into a message that names the key to fix.
"""

from __future__ import annotations

TOPIC_MAX = 200  # notes §3: topic ≤200 in responses
AGENDA_MAX = 2000  # SPEC meeting create: agenda maxLength 2000 (the webinar schema states none; same backend)
PASSWORD_MAX = 10  # SPEC webinar create: password maxLength 10
PASSWORD_CHARS = r"[A-Za-z0-9@\-_*!#]"  # notes §3, plus '#' which the SPEC description also names
POLL_TITLE_MAX = 64  # SPEC polls: title maxLength 64
POLL_QUESTION_MAX = 1024  # SPEC polls: question name maxLength 1024
POLL_ANSWERS_MAX = 10  # notes §6: ≤10 answers for single/multiple questions
POLL_ANSWERS_MIN = 2  # SPEC polls: answers minItems 2
CUSTOM_ANSWER_MAX = 128  # SPEC registrant create: custom_questions[].value maxLength 128 - an answer must fit
REGISTRANTS_MAX = 20000  # SPEC: registrants_restrict_number maximum
BREAKOUT_CAPACITY_MAX = 1000  # notes §7: 1,000 pre-assigned participants per meeting in total

# Panelists are POSTed ≤30 per request (SPEC), but the client batches them, so the
# event file need not cap them. No other array in the event file is sent in one
# request that Zoom caps at 30.

# SPEC registrant questions: field_name enum.
REGISTRATION_FIELDS: tuple[str, ...] = (
    "last_name",
    "address",
    "city",
    "country",
    "zip",
    "state",
    "phone",
    "industry",
    "org",
    "job_title",
    "purchasing_time_frame",
    "role_in_purchase_process",
    "no_of_employees",
    "comments",
)
CUSTOM_QUESTION_TYPES: tuple[str, ...] = ("short", "single_radio", "single_dropdown", "multiple")
