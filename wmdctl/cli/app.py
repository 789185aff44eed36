"""The root of the command line: global options and the sub-commands.

Each sub-command's module is imported only when that command runs or help
lists it, so `wmdctl webinar --help` loads the webinar commands and nothing
else. `wmdctl --version` never gets here: wmdctl.cli.entry answers it first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, ClassVar

import typer

from wmdctl import __version__
from wmdctl.cli import help as readable_help
from wmdctl.cli.errors import WmdctlGroup

readable_help.install()


class RootGroup(WmdctlGroup):
    # ---- Sub-commands: one line each, "name": "module:attribute", in the order help lists them. ----
    lazy_commands: ClassVar[dict[str, str]] = {
        "init": "wmdctl.cli.config_cmd:init",
        "doctor": "wmdctl.cli.doctor:doctor",
        "demo": "wmdctl.cli.demo:demo",
        "webinar": "wmdctl.cli.webinar:app",
        "registrants": "wmdctl.cli.registrants:app",
        "report": "wmdctl.cli.report:app",
        "breakouts": "wmdctl.cli.breakouts:app",
        "sandbox": "wmdctl.cli.sandbox:app",
        "config": "wmdctl.cli.config_cmd:app",
        "webhooks": "wmdctl.cli.webhooks:app",
        "live": "wmdctl.cli.live:live",
        "campaign": "wmdctl.cli.campaign:app",
        "completion": "wmdctl.cli.completion:completion",
    }


app = typer.Typer(
    name="wmdctl",
    cls=RootGroup,
    no_args_is_help=True,
    # Plain help, as git and gh print it: rich's help renderer (and the Markdown parser it pulls in)
    # would be most of `wmdctl --help`'s start-up time.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Run a Zoom webinar event (World Metropolitan Day) from one event file.\n\n"
    "Global options work before or after the sub-command.\n\n"
    "Example: `wmdctl --sandbox webinar apply --yes`",
    context_settings={"help_option_names": ["-h", "--help"]},
)
# A sub-app may also be registered eagerly, the usual Typer way: app.add_typer(module.app, name="name").


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"wmdctl {__version__}")
        raise typer.Exit()


# The root's options, one alias each, so the callback reads as the list of what it takes.
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", metavar="FILE", help="dotenv file with settings (default: ./.env if present)."),
]
ProfileOption = Annotated[
    str | None,
    typer.Option(
        "--profile", metavar="NAME", help="Use the settings in ~/.config/wmdctl/profiles/NAME.env (also WMD_PROFILE)."
    ),
]
EventOption = Annotated[
    Path | None,
    typer.Option("--event", metavar="FILE", help="Event file (TOML). Default: WMD_EVENT_FILE, else the embedded one."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Write machine-readable JSON to stdout.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Log each Zoom request to stderr.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Errors only; data still goes to stdout.")]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="No colour (also NO_COLOR, TERM=dumb).")]
NoInputOption = Annotated[
    bool, typer.Option("--no-input", help="Never prompt: a confirmation needed fails unless --yes is given.")
]
NoPagerOption = Annotated[bool, typer.Option("--no-pager", help="Never page long tables (also PAGER=cat).")]
SandboxOption = Annotated[
    bool, typer.Option("--sandbox", help="Run against a local Zoom sandbox kept in WMD_STATE_DIR/sandbox.db.")
]
VersionOption = Annotated[
    bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit.")
]


@app.callback()
def main(
    ctx: typer.Context,
    config: ConfigOption = None,
    profile: ProfileOption = None,
    event: EventOption = None,
    json_output: JsonOption = False,
    verbose: VerboseOption = False,
    quiet: QuietOption = False,
    no_color: NoColorOption = False,
    no_input: NoInputOption = False,
    no_pager: NoPagerOption = False,
    use_sandbox: SandboxOption = False,
    version: VersionOption = False,
) -> None:
    """Run a Zoom webinar event (World Metropolitan Day) from one event file."""
    # Imported here, not at the top: `--help` never needs the settings or rich's console.
    from wmdctl.cli.context import AppContext
    from wmdctl.config import load_settings
    from wmdctl.output import Output

    output = Output(
        json_mode=json_output, verbose=verbose, quiet=quiet, no_color=no_color, no_input=no_input, no_pager=no_pager
    )
    # Settings problems are reported through the same error path as everything else.
    settings = load_settings(config_file=config, profile=profile or None, flags={"WMD_EVENT_FILE": _str(event)})
    ctx.obj = AppContext(output=output, settings=settings, sandbox=use_sandbox)
    ctx.call_on_close(ctx.obj.close)


def _str(path: Path | None) -> str | None:
    return str(path) if path is not None else None
