"""A rendered HTML report for the tests: the multi-script attendance plus registrations, Q&A and polls."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reports.after_support import HOSTILE, PEOPLE, after_event, after_report
from wmdctl.reports.html.page import PageInputs, render_page


def registrations() -> list[dict[str, Any]]:
    return [
        {"id": rid, "email": email, "status": "approved", "create_time": f"2021-09-{10 + n:02d}T08:00:00Z"}
        for n, (rid, _, _, email, _, _) in enumerate(PEOPLE)
    ]


def qa_rows() -> list[dict[str, Any]]:
    return [
        {
            "question": f"{HOSTILE} how do cities pay for care?",
            "asker_name": "王小明",
            "asker_email": "wang@example.cn",
            "asked_local": "2021-10-07T15:20:00+02:00",
            "asked_utc": "2021-10-07T13:20:00Z",
            "status": "answered",
            "answers": "Moderator: with <b>budgets</b>",
            "answered_by": "Moderator",
        }
    ]


def poll_rows() -> list[dict[str, Any]]:
    question = "Which of these questions matters most for your metropolis?"
    return [
        {"poll_id": "p1", "poll_title": "Panel 1: Creating caring metropolises", "question": question,
         "answer": answer, "count": count, "share_pct": 0.0, "respondents": 5}
        for answer, count in (("Care as a pillar", 3), (HOSTILE, 2))
    ]  # fmt: skip


def render(path: Path) -> str:
    page = render_page(
        PageInputs(
            after_event(),
            after_report(),
            registrations(),
            qa_rows(),
            poll_rows(),
            datetime(2021, 10, 8, 9, 0, tzinfo=UTC),
            ["a warning with <em>markup</em>"],
        )
    )
    path.write_text(page, encoding="utf-8")
    return page
