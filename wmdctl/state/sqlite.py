"""What every SQLite file of wmdctl's needs: one way to take a write transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager


@contextmanager
def immediate_transaction(db: sqlite3.Connection, lock: AbstractContextManager[object]) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE under the connection's thread lock: the write lock is taken up front, so two processes
    never both read and then collide on their writes (SQLITE_BUSY half-way through); rolled back on any error.
    The connection must be in autocommit mode (``isolation_level=None``).
    """
    with lock:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
