"""The root of the command line: global options and the sub-commands.

Sub-command modules import their libraries inside the command functions, so
this module loads only Typer and the small core, and `wmdctl --version` is fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wmdctl import __version__
from wmdctl.cli import (
    breakouts,
    campaign,
    config_cmd,
    demo,
    doctor,
    live,
    registrants,
    report,
    sandbox,
    webhooks,
    webinar,
)
from wmdctl.cli.context import AppContext
from wmdctl.cli.errors import WmdctlGroup

app = typer.Typer(
    name="wmdctl",
    cls=WmdctlGroup,
    no_args_is_help=True,
    rich_markup_mode="markdown",
    help="Run a Zoom webinar event (World Metropolitan Day) from one event file.\n\n"
    "Example: `wmdctl --sandbox webinar apply --yes`",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(webinar.app, name="webinar")
app.add_typer(registrants.app, name="registrants")
app.add_typer(report.app, name="report")
app.add_typer(breakouts.app, name="breakouts")
app.add_typer(sandbox.app, name="sandbox")
app.add_typer(campaign.app, name="campaign")
app.add_typer(config_cmd.app, name="config")
app.command("init")(config_cmd.init)
app.command("doctor")(doctor.doctor)
app.command("demo")(demo.demo)
app.add_typer(webhooks.app, name="webhooks")
app.command("live")(live.live)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"wmdctl {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    config: Annotated[
        Path | None, typer.Option("--config", help="dotenv file with settings (default: ./.env if present).")
    ] = None,
    event: Annotated[
        Path | None, typer.Option("--event", help="Event file (TOML). Default: WMD_EVENT_FILE, else the embedded one.")
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Write machine-readable JSON to stdout.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each Zoom request to stderr.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colour (also NO_COLOR, TERM=dumb).")] = False,
    use_sandbox: Annotated[
        bool, typer.Option("--sandbox", help="Run against a local Zoom sandbox kept in WMD_STATE_DIR/sandbox.db.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Run a Zoom webinar event (World Metropolitan Day) from one event file."""
    # Imported here, not at the top: `--version` and `--help` never need rich's console.
    from wmdctl.config import load_settings
    from wmdctl.output import Output

    output = Output(json_mode=json_output, verbose=verbose, no_color=no_color)
    # Settings problems are reported through the same error path as everything else.
    settings = load_settings(config_file=config, flags={"WMD_EVENT_FILE": _str(event)})
    ctx.obj = AppContext(output=output, settings=settings, sandbox=use_sandbox)
    ctx.call_on_close(ctx.obj.close)


def _str(path: Path | None) -> str | None:
    return str(path) if path is not None else None


def run() -> None:
    """Console-script entry point."""
    app(prog_name="wmdctl")
