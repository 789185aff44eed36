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
    from wmdctl.cli.render.doctor import render_check
    from wmdctl.doctor import run_checks

    app = get_app(ctx)
    checks = []
    for check in run_checks(app):
        checks.append(check)
        if not app.output.json_mode:  # each line as its check ends (some call Zoom); --json: the list, after
            render_check(app.output, check)
    emit(app.output, [c.to_dict() for c in checks])  # the human form was printed check by check
    if any(not c.ok and c.fatal for c in checks):
        raise typer.Exit(int(ExitCode.CONFIG))
