"""`wmdctl report recordings | follow-up | certificates | html`: what organisers need after the event.

Registered on the `report` app by ``register``; each command is thin over ``wmdctl.reports``.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wmdctl.cli.context import get_app
from wmdctl.cli.present import emit

if TYPE_CHECKING:
    from wmdctl.output import Output
    from wmdctl.reports.recordings import RecordingListing


def register(app: typer.Typer) -> None:
    app.command("recordings")(recordings)
    app.command("follow-up")(follow_up)
    app.command("certificates")(certificates)
    app.command("html")(html)


ThresholdOption = Annotated[
    float, typer.Option("--panel-threshold", min=0, help="Minutes in a panel's window to count as present.")
]


def recordings(
    ctx: typer.Context,
    download: Annotated[
        Path | None, typer.Option("--download", help="Fetch every file into DIR (resumes; keeps a SHA-256 manifest).")
    ] = None,
) -> None:
    """The cloud recordings of the webinar's instances: files, sizes and when Zoom deletes them.

    Example: `wmdctl report recordings --download ~/wmd-recordings`
    """
    from wmdctl.cli.render.reports import render_recordings
    from wmdctl.reports.downloads import download_recordings
    from wmdctl.reports.recordings import list_recordings

    app_ = get_app(ctx)
    output = app_.output
    client = app_.client()
    listing = list_recordings(client, app_.webinar_id(), download_token=download is not None)
    _warn_listing(output, listing)
    if download is None:
        emit(output, listing, lambda: render_recordings(output, listing))
        return
    if not output.json_mode:  # what is about to be fetched, before the download; --json prints it after, with it
        render_recordings(output, listing)
    total = sum(f.size for _, f in listing.files())
    with output.progress(total or None, "Downloading recordings") as advance:
        result = download_recordings(client, listing, download, on_bytes=advance, on_file=output.debug)
    for path in result.replaced:
        output.warn(f"{path} no longer matched its SHA-256 in the manifest: downloaded again")
    output.success(
        f"{len(result.downloaded)} file(s) downloaded ({len(result.resumed)} resumed), "
        f"{len(result.intact)} already there and intact, into {download}"
    )
    emit(output, {**listing.to_dict(), "download": result.to_dict()})  # the human form was the table and the lines


def _warn_listing(output: Output, listing: RecordingListing) -> None:
    """On stderr: the instances Zoom has no files for, and when it deletes the others'."""
    for instance in listing.instances:
        if instance.missing:
            output.warn(f"instance {instance.uuid} ({instance.start_time or 'undated'}): {instance.missing}")
        elif instance.auto_delete_date:
            output.info(f"instance {instance.uuid}: Zoom deletes these files on {instance.auto_delete_date}")


def follow_up(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", help="attendees | absentees | panel-N")],
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="csv | xlsx | json (default: from --out).")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
    panel_threshold: ThresholdOption = 10,
) -> None:
    """Who to write to after the event: name, e-mail, minutes, panels attended, the recording's link.

    Example: `wmdctl report follow-up --to absentees --out absentees.csv`
    """
    from wmdctl.cli.render.reports import render_follow_up
    from wmdctl.reports.followup import COLUMNS, follow_up_list, parse_audience, share_link
    from wmdctl.reports.job import AttendanceOptions, collect_attendance
    from wmdctl.reports.writers import format_for, write_records

    app_ = get_app(ctx)
    output = app_.output
    event = app_.event()
    audience = parse_audience(to, [p.number for p in event.panels])
    chosen = format_for(fmt or ("csv" if out is None else None), out)  # with --json, stdout is the document
    options = AttendanceOptions(threshold_minutes=panel_threshold, on_wait=output.warn)
    report = collect_attendance(app_, options)
    result = follow_up_list(report, audience, share_link(app_.client(), app_.webinar_id(), output.warn))
    for warning in [*report.problems, *result.warnings]:
        output.warn(warning)
    if out is not None:
        count = write_records(chosen, out, COLUMNS, result.rows, f"Follow-up {audience.label}")
        output.success(f"Wrote {count} people ({audience.label}) to {out}")
    emit(output, result, None if out is not None else partial(render_follow_up, output, chosen, COLUMNS, result.rows))


def certificates(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", "-o", help="The folder for the PDFs (one per person).")],
    min_minutes: Annotated[
        float | None,
        typer.Option("--min-minutes", min=0, help="Minutes present to earn one (default: the panel threshold)."),
    ] = None,
    panel_threshold: ThresholdOption = 10,
) -> None:
    """A PDF certificate of attendance for everyone present at least N minutes (needs the certificates extra).

    Example: `wmdctl report certificates --min-minutes 30 --out certificates/`
    """
    from wmdctl.reports.certificates import check_available, write_certificates
    from wmdctl.reports.job import AttendanceOptions, collect_attendance

    check_available()  # before anything is fetched
    app_ = get_app(ctx)
    output = app_.output
    event = app_.event()
    report = collect_attendance(app_, AttendanceOptions(threshold_minutes=panel_threshold))
    threshold = panel_threshold if min_minutes is None else min_minutes
    result = write_certificates(report, event, out, min_minutes=threshold)
    output.success(f"Wrote {len(result.written)} certificate(s) to {out} (present at least {threshold:g} min)")
    if result.below:
        shown = ", ".join(f"{name} ({minutes:g} min)" for name, minutes in result.below)
        output.info(f"{len(result.below)} attendee(s) below {threshold:g} min, no certificate: {shown}")
    emit(output, result)  # the human form was the lines above


def html(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("report.html"),
    panel_threshold: ThresholdOption = 10,
) -> None:
    """One self-contained HTML report to open and show: attendance, panels, registrations, Q&A, polls.

    Example: `wmdctl report html --out wmd-2021.html`
    """
    from wmdctl.reports.html.collect import collect_html_report

    app_ = get_app(ctx)
    warn = app_.output.warn
    path = collect_html_report(app_, out, threshold_minutes=panel_threshold, on_warning=warn)
    app_.output.success(f"Wrote the report to {path}: it opens in any browser, with no network")
    emit(app_.output, {"file": str(path)})
