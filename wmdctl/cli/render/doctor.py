"""The human form of `wmdctl doctor`: one line per check, as it is run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape

if TYPE_CHECKING:
    from wmdctl.doctor import Check
    from wmdctl.output import Output


def render_check(output: Output, check: Check) -> None:
    """✓ passed, ✗ failed (fatal), ! a warning; a failed check names the setting to fix."""
    mark = "[green]✓[/]" if check.ok else ("[red]✗[/]" if check.fatal else "[yellow]![/]")
    where = f" [dim](setting: {escape(check.setting)})[/]" if check.setting and not check.ok else ""
    output.out.print(f"{mark} {escape(check.name)}: {escape(check.detail)}{where}")
