"""Q&A and poll reports: flat rows from Zoom's nested answers.

The report endpoints and the past-webinar ones return slightly different
shapes (the past Q&A has no times, statuses or answer details), so every field
is read defensively and a missing one is left blank rather than guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from wmdctl.event.model import Poll
from wmdctl.reports.segments import parse_zoom_time
from wmdctl.reports.timefmt import local_iso, utc_iso

QA_COLUMNS = (
    "question",
    "asker_name",
    "asker_email",
    "asked_local",
    "asked_utc",
    "status",
    "answers",
    "answered_by",
)
POLL_COLUMNS = ("poll_id", "poll_title", "question", "answer", "count", "share_pct", "respondents")


@dataclass(frozen=True)
class PollTitles:
    """Which poll a row belongs to: Zoom's answers carry only the poll's id.

    The WMD polls are titled after their panel ("Panel 1: ..."), so the title
    tells which panel a row is about.
    """

    by_id: Mapping[str, str] = field(default_factory=dict)
    by_question: Mapping[str, str] = field(default_factory=dict)  # questions asked in one poll only

    def of(self, poll_id: str, question: str) -> str:
        return self.by_id.get(poll_id) or self.by_question.get(question, "")


def poll_titles(definitions: Sequence[Mapping[str, Any]], event_polls: Sequence[Poll] = ()) -> PollTitles:
    """Titles by poll id (Zoom's poll list), else by a question only one poll asks (Zoom's or the event's)."""
    by_id = {str(p["id"]): str(p.get("title") or "") for p in definitions if p.get("id") is not None}
    owners: dict[str, set[str]] = {}
    for poll in definitions:
        for question in poll.get("questions") or []:
            owners.setdefault(str(question.get("name") or ""), set()).add(str(poll.get("title") or ""))
    for event_poll in event_polls:
        for event_question in event_poll.questions:
            owners.setdefault(event_question.name, set()).add(event_poll.title)
    by_question = {name: titles.pop() for name, titles in owners.items() if name and len(titles) == 1}
    return PollTitles(by_id, by_question)


def qa_rows(payload: Mapping[str, Any], timezone: str) -> list[dict[str, Any]]:
    """One row per question, in the order asked, with every answer joined."""
    keyed: list[tuple[int, dict[str, Any]]] = []
    for asker in payload.get("questions") or []:
        for detail in asker.get("question_details") or []:
            asked = parse_zoom_time(detail.get("create_time"))
            answers = detail.get("answer_details") or []
            row = {
                "question": str(detail.get("question") or ""),
                "asker_name": str(asker.get("name") or ""),
                "asker_email": str(asker.get("email") or ""),
                "asked_local": local_iso(asked, timezone),
                "asked_utc": utc_iso(asked),
                "status": str(detail.get("question_status") or ("answered" if _has_answer(detail) else "")),
                "answers": _answer_text(detail, answers),
                "answered_by": "; ".join(dict.fromkeys(str(a.get("name") or "") for a in answers if a.get("name"))),
            }
            keyed.append((asked if asked is not None else 0, row))
    # Stable sort: questions without a time keep Zoom's order.
    keyed.sort(key=lambda pair: pair[0])
    return [row for _, row in keyed]


def _has_answer(detail: Mapping[str, Any]) -> bool:
    return bool(detail.get("answer") or detail.get("answer_details"))


def _answer_text(detail: Mapping[str, Any], answers: Sequence[Mapping[str, Any]]) -> str:
    if answers:
        return " | ".join(f"{a.get('name') or 'anonymous'}: {a.get('content') or ''}" for a in answers)
    # The past-webinar shape and older reports: answers joined by Zoom with semicolons.
    return str(detail.get("answer") or "")


KnownAnswers = Mapping[tuple[str, str], Sequence[str]]  # (poll title, question) -> its options


def known_poll_answers(event_polls: Sequence[Poll]) -> dict[tuple[str, str], list[str]]:
    """The options of every event poll question, keyed by poll title AND question.

    Both WMD polls ask "Which of these questions matters most…" with different options (and one option
    in common), so keying by the question alone would mix the two polls' options.
    """
    return {(poll.title, q.name): list(q.answers) for poll in event_polls for q in poll.questions}


def poll_rows(
    payload: Mapping[str, Any],
    known_answers: KnownAnswers | None = None,
    titles: PollTitles | None = None,
) -> list[dict[str, Any]]:
    """Answer counts per poll question, most chosen first; known options nobody chose appear with 0.

    ``known_answers`` maps (poll title, question) to its options (from the event file); a
    multiple-choice answer, which Zoom joins with ";", is split only when every
    part is a known option, so free text containing ";" is counted whole.
    """
    known = dict(known_answers or {})
    title_of = (titles or PollTitles()).of

    def options_of(poll_id: str, question: str) -> list[str]:
        return list(known.get((title_of(poll_id, question), question), []))

    counts, respondents = _count_votes(payload, options_of)
    by_answers = _titles_from_answers(counts, known)

    def final_title(poll_id: str, question: str) -> str:
        return title_of(poll_id, question) or by_answers.get(poll_id, "")

    def options_of_poll(poll_id: str, question: str) -> list[str]:
        return list(known.get((final_title(poll_id, question), question), []))

    for poll_id, question in list(counts):
        for option in options_of_poll(poll_id, question):
            counts[(poll_id, question)].setdefault(option, 0)
    rows = []
    for (poll_id, question), counter in counts.items():
        total = len(respondents[(poll_id, question)])
        for answer, count in sorted(counter.items(), key=lambda item: (-item[1], item[0])):
            rows.append(
                {
                    "poll_id": poll_id,
                    "poll_title": final_title(poll_id, question),
                    "question": question,
                    "answer": answer,
                    "count": count,
                    "share_pct": round(100 * count / total, 1) if total else 0.0,
                    "respondents": total,
                }
            )
    return rows


def _count_votes(
    payload: Mapping[str, Any], options_of: Callable[[str, str], list[str]]
) -> tuple[dict[tuple[str, str], Counter[str]], dict[tuple[str, str], set[str]]]:
    """Per (poll id, question): how often each answer was chosen, and who answered."""
    counts: dict[tuple[str, str], Counter[str]] = {}
    respondents: dict[tuple[str, str], set[str]] = {}
    for index, voter in enumerate(payload.get("questions") or []):
        voter_id = str(voter.get("email") or voter.get("name") or f"#{index}")
        for detail in voter.get("question_details") or []:
            key = (str(detail.get("polling_id") or ""), str(detail.get("question") or ""))
            counter = counts.setdefault(key, Counter())
            respondents.setdefault(key, set()).add(voter_id)
            for choice in _choices(str(detail.get("answer") or ""), options_of(*key)):
                counter[choice] += 1
    return counts, respondents


def _titles_from_answers(counts: Mapping[tuple[str, str], Counter[str]], known: KnownAnswers) -> dict[str, str]:
    """Name a poll by the options its voters chose, when Zoom's poll list is missing and no question is unique.

    Both WMD polls ask the same two questions, so the question cannot tell them apart; but each poll's options
    are its own panel's questions (bar the one the panels share). A poll id is named only when every option
    its voters chose that belongs to a single poll points to the same poll: never a guess between two.
    """
    owners: dict[str, set[str]] = {}
    for poll_id, question in counts:
        for answer in counts[(poll_id, question)]:
            titles = {title for (title, asked), options in known.items() if asked == question and answer in options}
            if len(titles) == 1:
                owners.setdefault(poll_id, set()).update(titles)
    return {poll_id: titles.pop() for poll_id, titles in owners.items() if len(titles) == 1}


def _choices(answer: str, options: Sequence[str]) -> list[str]:
    if answer in options or ";" not in answer:
        return [answer]
    parts = [part.strip() for part in answer.split(";") if part.strip()]
    if options and all(part in options for part in parts):
        return parts
    return [answer]
