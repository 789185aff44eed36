"""How a sync result reads: tables on a terminal, at most two lines in a cron log."""

from __future__ import annotations

import io
from pathlib import Path

from wmdctl.cli.render.sync import render_result
from wmdctl.output import Output
from wmdctl.sync.inputs import LoadedRows
from wmdctl.sync.plan import SyncPlan, ZoomRegistrant
from wmdctl.sync.result import SyncResult
from wmdctl.sync.rows import Reject


def render(result: SyncResult, *, interactive: bool) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    render_result(Output(stdout=stdout, stderr=stderr, interactive=interactive, no_color=True), result)
    return stdout.getvalue(), stderr.getvalue()


def busy_result() -> SyncResult:
    """A run with 60 rejects and 60 people needing a human: the old cron output ran to 130+ lines."""
    rejects = [Reject("list.csv", i, "email: not a valid address") for i in range(2, 62)]
    plan = SyncPlan(needs_human={f"h{i:02}@example.org": "denied on Zoom" for i in range(60)},
                    unchanged=[f"u{i}@example.org" for i in range(5)])  # fmt: skip
    return SyncResult(webinar_id="1", run_id="r", plan=plan, loaded=LoadedRows(rejects=rejects),
                      rejects_path=Path("/state/registrant-rejects.csv"))  # fmt: skip


def test_without_a_terminal_a_sync_is_two_lines() -> None:
    result = busy_result()
    stdout, stderr = render(result, interactive=False)
    assert stdout.splitlines() == [result.summary_line()]
    [line] = stderr.splitlines()
    assert "60 new row(s) not synced (list.csv:2, list.csv:3" in line and "and 55 more" in line
    assert "see /state/registrant-rejects.csv" in line
    assert "needs a human 60: h00@example.org, h01@example.org" in line


def test_without_a_terminal_a_clean_sync_is_one_line() -> None:
    result = SyncResult(webinar_id="1", run_id="r", plan=SyncPlan(unchanged=["a@example.org"]))
    stdout, stderr = render(result, interactive=False)
    assert stdout.splitlines() == [result.summary_line()] and stderr == ""


def test_without_a_terminal_a_held_prune_and_a_dry_run_say_who() -> None:
    gone, wait = ZoomRegistrant("gone@example.org", "1", "approved"), ZoomRegistrant("w@example.org", "2", "pending")
    held = SyncResult(webinar_id="1", run_id="r", plan=SyncPlan(cancel_refused="3 cancels/denials exceed"))
    assert "prune held back: 3 cancels/denials exceed" in render(held, interactive=False)[1]
    dry = SyncResult(webinar_id="1", run_id="r", dry_run=True, plan=SyncPlan(cancel=[gone], deny=[wait]))
    stdout, _ = render(dry, interactive=False)
    assert stdout.splitlines()[1:] == ["would cancel 1: gone@example.org", "would deny 1: w@example.org"]


def test_a_terminal_keeps_the_tables() -> None:
    stdout, stderr = render(busy_result(), interactive=True)
    assert "Registrant sync" in stdout and "needs a human" in stdout and "denied" in stdout
    assert "list.csv:51: email: not a valid address" in stderr  # 50 shown on a terminal
