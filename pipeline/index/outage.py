"""Outside faults of the store while a run goes on: a database that went away, a disk that filled up.

A PostgreSQL server restarting, or a SQLite file another process keeps locked past the busy timeout,
is an outage to wait out, not a reason to stop: `DatabaseWait.call` retries the step with a clear log
line and resumes, and only after `database_wait_seconds` gives up with a DatabaseError (exit 7). Every
step it retries is idempotent (each is one transaction, or reads again what an earlier attempt did).

A full disk under the store is different: nothing is wrong with the database, but no original can be
kept, so no document may be recorded. `is_store_full` recognises it, and the drivers leave the file
where it is (in the inbox, or claimed) to be taken up again when space returns.
"""

from __future__ import annotations

import errno
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError

from pipeline.errors import DatabaseError

log = logging.getLogger(__name__)

T = TypeVar("T")
FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)
_TRANSIENT = (OperationalError, InterfaceError, DisconnectionError, DatabaseError)
_FIRST_DELAY, _MAX_DELAY = 0.5, 5.0


def is_store_full(exc: BaseException) -> bool:
    """True for 'no space left on device' and 'disk quota exceeded' (the file system's, or SQLite's), also
    when a store error names it as its cause."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in FULL_ERRNOS:
            return True
        if isinstance(seen, DBAPIError) and "database or disk is full" in str(seen.orig):
            return True
        seen = seen.__cause__
    return False


def is_transient(exc: BaseException) -> bool:
    """True for a database fault worth waiting out: lost connection, server starting, file locked."""
    if isinstance(exc, DBAPIError) and not isinstance(exc, OperationalError | InterfaceError):
        return bool(exc.connection_invalidated)
    return isinstance(exc, _TRANSIENT)


def reason(exc: BaseException) -> str:
    """One line about a database fault, without SQL or parameters (they may carry patient data)."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return text[:160]


class DatabaseWait:
    """Runs store steps, waiting out database outages for up to `limit` seconds each."""

    def __init__(self, limit: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.limit = limit
        self.clock = clock
        self.sleep = sleep

    def call(self, what: str, step: Callable[[], T]) -> T:
        """`step()`, retried while the database is unreachable; DatabaseError once that lasted `limit` s."""
        since: float | None = None
        delay = _FIRST_DELAY
        while True:
            try:
                result = step()
            except Exception as exc:  # noqa: BLE001 - only database outages are retried, the rest re-raised
                if is_store_full(exc) or not is_transient(exc):
                    raise
                since = self._wait(what, exc, since, delay)
                delay = min(2 * delay, _MAX_DELAY)
                continue
            if since is not None:
                log.warning("database reachable again after %.0f s: resuming (%s)", self.clock() - since, what)
            return result

    def _wait(self, what: str, exc: Exception, since: float | None, delay: float) -> float:
        now = self.clock()
        if since is None:
            since = now
            log.warning("database unreachable while %s (%s): waiting up to %g s for it to come back",
                        what, reason(exc), self.limit)
        waited = now - since
        if waited >= self.limit:
            raise DatabaseError(
                f"the database stayed unreachable for {waited:.0f} s while {what} ({reason(exc)})",
                hint="unfinished files stay in the inbox or `processing` and are taken up by the next run; "
                     "database_wait_seconds sets how long to wait") from exc
        self.sleep(min(delay, self.limit - waited))
        return since
