"""The audit log: append-only rows, each hashing the one before, so tampering is detectable.

Appends are serialised: on SQLite every writing transaction begins IMMEDIATE (db.py), on PostgreSQL the
append locks the one `audit_head` row (SELECT ... FOR UPDATE) before reading the chain's end. So two
processes appending at once queue one behind the other and never both chain onto the same row.
"""

from __future__ import annotations

import hashlib
import json
import os
import pwd
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import Connection, Table, insert, select, update
from sqlalchemy.orm import Session

from pipeline.index.models import AuditEntry, AuditHead

GENESIS = "0" * 64
_HEAD_ID = 1


class AuditAction(StrEnum):
    """What an audit row records."""

    ingested = "ingested"
    duplicate = "duplicate"
    failed = "failed"
    filed = "filed"
    sent_to_review = "sent_to_review"
    claimed = "claimed"
    assigned = "assigned"
    rejected = "rejected"
    retyped = "retyped"
    exported = "exported"
    viewed = "viewed"
    repaired = "repaired"


class ProblemKind(StrEnum):
    """How the chain is broken at a row."""

    altered = "altered"  # the row's contents no longer match its hash
    unlinked = "unlinked"  # its previous-hash link does not name the row before (removed or reordered rows)
    truncated = "truncated"  # the newest rows are gone (the chain head names a later row)


@dataclass(frozen=True)
class ChainProblem:
    """One break in the audit chain."""

    row_id: int | None
    kind: ProblemKind
    message: str


def os_user() -> str:
    """The operating-system user running docintake (the default --user)."""
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return str(os.getuid())


def _utc(at: datetime) -> datetime:
    # SQLite returns naive times, PostgreSQL returns them in the session's zone: hash one form only.
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _digest(prev: str, at: datetime, user: str, action: str, doc: str | None, before: str, after: str) -> str:
    payload = json.dumps([prev, _utc(at).isoformat(), user, action, doc, before, after], separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


_HEAD = cast(Table, AuditHead.__table__)
_LOG = cast(Table, AuditEntry.__table__)
# Built once: an append runs on every state change, so it should not rebuild its statements each time.
_READ_HEAD = select(_HEAD.c.hash, _HEAD.c.count).where(_HEAD.c.id == _HEAD_ID).with_for_update()
_ADD_ROW = insert(_LOG).returning(_LOG.c.id)
_MOVE_HEAD = update(_HEAD).where(_HEAD.c.id == _HEAD_ID)


def _locked_head(session: Session | Connection) -> tuple[str, int]:
    """(hash, count) of the chain's end, its row locked for this transaction (created if missing)."""
    row = session.execute(_READ_HEAD).first()
    if row is None:
        session.execute(insert(_HEAD), {"id": _HEAD_ID, "last_id": 0, "hash": GENESIS, "count": 0})
        return GENESIS, 0
    return row[0], row[1]


def append(
    session: Session | Connection,
    action: AuditAction | str,
    document_id: str | None,
    user: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add one audit row chained to the previous one (in the caller's transaction: a session or a connection).

    Returns a record of the row written (with its id); it is not attached to the session.
    """
    at = datetime.now(UTC).replace(microsecond=0)
    b = json.dumps(before or {}, sort_keys=True, default=str)
    a = json.dumps(after or {}, sort_keys=True, default=str)
    prev, count = _locked_head(session)
    values = {"at": at, "user": user, "action": str(action), "document_id": document_id, "before": b, "after": a,
              "prev_hash": prev, "hash": _digest(prev, at, user, str(action), document_id, b, a)}
    new_id = session.execute(_ADD_ROW, values).scalar_one()
    session.execute(_MOVE_HEAD, {"last_id": new_id, "hash": values["hash"], "count": count + 1})
    return AuditEntry(id=new_id, **values)


def _entries(session: Session) -> Iterator[AuditEntry]:
    yield from session.scalars(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=2000))


def verify_chain(session: Session) -> tuple[int, list[ChainProblem]]:
    """(rows checked, every break in the chain); no problems means intact."""
    problems: list[ChainProblem] = []
    prev, last_id, count = GENESIS, 0, 0
    for e in _entries(session):
        count, last_id = count + 1, e.id
        if e.prev_hash != prev:
            problems.append(ChainProblem(e.id, ProblemKind.unlinked,
                                         f"audit row {e.id}: previous-hash link broken (a row was removed or reordered)"))
        if _digest(e.prev_hash, e.at, e.user, e.action, e.document_id, e.before, e.after) != e.hash:
            problems.append(ChainProblem(e.id, ProblemKind.altered,
                                         f"audit row {e.id}: contents do not match its hash (the row was altered)"))
        prev = e.hash
    problems.extend(_check_head(session, prev, last_id, count))
    return count, problems


def _check_head(session: Session, last_hash: str, last_id: int, count: int) -> list[ChainProblem]:
    head = session.get(AuditHead, _HEAD_ID)
    if head is None:
        return [ChainProblem(None, ProblemKind.truncated, "audit chain head is missing")] if count else []
    if (head.hash, head.last_id, head.count) == (last_hash, last_id, count):
        return []
    return [ChainProblem(head.last_id, ProblemKind.truncated,
                         f"audit chain head names row {head.last_id} of {head.count}, but the log ends at row "
                         f"{last_id} of {count} (rows were removed from the end)")]


def verify(session: Session) -> list[str]:
    """Every break in the chain, as messages naming the audit row; empty when intact."""
    return [p.message for p in verify_chain(session)[1]]


def entry_json(e: AuditEntry) -> dict[str, Any]:
    """The JSON object of one audit row (`audit log --json`)."""
    return {
        "id": e.id, "at": _utc(e.at).isoformat(), "user": e.user, "action": e.action,
        "document_id": e.document_id, "before": json.loads(e.before or "{}"),
        "after": json.loads(e.after or "{}"), "hash": e.hash,
    }


def log_entries(session: Session, document_id: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Audit rows oldest first (optionally one document's; optionally only the newest `limit`)."""
    q = select(AuditEntry)
    if document_id is not None:
        q = q.where(AuditEntry.document_id == document_id)
    q = q.order_by(AuditEntry.id.desc())
    if limit:
        q = q.limit(limit)
    return [entry_json(e) for e in reversed(list(session.scalars(q)))]
