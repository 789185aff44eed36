"""A stateful local emulator of the Zoom REST API v2 ("the sandbox").

Try wmdctl without a Zoom account, and run end-to-end tests against something that behaves
like Zoom as documented (shared/docs/zoom-api-notes.md and the Meetings OpenAPI spec).

It imports nothing from the client (wmdctl.zoom) or the feature modules: it parses and writes
the wire format itself, so it cannot share the client's misunderstandings.

    with start_sandbox(SandboxOptions(seed=1)) as sandbox:
        sandbox.api_url, sandbox.oauth_url, sandbox.admin_url

SANDBOX CHOICE: a webinar counts as ended only after ``PUT /webinars/{id}/status {"action":"end"}``
or a simulate call, never by the clock, so that the 2021 seed event stays usable today.
"""

from __future__ import annotations

from wmdctl.sandbox.options import SANDBOX_CREDENTIALS, SandboxCredentials, SandboxOptions
from wmdctl.sandbox.remote import SandboxAdminError, simulate_remote
from wmdctl.sandbox.server import SandboxHandle, serve_forever, start_sandbox
from wmdctl.sandbox.simulate import simulate

__all__ = [
    "SANDBOX_CREDENTIALS",
    "SandboxAdminError",
    "SandboxCredentials",
    "SandboxHandle",
    "SandboxOptions",
    "serve_forever",
    "simulate",
    "simulate_remote",
    "start_sandbox",
]
