"""Leases kept by the database: PostgreSQL advisory locks, for a store that several hosts share.

A file lock (pipeline/ingest/lease.py) excludes only the processes of one host, and flock over NFS is not
to be trusted. When the store's database is PostgreSQL, each process takes a document's lease as a
session advisory lock on one connection of its own. PostgreSQL drops a session's locks when its connection
ends, however the process ends (kill -9 closes the socket; a host that vanishes is noticed by TCP
keepalives), so, as with the file locks, a document left `processing` whose lease is free belongs to nobody.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, Engine, TextClause, text
from sqlalchemy.exc import SQLAlchemyError

from pipeline.errors import DatabaseError
from pipeline.index.store import Store
from pipeline.ingest.lease import Leases

log = logging.getLogger(__name__)

_TRY = text("SELECT pg_try_advisory_lock(:key)")
_UNLOCK = text("SELECT pg_advisory_unlock(:key)")


def lease_key(name: str) -> int:
    """The signed 64-bit advisory lock key of a lease name (a sha256: its first 16 hex digits)."""
    try:
        value = int(name[:16], 16)
    except ValueError:
        value = int.from_bytes(name.encode()[:8].ljust(8, b"\0"), "big")
    return value - (1 << 64) if value >= 1 << 63 else value


class DatabaseLeases:
    """The leases this process holds as PostgreSQL advisory locks (same interface as `Leases`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None
        self._held: set[str] = set()

    def _connection(self) -> Connection:
        if self._conn is None or self._conn.closed or self._conn.invalidated:
            if self._held:
                # The session that held them is gone, and with it the locks: others may take them now.
                log.warning("the database connection holding %d lease(s) was lost", len(self._held))
                self._held.clear()
            self._conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        return self._conn

    def _ask(self, statement: TextClause, key: str) -> bool:
        try:
            return bool(self._connection().execute(statement, {"key": lease_key(key)}).scalar())
        except SQLAlchemyError as exc:
            raise DatabaseError(f"cannot take or give up a lease in the database: {getattr(exc, 'orig', exc)}",
                                hint="check that the PostgreSQL server is running") from exc

    def acquire(self, key: str) -> bool:
        """Take the lease on `key` without waiting; False when this or another process holds it."""
        if key in self._held:
            return False
        if not self._ask(_TRY, key):
            return False
        self._held.add(key)
        return True

    def holds(self, key: str) -> bool:
        """True while this process holds the lease on `key`."""
        return key in self._held

    def is_free(self, key: str) -> bool:
        """True when nobody holds the lease on `key` (a moment's answer)."""
        if not self.acquire(key):
            return False
        self.release(key)
        return True

    def release(self, key: str) -> None:
        """Give the lease up."""
        if key not in self._held:
            return
        self._held.discard(key)
        try:
            self._ask(_UNLOCK, key)
        except DatabaseError:
            pass  # a lost connection released it already

    def release_all(self) -> None:
        """Give up every lease this process holds, and the connection that held them."""
        for key in list(self._held):
            self.release(key)
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def sweep(self) -> int:
        """Nothing to sweep: the database forgets a dead session's locks by itself."""
        return 0


def leases_for(store: Store) -> Leases | DatabaseLeases:
    """Advisory locks when the store's database is PostgreSQL (it may be shared by hosts), else file locks."""
    if store.db.dialect == "postgresql":
        return DatabaseLeases(store.db.engine)
    return Leases(store.root / "leases")
