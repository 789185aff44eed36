"""`wmdctl demo`: the whole event, end to end, against an in-process sandbox.

It is the README's first command, so it must work in an empty directory with
no configuration. Each run starts a fresh Zoom world (a new in-memory sandbox
and a new state dir under the output folder), so a second run works too.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from wmdctl.breakouts.export import export_breakouts
from wmdctl.breakouts.job import apply_breakouts
from wmdctl.breakouts.model import BreakoutPlan
from wmdctl.config import load_settings
from wmdctl.event.load import load_event
from wmdctl.jobs import REAL_TIME, JobContext, Timing
from wmdctl.output import Output
from wmdctl.reports.attendance import AttendanceReport
from wmdctl.reports.job import export_attendance
from wmdctl.sandbox import SandboxOptions, start_sandbox
from wmdctl.sandbox.remote import simulate_remote
from wmdctl.sync.job import sync_event
from wmdctl.sync.options import SyncOptions
from wmdctl.zoom.client import ZoomClient

DEMO_WORLD = "sandbox:demo"


@dataclass
class DemoResult:
    out_dir: Path
    webinar_id: str = ""
    registrants_added: int = 0
    rows_rejected: int = 0
    rooms: int = 0
    attended: int = 0
    files: dict[str, Path] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "out_dir": str(self.out_dir),
            "webinar_id": self.webinar_id,
            "registrants_added": self.registrants_added,
            "rows_rejected": self.rows_rejected,
            "breakout_rooms": self.rooms,
            "attended": self.attended,
            "files": {name: str(path) for name, path in self.files.items()},
        }


def run_demo(
    out_dir: Path,
    output: Output,
    *,
    seed: int = 2021,
    event_path: Path | None = None,
    show_rooms: Callable[[BreakoutPlan], None],
    show_attendance: Callable[[AttendanceReport], None],
    timing: Timing = REAL_TIME,
) -> DemoResult:
    """The whole event on a fresh sandbox; ``show_rooms`` and ``show_attendance`` print the CLI's human form."""
    event = load_event(event_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = DemoResult(out_dir)
    # A fresh Zoom world each run: an in-memory sandbox and a private state dir that is thrown
    # away after, so the demo never touches a real state dir (or anything else under --out).
    with (
        tempfile.TemporaryDirectory(prefix="wmdctl-demo-") as private,
        start_sandbox(SandboxOptions(seed=seed, clock=timing.utc_now)) as sandbox,
    ):
        state_dir = Path(private)
        output.sandbox_banner(sandbox.api_url)
        settings = load_settings(env=sandbox.settings(), cwd=state_dir)  # nothing from the user's environment
        config = settings.client_config(token_cache=state_dir / "token.json")
        with ZoomClient(config, sleep=timing.sleep, clock=timing.clock) as client:
            # The same job context the command line builds, over the demo's own sandbox and state dir.
            job = JobContext(
                settings, state_dir=state_dir, client=client, event=event, world=DEMO_WORLD, host=sandbox.host_email
            )
            _apply_webinar(job, output, result)
            _sync_registrants(job, output, result)
            _breakouts(job, output, result, show_rooms)
            output.step("Simulating the live event (attendance, Q&A, polls)…")
            simulate_remote(sandbox.admin_url, result.webinar_id, attendance=0.6, seed=seed)
            _attendance(job, output, result, show_attendance)
    _summary(output, result)
    return result


def _apply_webinar(job: JobContext, output: Output, result: DemoResult) -> None:
    from wmdctl.webinar.job import apply_webinar

    event = job.event()
    output.step(f"Applying the event: {event.topic}")
    applied = apply_webinar(job, on_step=output.success)
    result.webinar_id = str(applied.webinar_id)


def _sync_registrants(job: JobContext, output: Output, result: DemoResult) -> None:
    output.step("Syncing the sample registrant list (about 200 international rows, a few deliberately bad)…")
    rejects = result.out_dir / "rejects.csv"
    with as_file(files("wmdctl").joinpath("data/sample_registrants.csv")) as sample:
        # The same per-event ledger and lock as `registrants sync`.
        synced = sync_event(
            job, [sample], webinar_id=result.webinar_id, rejects_path=rejects,
            options=SyncOptions(approve=True, yes=True), progress=output.progress,
            on_event=lambda kind, message: output.warn(message) if kind == "warn" else output.info(message),
        )  # fmt: skip
    counts = synced.emails()
    result.registrants_added = len(counts.get("added", []))
    result.rows_rejected = len(synced.loaded.rejects)
    output.success(
        f"{result.registrants_added} registered and approved; {result.rows_rejected} rows rejected "
        f"(reasons in {rejects})"
    )
    result.files["rejects"] = rejects


def _breakouts(job: JobContext, output: Output, result: DemoResult, show_rooms: Callable[[BreakoutPlan], None]) -> None:
    output.step("Setting up the panel breakout rooms on a companion meeting…")
    applied = apply_breakouts(job)
    written = export_breakouts(applied.plan, job.event(), result.out_dir / "breakouts")
    result.rooms = len(applied.plan.rooms)
    show_rooms(applied.plan)
    output.warn(
        "pre-assignment only works for attendees signed in to Zoom with their registered email; "
        "the run sheet lists who must be placed by hand"
    )
    result.files["breakouts run sheet"] = next((p for p in written if p.suffix == ".md"), written[0])


def _attendance(job: JobContext, output: Output, result: DemoResult, show: Callable[[AttendanceReport], None]) -> None:
    output.step("Exporting the attendance report…")
    path = result.out_dir / "attendance.csv"
    report = export_attendance(job, path, "csv")
    show(report)
    result.attended = report.summary.registered_attended
    result.files["attendance report"] = path


def _summary(output: Output, result: DemoResult) -> None:
    output.success(f"Demo finished: webinar {result.webinar_id} on the sandbox. Files written:")
    for name, path in result.files.items():
        output.info(f"  {name}: {path}")
