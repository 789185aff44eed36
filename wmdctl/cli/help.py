"""Help for people, fast: readable metavars, and no pydantic for options left unset.

Typer 0.26 shows each option's Python type (`--json <bool>`, `<list[Path]>`,
`{sources}...`), which reads as if a flag took a value. The methods below are
the only place Typer turns a parameter into that text, so they are replaced
once, here, for every command (including those other modules add later).

Typer 0.26 also validates every parameter with a pydantic TypeAdapter, and
builds it even for an option that was not given (value None, returned as is).
Importing pydantic is most of `wmdctl GROUP --help`'s time, and the root's
options are nearly always unset; so the adapter is built on the first real value.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperOption, _TyperParameter

_TYPE_WORDS = {"int": "INTEGER", "float": "NUMBER", "str": "TEXT", "bool": "BOOLEAN"}


def readable_type(param: _TyperParameter, ctx: Any) -> str | None:
    """FILE, TEXT, INTEGER, a|b|c, or nothing for a flag; `...` when it repeats."""
    if param.metavar is not None:
        return str(param.metavar)
    if isinstance(param, TyperArgument):
        return None  # its name, in capitals, already says what it is: SOURCES...
    if isinstance(param, TyperOption) and (param.is_bool_flag or param.count):
        return None  # a flag takes no value, so none is shown
    desc = param.type_descriptor
    if desc.is_choice:
        label = "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
    elif desc.is_path:
        label = "DIR" if desc.path_type == "directory" else "FILE"
    else:
        inner = param._bare_type(desc.annotation)
        if inner.startswith("list["):
            inner = inner[5:-1]
        label = _TYPE_WORDS.get(inner, inner.upper())
    return label


def _argument_name(self: TyperArgument) -> str:
    name = self.display_name_raw.upper()
    return f"{name}..." if self.metavar is None and self.nargs != 1 else name


def _argument_usage(self: TyperArgument) -> str:
    name = self.display_name_raw.upper()
    name = name if self.required else f"[{name}]"
    return f"{name}..." if self.nargs != 1 else name


class _BuiltOnFirstValue:
    """A parameter's runtime coercion, built only when a value arrives (None and () need none)."""

    def __init__(self, descriptor: Any) -> None:
        self._descriptor = descriptor
        self._real: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:  # exactly what Typer's RuntimeParam.coerce answers for None
            return () if (param.multiple or param.nargs == -1) else None
        if self._real is None:
            from typer._coercion import build_runtime_param

            self._real = build_runtime_param(self._descriptor)
        return self._real.coerce(value, param=param, ctx=ctx)


def _lazy_runtime_param(self: _TyperParameter) -> Any:
    if self._runtime_param is None:
        self._runtime_param = _BuiltOnFirstValue(self.type_descriptor)  # type: ignore[assignment]
    return self._runtime_param


def install() -> None:
    """Idempotent: safe to call from every entry path (console script, CliRunner, completion)."""
    TyperOption.display_type_rich = readable_type  # type: ignore[method-assign,assignment]
    TyperArgument.display_type_rich = readable_type  # type: ignore[method-assign,assignment]
    TyperArgument._rich_display_name = _argument_name  # type: ignore[method-assign]
    TyperArgument._usage_display_name = _argument_usage  # type: ignore[method-assign]
    _TyperParameter.get_runtime_param = _lazy_runtime_param  # type: ignore[method-assign]
