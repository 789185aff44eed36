"""`wmdctl sandbox serve|simulate`: the local Zoom emulator.

Thin: parse flags, call wmdctl.sandbox, print. The sandbox (werkzeug) is imported
inside the commands so that `wmdctl --version` stays fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from wmdctl.cli.context import get_app
from wmdctl.cli.present import emit
from wmdctl.errors import ConfigError, NotFoundError, UsageError

if TYPE_CHECKING:
    from wmdctl.output import Output
    from wmdctl.sandbox import SandboxHandle

app = typer.Typer(
    help="Run the local Zoom emulator (sandbox) and simulate a webinar in it.\n\n"
    "Example: `wmdctl --sandbox sandbox simulate --seed 7`",
    no_args_is_help=True,
)

PLANS = ("free", "pro", "business")


def _env_lines(handle: SandboxHandle) -> list[str]:
    # Printing the demo client secret is the point here: the lines are meant to be pasted into .env,
    # and it is a fixed public value that opens only this local emulator. The admin URL holds this
    # process's admin token: printing it once at start is how its owner learns it.
    from wmdctl.sandbox.remote import ADMIN_URL_VARIABLE

    pairs = {ADMIN_URL_VARIABLE: handle.admin_url, **handle.settings()}
    return [f"{name}={value}" for name, value in pairs.items()]


def _account_settings(handle: SandboxHandle, account_id: str) -> dict[str, str]:
    from wmdctl.sandbox.remote import ADMIN_URL_VARIABLE

    return {ADMIN_URL_VARIABLE: handle.account_admin_url(account_id), **handle.settings(account_id)}


WebhookUrlOption = Annotated[
    str | None, typer.Option(help="Send Zoom's webhooks (signed) to this URL, e.g. `wmdctl webhooks serve`'s.")
]
WebhookSecretOption = Annotated[
    str | None,
    typer.Option(
        help="The secret token that signs the webhooks (never printed).",
        envvar="ZOOM_WEBHOOK_SECRET_TOKEN",
        show_default=False,
    ),
]


@app.command("serve")
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to listen on (loopback unless --allow-remote).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0 = any free port).")] = 9100,
    state: Annotated[Path | None, typer.Option("--state", help="SQLite file that keeps the state across runs.")] = None,
    plan: Annotated[str, typer.Option(help="Rate-limit budget to emulate: free | pro | business.")] = "pro",
    latency_ms: Annotated[int, typer.Option(help="Delay every API answer by this many milliseconds.")] = 0,
    fail_rate: Annotated[float, typer.Option(help="Share of API calls answered 500/502/503 (0-1).")] = 0.0,
    drop_rate: Annotated[float, typer.Option(help="Share of API calls whose connection is cut (0-1).")] = 0.0,
    seed: Annotated[int | None, typer.Option(help="Seed for ids and faults, for reproducible runs.")] = None,
    allow_remote: Annotated[bool, typer.Option(help="Allow a non-loopback --host (anyone can reset it).")] = False,
    accounts: Annotated[int, typer.Option(help="Serve this many Zoom accounts, each with its own credentials.")] = 1,
    webhook_url: WebhookUrlOption = None,
    webhook_secret_token: WebhookSecretOption = None,
) -> None:
    """Serve the Zoom emulator in the foreground and print the settings that point wmdctl at it.

    Example: `wmdctl sandbox serve --port 9100 --state sandbox.db --fail-rate 0.05 --seed 7`
    """
    from wmdctl.sandbox import SandboxOptions, serve_forever

    output = get_app(ctx).output
    _check_listen(host, plan, allow_remote=allow_remote)
    with _refused_as_usage():
        options = SandboxOptions(
            state_path=state, plan=plan, latency_ms=latency_ms, fail_rate=fail_rate, drop_rate=drop_rate, seed=seed,
            host=host, port=port, accounts=accounts, webhook_url=webhook_url,
            webhook_secret_token=webhook_secret_token if webhook_url else None,
        )  # fmt: skip
    try:
        serve_forever(options, lambda handle: _ready(output, handle, webhook_url))
    except OSError as error:
        raise UsageError(
            f"cannot listen on {host}:{port}: {error.strerror or error}", hint="pick another --port (0 = any free port)"
        ) from None


def _check_listen(host: str, plan: str, *, allow_remote: bool) -> None:
    """Refuse a non-loopback host (unless allowed) and an unknown plan before anything listens."""
    from wmdctl.sandbox.remote import is_loopback

    if not is_loopback(host) and not allow_remote:
        raise UsageError(f"--host {host} is not a loopback address", hint="pass --allow-remote to listen there anyway")
    if plan not in PLANS:
        raise UsageError(f"--plan {plan!r} is not one of {', '.join(PLANS)}", hint="use --plan free|pro|business")


@contextmanager
def _refused_as_usage() -> Iterator[None]:
    """The options the emulator refuses (rates, account count, a webhook without a secret) are usage errors."""
    try:
        yield
    except ValueError as error:
        raise UsageError(
            str(error),
            hint="rates are fractions between 0 and 1; --accounts 1 to 50; "
            "--webhook-url needs --webhook-secret-token (or ZOOM_WEBHOOK_SECRET_TOKEN)",
        ) from None


def _ready(output: Output, handle: SandboxHandle, webhook_url: str | None) -> None:
    """Once listening: the settings (as a JSON object, or as .env lines), then how to use them, on stderr."""
    from wmdctl.cli.render.sandbox import print_env_lines

    emit(
        output,
        _settings_document(handle),
        lambda: print_env_lines(output, _env_lines(handle), _profile_settings(handle)),
    )
    output.info(f"Zoom sandbox listening on {handle.api_url}; Ctrl-C stops it.")
    if webhook_url:
        _say_webhooks(output, handle, webhook_url)
    output.info("Paste the lines above into .env (or export them) to point wmdctl at it.")


def _say_webhooks(output: Output, handle: SandboxHandle, webhook_url: str) -> None:
    """Whether the start-up URL validation passed: events go only to a URL that answered it, as with Zoom."""
    from wmdctl.sandbox.webhook_admin import sender

    state = sender(handle.sandbox).public()
    if state.get("validated"):
        output.info(f"Sending Zoom's webhooks to {webhook_url}, signed with the secret token given (URL validated).")
        return
    why = state.get("validation_error") or "no answer"
    output.warn(
        f"{webhook_url} failed Zoom's URL validation ({why}): events wait until it passes; start the receiver, "
        "then POST to the admin URL's /webhooks/validate"
    )


def _settings_document(handle: SandboxHandle) -> dict[str, Any]:
    """--json's form of the settings: the default account's, and each account's when there are several."""
    shown: dict[str, Any] = {k: v for k, _, v in (line.partition("=") for line in _env_lines(handle))}
    if len(handle.accounts()) > 1:
        shown["accounts"] = [_account_settings(handle, creds.account_id) for creds in handle.accounts()]
    return shown


