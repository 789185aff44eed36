"""`wmdctl webhooks serve|events|trigger`: receive Zoom's signed webhooks, see what came, send a test one.

Thin: parse flags, call wmdctl.webhooks, render. The library is imported inside the commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from wmdctl.cli.context import AppContext, get_app
from wmdctl.cli.present import emit
from wmdctl.errors import PartialFailure, UsageError

if TYPE_CHECKING:
    from wmdctl.output import Output
    from wmdctl.sync.status import StatusChange
    from wmdctl.webhooks.server import ReceiverHandle, ServeOptions

app = typer.Typer(help="Receive Zoom's signed webhooks (registrations, live attendance) and test them.\n\n"
                  "Example: `wmdctl webhooks events --since 2026-12-01`",
                  no_args_is_help=True)  # fmt: skip

SECRET = "ZOOM_WEBHOOK_SECRET_TOKEN"
JsonOption = Annotated[bool, typer.Option("--json", help="Write JSON to stdout (same as the global --json).")]
WebinarOption = Annotated[
    str | None, typer.Option("--webinar", help="Webinar id (default: the one `wmdctl webinar apply` recorded).")
]


def db_path_for(app_ctx: AppContext) -> Path:
    from wmdctl.webhooks.db import db_path

    return db_path(app_ctx.state_dir, app_ctx.event().key)


def ledger_path_for(app_ctx: AppContext) -> Path:
    """The registrant ledger `wmdctl registrants` keeps, so its list and the next sync know who registered."""
    return app_ctx.event_state().ledger


@app.command("serve")
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to listen on (loopback unless --allow-remote).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0 = any free port).")] = 8787,
    path: Annotated[str, typer.Option(help="The URL path Zoom posts to.")] = "/zoom/webhooks",
    max_age: Annotated[
        float, typer.Option("--max-age", help="Seconds a signed request stays valid (replay window; README).")
    ] = 300,
    allow_remote: Annotated[bool, typer.Option(help="Listen on a non-loopback --host (prefer a proxy).")] = False,
    no_process: Annotated[bool, typer.Option("--no-process", hidden=True, help="Store only; process later.")] = False,
    webinar: WebinarOption = None,
) -> None:
    """Receive Zoom's webhooks: verify each signature, store the event, answer, then process it.

    Registrations update the ledger (and matching ones are approved by [registration.auto_approve]);
    participant events feed `wmdctl live`. Needs ZOOM_WEBHOOK_SECRET_TOKEN.

    Example: `wmdctl webhooks serve --port 8787 --path /zoom/webhooks`
    """
    from wmdctl.webhooks.server import serve_forever
    from wmdctl.webhooks.service import check_listen

    app_ctx = get_app(ctx)
    check_listen(host, path, max_age, allow_remote)
    options = _serve_options(app_ctx, webinar, host=host, port=port, path=path, max_age=max_age,
                             process=not no_process)  # fmt: skip
    try:
        serve_forever(options, lambda handle: _ready(app_ctx, options, handle), log=app_ctx.output.info)
    except OSError as error:
        raise UsageError(f"cannot listen on {host}:{port}: {error.strerror or error}",
                         hint="pick another --port (0 = any free port)") from None  # fmt: skip


def _serve_options(app_ctx: AppContext, webinar: str | None, **listen: Any) -> ServeOptions:
    """The receiver's settings: the secret, the event's rules, its webinar, and a client to approve with."""
    from wmdctl.webhooks.processor import ProcessorConfig
    from wmdctl.webhooks.receiver import ReceiverConfig
    from wmdctl.webhooks.server import ServeOptions

    secret = app_ctx.settings.require(SECRET)
    rules = app_ctx.event().registration.auto_approve
    client = app_ctx.client() if app_ctx.has_credentials() else None  # first: the sandbox sets its URLs
    if client is None and rules.email_domains:
        app_ctx.output.warn("no Zoom credentials: registrations are recorded, but nobody is auto-approved")
    processor = ProcessorConfig(webinar_id=webinar or app_ctx.webinar_id(), ledger_path=ledger_path_for(app_ctx),
                                rules=rules, client=(lambda: client) if client is not None else None)  # fmt: skip
    receiver = ReceiverConfig(secret=secret, path=listen.pop("path"), max_age=listen.pop("max_age"))
    return ServeOptions(db_path=db_path_for(app_ctx), receiver=receiver, processor=processor, **listen)


def _ready(app_ctx: AppContext, options: ServeOptions, handle: ReceiverHandle) -> None:
    import sys

    output, webinar_id = app_ctx.output, options.processor.webinar_id
    url = handle.url(options.receiver.path)
    emit(output, {"url": url, "healthz": handle.url("/healthz"), "webinar_id": webinar_id}, lambda: output.text(url))
    sys.stdout.flush()  # a supervisor or a test reads the URL from a pipe, which Python buffers
    domains = ", ".join(options.processor.rules.email_domains) or "none"
    output.info(f"receiving Zoom webhooks for webinar {webinar_id} at {url}; auto-approve: {domains}")
    output.info("Ctrl-C stops it; events stored but not processed are processed on the next start.")


@app.command("events")
def events(
    ctx: typer.Context,
    kind: Annotated[
        str | None, typer.Option("--type", help="Only this event type, e.g. webinar.participant_joined.")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only events received since this ISO time.")] = None,
    json_output: JsonOption = False,
) -> None:
    """What was received, when, whether it was processed, and why not.

    Example: `wmdctl webhooks events --type webinar.registration_created --since 2026-12-01`
    """
    from wmdctl.cli.render.webhooks import render_events
    from wmdctl.webhooks.service import parse_since, received

    app_ctx = get_app(ctx)
    output = app_ctx.output
    records = received(db_path_for(app_ctx), kind, parse_since(since))
    emit(output, [r.to_dict() for r in records], lambda: render_events(output, records), json_flag=json_output)


@app.command("prune")
def prune(
    ctx: typer.Context,
    older_than: Annotated[
        float, typer.Option("--older-than", metavar="DAYS", help="Delete events received more than DAYS ago.")
    ] = 30,
    failed: Annotated[bool, typer.Option("--failed", help="Delete failed events too (kept by default).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say how many would go; delete nothing.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Delete the stored webhook events this event is done with: their bodies hold names, emails and join links.

    Events not processed yet are always kept. Run it from cron, like the sync.

    Example: `wmdctl webhooks prune --older-than 30 --dry-run`
    """
    from wmdctl.cli.render.webhooks import render_pruned
    from wmdctl.webhooks.service import prune as prune_inbox

    app_ctx = get_app(ctx)
    output = app_ctx.output
    result = prune_inbox(db_path_for(app_ctx), older_than, include_failed=failed, dry_run=dry_run)
    emit(output, result, lambda: render_pruned(output, result), json_flag=json_output)


