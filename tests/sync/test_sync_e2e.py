"""The registrant sync end to end: the real ZoomClient against the real sandbox on loopback."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from cli_support import Cli, VirtualTime

from wmdctl.exitcodes import ExitCode
from wmdctl.sandbox import SandboxHandle, SandboxOptions, start_sandbox
from wmdctl.sync.result import SyncResult
from wmdctl.zoom.client import ZoomClient
from wmdctl.zoom.errors import ZoomError

from .e2e_support import (
    child_environment,
    client_env,
    create_webinar,
    make_client,
    registrants,
    sync,
    write_counters,
    write_people,
)
from .hostile import expected, write_hostile_sources

pytestmark = pytest.mark.e2e
HERE = Path(__file__).parent


@pytest.fixture
def handle(tmp_path: Path, virtual_time: VirtualTime) -> Iterator[SandboxHandle]:
    options = SandboxOptions(seed=7, plan="business", state_path=tmp_path / "sandbox.db", clock=virtual_time.utc_now)
    with start_sandbox(options) as running:
        yield running


@pytest.fixture
def state(tmp_path: Path) -> Path:
    path = tmp_path / "wmd-state"
    path.mkdir()
    return path


@pytest.fixture
def client(handle: SandboxHandle, state: Path, virtual_time: VirtualTime) -> Iterator[ZoomClient]:
    with make_client(client_env(handle), state, virtual_time, plan="business") as zoom:
        yield zoom


def test_thousand_rows_then_a_resync_that_writes_nothing(
    handle: SandboxHandle, client: ZoomClient, state: Path, tmp_path: Path
) -> None:
    webinar_id = create_webinar(client, handle.host_email, questions=False)
    source = write_people(tmp_path / "big.csv", 1000)
    first = sync(client, webinar_id, [source], state, approve=True)
    assert first.counts()["added"] == 1000 and first.counts()["approved"] == 1000 and first.exit_code == 0
    people = registrants(handle, webinar_id)
    assert len(people) == 1000 and {p["status"] for p in people} == {"approved"}
    before = write_counters(handle)
    assert sum(v for k, v in before.items() if k.startswith("add:")) == 1000
    second = sync(client, webinar_id, [source], state, approve=True)
    assert second.counts()["unchanged"] == 1000 and second.counts()["added"] == 0
    assert write_counters(handle) == before  # not one add or status change sent


def test_hostile_lists_against_the_sandbox(
    handle: SandboxHandle, client: ZoomClient, state: Path, tmp_path: Path
) -> None:
    webinar_id = create_webinar(client, handle.host_email)
    sources = write_hostile_sources(tmp_path)
    result = sync(client, webinar_id, sources, state)
    assert result.exit_code == ExitCode.PARTIAL
    registered = {p["email"] for p in registrants(handle, webinar_id)}
    ok_rows = sum(1 for outcome in expected().values() if outcome == "ok")
    assert len(registered) == ok_rows == len(result.emails()["added"])
    assert {"wang@example.com", "emoji@example.com", "jose@example.org", "arabic@example.org"} <= registered
    rejects = (state / "rejects.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rejects) - 1 == len(expected()) - ok_rows


def test_sigkill_mid_run_then_rerun_converges(handle: SandboxHandle, client: ZoomClient, state: Path,
                                              tmp_path: Path) -> None:  # fmt: skip
    webinar_id = create_webinar(client, handle.host_email)
    source = write_people(tmp_path / "list.csv", 120, answers=True)
    requests.post(f"{handle.admin_url}/faults", json={"latency_ms": 40}, timeout=10)
    child = subprocess.Popen(
        [sys.executable, str(HERE / "sync_child.py"), webinar_id, str(source), str(state)],
        env=child_environment(client_env(handle)), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while len(registrants(handle, webinar_id)) < 25:
            assert child.poll() is None, child.stderr.read() if child.stderr else ""
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    settle_writes(handle)  # requests already on the wire when the child died still land
    requests.post(f"{handle.admin_url}/faults", json={"latency_ms": 0}, timeout=10)
    survived = {p["email"] for p in registrants(handle, webinar_id)}
    assert 25 <= len(survived) < 120
    rerun = sync(client, webinar_id, [source], state)
    assert rerun.exit_code == 0
    assert set(rerun.emails()["added"]).isdisjoint(survived)  # nobody already on Zoom was posted again
    assert len(rerun.emails()["added"]) == 120 - len(survived)
    people = registrants(handle, webinar_id)
    assert len(people) == 120 and len({p["email"] for p in people}) == 120
    adds = [v for k, v in write_counters(handle).items() if k.startswith("add:")]
    assert len(adds) == 120 and max(adds) == 1  # every person posted exactly once across both runs


class GatedClient:
    """The real client, whose adds wait at a gate: the first sync is certainly mid-run, whatever the machine's speed."""

    def __init__(self, client: ZoomClient) -> None:
        self._client = client
        self.adding = threading.Event()
        self.go = threading.Event()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def add_registrant(self, webinar_id: str, body: dict[str, Any]) -> dict[str, Any]:
        self.adding.set()
        assert self.go.wait(60), "the test never opened the gate"
        return self._client.add_registrant(webinar_id, body)


