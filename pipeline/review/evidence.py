"""The evidence behind one review item: identifiers found, candidates with per-field explanations, text."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.errors import NotFoundError
from pipeline.index import audit
from pipeline.index.models import Document, Page, ReviewItem
from pipeline.index.roster import get_patient
from pipeline.index.store import Store, now
from pipeline.match.matcher import candidate_to_json
from pipeline.match.roster import Roster
from pipeline.records import Candidate, FieldEvidence
from pipeline.review.queue import active_claim, as_utc, main_reasons

_FALLBACK_LINES = 12  # text shown when no patient block was found: the top of page one


@dataclass(frozen=True)
class ItemEvidence:
    """Everything a clerk needs to decide one review item."""

    id: str
    source_name: str
    received: datetime
    status: str
    reasons: tuple[str, ...]
    match_decision: str
    identifiers: dict[str, list[str]]  # names, dobs, mrns, phones, postal_codes, addresses
    candidates: tuple[dict[str, Any], ...]  # candidate_to_json objects, best first
    snippet: str  # OCR text around the patient block
    pages: int
    searchable_pdf: str | None  # absolute path
    original: str | None  # absolute path of the kept original
    filed_path: str | None
    doc_type: str | None
    type_confidence: float | None
    version: int
    claimed_by: str | None
    resolution: dict[str, Any] | None  # {"decision", "by", "at"} once resolved
    proposed_parts: tuple[dict[str, Any], ...] = ()  # the parts docintake sees in a fax of several documents
    parent_id: str | None = None  # a part of a split fax: the fax's id, and its pages of it
    parent_pages: str | None = None

    @property
    def queue_reasons(self) -> list[str]:
        """The queue reasons (patient uncertain, no patient found, ...) without the matcher's details."""
        return main_reasons(self.reasons)

    @property
    def pdf(self) -> str | None:
        """The file a viewer should open: the searchable PDF, else the original."""
        return self.searchable_pdf or self.original

    def as_json(self) -> dict[str, Any]:
        """The contract's JSON object for `review show --json`."""
        return {
            "id": self.id, "source_name": self.source_name, "received": self.received.isoformat(),
            "status": self.status, "reasons": list(self.reasons), "queue_reasons": self.queue_reasons,
            "match_decision": self.match_decision, "identifiers": self.identifiers,
            "candidates": list(self.candidates), "snippet": self.snippet, "pages": self.pages,
            "searchable_pdf": self.searchable_pdf, "original": self.original, "filed_path": self.filed_path,
            "doc_type": self.doc_type, "type_confidence": self.type_confidence, "version": self.version,
            "claimed_by": self.claimed_by, "resolution": self.resolution,
            "proposed_parts": list(self.proposed_parts), "parent_id": self.parent_id, "parent_pages": self.parent_pages,
        }


def _identifiers(raw: dict[str, Any]) -> dict[str, list[str]]:
    names = [" ".join(p for p in (n.get("first"), n.get("middle"), n.get("last")) if p)
             for n in raw.get("names") or [] if isinstance(n, dict)]
    out = {"names": names}
    for key in ("dobs", "mrns", "phones", "postal_codes", "addresses"):
        out[key] = [str(v) for v in raw.get(key) or []]
    return out


def _candidate(raw: dict[str, Any]) -> Candidate:
    evidence = tuple(FieldEvidence(e["field"], e["outcome"], e["weight"], e.get("detail", ""), e.get("level", ""))
                     for e in raw.get("evidence") or [])
    return Candidate(raw["mrn"], raw["score"], raw.get("weight", 0.0), evidence)


def candidates_json(s: Session, match: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    """The stored candidates with the roster's names and dates of birth, as candidate_to_json objects."""
    found = [_candidate(c) for c in match.get("candidates") or []]
    records = [r for c in found if (r := get_patient(s, c.mrn)) is not None]
    roster = Roster.from_records(records)
    return tuple(candidate_to_json(c, roster) for c in found)


def _snippet(s: Session, doc: Document, raw: dict[str, Any]) -> str:
    if raw.get("snippet"):
        return str(raw["snippet"])
    first = s.scalars(select(Page.text).where(Page.document_id == doc.id).order_by(Page.number).limit(1)).first()
    return "\n".join((first or "").splitlines()[:_FALLBACK_LINES])


def _resolution(item: ReviewItem) -> dict[str, Any] | None:
    at = as_utc(item.resolved_at)
    if at is None:
        return None
    return {"decision": item.decision, "by": item.resolved_by, "at": at.isoformat()}


def _evidence(store: Store, s: Session, doc: Document, item: ReviewItem) -> ItemEvidence:
    raw = json.loads(doc.identifiers_json or "{}")
    match = json.loads(doc.match_json or "{}")
    return ItemEvidence(
        id=doc.id, source_name=doc.source_name, received=as_utc(doc.received_at) or now(), status=doc.status,
        reasons=tuple(json.loads(item.reasons or "[]")), match_decision=str(match.get("decision") or "none"),
        identifiers=_identifiers(raw), candidates=candidates_json(s, match), snippet=_snippet(s, doc, raw),
        pages=doc.pages or 0,
        searchable_pdf=str(store.path(doc.searchable_path)) if doc.searchable_path else None,
        original=str(store.path(doc.original_path)) if doc.original_path else None,
        filed_path=str(store.path(doc.filed_path)) if doc.filed_path else None,
        doc_type=doc.doc_type, type_confidence=doc.type_confidence, version=doc.version or 1,
        claimed_by=active_claim(item, now())[0], resolution=_resolution(item),
        proposed_parts=tuple(json.loads(doc.split_json or "[]")), parent_id=doc.parent_id,
        parent_pages=doc.parent_pages,
    )


def show_item(store: Store, doc_id: str, user: str | None = None) -> ItemEvidence:
    """The evidence of one review item (open or resolved); with `user`, the look is audited as 'viewed'."""
    with store.db.session() as s:
        doc, item = s.get(Document, doc_id), s.get(ReviewItem, doc_id)
        if doc is None:
            raise NotFoundError(f"no document with id {doc_id}", hint="see `docintake review list`")
        if item is None:
            raise NotFoundError(f"document {doc_id} never went to review (status {doc.status})",
                                hint="see `docintake review list`")
        evidence = _evidence(store, s, doc, item)
        if user:
            audit.append(s, "viewed", doc_id, user, after={"via": "review show"})
        return evidence
