"""Deterministic registrant lists in the shape organisers export (headers as in data/sample_registrants.csv)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

PANEL_QUESTION = "Which panel breakout session would you like to join?"
MEMBER_QUESTION = "Is your organisation a member of Metropolis?"
ASK_QUESTION = "What would you like to ask the panelists?"
PANELS = ("Creating caring metropolises", "Framing recovery for all")
MEMBER_ANSWERS = ("Yes", "No", "I don't know")
ASKS = ("Which data do cities share with each other?", "How do you fund care infrastructure?", "")

FULL_HEADERS = ("Email", "First name", "Last name", "Organisation", "Job title", "City", "Country",
                PANEL_QUESTION, MEMBER_QUESTION, ASK_QUESTION)  # fmt: skip
BASIC_HEADERS = ("Email", "First name", "Last name")

FIRST = ("Montserrat", "Ana Clara", "Jürgen", "Valentina", "Aiko", "Kwame", "Núria", "Oriol", "Fatou", "Mehdi")
LAST = ("Ferrer Badia", "Peçanha", "Müller", "Rodríguez", "Tanaka", "Mensah", "Puig", "Serra", "Diop", "Alavi")
PLACES = (
    ("Barcelona", "Spain", "Care Network"),
    ("São Paulo", "BR", "Mobility Authority São Paulo"),
    ("Berlin", "Germany", "Metropolis Berlin"),
    ("Bogotá", "Colombia", "Regional Government Bogotá"),
    ("Quito", "EC", "Quito Metropolitan District"),
    ("Rabat", "Morocco", "Région Rabat-Salé-Kénitra"),
)
JOBS = ("Policy officer", "Data analyst", "Mayor's adviser", "Researcher")


@dataclass(frozen=True)
class Person:
    email: str
    first_name: str
    last_name: str


def person(n: int, prefix: str) -> Person:
    """The n-th person of a list; emails are unique per (prefix, n) and plain ASCII."""
    first, last = FIRST[n % len(FIRST)], LAST[(n // len(FIRST)) % len(LAST)]
    return Person(f"{prefix}{n}@registrants.example", first, last)


def write_registrants(path: Path, count: int, *, answers: bool, prefix: str = "person") -> list[Person]:
    """A UTF-8 CSV of ``count`` valid, distinct people; with ``answers`` every profile and custom column is filled."""
    people = [person(n, prefix) for n in range(1, count + 1)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(FULL_HEADERS if answers else BASIC_HEADERS)
        for n, who in enumerate(people, start=1):
            row = [who.email, who.first_name, who.last_name]
            if answers:
                city, country, org = PLACES[n % len(PLACES)]
                row += [org, JOBS[n % len(JOBS)], city, country, PANELS[n % 2], MEMBER_ANSWERS[n % 3], ASKS[n % 3]]
            writer.writerow(row)
    return people


def seed_entries(people: list[Person], status: str = "approved") -> list[dict[str, str]]:
    """The same people as the sandbox's bulk seed endpoint takes them."""
    return [{"email": p.email, "first_name": p.first_name, "last_name": p.last_name, "status": status} for p in people]


def naive_body(who: Person, n: int) -> dict[str, object]:
    """What a hand-written script posts for one row: the same fields and answers as the full CSV."""
    city, country, org = PLACES[n % len(PLACES)]
    answers = {PANEL_QUESTION: PANELS[n % 2], MEMBER_QUESTION: MEMBER_ANSWERS[n % 3], ASK_QUESTION: ASKS[n % 3]}
    return {
        "email": who.email, "first_name": who.first_name, "last_name": who.last_name, "org": org,
        "job_title": JOBS[n % len(JOBS)], "city": city, "country": {"Spain": "ES", "Germany": "DE",
        "Colombia": "CO", "Morocco": "MA"}.get(country, country),
        "custom_questions": [{"title": t, "value": v} for t, v in answers.items() if v],
    }  # fmt: skip
