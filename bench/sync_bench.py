"""Registrant sync figures: new adds (single and batch paths), a no-op re-sync, a 50k dry-run, a naive loop.

The syncs run in-process through ``wmdctl.sync.run_sync`` with a real ``ZoomClient`` (the same defaults
as `wmdctl registrants sync`: requests in flight sized from the measured latency, batches when allowed, no --approve),
against the sandbox in its own process. The client's request log is the evidence for request counts.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from bench.datasets import naive_body, person, seed_entries, write_registrants
from bench.harness import (
    Figure,
    RequestLog,
    SandboxServer,
    api_requests,
    apply_webinar,
    registrant_listings,
    run_child,
    status_counts,
    time_target,
    writes,
)
from wmdctl.sync import SyncOptions, SyncResult, run_sync
from wmdctl.zoom.account import accounts_root
from wmdctl.zoom.client import ClientConfig, ZoomClient

LIGHT_LIMIT = 30  # Zoom Pro: Light requests per second (notes §10)
PAGE_SIZE = 300


@dataclass
class Workspace:
    """A fresh sandbox (reset), a state dir and the event's webinar, for one benchmark."""

    server: SandboxServer
    directory: Path
    state_dir: Path
    webinar_id: str


def fresh_workspace(server: SandboxServer, root: Path, name: str) -> Workspace:
    server.reset()
    directory = root / name
    state_dir = directory / "state"
    state_dir.mkdir(parents=True)
    workspace = Workspace(server, directory, state_dir, apply_webinar(server, state_dir, directory))
    # Zoom's per-second budget is per account: let the set-up calls' second pass before the measured run,
    # as it would between two cron runs, so the figures measure the sync alone.
    time.sleep(1.1)
    return workspace


@dataclass
class PhaseTimer:
    """A progress factory for run_sync that records when each phase ("Adding registrants"...) starts and ends."""

    phases: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def __call__(self, total: int | None, description: str) -> Iterator[Callable[[int], None]]:
        def advance(n: int = 1) -> None:
            return None

        started = time.perf_counter()
        try:
            yield advance
        finally:
            self.phases[description] = self.phases.get(description, 0.0) + time.perf_counter() - started


def client_for(server: SandboxServer, log: RequestLog) -> ZoomClient:
    """A client as the CLI builds one: the account's budget and token under the run's state home."""
    s = server.settings
    accounts = accounts_root({"XDG_STATE_HOME": str(server.state_home)})
    config = ClientConfig(api_url=s["ZOOM_API_URL"], oauth_url=s["ZOOM_OAUTH_URL"], account_id=s["ZOOM_ACCOUNT_ID"],
                          client_id=s["ZOOM_CLIENT_ID"], client_secret=s["ZOOM_CLIENT_SECRET"], plan="pro",
                          accounts_dir=accounts)  # fmt: skip
    return ZoomClient(config, log=log)


@dataclass
class SyncRun:
    result: SyncResult
    seconds: float
    phases: dict[str, float]
    log: RequestLog


def sync_once(space: Workspace, source: Path) -> SyncRun:
    from wmdctl.event.load import load_event

    log, timer = RequestLog(), PhaseTimer()
    event = load_event(None)
    with client_for(space.server, log) as client:
        started = time.perf_counter()
        result = run_sync(
            client,
            space.webinar_id,
            [source],
            event=event,
            ledger_path=space.state_dir / "registrants.sqlite",
            rejects_path=space.state_dir / "rejects.csv",
            options=SyncOptions(),
            progress=timer,
        )
        seconds = time.perf_counter() - started
    return SyncRun(result, seconds, timer.phases, log)


def registrants_on_server(space: Workspace) -> int:
    webinar = next(w for w in space.server.state()["webinars"] if str(w["id"]) == space.webinar_id)
    return len(webinar["_sandbox"]["registrants"])


def _add_figures(name: str, run: SyncRun, count: int, space: Workspace) -> tuple[list[Figure], float]:
    """Figures every add benchmark shares; returns them and the adds/s of the apply phase."""
    counts = run.result.counts()
    on_server = registrants_on_server(space)
    apply_seconds = run.phases.get("Adding registrants", run.seconds)
    rate = counts["added"] / apply_seconds if apply_seconds else 0.0
    statuses = status_counts(api_requests(run.log.requests()))
    ok = counts["added"] == count == on_server and not counts["failed"] and not counts["rejected"]
    return [
        Figure(
            name,
            "run succeeded (added / failed / on sandbox)",
            f"{counts['added']}/{counts['failed']}/{on_server}",
            target=f"{count}/0/{count}, no 429 surfaced",
            passed=ok,
        ),
        Figure(name, "429 responses sent by the sandbox", statuses.get("429", 0), note="absorbed by retries if > 0"),
        Figure(name, "apply phase wall time", round(apply_seconds, 1), "s"),
        Figure(name, "total wall time (read, list, plan, apply)", round(run.seconds, 1), "s"),
    ], rate


