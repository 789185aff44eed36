"""The one place that creates the files and folders wmdctl writes.

Registrant lists are personal data and every join link is a credential, so:
- the state dir is 0700 and every file in it 0600, whatever the umask;
- files the user names (``--out``) follow the umask, unless they hold credentials (``private=True``);
- every write is atomic: a temporary file in the same folder, created exclusively (so a planted symlink is
  never followed), fsynced, then renamed into place. A crash leaves the old file or the new one, never a
  torn one, and ``os.replace`` swaps a symlink at the destination for the file instead of writing through it.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, Literal, overload

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700

_umask_lock = threading.Lock()
_umask_value: int | None = None


def current_umask() -> int:
    """The process umask. Read once: os.umask can only be read by setting it, which is not thread-safe."""
    global _umask_value
    with _umask_lock:
        if _umask_value is None:
            _umask_value = os.umask(0o077)
            os.umask(_umask_value)
        return _umask_value


def public_file_mode() -> int:
    return 0o666 & ~current_umask()


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as 0700. An existing folder is left as it is: see `lax_permissions`."""
    path = Path(path)
    if not path.is_dir():
        missing = [p for p in (path, *path.parents) if not p.exists()]
        path.mkdir(parents=True, exist_ok=True)
        # mkdir's mode is filtered by the umask, so set it outright on what we created.
        for created in missing:
            with contextlib.suppress(OSError):
                os.chmod(created, PRIVATE_DIR_MODE)
    return path


def lax_permissions(path: Path) -> bool:
    """True when others (group or world) may read or write ``path``."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IRWXG | stat.S_IRWXO))


def lax_warning(path: Path, what: str, fix_mode: str) -> str | None:
    """The warning for a ``path`` others may read or write, naming the ``chmod`` that fixes it; else None.

    Only a warning: wmdctl never tightens the modes of a folder or file it did not create. Callers say it
    once per run (AppContext checks the state dir once; settings are loaded once).
    """
    if not lax_permissions(path):
        return None
    mode = stat.S_IMODE(os.stat(path).st_mode)
    return f"{what} {path} is mode {mode:04o}: others can read or change it; fix with `chmod {fix_mode} {path}`"


def create_private_file(path: Path) -> Path:
    """Make sure ``path`` exists as a 0600 regular file (for SQLite databases and lock files).

    Opened with O_NOFOLLOW so a symlink planted in its place is refused, not followed.
    """
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, PRIVATE_FILE_MODE)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, "refusing to follow a symlink", str(path)) from error
        raise
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)
    return path


def create_private_database(path: Path) -> Path:
    """A 0600 SQLite file before sqlite opens it (sqlite gives its -wal and -shm files the same mode)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return create_private_file(path)


def _name_the_destination(error: OSError, path: Path) -> None:
    """A failed fsync names no file and mkstemp names its temp file: name the file the user asked for."""
    if error.errno is not None:  # a bare OSError("...") would print as "[Errno None] None: path"
        error.filename = str(path)
    error.add_note("nothing was written there and nothing partial was left (any earlier version is intact)")


@overload
def atomic_writer(
    path: Path, *, private: bool, binary: Literal[False] = ..., encoding: str = ..., newline: str | None = ...
) -> contextlib.AbstractContextManager[IO[str]]: ...
@overload
def atomic_writer(
    path: Path, *, private: bool, binary: Literal[True], encoding: str = ..., newline: str | None = ...
) -> contextlib.AbstractContextManager[IO[bytes]]: ...
def atomic_writer(
    path: Path, *, private: bool, binary: bool = False, encoding: str = "utf-8", newline: str | None = None
) -> contextlib.AbstractContextManager[IO[Any]]:
    """A stream whose content replaces ``path`` only when the ``with`` block ends without an error."""
    return _atomic_writer(Path(path), private=private, binary=binary, encoding=encoding, newline=newline)


def _temp_beside(path: Path) -> tuple[int, str]:
    """A new temp file in the destination's folder (so the rename is atomic), named after the destination.

    mkstemp opens with O_CREAT|O_EXCL under a random name: it never follows or reuses a planted file.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        _name_the_destination(error, path)
        raise


@contextlib.contextmanager
def _atomic_writer(path: Path, *, private: bool, binary: bool, encoding: str, newline: str | None) -> Iterator[IO[Any]]:
    with _staged(path) as (fd, _):
        os.fchmod(fd, PRIVATE_FILE_MODE if private else public_file_mode())
        stream: IO[Any] = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline=newline)
        with stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())


@contextlib.contextmanager
def _staged(path: Path) -> Iterator[tuple[int, str]]:
    """A temp file beside ``path`` that replaces it when the block succeeds and is removed when it fails:
    the one place both writers rename, clean up, and name the destination in an I/O error."""
    fd, tmp_name = _temp_beside(path)
    try:
        yield fd, tmp_name
        os.replace(tmp_name, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(error, OSError):
            _name_the_destination(error, path)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable. Some file systems refuse to fsync a folder; that is not an error."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_text_atomic(path: Path, text: str, *, private: bool, encoding: str = "utf-8") -> None:
    with atomic_writer(path, private=private, encoding=encoding, newline="") as stream:
        stream.write(text)


def write_bytes_atomic(path: Path, data: bytes, *, private: bool) -> None:
    with atomic_writer(path, private=private, binary=True) as stream:
        stream.write(data)


def write_json_atomic(path: Path, payload: Any, *, private: bool = True) -> None:
    """JSON state (ids, tokens, manifests): readers see the old file or the new one, never a torn one."""
    with atomic_writer(path, private=private) as stream:
        json.dump(payload, stream, indent=2, sort_keys=True, ensure_ascii=False)
        stream.write("\n")


def write_with(path: Path, write: Callable[[Path], None], *, private: bool) -> None:
    """For libraries that insist on a path (openpyxl's ``save``): they write a temp path we then rename."""
    mode = PRIVATE_FILE_MODE if private else public_file_mode()
    with _staged(path) as (fd, tmp_name):
        # Set the mode before the library writes a byte, so the content is never readable by others.
        os.fchmod(fd, mode)
        os.close(fd)
        write(Path(tmp_name))
        os.chmod(tmp_name, mode)  # a library may recreate it
        with open(tmp_name, "rb") as stream:
            os.fsync(stream.fileno())
