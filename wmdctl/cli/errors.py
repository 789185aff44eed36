"""The one place where exceptions become a message on stderr and an exit code."""

from __future__ import annotations

import errno
import sqlite3
from datetime import UTC
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from typer.core import TyperGroup

from wmdctl.errors import EventFileError, WmdctlError
from wmdctl.exitcodes import ExitCode

if TYPE_CHECKING:
    from wmdctl.output import Output

E = TypeVar("E", bound=BaseException)


def report_error(output: Output, exc: WmdctlError) -> None:
    from wmdctl.zoom.errors import ZoomRateLimitError

    if isinstance(exc, EventFileError):
        for problem in exc.problems:
            output.err.print(f"  [red]✗[/] {_escape(problem.where)}: {_escape(problem.reason)}")
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


class WmdctlGroup(TyperGroup):
    """Root group that maps WmdctlError to its exit code, once, for every command."""

    def invoke(self, ctx: Any) -> Any:
        from wmdctl.signals import termination_as_interrupt

        try:
            with termination_as_interrupt():
                return super().invoke(ctx)
        except WmdctlError as exc:
            report_error(_output_of(ctx), exc)
            raise typer.Exit(int(exc.exit_code)) from exc
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