def bench_sync_answers(server: SandboxServer, root: Path, count: int) -> list[Figure]:
    """Figure 2: new registrants with custom answers go one by one (Light), paced by the client."""
    space = fresh_workspace(server, root, "sync-answers")
    source = space.directory / "new-with-answers.csv"
    write_registrants(source, count, answers=True)
    run = sync_once(space, source)
    figures, rate = _add_figures("sync-answers", run, count, space)
    floor = 0.9 * LIGHT_LIMIT
    posts = sum(1 for r in writes(run.log.requests()) if r.path.endswith("/registrants"))
    figures.insert(0, Figure("sync-answers", f"adds/s, {count} new with answers (pending, no --approve)",
                             round(rate, 1), "/s", f">= {floor:g} (90% of Light {LIGHT_LIMIT}/s)", rate >= floor,
                             note=f"{posts} POST /registrants"))  # fmt: skip
    return figures


def bench_sync_batch(server: SandboxServer, root: Path, count: int) -> list[Figure]:
    """Figure 3: email + names only, so rows go 30 at a time through batch_registrants (Heavy)."""
    space = fresh_workspace(server, root, "sync-batch")
    source = space.directory / "new-basic.csv"
    write_registrants(source, count, answers=False)
    run = sync_once(space, source)
    figures, rate = _add_figures("sync-batch", run, count, space)
    batches = sum(1 for r in writes(run.log.requests()) if r.path.endswith("/batch_registrants"))
    limit = time_target(30.0, 5000, count)
    total = figures.pop()  # the total wall time carries this benchmark's target
    figures.insert(0, Figure("sync-batch", f"total wall time, {count} new without answers", total.value, "s",
                             f"< {limit:g} s", float(total.value) < limit,
                             note=f"{batches} batch requests, {rate:.0f} adds/s"))  # fmt: skip
    return figures


def bench_noop(server: SandboxServer, root: Path, count: int) -> list[Figure]:
    """Figure 4: everyone already approved on Zoom: no writes, one listing pass per status."""
    space = fresh_workspace(server, root, "noop")
    source = space.directory / "existing.csv"
    people = write_registrants(source, count, answers=True)
    seeded = server.seed_registrants(space.webinar_id, seed_entries(people))
    run = sync_once(space, source)
    logged = run.log.requests()
    listings = registrant_listings(logged)
    expected = {"approved": math.ceil(seeded / PAGE_SIZE), "pending": 1, "denied": 1}
    shown = " / ".join(f"{listings.get(s, 0)}" for s in expected)
    limit = time_target(10.0, 10000, count)
    unchanged = run.result.counts()["unchanged"]
    return [
        Figure("noop", f"writes, re-sync of {count} existing", len(writes(logged)), target="0",
               passed=not writes(logged), note=f"{unchanged} unchanged"),
        Figure("noop", "listing pages approved / pending / denied", shown,
               target=" / ".join(str(v) for v in expected.values()),
               passed=all(listings.get(s, 0) <= n for s, n in expected.items())),
        Figure("noop", "total wall time", round(run.seconds, 2), "s", f"< {limit:g} s", run.seconds < limit),
    ]  # fmt: skip


def bench_dry_run(server: SandboxServer, root: Path, count: int) -> list[Figure]:
    """Figure 5: `wmdctl registrants sync big.csv --dry-run` as a child process; its peak RSS."""
    space = fresh_workspace(server, root, "dry-run")
    source = space.directory / "big.csv"
    write_registrants(source, count, answers=True)
    run = run_child(["--json", "registrants", "sync", str(source), "--dry-run"],
                    server.child_env(space.state_dir), space.directory)  # fmt: skip
    planned = _json_counts(run.stdout).get("added", "?")
    return [
        Figure("dry-run", f"peak RSS, --dry-run of {count} rows", round(run.max_rss_mb, 1), "MB", "< 200 MB",
               run.max_rss_mb < 200, note=f"would add {planned}"),
        Figure("dry-run", "wall time", round(run.seconds, 1), "s"),
    ]  # fmt: skip


def _json_counts(text: str) -> dict[str, Any]:
    import json

    try:
        counts: dict[str, Any] = json.loads(text).get("counts", {})
    except ValueError:
        return {}
    return counts


def bench_naive(server: SandboxServer, root: Path, count: int, full_count: int) -> list[Figure]:
    """Figure 6: one requests.post after another, as most scripts do, on the same 50 ms sandbox."""
    space = fresh_workspace(server, root, "naive")
    s = server.settings
    token = requests.post(s["ZOOM_OAUTH_URL"], auth=(s["ZOOM_CLIENT_ID"], s["ZOOM_CLIENT_SECRET"]),
                          data={"grant_type": "account_credentials", "account_id": s["ZOOM_ACCOUNT_ID"]},
                          timeout=30).json()["access_token"]  # fmt: skip
    url = f"{s['ZOOM_API_URL']}/webinars/{space.webinar_id}/registrants"
    headers = {"Authorization": f"Bearer {token}"}
    started, ok = time.perf_counter(), 0
    for n in range(1, count + 1):
        response = requests.post(url, json=naive_body(person(n, "naive"), n), headers=headers, timeout=30)
        ok += response.status_code == 201
    seconds = time.perf_counter() - started
    rate = ok / seconds if seconds else 0.0
    return [
        Figure("naive", f"adds/s, naive sequential requests.post ({count} rows)", round(rate, 1), "/s",
               note=f"{ok}/{count} answered 201"),
        Figure("naive", f"naive loop: projected time for {full_count} rows", round(full_count / rate, 1) if rate else 0,
               "s", note="wmdctl: see sync-answers"),
    ]  # fmt: skip