@app.command("trigger")
def trigger(
    ctx: typer.Context,
    event: Annotated[str, typer.Argument(help="The event to send, e.g. webinar.registration_created.")],
    to: Annotated[str, typer.Option("--to", help="The receiver's URL, e.g. https://hooks.example.org/zoom/webhooks.")],
    email: Annotated[
        str, typer.Option(help="The sample registrant's or participant's email.")
    ] = "ana.garcia@metropolis.org",
    webinar: WebinarOption = None,
    json_output: JsonOption = False,
) -> None:
    """Send a sample event, signed with ZOOM_WEBHOOK_SECRET_TOKEN, to test a receiver (like `stripe trigger`).

    Example: `wmdctl webhooks trigger endpoint.url_validation --to https://hooks.example.org/zoom/webhooks`
    """
    import requests

    from wmdctl.webhooks.samples import SAMPLE_EVENTS, SampleSpec, deliver, sample_event

    app_ctx = get_app(ctx)
    output = app_ctx.output
    if event not in SAMPLE_EVENTS:
        raise UsageError(f"no sample for {event!r}", hint=f"choose one of: {', '.join(SAMPLE_EVENTS)}")
    secret = app_ctx.settings.require(SECRET)
    _warn_plain_http(app_ctx, to)
    spec = SampleSpec(webinar_id=webinar or _recorded_webinar(app_ctx), email=email)
    try:
        result = deliver(to, secret, sample_event(event, spec))
    except requests.RequestException as error:
        raise PartialFailure(f"could not reach {to}: {error}", hint="is `wmdctl webhooks serve` running there?") \
            from None  # fmt: skip
    ok = 200 <= result.status < 300 and result.validation_ok is not False
    emit(output, {"event": event, "to": to, "status": result.status, "ok": ok,
                  "validation_ok": result.validation_ok, "answer": result.body}, json_flag=json_output)  # fmt: skip
    if not ok:
        hint = "the receiver's ZOOM_WEBHOOK_SECRET_TOKEN differs from this one" if result.status == 401 else None
        raise PartialFailure(f"{to} answered {result.status} to {event}: {result.body[:200]}", hint=hint)
    output.success(f"{to} accepted {event} ({result.status})")


def _recorded_webinar(app_ctx: AppContext) -> str:
    from wmdctl.errors import NotFoundError

    try:
        return app_ctx.webinar_id()
    except NotFoundError:
        return "81234567890"  # any id: the receiver answers, stores it and says it is another webinar


def approve_by_rules(app_ctx: AppContext, client: Any, webinar_id: str, *, dry_run: bool) -> StatusChange:
    """`registrants sync --approve-rules`: the webhooks' auto-approval, for anyone they missed."""
    from wmdctl.webhooks.registrations import apply_approve_rules

    rules = app_ctx.event().registration.auto_approve
    if not rules.email_domains:
        app_ctx.output.warn("--approve-rules: the event file has no [registration.auto_approve] email_domains")
    return apply_approve_rules(client, webinar_id, rules, ledger_path=ledger_path_for(app_ctx), dry_run=dry_run)


def show_rules_result(output: Output, change: StatusChange) -> None:
    if change.dry_run:
        output.info("--approve-rules: " + change.would_line())
        return
    output.info(f"--approve-rules: approved {len(change.changed)} pending registrant(s) the rules match")
    for email, why in change.failed.items():
        output.warn(f"--approve-rules: {email} not approved: {why}")


def _warn_plain_http(app_ctx: AppContext, url: str) -> None:
    from urllib.parse import urlsplit

    from wmdctl.config import is_loopback

    parts = urlsplit(url)
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        app_ctx.output.warn(f"{url} is plain http: Zoom only posts to https, and this sample travels unencrypted")
