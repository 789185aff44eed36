"""Attendance over time as a PNG/SVG, drawn with matplotlib (the terminal's text chart is in cli/render/).

matplotlib is an optional extra (``pip install 'wmdctl[charts]'``): it is
imported only when a chart file is asked for, and its absence is a clear
configuration error rather than a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from wmdctl.errors import ConfigError, UsageError
from wmdctl.state.files import write_with

if TYPE_CHECKING:
    from wmdctl.reports.attendance import AttendanceReport

CHART_SUFFIXES = (".png", ".svg")
CHARTS_EXTRA_HINT = "install the charts extra: pip install 'wmdctl[charts]'"


def check_chart_path(path: Path) -> None:
    """Refuse a bad suffix or a missing matplotlib before anything is fetched."""
    if path.suffix.lower() not in CHART_SUFFIXES:
        raise UsageError(
            f"cannot draw a chart as {path.suffix or 'a file without suffix'}", hint="use FILE.png or FILE.svg"
        )
    import importlib.util

    if importlib.util.find_spec("matplotlib") is None:
        raise ConfigError("--chart needs matplotlib, which is not installed", hint=CHARTS_EXTRA_HINT)


def write_chart(report: AttendanceReport, path: Path) -> None:
    """The concurrency curve with each panel window shaded, as PNG or SVG."""
    check_chart_path(path)
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import matplotlib  # type: ignore[import-not-found]

    matplotlib.use("Agg")  # no display needed: cron jobs and CI have none
    import matplotlib.dates as mdates  # type: ignore[import-not-found]
    import matplotlib.pyplot as plt  # type: ignore[import-not-found]

    zone = ZoneInfo(report.timezone)

    def moment(seconds: int) -> datetime:
        return datetime.fromtimestamp(seconds, tz=zone)

    steps = report.summary.steps
    figure, axes = plt.subplots(figsize=(10, 4))
    if steps:
        axes.step([moment(s.at) for s in steps], [s.count for s in steps], where="post", color="tab:blue")
    for panel, colour in zip(report.panels, ("tab:orange", "tab:green", "tab:purple", "tab:red"), strict=False):
        axes.axvspan(
            moment(panel.window[0]),
            moment(panel.window[1]),
            alpha=0.15,
            color=colour,
            label=f"Panel {panel.number}: {panel.title}",
        )
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M", tz=zone))
    axes.set_xlabel(f"Time ({report.timezone})")
    axes.set_ylabel("Attendees present")
    axes.set_title("Attendance over time")
    if report.panels:
        axes.legend(loc="upper right")
    figure.tight_layout()
    # Through the one writer, like every other file: atomic, and never through a planted symlink. The temp
    # name has no image suffix, so the format comes from the path the user gave.
    image_format = path.suffix.lstrip(".").lower() or "png"
    write_with(path, lambda temp: figure.savefig(temp, format=image_format), private=False)
    plt.close(figure)
