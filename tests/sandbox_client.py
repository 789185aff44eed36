"""A real ZoomClient pointed at a running sandbox, built the way the CLI builds one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wmdctl.config import load_settings
from wmdctl.zoom.client import ZoomClient


def sandbox_client(handle: Any, token_cache: Path, *, plan: str = "pro", **client_options: Any) -> ZoomClient:
    """``handle.settings()`` -> Settings -> ClientConfig, as `wmdctl --sandbox` does; nothing from the environment."""
    settings = load_settings(env={**handle.settings(), "ZOOM_PLAN": plan}, cwd=token_cache.parent)
    return ZoomClient(settings.client_config(token_cache=token_cache), **client_options)
