"""The shared reference files beside the checkout (``../shared``): Zoom's specs, the notes, the announcement.

They are not part of the repo and must not be copied into it. Outside CI a test that needs one skips with
the reason; in CI (``CI=true``) a missing file is a failure, so a broken checkout can't pass by skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def shared_file(relative: str) -> Path:
    """The path of ``../shared/<relative>``; skips (or fails, in CI) when it is missing."""
    path = SHARED_DIR / relative
    if not path.is_file():
        message = f"{relative} not found in {SHARED_DIR} (shared data beside the checkout, not in the repo)"
        if in_ci():
            pytest.fail(f"{message}; CI=true, so this is a failure, not a skip")
        pytest.skip(message)
    return path


def require_module(name: str) -> object:
    """Import a test-extra package; skip without it locally, fail under CI (where the extra is installed)."""
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError as exc:
        message = f"{name} is not installed (pip install -e '.[test]'): {exc}"
        if in_ci():
            pytest.fail(f"{message}; CI=true, so this is a failure, not a skip")
        pytest.skip(message)
