"""Run a webinar that never happened: seeded, realistic attendance, Q&A and poll answers.

Same seed, same state -> same data. The sandbox doesn't know the event's panels, so people who
attend "one panel only" cover the first or the second half of the scheduled duration. Traps a
report must survive are always present: rejoins (a NEW user_id per segment), rows with a blank
email (not signed in), dial-in rows named like a phone number, and an instance UUID that starts
with "/" or contains "//" (so it must be double-encoded in paths).
"""

from __future__ import annotations

import base64
import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from wmdctl.sandbox.core import Sandbox
from wmdctl.sandbox.instances import end_instance, forget_instance, next_start
from wmdctl.sandbox.recordings import publish
from wmdctl.sandbox.store import dumps, iso, parse_iso
from wmdctl.sandbox.webhook_payloads import announce_instance

Segment = tuple[datetime, datetime]
# (profile, weight): how a person spends the webinar
PROFILES = (("full", 40), ("rejoin", 15), ("late", 10), ("early", 10), ("first_half", 12), ("second_half", 13))
QUESTIONS = (
    "How can metropolitan areas fund care infrastructure after the pandemic?",
    "Which cities already measure care work in their recovery plans?",
    "Will the slides and the recording be shared after the session?",
    "How do you involve informal carers in metropolitan governance?",
    "What role should national governments play in metropolitan recovery?",
    "Are there examples of intermunicipal cooperation on housing for care workers?",
    "How is the gender perspective included in the recovery indicators?",
    "Could you share the link to the report mentioned by the first panel?",
)
ANSWERS = (
    "Thank you, we will share it by email after the webinar.",
    "Good question: we will answer it live.",
    "Barcelona and Montréal have published examples; see the links in the chat.",
)
TEXT_ANSWERS = (
    "Caring cities need shared data. The panel showed how to start with what each city already counts.",
    "More time for questions. The examples from Montréal were the most useful part.",
    "Invite carers themselves. Policy for them should be made with them.",
)
GUEST_NAMES = ("iPhone", "Galaxy S21", "Meeting Room 3", "Guest")


@dataclass
class Person:
    name: str
    email: str  # "" when not signed in
    registrant_id: str = ""
    stable_id: str = ""
    internal: bool = False
    first_name: str = ""
    last_name: str = ""


