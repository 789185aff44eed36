"""Campaign figures: Urban October's 31 sessions on two Zoom accounts, 500 registrants each.

    .venv/bin/python bench/campaign_bench.py                 # 31 sessions x 500 registrants
    .venv/bin/python bench/campaign_bench.py --sessions 6 --registrants 100 --latency-ms 20

One sandbox process (`wmdctl sandbox serve`, plus a second account made through its admin API) serves
two accounts, each with its own account id, credentials, host, data and Pro limits (Light 30/s, Medium
20/s, Heavy 10/s): the organiser's and a partner's; sessions alternate between them. The campaign jobs
run in-process, as `wmdctl campaign` runs them (one thread per account), with real ZoomClients whose
request logs are the evidence: requests, writes, and the 429s the sandbox sent. Each client keeps its
account's rate budget by account id in one shared accounts folder, as on a real machine. A 429 "reaching
the user" would be a failed session or a failed registrant.

Registrants carry email and names only, so they go through batch_registrants, 30 a request (Heavy).
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `bench` and `wmdctl` importable from the repo root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (
    LOG_LINE,
    Figure,
    LoggedRequest,
    RequestLog,
    SandboxServer,
    api_requests,
    status_counts,
    writes,
)
from wmdctl.campaign.accounts import Account, Accounts, Outcome, run_sessions
from wmdctl.campaign.jobs import apply_session, plan_session
from wmdctl.campaign.lists import split_lists
from wmdctl.campaign.load import load_campaign
from wmdctl.campaign.model import Campaign
from wmdctl.campaign.sync import sync_campaign
from wmdctl.config import Settings, load_settings
from wmdctl.sync import SyncOptions
from wmdctl.zoom.account import accounts_root
from wmdctl.zoom.client import ZoomClient

LATENCY_MS = 20  # lower than bench/run.py's 50 ms, to keep the full run to a couple of minutes
PLAN_TARGET_SECONDS = 10.0
PROFILE = "partner"
SettingsFor = Callable[[str | None], Settings]


def campaign_text(sessions: int) -> str:
    """One session a day through October; odd days on the organiser's account, even days on the partner's."""
    parts = ['[campaign]\nname = "Urban October (bench)"\nyear = 2026\norganisers = ["Metropolis"]\n',
             '[defaults.registration]\napproval = "automatic"\n']  # fmt: skip
    for n in range(1, sessions + 1):
        day = (n - 1) % 31 + 1
        profile = f'profile = "{PROFILE}"\n' if n % 2 == 0 else ""
        parts.append(
            f"""
