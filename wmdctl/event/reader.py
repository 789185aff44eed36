"""Read a parsed TOML document key by key, collecting every problem.

A user who mistypes three keys should learn about all three in one run, so
nothing here raises: each accessor records a ValidationProblem with the full
key path (``panels[1].speakers[0].email``) and returns a harmless default.
Tables remember which keys were read; ``unknown_key_problems`` then reports
the rest, with a "did you mean" for typos.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any, TypeVar

from wmdctl.errors import ValidationProblem

T = TypeVar("T")

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
EMAIL_MAX = 128  # Zoom's registrant/panelist email field

_TYPE_NAMES = {str: "a string", bool: "true or false", int: "an integer", list: "an array", dict: "a table"}


def _kind(value: Any) -> str:
    for py_type, name in (
        (bool, "a boolean"),
        (int, "an integer"),
        (float, "a number"),
        (str, "a string"),
        (list, "an array"),
        (dict, "a table"),
        (datetime, "a date-time"),
        (date, "a date"),
        (time, "a time"),
    ):
        if isinstance(value, py_type):
            return name
    return type(value).__name__


class Reader:
    """Shared by every table of one document: the problems and the tables to check for unknown keys."""

    def __init__(self) -> None:
        self.problems: list[ValidationProblem] = []
        self._tables: list[Table] = []

    def add(self, where: str, reason: str) -> None:
        self.problems.append(ValidationProblem(where, reason))

    def root(self, data: Mapping[str, Any]) -> Table:
        return Table(self, data, "")

    def unknown_key_problems(self) -> None:
        for table in self._tables:
            table.report_unknown_keys()


class Table:
    """One TOML table at a key path."""

    def __init__(self, reader: Reader, data: Mapping[str, Any], path: str) -> None:
        self.reader = reader
        self.data = data
        self.path = path
        self._read: set[str] = set()
        reader._tables.append(self)

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        self._read.add(key)
        return key in self.data

    def _get(self, key: str, expected: type[T], required: bool, default: T) -> T:
        self._read.add(key)
        if key not in self.data:
            if required:
                self.reader.add(self.where(key), "required key is missing")
            return default
        value = self.data[key]
        # bool is an int in Python: never accept true where a number is meant.
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            self.reader.add(self.where(key), f"expected {_TYPE_NAMES[expected]}, got {_kind(value)}")
            return default
        return value

    def text(self, key: str, *, required: bool = True, default: str = "", max_len: int | None = None) -> str:
        value = self._get(key, str, required, default).strip()
        if required and isinstance(self.data.get(key), str) and not value:
            self.reader.add(self.where(key), "must not be empty")
        if max_len is not None and len(value) > max_len:
            self.reader.add(self.where(key), f"is {len(value)} characters long; Zoom allows at most {max_len}")
        return value

    def flag(self, key: str, default: bool) -> bool:
        return self._get(key, bool, False, default)

    def integer(self, key: str, default: int, *, minimum: int, maximum: int) -> int:
        value = self._get(key, int, False, default)
        if not minimum <= value <= maximum:
            self.reader.add(self.where(key), f"must be between {minimum} and {maximum}, got {value}")
            return default
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self._get(key, str, False, default)
        if value not in choices:
            self.reader.add(self.where(key), f"must be one of {', '.join(repr(c) for c in choices)}, got {value!r}")
            return default
        return value

    def email(self, key: str, *, required: bool = True) -> str:
        value = self.text(key, required=required)
        if value and (len(value) > EMAIL_MAX or not EMAIL_RE.match(value)):
            self.reader.add(self.where(key), f"{value!r} is not a valid email address")
        return value

    def texts(
        self, key: str, *, required: bool = True, max_items: int | None = None, max_len: int | None = None
    ) -> tuple[str, ...]:
        values = self._get(key, list, required, [])
        result: list[str] = []
        for i, value in enumerate(values):
            where = f"{self.where(key)}[{i}]"
            if not isinstance(value, str) or not value.strip():
                self.reader.add(where, f"expected a non-empty string, got {_kind(value)}")
                continue
            if max_len is not None and len(value.strip()) > max_len:
                self.reader.add(where, f"is {len(value.strip())} characters long; Zoom allows at most {max_len}")
            result.append(value.strip())
        if max_items is not None and len(values) > max_items:
            self.reader.add(self.where(key), f"has {len(values)} items; Zoom allows at most {max_items}")
        return tuple(result)

    def table(self, key: str, *, required: bool = False) -> Table:
        return Table(self.reader, self._get(key, dict, required, {}), self.where(key))

    def tables(self, key: str, *, required: bool = False) -> list[Table]:
        """An array of tables (``[[panels]]``); items that are not tables are reported and skipped."""
        items = self._get(key, list, required, [])
        tables = []
        for i, item in enumerate(items):
            if isinstance(item, dict):
                tables.append(Table(self.reader, item, f"{self.where(key)}[{i}]"))
            else:
                self.reader.add(f"{self.where(key)}[{i}]", f"expected a table, got {_kind(item)}")
        return tables

    def raw(self, key: str) -> Any:
        """The value as TOML gave it (for keys whose type varies, like times)."""
        self._read.add(key)
        return self.data.get(key)

    def report_unknown_keys(self) -> None:
        known = sorted(self._read)
        for key in self.data:
            if key not in self._read:
                close = difflib.get_close_matches(key, known, n=1)
                suggestion = f" (did you mean {close[0]!r}?)" if close else f"; known keys: {', '.join(known)}"
                self.reader.add(self.where(key), f"unknown key{suggestion}")
