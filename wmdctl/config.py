"""Settings: flags > environment > dotenv file > defaults, with provenance.

The dotenv file is read with ``dotenv_values`` rather than ``load_dotenv`` so
that the process environment is never mutated: the real environment wins and
tests stay isolated.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from wmdctl.errors import ConfigError

if TYPE_CHECKING:
    from wmdctl.zoom.client import ClientConfig

DEFAULT_API_URL = "https://api.zoom.us/v2"
DEFAULT_OAUTH_URL = "https://zoom.us/oauth/token"
PLANS = ("free", "pro", "business")
SECRET_VARIABLES = frozenset(
    {"ZOOM_CLIENT_SECRET", "ZOOM_WEBHOOK_SECRET_TOKEN", "ZOOM_LIVESTREAM_KEY", "ZOOM_SANDBOX_ADMIN_URL"}
)
REPO_EXAMPLE_NAME = "config.example.env"
PATH_VARIABLES = frozenset({"WMD_EVENT_FILE", "WMD_STATE_DIR"})


@dataclass(frozen=True)
class Variable:
    name: str
    help: str
    default: str | None = None
    secret: bool = False


# Every variable wmdctl reads. config.example.env and the README document each
# one; a test keeps the three in step.
VARIABLES: tuple[Variable, ...] = (
    Variable("ZOOM_ACCOUNT_ID", "Server-to-Server OAuth app: account id"),
    Variable("ZOOM_CLIENT_ID", "Server-to-Server OAuth app: client id"),
    Variable("ZOOM_CLIENT_SECRET", "Server-to-Server OAuth app: client secret", secret=True),
    Variable("ZOOM_HOST", "the webinar host's email or user id (S2S apps must not use 'me')"),
    Variable("ZOOM_API_URL", "Zoom REST API base URL", DEFAULT_API_URL),
    Variable("ZOOM_OAUTH_URL", "Zoom OAuth token URL", DEFAULT_OAUTH_URL),
    Variable("ZOOM_PLAN", "the account's plan, which sets the rate-limit budget: free | pro | business", "pro"),
    Variable(
        "ZOOM_WEBHOOK_SECRET_TOKEN",
        "the Zoom app's webhook Secret Token (Features › Access); `wmdctl webhooks serve` verifies signatures with it",
        secret=True,
    ),
    Variable(
        "ZOOM_LIVESTREAM_KEY",
        "the stream key of the event file's [livestream] (a secret: never in the event file)",
        secret=True,
    ),
    Variable(
        "ZOOM_SANDBOX_ADMIN_URL",
        "a running sandbox's admin URL, printed by `wmdctl sandbox serve`; `sandbox simulate` needs it "
        "(it holds the sandbox's admin token, so it is treated as a secret)",
        secret=True,
    ),
    Variable("WMD_EVENT_FILE", "the event file (TOML); unset means the embedded World Metropolitan Day 2021 event"),
    Variable(
        "WMD_STATE_DIR",
        "where wmdctl keeps its token cache, ledger and webinar ids "
        "(default: $XDG_STATE_HOME/wmdctl, else ~/.local/state/wmdctl)",
    ),
)
VARIABLES_BY_NAME = {v.name: v for v in VARIABLES}


# --- profiles: one dotenv file per Zoom account, side by side ---------------------------------
PROFILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def profiles_dir(env: Mapping[str, str]) -> Path:
    """$XDG_CONFIG_HOME/wmdctl/profiles, else ~/.config/wmdctl/profiles."""
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "wmdctl" / "profiles"


def list_profiles(env: Mapping[str, str] | None = None) -> list[tuple[str, Path]]:
    """(name, file) for every profile, sorted by name."""
    folder = profiles_dir(os.environ if env is None else env)
    if not folder.is_dir():
        return []
    return sorted((p.stem, p) for p in folder.glob("*.env") if p.is_file() and PROFILE_NAME.match(p.stem))


def profile_state_dir(env: Mapping[str, str], profile: str) -> Path:
    return default_state_dir(env) / "profiles" / profile


def _profile_file(env: Mapping[str, str], profile: str) -> Path:
    if not PROFILE_NAME.match(profile):
        raise ConfigError(
            f"{profile!r} is not a profile name",
            variable="WMD_PROFILE",
            hint="a profile name is letters, digits, '.', '_' or '-', like `barcelona`",
        )
    path = profiles_dir(env) / f"{profile}.env"
    if not path.is_file():
        known = ", ".join(name for name, _ in list_profiles(env)) or "none yet"
        raise ConfigError(
            f"no profile {profile!r}: {path} does not exist (profiles: {known})",
            variable="WMD_PROFILE",
            hint=f"create {path} (`wmdctl init` writes a .env to start from), or run `wmdctl config profiles`",
        )
    return path


def default_state_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "wmdctl"


@dataclass(frozen=True)
class Resolved:
    name: str
    value: str | None
    source: str  # "flag", "environment", "<file>", "sandbox", "default" or "unset"

    @property
    def display(self) -> str:
        if self.value is None:
            return "(unset)"
        return redact(self.value) if self.name in SECRET_VARIABLES else self.value


def redact(secret: str) -> str:
    """Show that a secret is set without showing any of it."""
    return "****" if secret else ""


@dataclass
class Settings:
    resolved: dict[str, Resolved] = field(default_factory=dict)
    dotenv_path: Path | None = None
    warnings: list[str] = field(default_factory=list)  # said once on stderr by the CLI (e.g. a readable .env)
    profile: str | None = None  # the named profile in force (--profile / WMD_PROFILE), if any
    profile_source: str = "unset"  # "flag", "environment" or "unset"

    def get(self, name: str) -> str | None:
        return self.resolved[name].value

    @property
    def state_dir(self) -> Path:
        return Path(self.get("WMD_STATE_DIR") or "")

    @property
    def plan(self) -> str:
        return self.get("ZOOM_PLAN") or "pro"

    @property
    def event_file(self) -> Path | None:
        value = self.get("WMD_EVENT_FILE")
        return Path(value) if value else None

    @property
    def host(self) -> str:
        return self.require("ZOOM_HOST")

    def require(self, name: str) -> str:
        value = self.get(name)
        if not value:
            var = VARIABLES_BY_NAME[name]
            raise ConfigError(
                f"{name} is not set ({var.help})",
                variable=name,
                hint=f"set {name} in the environment or in .env (see config.example.env), "
                "or try `wmdctl --sandbox …` without a Zoom account",
            )
        return value

    def client_config(self, token_cache: Path) -> ClientConfig:
        """The Zoom client's configuration; raises ConfigError naming any missing credential."""
        from wmdctl.zoom.account import accounts_root
        from wmdctl.zoom.client import ClientConfig

        return ClientConfig(
            api_url=self.require("ZOOM_API_URL"),
            oauth_url=self.require("ZOOM_OAUTH_URL"),
            account_id=self.require("ZOOM_ACCOUNT_ID"),
            client_id=self.require("ZOOM_CLIENT_ID"),
            client_secret=self.require("ZOOM_CLIENT_SECRET"),
            plan=self.plan,
            token_cache=token_cache,
            accounts_dir=accounts_root(os.environ),  # the account's budget and token, shared by every state dir
        )

    def with_overrides(self, values: Mapping[str, str], source: str) -> Settings:
        resolved = dict(self.resolved)
        for name, value in values.items():
            resolved[name] = Resolved(name, value, source)
        return Settings(resolved, self.dotenv_path, self.warnings, self.profile, self.profile_source)

    def secrets(self) -> list[str]:
        """The secret values in force, for redaction of logs."""
        return [v.value for n, v in self.resolved.items() if n in SECRET_VARIABLES and v.value]


