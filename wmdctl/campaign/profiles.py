"""Settings for a profile (a Zoom account), until `--profile` lands in wmdctl.config.

A profile is ``$XDG_CONFIG_HOME/wmdctl/profiles/NAME.env`` (else ``~/.config/...``), with its own state
dir. When ``wmdctl.config.load_settings`` takes ``profile=``, that is used instead of this fallback.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from wmdctl.errors import ConfigError

if TYPE_CHECKING:
    from wmdctl.config import Settings

PROFILES_DIR = "profiles"


def profile_file(name: str, env: Mapping[str, str]) -> Path:
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "wmdctl" / PROFILES_DIR / f"{name}.env"


def profile_state_dir(name: str, env: Mapping[str, str]) -> Path:
    from wmdctl.config import default_state_dir

    return default_state_dir(env) / PROFILES_DIR / name


def load_profile_settings(name: str, env: Mapping[str, str] | None = None) -> Settings:
    from wmdctl import config

    env = os.environ if env is None else env
    # The default account's variables in the environment (ZOOM_*, WMD_STATE_DIR) would win over the profile's
    # own file: they must not leak into another account.
    own_env = {k: v for k, v in env.items() if k not in config.VARIABLES_BY_NAME and k != "WMD_PROFILE"}
    path = profile_file(name, env)
    if not path.is_file():
        raise ConfigError(f"profile {name!r} is not configured: {path} does not exist",
                          hint=f"write the account's ZOOM_* settings to {path}")  # fmt: skip
    if "profile" in inspect.signature(config.load_settings).parameters:
        return config.load_settings(env=own_env, profile=name)  # type: ignore[call-arg, unused-ignore]
    settings = config.load_settings(env=own_env, config_file=path)
    if settings.resolved["WMD_STATE_DIR"].source == "default":
        settings = settings.with_overrides({"WMD_STATE_DIR": str(profile_state_dir(name, env))}, source="profile")
    return settings
