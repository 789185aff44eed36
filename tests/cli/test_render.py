"""The human forms that moved to cli/render/ with no test of their own: what a person (or a pipe) reads."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from factories import make_event

from wmdctl.campaign.accounts import Outcome
from wmdctl.campaign.jobs import SessionStatus
from wmdctl.campaign.model import Session
from wmdctl.cli.render.campaign import outcomes_table, status_table
from wmdctl.cli.render.reports import render_follow_up
from wmdctl.cli.render.sandbox import print_env_lines, render_simulation
from wmdctl.output import Output


def _output() -> tuple[Output, io.StringIO, io.StringIO]:
    """Not a terminal: tables come out as CSV, which the tests read back."""
    out, err = io.StringIO(), io.StringIO()
    return Output(no_color=True, stdout=out, stderr=err, interactive=False, stamp=lambda: "T"), out, err


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _sessions() -> tuple[Session, Session]:
    event = make_event()
    return Session(0, event.key, event), Session(1, "partner-city", event, profile="partner")


def test_the_outcomes_table_describes_each_result_and_names_each_failure() -> None:
    output, out, _ = _output()
    ok, failed = _sessions()
    outcomes = [Outcome(ok, result=3), Outcome(failed, error="no credentials for profile 'partner'")]
    outcomes_table(output, outcomes, lambda writes: f"{writes} write(s)", "Campaign apply")
    assert _csv(out.getvalue()) == [
        ["session", "account", "outcome", "detail"],
        [ok.key, "default", "ok", "3 write(s)"],
        ["partner-city", "partner", "failed", "FAILED: no credentials for profile 'partner'"],
    ]


def test_the_status_table_gives_both_clocks_and_leaves_a_failed_session_blank_but_for_why() -> None:
    output, out, _ = _output()
    ok, failed = _sessions()
    status = SessionStatus(
        key=ok.key, title="WMD", account="default", timezone="Europe/Madrid",
        start_local=datetime(2021, 10, 7, 15, 0), start_utc=datetime(2021, 10, 7, 13, 0, tzinfo=UTC),
        webinar_id=None, registrants={"approved": 4, "pending": 2, "denied": 9}, next_step="wmdctl webinar apply",
    )  # fmt: skip
    status_table(output, [Outcome(ok, result=status), Outcome(failed, error="timed out")])
    header, first, second = _csv(out.getvalue())
    assert header == ["session", "account", "local start", "UTC start", "webinar", "registered", "next"]
    assert first == [ok.key, "default", "2021-10-07 15:00 Europe/Madrid", "2021-10-07 13:00 UTC", "—", "6",
                     "wmdctl webinar apply"]  # fmt: skip
    assert second == ["partner-city", "partner", "", "", "", "", "FAILED: timed out"]


def test_the_sandbox_settings_are_env_lines_then_each_further_account_under_its_own_comment() -> None:
    output, out, _ = _output()
    profiles = {"acct-2": {"ZOOM_ACCOUNT_ID": "acct-2", "ZOOM_CLIENT_ID": "c2"}}
    print_env_lines(output, ["ZOOM_API_URL=http://127.0.0.1:9100/v2", "ZOOM_ACCOUNT_ID=acct-1"], profiles)
    assert out.getvalue().splitlines() == [
        "ZOOM_API_URL=http://127.0.0.1:9100/v2",
        "ZOOM_ACCOUNT_ID=acct-1",
        "# account acct-2 (a profile's settings)",
        "ZOOM_ACCOUNT_ID=acct-2",
        "ZOOM_CLIENT_ID=c2",
    ]


def test_a_simulation_is_one_row_and_says_the_webinar_ended() -> None:
    output, out, err = _output()
    summary = {"webinar_id": "812", "uuid": "u==", "segments": 9, "registrants_attended": 5, "questions": 2,
               "poll_answers": 7, "extra": "not shown"}  # fmt: skip
    render_simulation(output, summary)
    assert _csv(out.getvalue()) == [
        ["webinar", "instance uuid", "segments", "registrants attended", "questions", "poll answers"],
        ["812", "u==", "9", "5", "2", "7"],
    ]
    assert "webinar 812 ended with simulated attendance" in err.getvalue()


@pytest.mark.parametrize("chosen", ["table", "csv"])
def test_the_follow_up_list_on_stdout_has_every_column_for_a_pipe(chosen, capsys) -> None:
    output, out, _ = _output()
    rows = [{"name": "Ana", "email": "ana@example.org", "minutes": 42}]
    render_follow_up(output, chosen, ("name", "email", "minutes"), rows)
    written = out.getvalue() if chosen == "table" else capsys.readouterr().out  # the writer goes to sys.stdout
    assert _csv(written) == [["name", "email", "minutes"], ["Ana", "ana@example.org", "42"]]
