"""Inline SVG charts, drawn in Python: a time series with shaded bands, and horizontal bars.

Pure string building. Every label goes through ``html.escape``; coordinates
are numbers we computed. Each chart carries ``role="img"`` and a title so a
screen reader says what it shows, and a ``viewBox`` so it scales to a phone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 800, 300
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 16, 28, 36
BAND_COLOURS = ("#f4a261", "#2a9d8f", "#9b5de5", "#e76f51", "#457b9d")
BAR_ROW = 26


@dataclass(frozen=True)
class Band:
    start: int
    end: int
    label: str


def time_series(
    points: Sequence[tuple[int, int]],
    *,
    span: tuple[int, int],
    bands: Sequence[Band] = (),
    clock: Callable[[int], str],
    title: str,
    y_label: str,
    step: bool = True,
) -> str:
    """A step (or straight) line of counts over time, with labelled shaded bands (the panels' windows)."""
    start, end = span
    end = max(end, start + 1)
    top = max((count for _, count in points), default=0) or 1
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def x(at: int) -> float:
        return round(MARGIN_LEFT + plot_w * (min(max(at, start), end) - start) / (end - start), 1)

    def y(count: int) -> float:
        return round(MARGIN_TOP + plot_h * (1 - count / top), 1)

    parts = [_open(title, "series")]
    for index, band in enumerate(bands):
        colour = BAND_COLOURS[index % len(BAND_COLOURS)]
        left, right = x(band.start), x(band.end)
        parts.append(
            f'<rect class="band" x="{left}" y="{MARGIN_TOP}" width="{max(right - left, 1)}" height="{plot_h}" '
            f'fill="{colour}" fill-opacity="0.18"><title>{escape(band.label)}</title></rect>'
            f'<text class="band-label" x="{left + 4}" y="{MARGIN_TOP - 8}" fill="{colour}">'
            f"{escape(_short(band.label))}</text>"
        )
    parts.extend(_axes(start, end, top, x, y, clock, y_label))
    if points:
        parts.append(
            f'<path class="line" d="{_path(points, x, y, step)}" fill="none" stroke="#1d3557" stroke-width="2"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def bars(items: Sequence[tuple[str, int]], *, title: str, unit: str = "", width: int = WIDTH) -> str:
    """Horizontal bars, one row per item, the value written at the end of each bar.

    ``width`` is the drawing's own width: a narrower one keeps its text readable in a half-width column.
    """
    height = max(1, len(items)) * BAR_ROW + 8
    label_w = round(width * 0.38)
    plot_w = width - label_w - 50
    top = max((value for _, value in items), default=0) or 1
    parts = [_open(title, "bars", height, width)]
    for row, (label, value) in enumerate(items):
        y = 4 + row * BAR_ROW
        bar_w = max(round(plot_w * value / top, 1), 1 if value else 0)
        parts.append(
            f'<text class="bar-label" x="{label_w - 8}" y="{y + 17}" text-anchor="end">'
            f"{escape(_short(label, label_w // 8))}"
            f"<title>{escape(label)}</title></text>"
            f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{bar_w}" height="{BAR_ROW - 8}" fill="#457b9d"/>'
            f'<text class="bar-value" x="{label_w + bar_w + 6}" y="{y + 17}">{value}{escape(unit)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _open(title: str, kind: str, height: int = HEIGHT, width: int = WIDTH) -> str:
    return (
        f'<svg class="chart chart-{kind}" viewBox="0 0 {width} {height}" role="img" '
        f'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    )


def _axes(
    start: int,
    end: int,
    top: int,
    x: Callable[[int], float],
    y: Callable[[int], float],
    clock: Callable[[int], str],
    y_label: str,
) -> list[str]:
    bottom = HEIGHT - MARGIN_BOTTOM
    parts = [
        f'<line class="axis" x1="{MARGIN_LEFT}" y1="{bottom}" x2="{WIDTH - MARGIN_RIGHT}" y2="{bottom}"/>',
        f'<line class="axis" x1="{MARGIN_LEFT}" y1="{MARGIN_TOP}" x2="{MARGIN_LEFT}" y2="{bottom}"/>',
        f'<text class="axis-label" x="12" y="{MARGIN_TOP + 4}" transform="rotate(-90 12 {MARGIN_TOP + 4})" '
        f'text-anchor="end">{escape(y_label)}</text>',
    ]
    for tick in range(6):
        at = start + (end - start) * tick // 5
        parts.append(
            f'<text class="tick" x="{x(at)}" y="{bottom + 18}" text-anchor="middle">{escape(clock(at))}</text>'
        )
    for value in sorted({0, top // 2, top}):
        parts.append(f'<text class="tick" x="{MARGIN_LEFT - 6}" y="{y(value) + 4}" text-anchor="end">{value}</text>')
    return parts


def _path(points: Sequence[tuple[int, int]], x: Callable[[int], float], y: Callable[[int], float], step: bool) -> str:
    first_at, first_count = points[0]
    commands = [f"M{x(first_at)},{y(first_count)}"]
    previous = first_count
    for at, count in points[1:]:
        if step:
            commands.append(f"L{x(at)},{y(previous)}")
        commands.append(f"L{x(at)},{y(count)}")
        previous = count
    return " ".join(commands)


def _short(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
