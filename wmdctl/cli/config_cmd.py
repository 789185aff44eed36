"""`wmdctl config show` and `wmdctl init`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wmdctl.cli.context import AppContext, get_app
from wmdctl.cli.present import emit
from wmdctl.errors import UsageError

app = typer.Typer(
    help="Show the resolved configuration and the profiles.\n\nExample: `wmdctl config show --profile barcelona`",
    no_args_is_help=True,
)


@app.command("show")
def show(ctx: typer.Context) -> None:
    """Print every setting, its value (secrets redacted) and where it came from, and the profile in force.

    Example: `wmdctl config show --json`
    """
    app_ctx = get_app(ctx)
    settings = app_ctx.settings
    rows = [(r.name, r.display, r.source) for r in settings.resolved.values()]
    rows.append(("WMD_PROFILE", settings.profile or "(none)", settings.profile_source))
    data: dict[str, dict[str, str | None]] = {name: {"value": value, "source": source} for name, value, source in rows}
    data["WMD_PROFILE"]["value"] = settings.profile  # null, not "(none)", for scripts
    emit(app_ctx.output, data, lambda: app_ctx.output.table(("variable", "value", "source"), rows))


@app.command("profiles")
def profiles(ctx: typer.Context) -> None:
    """List the profiles: one settings file per Zoom account, in ~/.config/wmdctl/profiles/NAME.env.

    Each profile keeps its own state dir (token cache, ledger, ids) unless its file sets WMD_STATE_DIR.

    Example: `wmdctl config profiles --json`
    """
    import os

    from wmdctl.config import list_profiles, load_settings, profiles_dir

    app_ctx = get_app(ctx)
    found = list_profiles()
    rows = []
    for name, path in found:
        state = load_settings(profile=name).state_dir
        rows.append(
            {"profile": name, "file": str(path), "state_dir": str(state), "in_use": name == app_ctx.settings.profile}
        )

    def human() -> None:
        table = [(r["profile"], r["file"], r["state_dir"], "yes" if r["in_use"] else "") for r in rows]
        app_ctx.output.table(("profile", "file", "state dir", "in use"), table)
        if not found:
            app_ctx.output.info(f"no profiles yet: create {profiles_dir(os.environ)}/NAME.env")

    emit(app_ctx.output, rows, human)


def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(help="Where to write event.toml and .env.")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    campaign: Annotated[
        bool,
        typer.Option("--campaign", help="Write an example campaign instead: WMD 2021 and two partner-city sessions."),
    ] = False,
) -> None:
    """Write an editable copy of the embedded event file and a .env to fill in.

    Example: `wmdctl init my-event && cd my-event && $EDITOR event.toml .env`
    """
    from importlib.resources import files

    from wmdctl.config import render_example_env
    from wmdctl.state.files import write_text_atomic

    app_ctx = get_app(ctx)
    if campaign:
        _init_campaign(app_ctx, directory, force)
        return
    event_text = files("wmdctl").joinpath("events/wmd2021.toml").read_text(encoding="utf-8")
    env_text = render_example_env().replace("WMD_EVENT_FILE=\n", "WMD_EVENT_FILE=event.toml\n")
    targets = {directory / "event.toml": event_text, directory / ".env": env_text}
    existing = [str(p) for p in targets if p.exists()]
    if existing and not force:
        raise UsageError(f"refusing to overwrite {', '.join(existing)}", hint="pass --force to overwrite")
    for path, text in targets.items():
        # .env will hold the client secret: 0600 from its first byte, never chmod-ed afterwards.
        write_text_atomic(path, text, private=path.name == ".env")
        app_ctx.output.success(f"wrote {path}")
    emit(app_ctx.output, {"written": [str(p) for p in targets]})  # the human form was the lines above
    app_ctx.output.info("Next: fill in .env, then run `wmdctl doctor` and `wmdctl webinar plan`.")


def _init_campaign(app_ctx: AppContext, directory: Path, force: bool) -> None:
    from wmdctl.campaign.example import write_example_campaign

    written = write_example_campaign(directory, force=force)
    for path in written:
        app_ctx.output.success(f"wrote {path}")
    emit(app_ctx.output, {"written": [str(p) for p in written]})  # the human form was the lines above
    app_ctx.output.info("Next: set up the 'partner-city' profile, then run `wmdctl campaign plan` in that folder.")
