"""Sessions run one thread per account; one session's failure never stops the others."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from campaign.support import CAMPAIGN
from wmdctl.campaign.accounts import Accounts, Outcome, campaign_exit_code, run_sessions
from wmdctl.campaign.load import parse_campaign
from wmdctl.errors import ConfigError
from wmdctl.event.load import default_event_text
from wmdctl.exitcodes import ExitCode


@pytest.fixture
def sessions(tmp_path: Path):
    (tmp_path / "wmd.toml").write_text(default_event_text(), encoding="utf-8")
    return parse_campaign(CAMPAIGN, "c.toml", base_dir=tmp_path).sessions


class FakeAccount:
    def __init__(self, profile: str | None) -> None:
        self.profile = profile


def test_accounts_run_in_parallel_and_one_account_runs_its_sessions_in_order(sessions) -> None:
    # The default account's only session waits until a partner session is running at the same time:
    # that can only happen when the two accounts have threads of their own.
    both_running = threading.Barrier(2, timeout=30)
    seen: list[tuple[str, str | None]] = []
    lock = threading.Lock()

    def job(session, account):
        with lock:
            seen.append((session.key, account.profile))
        if session.key in ("wmd-2021", "partner-one"):
            both_running.wait()
        return threading.current_thread().name

    opened: list[str | None] = []
    accounts = Accounts(lambda profile: opened.append(profile) or FakeAccount(profile))  # type: ignore[func-returns-value]
    outcomes = run_sessions(sessions, accounts, job)
    assert [o.session.key for o in outcomes] == ["wmd-2021", "partner-one", "partner-two"]
    assert all(o.ok for o in outcomes)
    threads = [o.result for o in outcomes]
    assert threads[1] == threads[2] != threads[0]  # one thread per account
    assert sorted(opened, key=str) == [None, "partner"]  # each account opened once
    partner_order = [key for key, profile in seen if profile == "partner"]
    assert partner_order == ["partner-one", "partner-two"]


def test_a_failing_session_or_account_does_not_stop_the_others(sessions) -> None:
    def open_account(profile):
        if profile == "partner":
            raise ConfigError("profile 'partner' is not configured", hint="write its .env")
        return FakeAccount(profile)

    said: list[Outcome] = []
    outcomes = run_sessions(sessions, Accounts(open_account), lambda s, a: "done", on_done=said.append)
    assert [(o.session.key, o.ok) for o in outcomes] == [("wmd-2021", True), ("partner-one", False),
                                                         ("partner-two", False)]  # fmt: skip
    assert outcomes[1].error == "profile 'partner' is not configured" and outcomes[1].hint == "write its .env"
    assert outcomes[1].exit_code == ExitCode.CONFIG
    assert len(said) == 3
    assert campaign_exit_code(outcomes) == ExitCode.PARTIAL


def test_an_unexpected_error_is_reported_as_that_session_s_failure(sessions) -> None:
    def job(session, account):
        if session.key == "partner-one":
            raise RuntimeError("boom")
        return "ok"

    outcomes = run_sessions(sessions, Accounts(FakeAccount), job)
    assert [o.ok for o in outcomes] == [True, False, True]
    assert outcomes[1].error == "RuntimeError: boom"


def test_exit_codes() -> None:
    ok, config = Outcome(session=None), Outcome(session=None, error="x", exit_code=ExitCode.CONFIG)  # type: ignore[arg-type]
    assert campaign_exit_code([ok, ok]) == ExitCode.OK
    assert campaign_exit_code([config, config]) == ExitCode.CONFIG  # all failed alike: that code
    assert campaign_exit_code([ok, config]) == ExitCode.PARTIAL
