"""The live snapshot for people: who is in, the count over time, who is in each panel's window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from wmdctl.output import Output

BARS = "▁▂▃▄▅▆▇█"
SHOWN = 25  # people listed per table; the count says how many more


def sparkline(counts: list[int], width: int = 60) -> str:
    """The count over time in one line of block characters (the last ``width`` points)."""
    counts = counts[-width:]
    top = max(counts, default=0)
    if not top:
        return BARS[0] * len(counts)
    return "".join(BARS[min(len(BARS) - 1, round(c / top * (len(BARS) - 1)))] for c in counts)


def _people(title: str, people: list[dict[str, Any]], extra: str, extra_key: str) -> Table:
    table = Table("name", "email", extra, title=title, title_justify="left", header_style="bold")
    for person in people[:SHOWN]:
        table.add_row(escape(person["name"] or "(no name)"), escape(person["email"]), escape(str(person[extra_key])))
    if len(people) > SHOWN:
        table.add_row(f"… and {len(people) - SHOWN} more", "", "")
    return table


def render_live(snapshot: dict[str, Any]) -> RenderableType:
    status = snapshot["status"]
    peak = snapshot["peak"] or {"count": 0, "at": "-"}
    head = Text.assemble(
        (f"webinar {snapshot['webinar_id']}", "bold"), f"  {status}",
        f"  in now: {snapshot['in_now']['count']}", f"  peak: {peak['count']} at {peak['at']}",
        f"  seen: {snapshot['participants_seen']}",
    )  # fmt: skip
    counts = [p["count"] for p in snapshot["timeline"]]
    parts: list[RenderableType] = [head, Text(f"count over time  {sparkline(counts)}")]
    parts.append(_people("In the webinar now", snapshot["in_now"]["people"], "since", "since"))
    for panel in snapshot["panels"]:
        title = f"Panel {panel['number']}: {panel['title']} ({panel['start'][11:16]}–{panel['end'][11:16]}): "
        parts.append(_people(title + f"{panel['count']} present", panel["people"], "minutes", "minutes"))
    if status == "not started":
        parts.append(Text("No participant events yet: they arrive once the webinar starts.", style="dim"))
    return Group(*parts)


def show_live(output: Output, first: dict[str, Any], snapshot: Callable[[], dict[str, Any]], refresh: float) -> None:
    """One snapshot without a terminal; on one, the screen redrawn every ``refresh`` seconds until Ctrl-C."""
    if not output.interactive:
        output.out.print(render_live(first))
        return
    import time

    from rich.live import Live

    with Live(render_live(first), console=output.out, auto_refresh=False) as screen:
        try:
            while True:
                time.sleep(max(0.2, refresh))
                screen.update(render_live(snapshot()), refresh=True)
        except KeyboardInterrupt:
            pass