class Simulation:
    def __init__(self, sb: Sandbox, webinar: dict[str, Any], seed: int) -> None:
        self.sb = sb
        self.webinar = webinar
        self.rng = random.Random(f"{seed}:{webinar['id']}")
        self.start = parse_iso(webinar.get("start_time") or iso(sb.now()))
        self.scheduled = timedelta(minutes=webinar.get("duration") or 60)
        self.end = self.start + self.scheduled + timedelta(seconds=self.rng.randint(60, 300))
        self.next_user_id = 16778240 + self.rng.randrange(10_000)

    def move_to(self, start: datetime) -> None:
        """Shift the session to start at ``start`` (a later instance of the same webinar)."""
        self.end += start - self.start
        self.start = start

    def instance_uuid(self) -> str:
        body = base64.b64encode(self.rng.randbytes(16)).decode()
        return "/" + body[1:] if self.rng.random() < 0.5 else body[:6] + "//" + body[8:]

    def stable_id(self) -> str:
        return "".join(
            self.rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(22)
        )

    def minutes(self, low: float, high: float) -> timedelta:
        return timedelta(seconds=round(self.rng.uniform(low, high) * 60))

    def segments(self, profile: str) -> list[Segment]:
        start, end, mid = self.start, self.end, self.start + self.scheduled / 2
        join, leave = start + self.minutes(0, 5), end - self.minutes(0, 3)
        if profile == "late":
            join = start + self.minutes(10, 40)
        elif profile == "early":
            leave = start + self.minutes(30, max(31, self.scheduled.total_seconds() / 60 - 10))
        elif profile == "first_half":
            leave = mid - self.minutes(0, 5)
        elif profile == "second_half":
            join = mid + self.minutes(0, 5)
        if profile != "rejoin":
            return [(join, max(leave, join + timedelta(minutes=1)))]
        # Dropped connection(s): each rejoin is a new row with a new user_id.
        cuts = sorted(join + (leave - join) * self.rng.uniform(0.15, 0.85) for _ in range(self.rng.randint(1, 2)))
        pieces, cursor = [], join
        for cut in cuts:
            if cut > cursor:
                pieces.append((cursor, cut))
                cursor = cut + self.minutes(0.5, 4)
        pieces.append((cursor, max(leave, cursor + timedelta(minutes=1))))
        return pieces

    def rows(self, person: Person, segments: list[Segment]) -> list[tuple[str, str]]:
        out = []
        for exact_join, exact_leave in segments:
            # whole seconds, as Zoom reports them, so duration == leave - join exactly
            join, leave = exact_join.replace(microsecond=0), exact_leave.replace(microsecond=0)
            self.next_user_id += self.rng.randint(1, 97)
            row = {
                "id": person.stable_id,
                "user_id": str(self.next_user_id),
                "participant_user_id": person.stable_id,
                "name": person.name,
                "user_email": person.email,
                "join_time": iso(join),
                "leave_time": iso(leave),
                "duration": int((leave - join).total_seconds()),
                "registrant_id": person.registrant_id,
                "failover": False,
                "status": "in_meeting",
                "internal_user": person.internal,
                "customer_key": "",
                "bo_mtg_id": "",
            }
            out.append((person.registrant_id, dumps(row)))
        return out

    def profile(self) -> str:
        names, weights = zip(*PROFILES, strict=True)
        chosen: str = self.rng.choices(names, weights)[0]
        return chosen

    def phone_name(self) -> str:
        digits = [str(self.rng.randint(0, 9)) for _ in range(8)]
        return f"+34 9{digits[0]}{digits[1]} {''.join(digits[2:5])} {''.join(digits[5:8])}"

    # -- who comes ---------------------------------------------------------------------

    def people(self, attendance: float) -> tuple[list[Person], list[Person]]:
        """(staff: host + panelists, audience: sampled approved registrants, guests, dial-ins)."""
        sb, wid = self.sb, self.webinar["id"]
        creds = sb.credentials
        staff = [
            Person(
                f"{creds.host_first_name} {creds.host_last_name}",
                creds.host_email,
                stable_id=creds.host_id,
                internal=True,
            )
        ]
        for (data,) in sb.store.conn.execute("SELECT data FROM panelists WHERE webinar_id = ? ORDER BY seq", (wid,)):
            panelist = json.loads(data)
            staff.append(Person(panelist.get("name", ""), panelist["email"], stable_id=self.stable_id()))
        registrants = sb.store.rows(
            "SELECT id, data FROM registrants WHERE webinar_id = ? AND status = 'approved' ORDER BY seq", (wid,)
        )
        chosen = sorted(self.rng.sample(range(len(registrants)), round(attendance * len(registrants))))
        audience = []
        for index in chosen:
            data = json.loads(registrants[index]["data"])
            first, last = data.get("first_name", ""), data.get("last_name", "")
            signed_in = self.rng.random() > 0.12  # ~12% join without signing in: blank email (notes §2)
            audience.append(
                Person(
                    f"{first} {last}".strip(),
                    data["email"] if signed_in else "",
                    registrant_id=registrants[index]["id"],
                    stable_id=self.stable_id() if signed_in else "",
                    first_name=first,
                    last_name=last,
                )
            )
        for _ in range(max(1, round(0.03 * len(audience)))):
            audience.append(Person(self.phone_name(), ""))
        audience.append(Person(f"{self.rng.choice(GUEST_NAMES)} ({self.rng.randint(2, 99)})", ""))
        return staff, audience

    def synthetic(self, count: int) -> list[tuple[str, str]]:
        """Extra unregistered attendees for benchmarks: 1-3 segments each, cheap to generate."""
        rows = []
        span = int((self.end - self.start).total_seconds())
        for n in range(1, count + 1):
            email = f"guest{n}@attendees.example" if self.rng.random() > 0.2 else ""
            person = Person(f"Guest {n}", email, stable_id=f"synthetic{n:08d}" if email else "")
            marks = sorted(self.rng.randrange(span) for _ in range(2 * self.rng.randint(1, 3)))
            segments = [
                (self.start + timedelta(seconds=a), self.start + timedelta(seconds=max(b, a + 30)))
                for a, b in zip(marks[::2], marks[1::2], strict=True)
            ]
            rows.extend(self.rows(person, segments))
        return rows

    # -- what they say -----------------------------------------------------------------

    def qa(self, askers: list[Person], answerers: list[Person]) -> list[dict[str, Any]]:
        questions = []
        for number, person in enumerate(askers[: self.rng.randint(3, 8)]):
            asked = self.start + self.minutes(5, self.scheduled.total_seconds() / 60 - 5)
            detail: dict[str, Any] = {
                "question_id": f"q{number + 1:04d}{self.rng.randrange(10**6):06d}",
                "question": self.rng.choice(QUESTIONS),
                "create_time": iso(asked),
                "question_status": "open",
                "answer": "",
                "answer_details": [],
            }
            if self.rng.random() < 0.7:
                who = self.rng.choice(answerers)
                text = self.rng.choice(ANSWERS)
                detail.update(
                    question_status="answered",
                    answer=text,
                    answer_details=[
                        {
                            "user_id": str(self.rng.randint(16778240, 16999999)),
                            "name": who.name,
                            "email": who.email,
                            "content": text,
                            "create_time": iso(asked + self.minutes(1, 5)),
                            "type": "host_answered_publicly",
                        }
                    ],
                )
            questions.append(
                {
                    "user_id": str(self.rng.randint(16778240, 16999999)),
                    "name": person.name,
                    "email": person.email,
                    "question_details": [detail],
                }
            )
        return questions

    def poll_answers(self, voters: list[Person], polls: list[dict[str, Any]]) -> list[dict[str, Any]]:
        answers = []
        for person in voters:
            details = []
            for poll in polls:
                if self.rng.random() > 0.6:
                    continue
                moment = iso(self.start + self.minutes(10, self.scheduled.total_seconds() / 60 - 5))
                for question in poll.get("questions", []):
                    details.append(
                        {
                            "polling_id": poll["id"],
                            "question": question["name"],
                            "answer": self.answer(question),
                            "date_time": moment,
                        }
                    )
            if details:
                answers.append(
                    {
                        "name": person.name,
                        "email": person.email,
                        "first_name": person.first_name,
                        "last_name": person.last_name,
                        "question_details": details,
                    }
                )
        return answers

    def answer(self, question: dict[str, Any]) -> str:
        """An answer valid for the question's type: one option, a subset, a number on the scale, or text."""
        options = [str(o) for o in question.get("answers") or []]
        kind = question.get("type", "single")
        if kind == "rating_scale":
            low, high = int(question.get("rating_min_value", 1)), int(question.get("rating_max_value", 5))
            return str(self.rng.randint(min(low, high), max(low, high)))
        if kind in ("multiple", "rank_order") and options:
            chosen = self.rng.sample(options, self.rng.randint(1, len(options)) if kind == "multiple" else len(options))
            return ";".join(chosen if kind == "rank_order" else sorted(chosen, key=options.index))
        if kind in ("single", "matching", "fill_in_the_blank") and options:
            return self.rng.choice(options)
        text = self.rng.choice(TEXT_ANSWERS)
        return text if kind == "long_answer" else text.split(".")[0] + "."


