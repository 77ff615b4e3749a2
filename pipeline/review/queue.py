"""The review queue: why items are in it, how old they are, and listing them oldest first."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.index.listing import session_reader
from pipeline.index.models import Document, ReviewItem
from pipeline.index.store import Store, now
from pipeline.review.items import (  # noqa: F401  (re-exported: the review library's names live here)
    DECISIONS,
    DecisionAction,
    QueueItem,
    ReviewReason,
    as_utc,
    best_candidate_of,
    main_reasons,
    parse_duration,
    parse_reason,
    queue_items,
)


def best_candidate(doc: Document) -> tuple[str | None, float | None]:
    """(MRN, score) of the matcher's best candidate for a document, or (None, None)."""
    return best_candidate_of(doc.match_json)


def active_claim(item: ReviewItem, at: datetime) -> tuple[str | None, datetime | None]:
    """(clerk, expiry) of an unexpired claim on the item, else (None, None)."""
    expires = as_utc(item.claim_expires)
    if item.claimed_by and expires is not None and expires > at:
        return item.claimed_by, expires
    return None, None


def open_items(s: Session) -> list[tuple[ReviewItem, Document]]:
    """Unresolved review items with their documents, oldest received first."""
    q = (
        select(ReviewItem, Document)
        .join(Document, Document.id == ReviewItem.document_id)
        .where(ReviewItem.resolved_at.is_(None))
        .order_by(Document.received_at, ReviewItem.created_at, Document.id)
    )
    return [(item, doc) for item, doc in s.execute(q)]


def list_queue(store: Store, reason: ReviewReason | None = None, older_than: timedelta | None = None,
               at: datetime | None = None) -> list[QueueItem]:
    """Open review items, oldest first; optionally only one reason, or only those older than a duration."""
    with store.db.read() as s:
        return queue_items(session_reader(s), reason, older_than, at or now())
