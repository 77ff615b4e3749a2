"""Undoing a clerk's split: the parts it made are removed, while none of them was decided.

(Apart from pipeline.review.splitting so that pipeline.review.decisions, whose undo calls it, and the
splitting, which builds on the decisions' helpers, do not import each other.)
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pipeline.errors import ConflictError
from pipeline.index.db import UNLINK_AFTER_COMMIT
from pipeline.index.models import Document, Page, ReviewItem
from pipeline.index.store import Store, now
from pipeline.records import Status
from pipeline.review.queue import active_claim


def undo_split(store: Store, s: Session, doc: Document, after: dict[str, Any], user: str) -> list[str]:
    """Remove the parts a split made (refused when any was decided or is being worked on); their ids."""
    ids = [p["id"] for p in after.get("parts") or []]
    for part_id in ids:
        part, item = s.get(Document, part_id), s.get(ReviewItem, part_id)
        if part is None or item is None or item.resolved_at is not None or part.status != Status.review.value:
            raise ConflictError(f"part {part_id} of document {doc.id} was decided since the split; nothing was undone",
                                hint=f"undo the decision on {part_id} first")
        holder, _ = active_claim(item, now())
        if holder not in (None, user):
            raise ConflictError(f"part {part_id} is being worked on by {holder}; nothing was undone")
    s.flush()
    files = {p.original_path for p in s.scalars(select(Document).where(Document.id.in_(ids))) if p.original_path}
    for part_id in ids:
        s.execute(delete(Page).where(Page.document_id == part_id))
        s.execute(delete(ReviewItem).where(ReviewItem.document_id == part_id))
        s.execute(delete(Document).where(Document.id == part_id))
    s.expire_all()
    still = set(s.scalars(select(Document.original_path).where(Document.original_path.in_(files))))
    s.info.setdefault(UNLINK_AFTER_COMMIT, []).extend(store.path(f) for f in files - still)
    return ids
