"""What the `wmdctl campaign` commands share: loading the file, opening the accounts, reporting outcomes."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from wmdctl.cli.context import AppContext
from wmdctl.cli.present import emit

if TYPE_CHECKING:
    from wmdctl.campaign.accounts import Account, Accounts, Outcome
    from wmdctl.campaign.model import Campaign, Session

CampaignOption = Annotated[
    Path,
    typer.Option("--campaign", "-c", envvar="WMD_CAMPAIGN_FILE", help="The campaign file (TOML).", show_default=True),
]
OnlyOption = Annotated[
    list[str] | None, typer.Option("--only", help="Only this session (its key); repeat for several.")
]
DEFAULT_CAMPAIGN = Path("campaign.toml")


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


def load(campaign_file: Path, only: list[str] | None) -> tuple[Campaign, tuple[Session, ...]]:
    from wmdctl.campaign.load import load_campaign

    campaign = load_campaign(campaign_file)
    return campaign, campaign.select(only or [])


def open_accounts(app_ctx: AppContext) -> Accounts:
    """The default account is the CLI's own (flags, .env, --sandbox); a profile is its own account.

    With --sandbox, each profile is its own account (id, credentials, host, data, rate budget) of the one
    in-process sandbox, with its own state dir under the default one's ``profiles/``.
    """
    from wmdctl.campaign.accounts import Account, Accounts, account_from_settings
    from wmdctl.campaign.profiles import load_profile_settings

    log = app_ctx.output.debug if app_ctx.output.verbose else None

    def open_account(profile: str | None) -> Account:
        # A session on the profile the command runs under (--profile) is on the default account.
        if profile is None or profile == getattr(app_ctx.settings, "profile", None):
            client = app_ctx.client()  # first: the sandbox sets the settings' URLs when it starts
            return Account(profile, app_ctx.settings, client, app_ctx.world())
        if not app_ctx.sandbox:
            return account_from_settings(profile, load_profile_settings(profile), log=log, timing=app_ctx.timing)
        return _sandbox_account(app_ctx, profile, log)

    return Accounts(open_account)


def _sandbox_account(app_ctx: AppContext, profile: str, log: Any) -> Account:
    from wmdctl.campaign.accounts import account_from_settings
    from wmdctl.campaign.sandbox_accounts import profile_account, profile_account_id
    from wmdctl.sandbox.accounts import account_store_path
    from wmdctl.state.files import create_private_database, ensure_private_dir

    app_ctx.client()  # starts the one in-process sandbox (the default account's) if nothing has yet
    handle = app_ctx.sandbox_handle
    assert handle is not None, "--sandbox starts the sandbox with the first client"
    # The account's data (registrants' join links) sits beside the sandbox's own file: 0600 like it.
    store = account_store_path(app_ctx.state_dir / "sandbox.db", profile_account_id(profile))
    if store is not None:
        create_private_database(store)
    creds = profile_account(handle, profile, app_ctx.settings.plan)
    app_ctx.output.sandbox_banner(f"{handle.api_url} (profile {profile}: account {creds.account_id})")
    # Its own state dir (ledger, webinar ids), its own credentials and host: only the server is shared.
    state_dir = ensure_private_dir(ensure_private_dir(app_ctx.state_dir / "profiles") / profile)
    overrides = {**handle.settings(creds.account_id), "WMD_STATE_DIR": str(state_dir)}
    settings = app_ctx.settings.with_overrides(overrides, "sandbox")
    world = f"{app_ctx.world()}#{creds.account_id}"
    # The sandbox counts its rate limits on the context's clock: the partner's client paces on it too.
    return account_from_settings(profile, settings, world=world, log=log, timing=app_ctx.timing)


def report_outcomes(
    app_ctx: AppContext, document: dict[str, Any], outcomes: list[Outcome[Any]], describe: Any, title: str
) -> None:
    """The outcomes (their document with --json, else the summary table), then the exit code they call for."""
    show_outcomes(app_ctx, document, outcomes, describe, title)
    exit_for(outcomes)


def show_outcomes(
    app_ctx: AppContext, document: dict[str, Any], outcomes: list[Outcome[Any]], describe: Any, title: str
) -> None:
    """``document`` with --json, else the table of outcomes; then, on stderr, how many sessions failed."""
    from wmdctl.cli.render.campaign import outcomes_table

    output = app_ctx.output
    emit(output, document, lambda: outcomes_table(output, outcomes, describe, title))
    failed = [o for o in outcomes if not o.ok]
    if failed:
        output.warn(f"{len(failed)} of {len(outcomes)} session(s) failed; the others went on")


def sessions_document(outcomes: list[Outcome[Any]]) -> dict[str, Any]:
    """--json's form of a campaign run: each session's outcome, with its result's own document."""
    return {"sessions": [outcome_dict(o, o.result.to_dict() if o.result else None) for o in outcomes]}


def outcome_dict(outcome: Outcome[Any], result: dict[str, Any] | None) -> dict[str, Any]:
    return {"key": outcome.session.key, "title": outcome.session.title, "account": outcome.session.account,
            "ok": outcome.ok, "error": outcome.error, "hint": outcome.hint, "result": result}  # fmt: skip


def on_done(app_ctx: AppContext, describe: Any) -> Any:
    def said(outcome: Outcome[Any]) -> None:
        name = f"{outcome.session.key} [{outcome.session.account}]"
        if outcome.ok:
            app_ctx.output.success(f"{name}: {describe(outcome.result)}")
        else:
            app_ctx.output.error(f"{name}: {outcome.error}", hint=outcome.hint)

    return said


def exit_for(outcomes: list[Outcome[Any]]) -> None:
    from wmdctl.campaign.accounts import campaign_exit_code

    code = campaign_exit_code(outcomes)
    if code:
        raise typer.Exit(int(code))