def _profile_settings(handle: SandboxHandle) -> dict[str, dict[str, str]]:
    """The settings of each account after the first, which a profile uses, by account id."""
    return {creds.account_id: _account_settings(handle, creds.account_id) for creds in handle.accounts()[1:]}


@app.command("simulate")
def simulate(
    ctx: typer.Context,
    webinar: Annotated[str | None, typer.Option("--webinar", help="Webinar id (default: the event's).")] = None,
    attendance: Annotated[float, typer.Option(help="Share of approved registrants who attend (0-1).")] = 0.6,
    seed: Annotated[int, typer.Option(help="Same seed, same attendance data.")] = 0,
) -> None:
    """End a sandbox webinar and generate its attendance, Q&A and poll answers.

    Example: `wmdctl --sandbox sandbox simulate --attendance 0.7 --seed 3`
    """
    from wmdctl.cli.render.sandbox import render_simulation
    from wmdctl.sandbox.remote import ADMIN_URL_VARIABLE, SandboxAdminError, admin_url_for, simulate_remote

    app_ctx = get_app(ctx)
    if not 0.0 <= attendance <= 1.0:
        raise UsageError(f"--attendance {attendance} is not between 0 and 1", hint="e.g. --attendance 0.6")
    if app_ctx.sandbox:
        app_ctx.client()  # starts the in-process sandbox and points the settings at it
    api_url = app_ctx.settings.require("ZOOM_API_URL")
    webinar_id = webinar or app_ctx.webinar_id()
    # The in-process sandbox hands its admin URL over; a served one printed it at start for the environment.
    admin_url = app_ctx.sandbox_admin_url or app_ctx.settings.get(ADMIN_URL_VARIABLE)
    try:
        summary = simulate_remote(admin_url_for(api_url, admin_url), webinar_id, attendance=attendance, seed=seed)
    except SandboxAdminError as error:
        if error.status == 404:
            raise NotFoundError(
                f"webinar {webinar_id} is not in the sandbox", hint="run `wmdctl webinar apply` first"
            ) from None
        raise ConfigError(
            str(error),
            variable="ZOOM_API_URL",
            hint=f"start one with `wmdctl sandbox serve` and export its ZOOM_API_URL and {ADMIN_URL_VARIABLE}, "
            "or pass --sandbox",
        ) from None
    emit(app_ctx.output, summary, lambda: render_simulation(app_ctx.output, summary))
