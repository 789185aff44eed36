"""Run the receiver: werkzeug's threaded server in front, the worker thread behind.

werkzeug's server (already a dependency, and what the sandbox uses) is enough behind a reverse proxy:
Zoom sends a few events a second at most, each answered in milliseconds. TLS is the proxy's job (README).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from wmdctl.errors import UsageError
from wmdctl.signals import serve_until_stopped
from wmdctl.state.files import create_private_file
from wmdctl.webhooks.db import Database
from wmdctl.webhooks.inbox import Inbox
from wmdctl.webhooks.processor import Processor, ProcessorConfig
from wmdctl.webhooks.receiver import ReceiverApp, ReceiverConfig

Log = Callable[[str], None]


class _QuietHandler(WSGIRequestHandler):
    """No access log with client addresses on every line: rejections are logged by the app, with why."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


@dataclass
class ServeOptions:
    db_path: Path
    receiver: ReceiverConfig
    processor: ProcessorConfig
    host: str = "127.0.0.1"
    port: int = 8787
    process: bool = True  # False: store only (the tests kill a receiver whose events are stored, unprocessed)


class ReceiverHandle:
    def __init__(self, server: BaseWSGIServer, db: Database, processor: Processor | None, lock: FileLock | None):
        self._server = server
        self.db = db
        self.processor = processor
        self._lock = lock
        host, port = str(server.server_address[0]), int(server.server_address[1])
        self.port = port
        self.base_url = f"http://{host}:{port}"
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.1}, name=f"wmdctl-webhooks-{port}", daemon=True
        )
        self._stopped = False

    def url(self, path: str) -> str:
        return self.base_url + path

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        if self.processor is not None:
            self.processor.stop()
        self.db.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> ReceiverHandle:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def _processing_lock(db_path: Path) -> FileLock:
    """One worker per event: two would approve the same person twice."""
    path = db_path.with_name(db_path.name + ".lock")
    create_private_file(path)
    lock = FileLock(str(path), mode=0o600)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise UsageError(
            "another `wmdctl webhooks serve` is already processing this event's webhooks",
            hint="stop it first, or give this one --no-process",
        ) from None
    return lock


def start_receiver(options: ServeOptions, log: Log = lambda message: None) -> ReceiverHandle:
    """Listen in a background thread; processing (when enabled) resumes whatever the inbox holds open."""
    lock = _processing_lock(options.db_path) if options.process else None
    db = Database(options.db_path)
    processor = Processor(db, options.processor, log=log) if options.process else None
    app = ReceiverApp(options.receiver, Inbox(db), on_stored=processor.wake if processor else lambda: None, log=log)
    try:
        server = make_server(options.host, options.port, app, threaded=True, request_handler=_QuietHandler)
    except BaseException:
        db.close()
        if lock is not None:
            lock.release()
        raise
    handle = ReceiverHandle(server, db, processor, lock)
    if processor is not None:
        processor.start()
    handle._thread.start()
    return handle


def serve_forever(
    options: ServeOptions, on_ready: Callable[[ReceiverHandle], None], log: Log, stop: threading.Event | None = None
) -> None:
    """Serve in the foreground until SIGINT/SIGTERM (or ``stop``)."""
    handle = start_receiver(options, log)
    serve_until_stopped(stop or threading.Event(), lambda: on_ready(handle), handle.stop)