def load_settings(
    *,
    env: Mapping[str, str] | None = None,
    config_file: Path | None = None,
    profile: str | None = None,
    flags: Mapping[str, str | None] | None = None,
    cwd: Path | None = None,
) -> Settings:
    """Resolve every variable: flags > environment > dotenv file > defaults; raise ConfigError for an invalid one.

    The dotenv file is ``config_file``, else the named ``profile`` (or WMD_PROFILE in ``env``), else ./.env.
    A profile's state dir defaults to one of its own, so two accounts' tokens and ledgers never mix.
    """
    env = os.environ if env is None else env
    flags = flags or {}
    profile_source = "flag" if profile else "environment" if env.get("WMD_PROFILE") else "unset"
    profile = profile or env.get("WMD_PROFILE") or None
    dotenv_path = _dotenv_path(env, config_file, profile, cwd)
    file_values = _read_dotenv(dotenv_path)
    state_default = default_state_dir(env) if profile is None else profile_state_dir(env, profile)
    resolved: dict[str, Resolved] = {}
    for var in VARIABLES:
        resolved[var.name] = _resolve(var, flags, env, file_values, dotenv_path, state_default)
    settings = Settings(
        resolved,
        dotenv_path,
        _dotenv_warnings(dotenv_path, file_values),
        profile=profile,
        profile_source=profile_source,
    )
    _validate(settings)
    return settings