def settle_writes(handle: SandboxHandle, *, quiet_reads: int = 5, deadline_s: float = 30) -> None:
    """Wait until the sandbox's write counters stop changing (a poll with a deadline, not a guess)."""
    deadline = time.monotonic() + deadline_s
    last, unchanged = write_counters(handle), 0
    while unchanged < quiet_reads:
        assert time.monotonic() < deadline, "the sandbox kept writing"
        time.sleep(0.05)
        current = write_counters(handle)
        unchanged = unchanged + 1 if current == last else 0
        last = current


def test_two_overlapping_syncs(handle: SandboxHandle, client: ZoomClient, state: Path, tmp_path: Path) -> None:
    webinar_id = create_webinar(client, handle.host_email)
    source = write_people(tmp_path / "list.csv", 60, answers=True)
    gated = GatedClient(client)
    results: dict[str, SyncResult] = {}
    first = threading.Thread(target=lambda: results.setdefault("first", sync(gated, webinar_id, [source], state)))
    first.start()
    assert gated.adding.wait(60), "the first sync never started adding"  # it holds the lock from here on
    second = sync(client, webinar_id, [source], state)  # cron's next run, lock timeout 0
    assert second.skipped == "another sync is running" and second.exit_code == 0
    third = threading.Thread(
        target=lambda: results.setdefault("third", sync(client, webinar_id, [source], state, lock_timeout=60))
    )
    third.start()  # waits for the lock, then finds nothing to do
    gated.go.set()
    first.join(timeout=60)
    third.join(timeout=60)
    assert results["first"].counts()["added"] == 60
    assert results["third"].counts()["added"] == 0 and results["third"].counts()["unchanged"] == 60


def _spend_light_but(handle: SandboxHandle, left: int, day: str) -> None:
    """Another app on the account spends the free plan's 6,000 Light calls for today but ``left``.

    White-box: the sandbox has no admin route for the daily counters.
    """
    with handle.sandbox.store.transaction():
        used = handle.sandbox.store.count("daily:Light", day)
        handle.sandbox.store.increment("daily:Light", day, by=6000 - left - used)


def _resume_after_midnight(handle: SandboxHandle, cli: Cli, source: Path, webinar_id: str, now: datetime) -> None:
    added_before = len(registrants(handle, webinar_id))
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=5, microsecond=0)
    cli.time.sleep((midnight - now).total_seconds())  # the one clock of the client and of this sandbox
    resumed = cli("--json", "registrants", "sync", str(source), "--webinar", webinar_id)
    assert resumed.exit_code == 0, resumed.stderr
    data = json.loads(resumed.stdout)
    assert data["counts"]["added"] == 14 - added_before and data["counts"]["unchanged"] == added_before
    assert len(registrants(handle, webinar_id)) == 14


