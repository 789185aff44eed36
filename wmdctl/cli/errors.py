"""The one place where exceptions become a message on stderr and an exit code."""

from __future__ import annotations

import errno
import sqlite3
import sys
from datetime import UTC
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import typer
import typer.main
from typer.core import TyperGroup

from wmdctl.errors import EventFileError, WmdctlError
from wmdctl.exitcodes import ExitCode

if TYPE_CHECKING:
    from wmdctl.output import Output

E = TypeVar("E", bound=BaseException)


def report_error(output: Output, exc: WmdctlError) -> None:
    from wmdctl.errors import Declined
    from wmdctl.zoom.errors import ZoomRateLimitError

    if isinstance(exc, Declined):  # the user's own answer, not an error: say what did not happen
        output.say(_escape(str(exc)))
        return
    if isinstance(exc, EventFileError):
        for problem in exc.problems:
            output.say(f"  [red]✗[/] {_escape(problem.where)}: {_escape(problem.reason)}")
    hint = exc.hint
    limit = _find_cause(exc, ZoomRateLimitError)
    if limit is not None and limit.daily and limit.resume_at is not None:
        resume = limit.resume_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        hint = f"Zoom's daily limit is spent; resume at {resume}" + (f". {hint}" if hint else "")
    output.error(str(exc), hint=hint)


def _find_cause(exc: BaseException, kind: type[E]) -> E | None:
    """The first exception of ``kind`` in the chain: a library error may wrap the Zoom error that caused it."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__
    return None


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _output_of(ctx: typer.Context) -> Output:
    obj = ctx.find_root().obj
    if obj is not None:
        return obj.output  # type: ignore[no-any-return]
    from wmdctl.output import Output  # settings failed before the context was built

    return Output()


def quiet_stdout() -> None:
    """After EPIPE (`wmdctl … | head`): send what is left to /dev/null, so the exit is quiet, as git's is."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test runner's buffer): nothing will be flushed to a closed pipe


class WmdctlGroup(TyperGroup):
    """Root group: global options anywhere, lazily loaded sub-commands, and errors mapped once to exit codes.

    ``lazy_commands`` maps a command name to "module:attribute" (a ``typer.Typer`` or a command function);
    the module is imported only when that command runs, completes or is listed in help.
    """

    lazy_commands: ClassVar[dict[str, str]] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        eager = super().list_commands(ctx)
        return [*eager, *(name for name in self.lazy_commands if name not in eager)]

    def get_command(self, ctx: Any, name: str) -> Any:
        command = super().get_command(ctx, name)
        if command is None and name in self.lazy_commands:
            command = load_command(name, self.lazy_commands[name], self.rich_markup_mode)
            self.add_command(command, name)
        return command

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except BrokenPipeError as exc:  # `wmdctl --help | head -3`: help is printed while parsing
            quiet_stdout()
            raise typer.Exit(int(ExitCode.OK)) from exc

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from wmdctl.cli.globalopts import hoist_global_options

        if ctx.parent is None:
            args = hoist_global_options(self, args, lambda group, name: group.get_command(ctx, name))
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        from wmdctl.signals import termination_as_interrupt

        try:
            with termination_as_interrupt():
                return super().invoke(ctx)
        except WmdctlError as exc:
            report_error(_output_of(ctx), exc)
            raise typer.Exit(int(exc.exit_code)) from exc
        except BrokenPipeError as exc:
            quiet_stdout()  # the reader has what it wanted: `wmdctl registrants export | head -2`
            raise typer.Exit(int(ExitCode.OK)) from exc
        except OSError as exc:
            if exc.filename is None and exc.errno not in IO_ERRNOS:
                raise  # not a file problem: let it surface as the bug it is
            report_os_error(_output_of(ctx), exc)
            raise typer.Exit(int(ExitCode.IO_ERROR if exc.errno in IO_ERRNOS else ExitCode.USAGE)) from exc
        except sqlite3.OperationalError as exc:
            if not is_storage_failure(exc):
                raise
            _output_of(ctx).error(_with_notes(f"cannot write to disk: {exc}", exc), hint=_IO_HINT)
            raise typer.Exit(int(ExitCode.IO_ERROR)) from exc
        except KeyboardInterrupt as exc:
            from wmdctl.signals import Terminated, exit_code_for

            message = str(exc) if isinstance(exc, Terminated) else "interrupted"
            _output_of(ctx).error(_with_notes(message, exc))
            raise typer.Exit(exit_code_for(exc)) from exc
        except typer.Abort as exc:  # click's answer to Ctrl-C (or end of input) inside a prompt: 130 too
            _output_of(ctx).error("interrupted")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from exc


# The storage failing under us (exit 6), as opposed to a wrong path on the command line (exit 2).
IO_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG, errno.EACCES, errno.EPERM, errno.ELOOP}
)
_IO_HINT = "free some space, or check the folder's permissions and mount, then run the command again"
_IO_HINTS = {
    errno.ENOSPC: "free some space on that disk, then run the command again",
    errno.EDQUOT: "your disk quota is used up: free some space, then run the command again",
    errno.EROFS: "that file system is mounted read-only: choose another folder (--out, WMD_STATE_DIR)",
    errno.EACCES: "check the permissions of the file and of its folder",
    errno.EPERM: "check the permissions of the file and of its folder",
    errno.ELOOP: "a symlink was put there: remove it (wmdctl never writes through a link), then run again",
}
_SQLITE_STORAGE = ("disk is full", "disk i/o error", "readonly database", "unable to open database")


def is_storage_failure(exc: sqlite3.OperationalError) -> bool:
    return any(text in str(exc).lower() for text in _SQLITE_STORAGE)


def report_os_error(output: Output, exc: OSError) -> None:
    """One line: the path, what went wrong, and (from the notes the layers added) what was kept."""
    where = f" {exc.filename}" if exc.filename is not None else ""
    reason = exc.strerror or str(exc)
    if exc.errno in IO_ERRNOS:
        hint = _IO_HINTS.get(exc.errno or 0, _IO_HINT)
        output.error(_with_notes(f"{exc.filename or 'a file'}: {reason}", exc), hint=hint)
    else:
        output.error(
            _with_notes(f"cannot use{where}: {reason}", exc),
            hint="check the path given to --out, --dir, --rejects or the command's arguments",
        )


def _with_notes(message: str, exc: BaseException) -> str:
    """``add_note`` is how a layer says what it saved or left untouched on the way out."""
    notes = [note.strip() for note in getattr(exc, "__notes__", ()) if note.strip()]
    return "; ".join([message, *notes])


def load_command(name: str, spec: str, markup_mode: Any) -> Any:
    """The click command for "module:attribute", named ``name``."""
    from importlib import import_module

    module_name, attribute = spec.split(":")
    target = getattr(import_module(module_name), attribute)
    command: Any
    if isinstance(target, typer.Typer):
        command = typer.main.get_group(target)
    else:
        single = typer.Typer(add_completion=False)  # completion belongs to the root (and `wmdctl completion`)
        single.command(name)(target)
        command = typer.main.get_command(single)
    command.name = name
    _set_markup(command, markup_mode)
    return command


def _set_markup(command: Any, markup_mode: Any) -> None:
    """Sub-apps loaded on their own would fall back to Typer's default markup; keep the root's."""
    command.rich_markup_mode = markup_mode
    for child in getattr(command, "commands", {}).values():
        _set_markup(child, markup_mode)
