"""The console script: answers `--version` before anything heavy is imported.

`wmdctl --version` is what install checks and CI logs run first; it needs
neither Typer, rich nor the command tree, so it is answered here from
``wmdctl.__version__`` alone. Everything else goes to the Typer app.
"""

from __future__ import annotations

import sys

# Root options that take a value, so their value is not mistaken for a sub-command name.
_VALUED = ("--config", "--event", "--profile")


def wants_version(args: list[str]) -> bool:
    """True when --version comes among the root options, before any sub-command."""
    i = 0
    while i < len(args):
        token = args[i]
        if token == "--version":
            return True
        if token == "--" or not token.startswith("-"):
            return False
        i += 2 if token in _VALUED else 1
    return False


def run(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    code: int | str | None = 0
    try:
        if wants_version(args):
            from wmdctl import __version__

            print(f"wmdctl {__version__}")
        else:
            from wmdctl.cli.app import app

            app(args=args, prog_name="wmdctl")
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:
        print("\nerror: interrupted", file=sys.stderr)  # Ctrl-C while Python was still importing
        code = 130
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        from wmdctl.cli.errors import quiet_stdout

        quiet_stdout()  # the reader closed the pipe early (`| head`): not an error
    sys.exit(code)
