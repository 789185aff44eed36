"""`wmdctl report`: attendance, Q&A, polls and the archive, after the event."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from wmdctl.cli.context import AppContext, get_app

if TYPE_CHECKING:
    from wmdctl.reports.writers import ReportFormat

app = typer.Typer(help="Reports after the event: attendance, Q&A, polls, archive.", no_args_is_help=True)

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
) -> None:
    """Who came, for how long, to which panel: one row per person.

    Example: `wmdctl report attendance --out attendance.xlsx --panel-threshold 15`
    """
    from wmdctl.reports import chart as charts
    from wmdctl.reports.render import summary_lines
    from wmdctl.reports.service import AttendanceOptions, collect_attendance
    from wmdctl.reports.writers import attendance_table, attendance_to_dict, format_for, write_attendance

    app_ = get_app(ctx)
    output = app_.output
    chosen = format_for(fmt, out)
    if chart is not None:
        charts.check_chart_path(chart)
    options = AttendanceOptions(instance=instance, threshold_minutes=panel_threshold, wait=wait, on_wait=output.warn)
    report = collect_attendance(app_.client(), app_.webinar_id(), app_.event(), options)
    for problem in report.problems:
        output.warn(problem)
    if out is not None:
        count = write_attendance(report, chosen, out)
        output.success(f"Wrote {count} people to {out}")
    if chart is not None:
        charts.write_chart(report, chart)
        output.success(f"Drew the attendance chart to {chart}")
    if output.json_mode:
        output.data(attendance_to_dict(report))
        return
    for line in summary_lines(report):
        output.info(line)
    output.err.print(charts.text_chart(report))
    if out is None:
        if chosen == "table":
            columns, rows = attendance_table(report)
            output.table(columns, rows, title="Attendance")
        else:
            write_attendance(report, chosen, sys.stdout)


@app.command()
def qa(ctx: typer.Context, fmt: FormatOption = None, out: OutOption = None, instance: InstanceOption = None) -> None:
    """Q&A: each question, who asked it and when, its status and answers.

    Example: `wmdctl report qa --out questions.csv`
    """
    from wmdctl.reports.interactions import QA_COLUMNS
    from wmdctl.reports.service import collect_qa

    app_ = get_app(ctx)
    source, rows = collect_qa(app_.client(), app_.webinar_id(), app_.event().timezone, instance, app_.output.warn)
    _emit(app_, source, "Q&A", QA_COLUMNS, rows, fmt, out)


@app.command()
def polls(ctx: typer.Context, fmt: FormatOption = None, out: OutOption = None, instance: InstanceOption = None) -> None:
    """Polls: how many people chose each answer, per question, with the poll's (panel's) title.

    Example: `wmdctl report polls --format json`
    """
    from wmdctl.reports.interactions import POLL_COLUMNS, known_poll_answers
    from wmdctl.reports.service import collect_polls

    app_ = get_app(ctx)
    event = app_.event()
    known = known_poll_answers(event.polls)
    source, rows = collect_polls(
        app_.client(), app_.webinar_id(), known, instance, on_warning=app_.output.warn, event_polls=event.polls
    )
    _emit(app_, source, "Polls", POLL_COLUMNS, rows, fmt, out)


@app.command()
def archive(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Option("--dir", help="Where the dated archive folders go.")] = Path("wmd-archive"),
    instance: InstanceOption = None,
) -> None:
    """Keep everything Zoom has on the webinar, raw and as built reports, with a SHA-256 manifest.

    Zoom deletes participant reports after 6 months; a second run verifies the archive and rewrites nothing.

    Example: `wmdctl report archive --dir ~/wmd-archive`
    """
    from wmdctl.reports.archive import archive_webinar
    from wmdctl.reports.fetch import SOURCE_LABELS

    app_ = get_app(ctx)
    result = archive_webinar(app_.client(), app_.webinar_id(), directory, event=app_.event(), instance=instance)
    for problem in result.problems:
        app_.output.warn(problem)
    if result.created:
        app_.output.success(f"Archived {len(result.files)} files to {result.folder}")
        app_.output.info(f"Source: {SOURCE_LABELS.get(result.source, result.source)}")
    else:
        app_.output.success(
            f"Archive {result.folder} already complete: {len(result.files)} files verified, nothing rewritten"
        )
    if app_.output.json_mode:
        app_.output.data(
            {
                "folder": str(result.folder),
                "created": result.created,
                "files": result.files,
                "warnings": result.problems,
            }
        )


def _emit(
    app_: AppContext,
    source: str,
    title: str,
    columns: tuple[str, ...],
    rows: list[dict[str, Any]],
    fmt: str | None,
    out: Path | None,
) -> None:
    from wmdctl.reports.fetch import SOURCE_LABELS
    from wmdctl.reports.writers import format_for, write_records

    output = app_.output
    chosen: ReportFormat = format_for(fmt, out)
    output.info(f"Source: {SOURCE_LABELS.get(source, source)}")
    if output.json_mode and out is None:
        output.data({"source": source, "rows": rows})
        return
    if out is not None:
        count = write_records(chosen, out, columns, rows, title)
        output.success(f"Wrote {count} rows to {out}")
        if output.json_mode:
            output.data({"source": source, "rows": rows})
    elif chosen == "table":
        output.table([c.replace("_", " ") for c in columns], [[r.get(c) for c in columns] for r in rows], title=title)
    else:
        write_records(chosen, sys.stdout, columns, rows, title)