def _resolve(
    var: Variable,
    flags: Mapping[str, str | None],
    env: Mapping[str, str],
    file_values: Mapping[str, str],
    dotenv_path: Path | None,
    state_default: Path,
) -> Resolved:
    if flags.get(var.name):
        return Resolved(var.name, flags[var.name], "flag")
    if env.get(var.name):
        return Resolved(var.name, env[var.name], "environment")
    if file_values.get(var.name):
        value = file_values[var.name]
        if var.name in PATH_VARIABLES and dotenv_path is not None:
            # A relative path in a dotenv file means "beside that file", so cron can run from anywhere.
            value = str(dotenv_path.parent / Path(value).expanduser())
        return Resolved(var.name, value, str(dotenv_path))
    if var.name == "WMD_STATE_DIR":
        return Resolved(var.name, str(state_default), "default")
    if var.default is not None:
        return Resolved(var.name, var.default, "default")
    return Resolved(var.name, None, "unset")


def _read_dotenv(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    from dotenv import dotenv_values

    return {k: v for k, v in dotenv_values(path).items() if v is not None}


def _dotenv_path(
    env: Mapping[str, str], config_file: Path | None, profile: str | None, cwd: Path | None
) -> Path | None:
    if config_file is not None and profile is not None:
        raise ConfigError(
            f"both --config {config_file} and the profile {profile!r} name a settings file",
            variable="WMD_PROFILE",
            hint="use one: --config FILE, or --profile NAME (unset WMD_PROFILE to use --config)",
        )
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(f"config file {config_file} does not exist", hint="check the --config path")
        return config_file
    if profile is not None:
        return _profile_file(env, profile)
    candidate = (cwd or Path.cwd()) / ".env"
    return candidate if candidate.is_file() else None


def _dotenv_warnings(dotenv_path: Path | None, file_values: Mapping[str, str]) -> list[str]:
    """A .env holding the client secret must be readable by its owner only; say so, with the fix."""
    from wmdctl.state.files import lax_warning

    if dotenv_path is None or not any(file_values.get(name) for name in SECRET_VARIABLES):
        return []
    warning = lax_warning(dotenv_path, "the settings file, which holds ZOOM_CLIENT_SECRET,", "600")
    return [warning] if warning else []


def _validate(settings: Settings) -> None:
    plan = settings.get("ZOOM_PLAN")
    if plan not in PLANS:
        raise ConfigError(
            f"ZOOM_PLAN={plan!r} is not one of {', '.join(PLANS)}",
            variable="ZOOM_PLAN",
            hint="set ZOOM_PLAN to your Zoom account's plan; it sets the rate-limit budget",
        )
    for name in ("ZOOM_API_URL", "ZOOM_OAUTH_URL"):
        check_zoom_url(name, settings.get(name) or "")


def check_zoom_url(name: str, url: str) -> None:
    """HTTPS, except on loopback (the sandbox): plain HTTP would send the client secret and every
    registrant's personal data, join links included, readable by anyone on the path."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigError(f"{name}={url!r} is not an http(s) URL", variable=name, hint=f"unset {name} to use Zoom's")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ConfigError(
            f"{name}={url!r} uses plain HTTP to {parts.hostname}: the client secret, tokens and registrants' "
            "join links would cross the network unencrypted",
            variable=name,
            hint=f"use https:// (or unset {name} to use Zoom's); plain http is allowed only on loopback, "
            "for the sandbox",
        )


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost: never leaves the machine."""
    if host.rstrip(".").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def render_example_env() -> str:
    """The text of config.example.env, generated from VARIABLES (a test keeps the file in step)."""
    lines = [
        "# wmdctl settings. Copy to .env (or pass --config FILE) and fill in.",
        "# Precedence: command-line flags > environment > this file > defaults.",
        "# Relative paths here are relative to this file.",
        "",
    ]
    for var in VARIABLES:
        lines.append(f"# {var.help}")
        if var.default is not None:
            lines.append(f"# default: {var.default}")
        lines.append(f"{var.name}=")
        lines.append("")
    return "\n".join(lines)
