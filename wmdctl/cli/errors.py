"""The one place where exceptions become a message on stderr and an exit code."""

from __future__ import annotations

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
        try:
            return super().invoke(ctx)
        except WmdctlError as exc:
            report_error(_output_of(ctx), exc)
            raise typer.Exit(int(exc.exit_code)) from exc
        except OSError as exc:
            if exc.filename is None:
                raise  # not a file problem: let it surface as the bug it is
            _output_of(ctx).error(
                f"cannot use {exc.filename}: {exc.strerror or exc}",
                hint="check the path given to --out, --dir, --rejects or the command's arguments",
            )
            raise typer.Exit(int(ExitCode.USAGE)) from exc
        except KeyboardInterrupt as exc:
            _output_of(ctx).error("interrupted")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from exc
