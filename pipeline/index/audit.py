"""The audit log: append-only rows, each hashing the one before, so tampering is detectable."""

from __future__ import annotations

import hashlib
import json
import os
import pwd
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.index.models import AuditEntry

GENESIS = "0" * 64


def os_user() -> str:
    """The operating-system user running docintake (the default --user)."""
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return str(os.getuid())


def _digest(prev: str, at: datetime, user: str, action: str, doc: str | None, before: str, after: str) -> str:
    payload = json.dumps([prev, at.isoformat(), user, action, doc, before, after], separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def _last_hash(session: Session) -> str:
    last = session.scalars(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    return last or GENESIS


def append(
    session: Session,
    action: str,
    document_id: str | None,
    user: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add one audit row chained to the previous one (in the caller's transaction)."""
    at = datetime.now(UTC).replace(microsecond=0)
    b = json.dumps(before or {}, sort_keys=True, default=str)
    a = json.dumps(after or {}, sort_keys=True, default=str)
    prev = _last_hash(session)
    entry = AuditEntry(
        at=at, user=user, action=action, document_id=document_id, before=b, after=a,
        prev_hash=prev, hash=_digest(prev, at, user, action, document_id, b, a),
    )
    session.add(entry)
    session.flush()
    return entry


def verify(session: Session) -> list[str]:
    """Every break in the chain, as messages naming the audit row; empty when intact."""
    problems = []
    prev = GENESIS
    for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        at = e.at if e.at.tzinfo else e.at.replace(tzinfo=UTC)
        if e.prev_hash != prev:
            problems.append(f"audit row {e.id}: previous-hash link broken (a row was removed or reordered)")
        if _digest(e.prev_hash, at, e.user, e.action, e.document_id, e.before, e.after) != e.hash:
            problems.append(f"audit row {e.id}: contents do not match its hash (the row was altered)")
        prev = e.hash
    return problems
