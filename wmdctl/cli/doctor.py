"""`wmdctl doctor`."""

from __future__ import annotations

import typer

from wmdctl.cli.context import get_app
from wmdctl.exitcodes import ExitCode


def doctor(ctx: typer.Context) -> None:
    """Check configuration, token, scopes, host user, webinar licence and clock.

    Example: `wmdctl doctor` (exits non-zero if any check fails)
    """
    from wmdctl.doctor import run_checks

    app = get_app(ctx)
    checks = []
    for check in run_checks(app):
        checks.append(check)
        if not app.output.json_mode:
            mark = "[green]✓[/]" if check.ok else ("[red]✗[/]" if check.fatal else "[yellow]![/]")
            app.output.out.print(f"{mark} {check.name}: ", end="")
            app.output.out.print(check.detail, markup=False)
    if app.output.json_mode:
        app.output.data([c.to_dict() for c in checks])
    if any(not c.ok and c.fatal for c in checks):
        raise typer.Exit(int(ExitCode.CONFIG))
