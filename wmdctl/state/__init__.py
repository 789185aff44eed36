"""What wmdctl keeps on disk: the one atomic, mode-aware writer (`files`) and the state dir (`store`)."""

from wmdctl.state.files import (
    atomic_writer,
    create_private_file,
    ensure_private_dir,
    write_bytes_atomic,
    write_json_atomic,
    write_text_atomic,
)
from wmdctl.state.store import EventState, StateStore

__all__ = [
    "EventState",
    "StateStore",
    "atomic_writer",
    "create_private_file",
    "ensure_private_dir",
    "write_bytes_atomic",
    "write_json_atomic",
    "write_text_atomic",
]
