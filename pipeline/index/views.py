"""JSON views of store rows: the contract's objects for `documents list`, `documents show` and outcomes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.index.models import Document, Page, ReviewItem
from pipeline.records import Outcome, Status


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes, PostgreSQL zone-shifted ones; every time docintake stores is UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def iso(value: datetime | None) -> str | None:
    """An ISO 8601 UTC timestamp, or None."""
    moment = as_utc(value)
    return moment.isoformat() if moment else None


def document_summary(doc: Document) -> dict[str, Any]:
    """The contract's JSON object for one document (`documents list`)."""
    return {
        "id": doc.id,
        "source_name": doc.source_name,
        "sha256": doc.sha256,
        "status": doc.status,
        "patient_mrn": doc.patient_mrn,
        "doc_type": doc.doc_type,
        "match_score": doc.match_score,
        "type_confidence": doc.type_confidence,
        "pages": doc.pages,
        "error": doc.error,
        "received": iso(doc.received_at),
        "reasons": json.loads(doc.reasons or "[]"),
        "duplicate_of": doc.duplicate_of,
        "parent_id": doc.parent_id,
        "parent_pages": doc.parent_pages,
    }


def outcome_of(doc: Document) -> Outcome:
    """The Outcome value of a document row."""
    return Outcome(
        document_id=doc.id, source_name=doc.source_name, sha256=doc.sha256, status=Status(doc.status),
        patient_mrn=doc.patient_mrn, doc_type=doc.doc_type, match_score=doc.match_score,
        type_confidence=doc.type_confidence, pages=doc.pages, error=doc.error,
        reasons=tuple(json.loads(doc.reasons or "[]")),
    )


def page_json(page: Page) -> dict[str, Any]:
    """One page's text and how it was read."""
    return {"number": page.number, "text": page.text, "source": page.source,
            "mean_confidence": page.mean_confidence, "rotation": page.rotation}


def review_json(item: ReviewItem | None) -> dict[str, Any] | None:
    """A document's review item: open or resolved, by whom, with which decision; None if it never had one."""
    if item is None:
        return None
    return {
        "state": "resolved" if item.resolved_at else ("claimed" if item.claimed_by else "open"),
        "reasons": json.loads(item.reasons or "[]"),
        "created": iso(item.created_at),
        "claimed_by": item.claimed_by,
        "claim_expires": iso(item.claim_expires),
        "resolved_at": iso(item.resolved_at),
        "resolved_by": item.resolved_by,
        "decision": item.decision,
    }


def files_json(doc: Document, root: Path) -> dict[str, str | None]:
    """Absolute paths of a document's original, searchable PDF and filed copy (None where there is none)."""
    def where(rel: str | None) -> str | None:
        return str(root / rel) if rel else None

    return {"original": where(doc.original_path), "searchable": where(doc.searchable_path),
            "filed": where(doc.filed_path)}


def document_detail(
    doc: Document, pages: list[Page], item: ReviewItem | None, history: list[dict[str, Any]], root: Path
) -> dict[str, Any]:
    """Everything `documents show` prints: the summary, evidence, page texts, files, review and history."""
    return {
        **document_summary(doc),
        "kind": doc.kind,
        "size": doc.size,
        "error_stage": doc.error_stage,
        "version": doc.version,
        "updated": iso(doc.updated_at),
        "match": json.loads(doc.match_json or "{}"),
        "identifiers": json.loads(doc.identifiers_json or "{}"),
        "page_texts": [page_json(p) for p in pages],
        "files": files_json(doc, root),
        "review": review_json(item),
        "history": history,
    }
