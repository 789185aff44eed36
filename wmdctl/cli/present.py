"""One way to hand a result to the terminal: its JSON document with ``--json``, else its human form.

``--json`` prints exactly one document on stdout and nothing else there, so every command that has a
result goes through ``emit`` instead of branching on ``output.json_mode`` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from wmdctl.output import Output

_UNSET: Any = object()


def emit(
    output: Output,
    result: Any,
    human: Callable[[], object] | None = None,
    *,
    document: Any = _UNSET,
    json_flag: bool = False,
) -> None:
    """Print ``document`` (default: ``result.to_dict()``, or ``result`` itself) with --json; else call ``human``.

    ``json_flag`` is a command's own ``--json`` (the webhooks and live commands take one): the same as the global.
    """
    if output.json_mode or json_flag:
        if document is _UNSET:
            to_dict = getattr(result, "to_dict", None)
            document = to_dict() if callable(to_dict) else result
        output.data(document)
    elif human is not None:
        human()


def json_replaces_format(output: Output, out: Path | None, *, table: bool) -> bool:
    """With --json, stdout is the JSON document whatever --format says; a file keeps its format (a table is none)."""
    return output.json_mode and (out is None or table)
