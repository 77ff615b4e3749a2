"""The review queue as `review list` shows it: items, the words for why they wait, and the listing query.

No SQLAlchemy here (the query runs on a pipeline.index.listing.Reader): `review list` starts fast.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pipeline import route
from pipeline.clock import as_utc, now
from pipeline.errors import DocintakeError
from pipeline.index.listing import when

if TYPE_CHECKING:
    from pipeline.index.listing import Reader, Row


class ReviewReason(StrEnum):
    """Why a document is waiting for a clerk (the routing policy's words)."""

    patient_uncertain = route.PATIENT_UNCERTAIN
    no_patient = route.NO_PATIENT
    several_patients = route.SEVERAL_PATIENTS
    type_uncertain = route.TYPE_UNCERTAIN
    several_documents = route.SEVERAL_DOCUMENTS
    unsure_pages = route.UNSURE_PAGES


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


def best_candidate_of(match_json: str | None) -> tuple[str | None, float | None]:
    """(MRN, score) of the best candidate in a document's stored match, or (None, None)."""
    match = json.loads(match_json or "{}")
    best = (match.get("candidates") or [None])[0]
    return (best["mrn"], round(best["score"], 4)) if best else (None, None)



_REVIEW_SQL = (
    "SELECT d.id, d.received_at, d.source_name, r.reasons, d.match_json, d.doc_type, d.type_confidence, d.pages,"
    " r.claimed_by, r.claim_expires, d.version, d.split_json, d.parent_id, d.parent_pages"
    # review_items first: a few thousand open items, not a walk over every document by its received index
    " FROM review_items r CROSS JOIN documents d WHERE d.id = r.document_id AND r.resolved_at IS NULL"
    " ORDER BY d.received_at, r.created_at, d.id"
)
_NAMES_BATCH = 500  # MRNs per IN (...) query, well below SQLite's limit on bound parameters


def patient_names(reader: Reader, mrns: Iterable[str | None]) -> dict[str, str]:
    """'First Last' per MRN, for the MRNs that are in the roster."""
    wanted = sorted({m for m in mrns if m})
    names: dict[str, str] = {}
    for start in range(0, len(wanted), _NAMES_BATCH):
        batch = wanted[start:start + _NAMES_BATCH]
        marks = ", ".join(f":m{i}" for i in range(len(batch)))
        rows = reader.all(f"SELECT mrn, first_name, last_name FROM patients WHERE mrn IN ({marks})",
                          {f"m{i}": mrn for i, mrn in enumerate(batch)})
        names.update((mrn, f"{first} {last}".strip()) for mrn, first, last in rows)
    return names


def _queue_item(row: Row, best: tuple[str | None, float | None], names: dict[str, str], at: datetime) -> QueueItem:
    (doc_id, received, source_name, reasons, _match, doc_type, type_confidence, pages, claimed_by, claim_expires,
     version, split_json, parent_id, parent_pages) = row
    mrn, score = best
    expires = as_utc(when(claim_expires))
    claimed = bool(claimed_by) and expires is not None and expires > at
    return QueueItem(
        id=doc_id, received=as_utc(when(received)) or at, source_name=source_name,
        reasons=tuple(json.loads(reasons or "[]")), candidate_mrn=mrn,
        candidate_name=names.get(mrn) if mrn else None, candidate_score=score, doc_type=doc_type,
        type_confidence=type_confidence, pages=pages or 0, claimed_by=claimed_by if claimed else None,
        claim_expires=expires if claimed else None, version=version or 1,
        proposed_parts=tuple(json.loads(split_json or "[]")), parent_id=parent_id, parent_pages=parent_pages,
    )


def queue_items(reader: Reader, reason: ReviewReason | None, older_than: timedelta | None,
                at: datetime) -> list[QueueItem]:
    """Open review items, oldest first; optionally only one reason, or only those older than a duration."""
    rows = reader.all(_REVIEW_SQL)
    if reason is not None:
        rows = [r for r in rows if reason.value in json.loads(r[3] or "[]")]
    if older_than is not None:
        rows = [r for r in rows if (as_utc(when(r[1])) or at) <= at - older_than]
    best = [best_candidate_of(r[4]) for r in rows]
    names = patient_names(reader, (mrn for mrn, _ in best))
    return [_queue_item(r, b, names, at) for r, b in zip(rows, best, strict=True)]