@contextmanager
def _free_plan_sync(
    tmp_path: Path, state: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> Iterator[tuple[SandboxHandle, str, Path, datetime]]:
    """A free-plan sandbox with the event's webinar, a list of 14 to sync, the sandbox's now, and the
    environment the CLI reads pointed at it."""
    with start_sandbox(SandboxOptions(seed=3, plan="free", clock=cli.time.utc_now)) as handle:
        env = client_env(handle)
        with make_client(env, state, cli.time, plan="free") as client:
            webinar_id = create_webinar(client, handle.host_email)
        source = write_people(tmp_path / "list.csv", 14, answers=True)
        now = datetime.fromisoformat(requests.get(f"{handle.admin_url}/clock", timeout=10).json()["now"])
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("ZOOM_PLAN", "free")
        yield handle, webinar_id, source, now


def test_a_day_zoom_says_is_nearly_spent_stops_the_sync_before_it_sends(
    tmp_path: Path, state: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    # Zoom's X-RateLimit-Remaining on the first answers tells the budget what other apps spent today.
    with _free_plan_sync(tmp_path, state, monkeypatch, cli) as (handle, webinar_id, source, now):
        _spend_light_but(handle, 12, now.strftime("%Y-%m-%d"))
        stopped = cli("registrants", "sync", str(source), "--webinar", webinar_id)
        assert stopped.exit_code == ExitCode.RATE_LIMITED, stopped.stderr
        assert "this sync needs 14 single-add calls" in stopped.stderr and "left today" in stopped.stderr
        assert "resume after 00:00 UTC" in stopped.stderr
        assert registrants(handle, webinar_id) == []  # nothing was sent
        _resume_after_midnight(handle, cli, source, webinar_id, now)


def test_daily_limit_reached_mid_sync_exits_5_then_resumes_after_midnight(
    tmp_path: Path, state: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    from wmdctl.zoom.budget import AccountBudget

    with _free_plan_sync(tmp_path, state, monkeypatch, cli) as (handle, webinar_id, source, now):
        check_day = AccountBudget.check_day

        def checked_then_another_app_spends(budget: AccountBudget, *args: Any, **kwargs: Any) -> None:
            check_day(budget, *args, **kwargs)  # the day had room when the sync started ...
            _spend_light_but(handle, 12, now.strftime("%Y-%m-%d"))  # ... then another app spent it

        monkeypatch.setattr(AccountBudget, "check_day", checked_then_another_app_spends)
        stopped = cli("registrants", "sync", str(source), "--webinar", webinar_id)
        assert stopped.exit_code == ExitCode.RATE_LIMITED, stopped.stderr
        assert "resume" in stopped.stderr and "00:00" in stopped.stderr
        assert 0 < len(registrants(handle, webinar_id)) < 14
        monkeypatch.setattr(AccountBudget, "check_day", check_day)
        _resume_after_midnight(handle, cli, source, webinar_id, now)


def test_faults_lose_nobody_and_register_nobody_twice(tmp_path: Path, state: Path, virtual_time: VirtualTime) -> None:
    options = SandboxOptions(seed=11, plan="business", fail_rate=0.15, drop_rate=0.1, clock=virtual_time.utc_now)
    with (
        start_sandbox(options) as handle,
        make_client(client_env(handle), state, virtual_time, plan="business") as client,
    ):
        client._transport._sleep = lambda seconds: None  # type: ignore[attr-defined]  # retries without waiting
        requests.post(f"{handle.admin_url}/faults", json={"fail_rate": 0, "drop_rate": 0}, timeout=10)
        webinar_id = create_webinar(client, handle.host_email)
        requests.post(f"{handle.admin_url}/faults", json={"fail_rate": 0.15, "drop_rate": 0.1}, timeout=10)
        source = write_people(tmp_path / "list.csv", 80, answers=True)
        for _ in range(6):  # cron keeps running until it converges
            try:
                result = sync(client, webinar_id, [source], state)
            except ZoomError:  # a run may die on a fault; the next one must recover
                continue
            if result.exit_code == 0 and result.counts()["unchanged"] == 80:
                break
        requests.post(f"{handle.admin_url}/faults", json={"fail_rate": 0, "drop_rate": 0}, timeout=10)
        final = sync(client, webinar_id, [source], state)
        assert final.counts()["unchanged"] == 80 and final.exit_code == 0
        people = registrants(handle, webinar_id)
        assert sorted(p["email"] for p in people) == sorted(f"person{i}@example.org" for i in range(80))
        adds = [v for k, v in write_counters(handle).items() if k.startswith("add:")]
        assert len(adds) == 80 and max(adds) == 1  # an add that landed was never sent again


def test_prune_guard_and_cancelled_people_need_a_human(
    handle: SandboxHandle, client: ZoomClient, state: Path, tmp_path: Path
) -> None:
    webinar_id = create_webinar(client, handle.host_email, approval_type=0)
    everyone = write_people(tmp_path / "all.csv", 30, answers=True)
    sync(client, webinar_id, [everyone], state)
    fewer = write_people(tmp_path / "fewer.csv", 25, answers=True)
    held = sync(client, webinar_id, [fewer], state, prune=True, yes=True)
    assert held.plan.cancel_refused and len(held.plan.cancel_held) == 5 and held.exit_code == 1
    assert len(registrants(handle, webinar_id)) == 30
    done = sync(client, webinar_id, [fewer], state, prune=True, yes=True, max_cancel=5)
    assert len(done.emails()["cancelled"]) == 5
    listed = {p["email"] for p in client.iter_registrants(webinar_id, "approved")}
    assert len(listed) == 25
    back = sync(client, webinar_id, [everyone], state)
    assert len(back.emails()["needs_human"]) == 5 and back.emails()["added"] == []


def test_denied_people_need_a_human_and_are_not_reposted(
    handle: SandboxHandle, client: ZoomClient, state: Path, tmp_path: Path
) -> None:
    webinar_id = create_webinar(client, handle.host_email)
    source = write_people(tmp_path / "list.csv", 3, answers=True)
    sync(client, webinar_id, [source], state)
    denied = next(p for p in client.iter_registrants(webinar_id, "pending") if p["email"] == "person1@example.org")
    client.update_registrant_status(webinar_id, "deny", [{"id": denied["id"], "email": denied["email"]}])
    before = {k: v for k, v in write_counters(handle).items() if k.startswith("add:")}
    result = sync(client, webinar_id, [source], state, approve=True)
    assert "denied" in result.reasons()["needs_human"]["person1@example.org"]
    assert sorted(result.emails()["approved"]) == ["person0@example.org", "person2@example.org"]
    assert {k: v for k, v in write_counters(handle).items() if k.startswith("add:")} == before


def test_prune_never_cancels_a_person_whose_row_was_rejected(
    handle: SandboxHandle, client: ZoomClient, state: Path, tmp_path: Path
) -> None:
    webinar_id = create_webinar(client, handle.host_email, questions=False)
    source = write_people(tmp_path / "list.csv", 21)
    first = sync(client, webinar_id, [source], state, approve=True)
    assert first.counts()["added"] == 21 and first.exit_code == 0
    text = source.read_text(encoding="utf-8")
    blanked = tmp_path / "blanked.csv"
    blanked.write_text(text.replace("person5@example.org,Nombre5,", "person5@example.org,,"), encoding="utf-8")
    kept = sync(client, webinar_id, [blanked], state, prune=True, yes=True)
    assert kept.emails()["cancelled"] == [] and kept.plan.cancel == [] and kept.plan.cancel_refused is None
    assert "first name is missing" in (state / "rejects.csv").read_text(encoding="utf-8-sig")
    people = {p["email"]: p["status"] for p in registrants(handle, webinar_id)}
    assert len(people) == 21 and people["person5@example.org"] == "approved"
    # A rejected row with no email could be anyone: prune holds every cancel, even with --force.
    no_email = tmp_path / "no-email.csv"
    no_email.write_text(
        text.replace("person5@example.org,Nombre5,", ",Nombre5,").replace(
            "person6@example.org,Nombre6,Apellido6\n", ""
        ),
        encoding="utf-8",
    )
    held = sync(client, webinar_id, [no_email], state, prune=True, yes=True, force=True)
    assert held.plan.cancel == [] and "no valid email" in (held.plan.cancel_refused or "") and held.exit_code == 1
    assert sorted(held.plan.cancel_held) == ["person5@example.org", "person6@example.org"]
    assert len(registrants(handle, webinar_id)) == 21
    # Once the row is fixed, the person really dropped from the list is pruned, and only them.
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(text.replace("person6@example.org,Nombre6,Apellido6\n", ""), encoding="utf-8")
    done = sync(client, webinar_id, [fixed], state, prune=True, yes=True)
    assert done.emails()["cancelled"] == ["person6@example.org"]
    assert "person5@example.org" in {p["email"] for p in client.iter_registrants(webinar_id, "approved")}
