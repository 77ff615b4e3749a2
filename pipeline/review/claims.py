"""Claims: a clerk working on an item holds it for a while, so that two clerks never resolve the same item.

Every change to a review item starts with one conditional UPDATE ("open, and unclaimed or claimed by me
or the claim expired"). The database applies it atomically whatever the isolation level, so of two clerks
racing for an item exactly one gets the row; the other is told who has it. A clerk may also pass the
document version they looked at, and a decision fails if the document changed since (optimistic check).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from pipeline.errors import ConflictError, NotFoundError
from pipeline.index import audit
from pipeline.index.models import Document, ReviewItem
from pipeline.index.store import Store, now
from pipeline.review.queue import active_claim, as_utc

log = logging.getLogger(__name__)

DEFAULT_CLAIM = timedelta(minutes=10)


def _when(value: datetime | None) -> str:
    at = as_utc(value)
    return at.strftime("%Y-%m-%d %H:%M:%S UTC") if at else "an unknown time"


def _take(s: Session, doc_id: str, user: str, ttl: timedelta, at: datetime) -> bool:
    """Claim the open item for `user` unless another clerk's unexpired claim holds it; True on success."""
    result = s.execute(
        update(ReviewItem)
        .where(
            ReviewItem.document_id == doc_id,
            ReviewItem.resolved_at.is_(None),
            or_(ReviewItem.claimed_by.is_(None), ReviewItem.claimed_by == user,
                ReviewItem.claim_expires.is_(None), ReviewItem.claim_expires <= at),
        )
        .values(claimed_by=user, claim_expires=at + ttl)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def refusal(s: Session, doc_id: str, user: str, at: datetime) -> Exception:
    """Why `user` cannot take the item: not found, already resolved, or claimed by another clerk."""
    doc = s.get(Document, doc_id, populate_existing=True)
    if doc is None:
        return NotFoundError(f"no document with id {doc_id}", hint="see `docintake review list`")
    item = s.get(ReviewItem, doc_id, populate_existing=True)
    if item is None:
        return NotFoundError(f"document {doc_id} is not in the review queue (status {doc.status})",
                             hint="see `docintake review list`")
    if item.resolved_at is not None:
        return ConflictError(
            f"review item {doc_id} was already resolved ({item.decision}) by {item.resolved_by} at "
            f"{_when(item.resolved_at)}; nothing was changed",
            hint="see `docintake review show " + doc_id + "`; the clerk who decided can undo it")
    holder, expires = active_claim(item, at)
    return ConflictError(
        f"review item {doc_id} is being worked on by {holder or item.claimed_by} (claim expires "
        f"{_when(expires)}); nothing was changed", hint="take another item, or try again after the claim expires")


def take_for_decision(s: Session, doc_id: str, user: str, ttl: timedelta = DEFAULT_CLAIM,
                      expected_version: int | None = None) -> tuple[ReviewItem, Document]:
    """Within a writing session: hold the item for `user` and return it with its document, or raise.

    Raises NotFoundError (no such document or item), ConflictError (resolved, claimed by someone else, or
    the document changed since the clerk saw `expected_version`).
    """
    at = now()
    if not _take(s, doc_id, user, ttl, at):
        raise refusal(s, doc_id, user, at)
    item = s.get(ReviewItem, doc_id, populate_existing=True)
    doc = s.get(Document, doc_id, populate_existing=True)
    assert item is not None and doc is not None  # the UPDATE just matched the item, and it needs its document
    if expected_version is not None and (doc.version or 1) != expected_version:
        raise ConflictError(
            f"document {doc_id} changed since you looked at it (version {expected_version}, now {doc.version}); "
            "nothing was changed", hint=f"look again: `docintake review show {doc_id}`")
    return item, doc


def claim(store: Store, doc_id: str, user: str, ttl: timedelta = DEFAULT_CLAIM) -> int:
    """Hold an open item for `user` for `ttl` (renewing their own claim); returns the document's version."""
    with store.db.session() as s:
        item, doc = take_for_decision(s, doc_id, user, ttl)
        expires = as_utc(item.claim_expires)
        audit.append(s, "claimed", doc_id, user, after={"claim_expires": expires.isoformat() if expires else None})
        version = doc.version or 1
    log.info("review item %s claimed", doc_id)
    return version


def release(store: Store, doc_id: str, user: str) -> bool:
    """Give up `user`'s claim on an item (skipped or left); False when they did not hold it."""
    with store.db.session() as s:
        result = s.execute(
            update(ReviewItem)
            .where(ReviewItem.document_id == doc_id, ReviewItem.claimed_by == user)
            .values(claimed_by=None, claim_expires=None)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0) == 1)
