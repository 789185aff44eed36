"""Helpers for event-file tests: start from the embedded default and change one thing."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from typing import Any

import pytest

from wmdctl.errors import EventFileError, ValidationProblem
from wmdctl.event.load import build_event, default_event_text


@pytest.fixture
def default_data() -> dict[str, Any]:
    return copy.deepcopy(tomllib.loads(default_event_text()))


@pytest.fixture
def problems_of() -> Callable[[dict[str, Any]], list[ValidationProblem]]:
    """Build the event from ``data`` and return the problems it must have."""

    def run(data: dict[str, Any]) -> list[ValidationProblem]:
        with pytest.raises(EventFileError) as caught:
            build_event(data, "test.toml")
        assert caught.value.exit_code == 3
        return caught.value.problems

    return run
