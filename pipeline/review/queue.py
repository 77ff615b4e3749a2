"""The review queue: why items are in it, how old they are, and listing them oldest first."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline import route
from pipeline.errors import DocintakeError
from pipeline.index.models import Document, Patient, ReviewItem
from pipeline.index.store import Store, now


def as_utc(value: datetime | None) -> datetime | None:
    """A stored time in UTC: SQLite hands back naive UTC times, PostgreSQL aware ones in the session's zone."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class ReviewReason(StrEnum):
    """Why a document is waiting for a clerk (the routing policy's words)."""

    patient_uncertain = route.PATIENT_UNCERTAIN
    no_patient = route.NO_PATIENT
    several_patients = route.SEVERAL_PATIENTS
    type_uncertain = route.TYPE_UNCERTAIN
    several_documents = route.SEVERAL_DOCUMENTS


class DecisionAction(StrEnum):
    """What a clerk decided about a review item (also the audit log's action name)."""

    assigned = "assigned"
    rejected = "rejected"
    retyped = "retyped"
    undone = "undone"
    split_up = "split"  # (not `split`: str.split) the fax was cut into parts, each a review item of its own


DECISIONS = (DecisionAction.assigned, DecisionAction.rejected, DecisionAction.retyped, DecisionAction.split_up)

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(w|d|h|m|s)", re.I)
_UNIT_SECONDS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}


def parse_duration(text: str) -> timedelta:
    """'90m', '2h', '3d', '1w', '1d12h' (a bare number means hours) as a timedelta."""
    raw = text.strip().lower().replace(" ", "")
    if re.fullmatch(r"\d+(\.\d+)?", raw):
        return timedelta(hours=float(raw))
    parts = _DURATION.findall(raw)
    if not raw or not parts or "".join(n + u for n, u in parts) != raw:
        raise DocintakeError(f"cannot read the duration {text!r}", hint="use forms like 90m, 2h, 3d, 1w or 1d12h")
    return timedelta(seconds=sum(float(n) * _UNIT_SECONDS[u] for n, u in parts))


def parse_reason(text: str) -> ReviewReason:
    """A review reason from its words or a slug ('type uncertain', 'type_uncertain', 'no-patient')."""
    key = re.sub(r"[\s_\-]+", " ", text.strip().lower())
    for reason in ReviewReason:
        if key in (reason.value, reason.name.replace("_", " ")):
            return reason
    raise DocintakeError(f"unknown review reason {text!r}",
                         hint="one of: " + ", ".join(repr(r.value) for r in ReviewReason))


def main_reasons(reasons: Iterable[str]) -> list[str]:
    """The queue reasons among a document's routing reasons (the 'match: ...' details left out)."""
    known = {r.value for r in ReviewReason}
    return [r for r in reasons if r in known]


@dataclass(frozen=True)
class QueueItem:
    """One open review item as `review list` shows it."""

    id: str
    received: datetime
    source_name: str
    reasons: tuple[str, ...]  # every routing reason, the matcher's details included
    candidate_mrn: str | None
    candidate_name: str | None
    candidate_score: float | None
    doc_type: str | None
    type_confidence: float | None
    pages: int
    claimed_by: str | None  # a clerk working on it now (claim not yet expired), else None
    claim_expires: datetime | None
    version: int
    proposed_parts: tuple[dict[str, Any], ...] = ()  # the parts docintake sees in a fax of several documents
    parent_id: str | None = None  # a part of a split fax: the fax's id
    parent_pages: str | None = None

    def age(self, at: datetime | None = None) -> timedelta:
        """How long ago the document was received."""
        return (at or now()) - self.received

    def as_json(self, at: datetime | None = None) -> dict[str, Any]:
        """The contract's JSON object (the keys of the first `review list` are kept)."""
        return {
            "id": self.id, "received": self.received.isoformat(), "source_name": self.source_name,
            "reasons": list(self.reasons), "queue_reasons": main_reasons(self.reasons),
            "candidate_mrn": self.candidate_mrn, "candidate_name": self.candidate_name,
            "candidate_score": self.candidate_score, "doc_type": self.doc_type,
            "type_confidence": self.type_confidence, "pages": self.pages,
            "age_seconds": int(self.age(at).total_seconds()), "claimed_by": self.claimed_by,
            "claim_expires": self.claim_expires.isoformat() if self.claim_expires else None,
            "version": self.version, "proposed_parts": list(self.proposed_parts),
            "parent_id": self.parent_id, "parent_pages": self.parent_pages,
        }


def best_candidate(doc: Document) -> tuple[str | None, float | None]:
    """(MRN, score) of the matcher's best candidate for a document, or (None, None)."""
    match = json.loads(doc.match_json or "{}")
    best = (match.get("candidates") or [None])[0]
    return (best["mrn"], round(best["score"], 4)) if best else (None, None)


def patient_names(s: Session, mrns: Iterable[str | None]) -> dict[str, str]:
    """'First Last' per MRN, for the MRNs that are in the roster."""
    wanted = {m for m in mrns if m}
    if not wanted:
        return {}
    rows = s.execute(select(Patient.mrn, Patient.first_name, Patient.last_name).where(Patient.mrn.in_(wanted)))
    return {mrn: f"{first} {last}".strip() for mrn, first, last in rows}


def active_claim(item: ReviewItem, at: datetime) -> tuple[str | None, datetime | None]:
    """(clerk, expiry) of an unexpired claim on the item, else (None, None)."""
    expires = as_utc(item.claim_expires)
    if item.claimed_by and expires is not None and expires > at:
        return item.claimed_by, expires
    return None, None


def _queue_item(item: ReviewItem, doc: Document, names: dict[str, str], at: datetime) -> QueueItem:
    mrn, score = best_candidate(doc)
    claimed_by, expires = active_claim(item, at)
    return QueueItem(
        id=doc.id, received=as_utc(doc.received_at) or at, source_name=doc.source_name,
        reasons=tuple(json.loads(item.reasons or "[]")), candidate_mrn=mrn,
        candidate_name=names.get(mrn) if mrn else None, candidate_score=score, doc_type=doc.doc_type,
        type_confidence=doc.type_confidence, pages=doc.pages or 0, claimed_by=claimed_by,
        claim_expires=expires, version=doc.version or 1, proposed_parts=tuple(json.loads(doc.split_json or "[]")),
        parent_id=doc.parent_id, parent_pages=doc.parent_pages,
    )


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
    at = at or now()
    with store.db.session() as s:
        rows = open_items(s)
        if reason is not None:
            rows = [(i, d) for i, d in rows if reason.value in json.loads(i.reasons or "[]")]
        if older_than is not None:
            rows = [(i, d) for i, d in rows if (as_utc(d.received_at) or at) <= at - older_than]
        names = patient_names(s, (best_candidate(d)[0] for _, d in rows))
        return [_queue_item(i, d, names, at) for i, d in rows]