[[sessions]]
key = "uo-{n:02d}"
{profile}[sessions.event]
topic = "Urban October session {n}"
timezone = "{("Europe/Madrid", "America/Bogota", "Asia/Tokyo")[n % 3]}"
start = 2026-10-{day:02d}T{9 + n % 8:02d}:00:00
duration_minutes = 60
[[sessions.panels]]
title = "Panel of session {n}"
start = 2026-10-{day:02d}T{9 + n % 8:02d}:00:00
end = 2026-10-{day:02d}T{10 + n % 8:02d}:00:00
questions = ["What does session {n} change?"]
[[sessions.panels.speakers]]
name = "Speaker {n}"
email = "speaker{n}@example.org"
[breakouts]
choice_question = "Which panel?"
[[sessions.registration.custom_questions]]
title = "Which panel?"
type = "single_radio"
answers_from_panels = true
""".replace("[breakouts]", "[sessions.breakouts]")
        )
    return "".join(parts)


def write_list(path: Path, sessions: int, per_session: int, per_person: int = 4) -> int:
    """People who each register for ``per_person`` consecutive sessions: every session gets ``per_session``."""
    people = sessions * per_session // per_person
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Email", "First name", "Last name", "sessions"])
        for p in range(people):
            keys = "; ".join(f"uo-{(p * per_person + j) % sessions + 1:02d}" for j in range(per_person))
            writer.writerow([f"person{p}@cities.example", f"Persona{p}", "Ejemplo", keys])
    return people


def account_settings(server: SandboxServer) -> dict[str | None, dict[str, str]]:
    """The sandbox's first account is the organiser's; a second one, made now, is the partner profile's."""
    zoom = ("ZOOM_API_URL", "ZOOM_OAUTH_URL", "ZOOM_ACCOUNT_ID", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET", "ZOOM_HOST")
    partner = server.admin("POST", "/accounts", {"plan": "pro"})["settings"]
    return {None: {name: server.settings[name] for name in zoom}, PROFILE: partner}


def settings_factory(accounts: dict[str | None, dict[str, str]], root: Path) -> Callable[[str | None], Settings]:
    def settings_for(profile: str | None) -> Settings:
        env = {
            **accounts[profile],
            "ZOOM_PLAN": "pro",
            "WMD_STATE_DIR": str(root / "state" / (profile or "default")),
        }
        return load_settings(env=env, cwd=root)

    return settings_for


def timed(run: Callable[[], list[Outcome[Any]]]) -> tuple[list[Outcome[Any]], float]:
    started = time.perf_counter()
    outcomes = run()
    return outcomes, time.perf_counter() - started


class AccountLogs:
    """One request log per account, each line stamped on arrival, for the per-account figures."""

    def __init__(self, state_home: Path) -> None:
        self.accounts_dir = accounts_root({"XDG_STATE_HOME": str(state_home)})
        self.logs: dict[str | None, RequestLog] = {}
        self.times: dict[str | None, list[float]] = {}

    def accounts(self, settings_for: Callable[[str | None], Settings]) -> Accounts:
        def open_account(profile: str | None) -> Account:
            log, times = self.logs.setdefault(profile, RequestLog()), self.times.setdefault(profile, [])

            def stamped(line: str) -> None:
                log(line)
                if LOG_LINE.match(line.strip()) and not line.strip().split(" ")[1].startswith("/oauth"):
                    times.append(time.monotonic())

            settings = settings_for(profile)
            # The budget is keyed by account id (two ids, two budgets), in the run's temp state home.
            config = replace(settings.client_config(token_cache=settings.state_dir / "token.json"),
                             accounts_dir=self.accounts_dir)  # fmt: skip
            client = ZoomClient(config, log=stamped)
            return Account(profile, settings, client, settings.require("ZOOM_API_URL"), [client.close])

        return Accounts(open_account)

    def all_requests(self) -> list[LoggedRequest]:
        return [r for log in self.logs.values() for r in api_requests(log.requests())]


NewLogs = Callable[[], AccountLogs]


def peak_per_second(times: list[float]) -> int:
    """The most requests answered within any one second (a sliding window)."""
    ordered, peak, first = sorted(times), 0, 0
    for last, moment in enumerate(ordered):
        while moment - ordered[first] >= 1.0:
            first += 1
        peak = max(peak, last - first + 1)
    return peak


def _request_figures(name: str, logs: AccountLogs) -> list[Figure]:
    logged = logs.all_requests()
    statuses = status_counts(logged)
    peaks = ", ".join(f"{profile or 'default'} {peak_per_second(t)}" for profile, t in logs.times.items())
    return [Figure(name, "API requests / writes", f"{len(logged)} / {len(writes(logged))}"),
            Figure(name, "429s sent by the sandbox (retried by the client)", statuses.get("429", 0),
                   note=", ".join(f"{p or 'default'} {_429s(log)}" for p, log in logs.logs.items())),
            Figure(name, "peak requests answered in one second, per account", peaks,
                   note="all categories together; Pro allows Light 30 + Medium 20 + Heavy 10 per second")]  # fmt: skip


def _429s(log: RequestLog) -> int:
    return status_counts(api_requests(log.requests())).get("429", 0)


def bench_campaign(root: Path, sessions: int, per_session: int, latency_ms: int) -> list[Figure]:
    server = SandboxServer(root, latency_ms=latency_ms)
    try:
        return _run(root, server, sessions, per_session)
    finally:
        server.stop()


def _run(root: Path, server: SandboxServer, sessions: int, per_session: int) -> list[Figure]:
    path = root / "campaign.toml"
    path.write_text(campaign_text(sessions), encoding="utf-8")
    started = time.perf_counter()
    campaign = load_campaign(path)
    load_seconds = time.perf_counter() - started
    figures = [Figure("campaign", f"load and validate {sessions} sessions", round(load_seconds * 1000), "ms")]
    accounts = account_settings(server)
    ids = ", ".join(f"{p or 'default'} {a['ZOOM_ACCOUNT_ID']}" for p, a in accounts.items())
    figures.append(Figure("campaign", "accounts served by one sandbox process", len(accounts), note=ids))
    settings_for = settings_factory(accounts, root)
    logs = partial(AccountLogs, server.state_home)
    figures += _plan_figures(campaign, settings_for, logs)
    figures += _apply_figures(campaign, settings_for, logs)
    return figures + _sync_figures(root, campaign, settings_for, per_session, logs)


def _plan_figures(campaign: Campaign, settings_for: SettingsFor, new_logs: NewLogs) -> list[Figure]:
    with new_logs().accounts(settings_for) as accounts:
        plans, seconds = timed(lambda: run_sessions(campaign.sessions, accounts, plan_session))
    passed = all(o.ok for o in plans) and seconds < PLAN_TARGET_SECONDS
    label = f"plan, {len(campaign.sessions)} sessions on 2 accounts (compared with Zoom)"
    return [Figure("campaign", label, round(seconds, 1), "s", f"< {PLAN_TARGET_SECONDS:g} s", passed)]


def _apply_figures(campaign: Campaign, settings_for: SettingsFor, new_logs: NewLogs) -> list[Figure]:
    figures = []
    for attempt in ("first", "second"):
        logs = new_logs()
        with logs.accounts(settings_for) as accounts:
            applied, seconds = timed(lambda: run_sessions(campaign.sessions, accounts, apply_session))
        failed = [o for o in applied if not o.ok]
        sent = len(writes(logs.all_requests()))
        target = "every session ok" + (", 0 writes" if attempt == "second" else "")
        passed = not failed and (sent == 0 if attempt == "second" else True)
        figures.append(Figure("campaign", f"{attempt} apply, {len(campaign.sessions)} sessions", round(seconds, 1),
                              "s", target, passed,
                              note=f"{len(failed)} failed" + (f": {failed[0].error}" if failed else "")))  # fmt: skip
        figures += _request_figures("campaign", logs)
    return figures


def _sync_figures(
    root: Path, campaign: Campaign, settings_for: SettingsFor, per_session: int, new_logs: NewLogs
) -> list[Figure]:
    sessions = len(campaign.sessions)
    source = root / "campaign-list.csv"
    people = write_list(source, sessions, per_session)
    figures = []
    for attempt in ("sync", "re-sync"):
        logs = new_logs()
        started = time.perf_counter()
        split = split_lists([source], campaign.sessions)
        with logs.accounts(settings_for) as accounts:
            synced = sync_campaign(split, campaign.sessions, accounts, SyncOptions()).outcomes
        seconds = time.perf_counter() - started
        counts = [o.result.result.counts() for o in synced if o.result]
        added = sum(c["added"] for c in counts)
        failed = sum(c["failed"] for c in counts) + sum(1 for o in synced if not o.ok)
        # Whole people only: the registrations are people x 4, a few under sessions x per_session at odd sizes.
        expected = people * 4 if attempt == "sync" else 0
        figures.append(Figure("campaign", f"{attempt}: {people} people x 4 sessions = {people * 4} "
                              "registrations", round(seconds, 1), "s", f"{expected} added, 0 failed",
                              added == expected and failed == 0 and not split.rejects,
                              note=f"{added} added, {failed} failed, "
                                   f"{added / seconds if seconds else 0:.0f} adds/s"))  # fmt: skip
        figures += _request_figures("campaign", logs)
    return figures


def render(figures: list[Figure]) -> str:
    rows = [(f.label, f"{f.value} {f.unit}".strip(), f.target, f.verdict, f.note) for f in figures]
    header = ("figure", "value", "target", "result", "note")
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=True)]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                     for r in [header, *rows])  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Campaign benchmark: sessions on two sandbox accounts.")
    parser.add_argument("--sessions", type=int, default=31)
    parser.add_argument("--registrants", type=int, default=500, help="per session")
    parser.add_argument("--latency-ms", type=int, default=LATENCY_MS)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="wmdctl-campaign-bench-") as tmp:
        figures = bench_campaign(Path(tmp), args.sessions, args.registrants, args.latency_ms)
    print(f"campaign benchmark: {args.sessions} sessions x {args.registrants} registrants, 2 accounts (Pro), "
          f"sandbox latency {args.latency_ms} ms")  # fmt: skip
    print(render(figures), flush=True)
    return 1 if any(f.passed is False for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())
