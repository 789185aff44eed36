"""Each Zoom error maps to its exit code outside the client (wmdctl.errors), and the client never imports exit codes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from wmdctl.errors import WmdctlError
from wmdctl.exitcodes import ExitCode
from wmdctl.zoom.errors import (
    ZoomAuthError,
    ZoomBadRequestError,
    ZoomConnectError,
    ZoomError,
    ZoomNetworkError,
    ZoomNotFoundError,
    ZoomPermissionError,
    ZoomRateLimitError,
    ZoomServerError,
)

CLIENT = Path(__file__).resolve().parents[2] / "wmdctl" / "zoom"


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (ZoomError("x"), ExitCode.PARTIAL),
        (ZoomAuthError("x"), ExitCode.CONFIG),
        (ZoomPermissionError("x"), ExitCode.CONFIG),
        (ZoomNotFoundError("x"), ExitCode.NOT_FOUND),
        (ZoomBadRequestError("x"), ExitCode.PARTIAL),
        (ZoomRateLimitError("x", daily=True), ExitCode.RATE_LIMITED),
        (ZoomRateLimitError("x", daily=False), ExitCode.PARTIAL),
        (ZoomServerError("x"), ExitCode.PARTIAL),
        (ZoomNetworkError("x"), ExitCode.PARTIAL),
        (ZoomConnectError("x"), ExitCode.PARTIAL),
    ],
)
def test_each_zoom_error_has_its_exit_code(error: WmdctlError, expected: ExitCode) -> None:
    assert error.exit_code == expected


def test_the_client_does_not_import_the_exit_codes() -> None:
    offenders = []
    for path in CLIENT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if "wmdctl.exitcodes" in names or module == "wmdctl.exitcodes":
                offenders.append(path.name)
    assert offenders == []