def simulate(
    sb: Sandbox, webinar: dict[str, Any], *, attendance: float = 0.6, seed: int = 0, participants: int = 0
) -> dict[str, Any]:
    """End the webinar as a new past instance with seeded data; the caller holds the transaction.

    The webinar takes the instance UUID (one that needs double-encoding) just before the end, so the
    instance is recorded under it and the webinar gets a fresh one. The same seed rewrites its instance.
    """
    sim = Simulation(sb, webinar, seed)
    wid = webinar["id"]
    uuid = sim.instance_uuid()
    forget_instance(sb, wid, uuid)
    sim.move_to(next_start(sb, webinar))
    staff, audience = sim.people(attendance)
    rows = [
        row for person in staff for row in sim.rows(person, sim.segments("full" if person.internal else sim.profile()))
    ]
    rows += [row for person in audience for row in sim.rows(person, sim.segments(sim.profile()))]
    rows += sim.synthetic(participants)
    conn = sb.store.conn
    polls = [json.loads(r[0]) for r in conn.execute("SELECT data FROM polls WHERE webinar_id = ? ORDER BY seq", (wid,))]
    signed_in = [p for p in audience if p.email]
    data = {"qa": sim.qa(signed_in, staff), "poll_answers": sim.poll_answers(signed_in, polls)}
    webinar["uuid"] = uuid
    instance = end_instance(sb, webinar, start=sim.start, end=sim.end, data=data)
    conn.executemany(
        "INSERT INTO participants (webinar_id, instance_uuid, registrant_id, data) VALUES (?, ?, ?, ?)",
        [(wid, uuid, registrant_id, row) for registrant_id, row in rows],
    )
    announce_instance(sb, webinar, instance, [json.loads(row) for _, row in rows])
    lines = [(q["name"] or "Attendee", q["question_details"][0]["question"]) for q in data["qa"]]
    publish(sb, webinar, instance, seed, lines)
    for poll in polls:
        poll["status"] = "ended"
        conn.execute("UPDATE polls SET data = ? WHERE webinar_id = ? AND id = ?", (dumps(poll), wid, poll["id"]))
    attended = {p.registrant_id for p in audience if p.registrant_id}
    return {
        "webinar_id": wid,
        "uuid": uuid,
        "segments": len(rows),
        "registrants_attended": len(attended),
        "questions": len(data["qa"]),
        "poll_answers": len(data["poll_answers"]),
    }
