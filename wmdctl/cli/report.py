"""`wmdctl report`: attendance, Q&A, polls and the archive, after the event."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from wmdctl.cli.columns import ColumnsOption
from wmdctl.cli.context import AppContext, get_app
from wmdctl.cli.present import emit
from wmdctl.cli.report_after import register as register_after_event
from wmdctl.errors import PartialFailure

if TYPE_CHECKING:
    from wmdctl.reports.writers import ReportFormat

app = typer.Typer(
    help="After the event: attendance, Q&A, polls, recordings, follow-up lists, certificates, "
    "an HTML report, the archive.\n\n"
    "Example: `wmdctl report attendance --out attendance.xlsx`",
    no_args_is_help=True,
)

FormatOption = Annotated[
    str | None, typer.Option("--format", "-f", help="table | csv | json | xlsx (default: from --out, else table).")
]
OutOption = Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")]
InstanceOption = Annotated[
    str | None, typer.Option("--instance", help="A past instance UUID (default: the latest ended instance).")
]


@app.command()
def attendance(
    ctx: typer.Context,
    fmt: FormatOption = None,
    out: OutOption = None,
    instance: InstanceOption = None,
    panel_threshold: Annotated[
        float, typer.Option("--panel-threshold", min=0, help="Minutes in a panel's window to count as present.")
    ] = 10,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also draw attendance over time to FILE.png|svg (needs matplotlib).")
    ] = None,
    wait: Annotated[bool, typer.Option("--wait", help="If Zoom's data is not complete yet, poll until it is.")] = False,
    columns: ColumnsOption = None,
) -> None:
    """Who came, for how long, to which panel: one row per person.

    On a terminal: a table that fits the screen (`--columns all` for every column), then the summary;
    piped or redirected: the full report as CSV.

    Example: `wmdctl report attendance --out attendance.xlsx --panel-threshold 15`
    """
    from wmdctl.cli.render.reports import render_attendance
    from wmdctl.reports.job import AttendanceOptions, collect_attendance
    from wmdctl.reports.writers import attendance_to_dict, format_for, write_attendance

    app_ = get_app(ctx)
    output = app_.output
    chosen = format_for(fmt, out)
    chart = _usable_chart(output, chart)
    options = AttendanceOptions(instance=instance, threshold_minutes=panel_threshold, wait=wait, on_wait=output.warn)
    with _before_the_event(app_):
        report = collect_attendance(app_, options)
    for problem in report.problems:
        output.warn(problem)
    if out is not None:
        count = write_attendance(report, chosen, out)
        output.success(f"Wrote {count} people to {out}")
    if chart is not None:
        from wmdctl.reports import chart as charts

        charts.write_chart(report, chart)
        output.success(f"Drew the attendance chart to {chart}")
    human = partial(render_attendance, output, report, chosen, to_stdout=out is None, fmt=fmt, columns=columns)
    emit(output, report, human, document=attendance_to_dict(report))


def _usable_chart(output: Any, chart: Path | None) -> Path | None:
    """A chart path worth drawing to; without matplotlib the report still runs, with a warning naming the extra."""
    if chart is None:
        return None
    from wmdctl.errors import ConfigError
    from wmdctl.reports import chart as charts

    try:
        charts.check_chart_path(chart)
    except ConfigError as missing:  # matplotlib absent (a bad suffix is a UsageError and still stops)
        output.warn(f"{missing.message}: no chart drawn, the report is written anyway; {charts.CHARTS_EXTRA_HINT}")
        return None
    return chart


@contextmanager
def _before_the_event(app_: AppContext) -> Iterator[None]:
    """A report asked for before the event starts says when it starts, not "run again in a few minutes"."""
    from wmdctl.reports.fetch import DataNotReady, not_ended
    from wmdctl.zoom.errors import ZoomNotFoundError

    try:
        yield
    except (DataNotReady, ZoomNotFoundError) as not_ready:
        if isinstance(not_ready, ZoomNotFoundError) and not not_ended(not_ready):
            raise  # a 3001 "not end" (even the list of past instances says it before the first): too early
        event = app_.event()
        start = getattr(event, "start", None)
        if not isinstance(start, datetime) or start <= datetime.now(UTC):
            raise  # the event has started: Zoom is still building the reports
        raise NothingYet(
            f"there is nothing to report yet: {event.key!r} starts {event.start:%Y-%m-%d %H:%M} {event.timezone}",
            hint="run the report after the webinar has ended (Zoom builds reports then)",
        ) from not_ready


class NothingYet(PartialFailure):
    """Asked before the event: exit 1 like any report whose data is not there yet."""


@app.command()
def qa(
    ctx: typer.Context,
    fmt: FormatOption = None,
    out: OutOption = None,
    instance: InstanceOption = None,
    columns: ColumnsOption = None,
) -> None:
    """Q&A: each question, who asked it and when, its status and answers.

    Example: `wmdctl report qa --out questions.csv`
    """
    from wmdctl.cli.render.reports import QA_DEFAULT
    from wmdctl.reports.interactions import QA_COLUMNS
    from wmdctl.reports.job import collect_qa

    app_ = get_app(ctx)
    with _before_the_event(app_):
        source, rows = collect_qa(app_, instance, app_.output.warn)
    _rows_out(app_, source, "Q&A", QA_COLUMNS, rows, fmt, out, (QA_DEFAULT, columns))


@app.command()
def polls(
    ctx: typer.Context,
    fmt: FormatOption = None,
    out: OutOption = None,
    instance: InstanceOption = None,
    columns: ColumnsOption = None,
) -> None:
    """Polls: how many people chose each answer, per question, with the poll's (panel's) title.

    Example: `wmdctl report polls --format json`
    """
    from wmdctl.cli.render.reports import POLLS_DEFAULT
    from wmdctl.reports.interactions import POLL_COLUMNS
    from wmdctl.reports.job import collect_polls

    app_ = get_app(ctx)
    app_.event()  # first: a bad event file stops the command before Zoom is asked
    with _before_the_event(app_):
        source, rows = collect_polls(app_, instance, on_warning=app_.output.warn)
    _rows_out(app_, source, "Polls", POLL_COLUMNS, rows, fmt, out, (POLLS_DEFAULT, columns))


@app.command()
def archive(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Option("--dir", help="Where the dated archive folders go.")] = Path("wmd-archive"),
    instance: InstanceOption = None,
    no_recordings: Annotated[
        bool, typer.Option("--no-recordings", help="Leave out the cloud recordings (video, transcript, chat).")
    ] = False,
) -> None:
    """Keep everything Zoom has on the webinar, raw and as built reports, with a SHA-256 manifest.

    Zoom deletes participant reports after 6 months; a second run verifies the archive and rewrites nothing.

    Example: `wmdctl report archive --dir ~/wmd-archive`
    """
    from wmdctl.reports.archive import archive_webinar
    from wmdctl.reports.fetch import SOURCE_LABELS

    app_ = get_app(ctx)
    with _before_the_event(app_):
        result = archive_webinar(app_, directory, instance=instance, recordings=not no_recordings)
    for problem in result.problems:
        app_.output.warn(problem)
    if result.created:
        app_.output.success(f"Archived {len(result.files)} files to {result.folder}")
        app_.output.info(f"Source: {SOURCE_LABELS.get(result.source, result.source)}")
    else:
        app_.output.success(
            f"Archive {result.folder} already complete: {len(result.files)} files verified, nothing rewritten"
        )
    document = {"folder": str(result.folder), "created": result.created, "files": result.files,
                "warnings": result.problems}  # fmt: skip
    emit(app_.output, document)  # the human form was the lines above


def _rows_out(
    app_: AppContext,
    source: str,
    title: str,
    columns: tuple[str, ...],
    rows: list[dict[str, Any]],
    fmt: str | None,
    out: Path | None,
    shown: tuple[tuple[str, ...], str | None],
) -> None:
    """Q&A or polls: to the file (--out), then the JSON document, or the rows on stdout when there is no file."""
    from wmdctl.cli.render.reports import render_rows
    from wmdctl.reports.fetch import SOURCE_LABELS
    from wmdctl.reports.writers import format_for, write_records

    output = app_.output
    chosen: ReportFormat = format_for(fmt, out)
    if out is not None:
        count = write_records(chosen, out, columns, rows, title)
        output.success(f"Wrote {count} rows to {out}")
    human = (
        None if out is not None else partial(render_rows, output, title, columns, rows, chosen, fmt=fmt, shown=shown)
    )
    emit(output, {"source": source, "rows": rows}, human)
    output.info(f"{len(rows)} row(s). Source: {SOURCE_LABELS.get(source, source)}")  # after the table, on stderr


register_after_event(app)
