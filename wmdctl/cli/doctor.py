"""`wmdctl doctor`."""

from __future__ import annotations

import typer

from wmdctl.cli.context import get_app
from wmdctl.cli.present import emit
from wmdctl.exitcodes import ExitCode


def doctor(ctx: typer.Context) -> None:
    """Check the event file, configuration, credentials, scopes, host user, webinar licence and clock.

    Each failed check names the setting to fix. The credentials are tested for real: the cached token with an
    authenticated call, then the secret against Zoom's token endpoint (see the README's "doctor" note).

    Example: `wmdctl doctor` (exits 3 if any check fails)
    """
    from rich.markup import escape

    from wmdctl.doctor import run_checks

    app = get_app(ctx)
    checks = []
    for check in run_checks(app):
        checks.append(check)
        if not app.output.json_mode:
            mark = "[green]✓[/]" if check.ok else ("[red]✗[/]" if check.fatal else "[yellow]![/]")
            where = f" [dim](setting: {escape(check.setting)})[/]" if check.setting and not check.ok else ""
            app.output.out.print(f"{mark} {escape(check.name)}: {escape(check.detail)}{where}")
    emit(app.output, [c.to_dict() for c in checks])  # the human form was printed check by check
    if any(not c.ok and c.fatal for c in checks):
        raise typer.Exit(int(ExitCode.CONFIG))
