"""What ingest asks the store about arrivals: was this very file recorded already, and taking a row up again.

The store owns the rows; these helpers only look rows up and move a failed row back to `processing` for a
retry, so that a file keeps one row (one id) however many times it is tried.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from pipeline.index import audit
from pipeline.index.files import atomic_copy, original_relpath
from pipeline.index.models import Document
from pipeline.index.store import Store, outcome_of
from pipeline.records import IngestedFile, Outcome, Status

log = logging.getLogger(__name__)

# Which row stands for a file when one name and content were recorded more than once.
_RANK = {Status.processing: 0, Status.filed: 1, Status.review: 1, Status.rejected: 1, Status.duplicate: 2,
         Status.failed: 3}


def utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time docintake stores is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def arrival(store: Store, source_name: str, sha256: str, received: datetime | None = None) -> Document | None:
    """The row recorded for this file (same name and bytes; and same arrival time when `received` is given)."""
    with store.db.session() as s:
        q = select(Document).where(Document.sha256 == sha256, Document.source_name == source_name)
        rows = list(s.scalars(q))
    if received is not None:
        rows = [r for r in rows if utc(r.received_at) == utc(received)]
    return min(rows, key=lambda r: (_RANK.get(Status(r.status), 9), r.received_at, r.id)) if rows else None


def get(store: Store, document_id: str) -> Document | None:
    """One document row, or None."""
    with store.db.session() as s:
        return s.get(Document, document_id)


def in_state(store: Store, status: Status) -> list[Document]:
    """Every document in one state, oldest first."""
    with store.db.session() as s:
        q = select(Document).where(Document.status == status.value).order_by(Document.received_at, Document.id)
        return list(s.scalars(q))


def restart(store: Store, document_id: str, file: IngestedFile, user: str) -> IngestedFile:
    """Take a failed document up again under the same id: keep its (new) bytes, mark it processing.

    Returns the file as the analysis should read it (the kept original in the store).
    """
    rel = original_relpath(file.sha256, Path(file.source_name).suffix[:16])
    if not store.path(rel).exists():
        atomic_copy(Path(file.path), store.path(rel))
    store.resume(document_id)
    with store.db.session() as s:
        doc = s.get(Document, document_id)
        assert doc is not None
        before = {"status": doc.status, "error": doc.error}
        doc.sha256, doc.size, doc.original_path = file.sha256, file.size, rel
        doc.status, doc.error, doc.error_stage = Status.processing.value, None, None
        doc.reasons, doc.updated_at = json.dumps([]), datetime.now(UTC).replace(microsecond=0)
        audit.append(s, "ingested", document_id, user, before=before,
                     after={"status": doc.status, "sha256": file.sha256, "retry": True})
    log.info("document %s taken up again", document_id)
    return IngestedFile(str(store.path(rel)), file.source_name, file.sha256, file.size, file.received)


def error_stage(store: Store, document_id: str) -> str:
    """The stage a failed document failed in ('ingest' when unknown)."""
    doc = get(store, document_id)
    return (doc.error_stage if doc is not None else None) or "ingest"


def mark_duplicate(store: Store, document_id: str, file: IngestedFile, of: Document, user: str) -> Outcome:
    """A failed document retried whose bytes were meanwhile processed under another id: a duplicate of it."""
    with store.db.session() as s:
        doc = s.get(Document, document_id)
        assert doc is not None
        before = {"status": doc.status, "error": doc.error}
        doc.sha256, doc.size, doc.original_path, doc.duplicate_of = file.sha256, file.size, of.original_path, of.id
        doc.status, doc.error, doc.error_stage = Status.duplicate.value, None, None
        doc.patient_mrn, doc.doc_type, doc.pages = of.patient_mrn, of.doc_type, of.pages
        doc.reasons, doc.updated_at = json.dumps([f"same bytes as document {of.id}"]), datetime.now(UTC)
        audit.append(s, "duplicate", document_id, user, before=before, after={"duplicate_of": of.id})
        outcome = outcome_of(doc)
    log.info("document %s is a duplicate of %s", document_id, of.id)
    return outcome
