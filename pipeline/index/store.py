"""The store: originals and searchable PDFs on disk, documents, pages and review items in the database.

Ordering rule for crash safety: files are written (atomically) before the rows that point to them are
committed, so a crash leaves at worst an unreferenced file (which `doctor` can clean), never a row
pointing to a missing file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, RowMapping, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from pipeline.clock import now
from pipeline.config import Config
from pipeline.errors import DocumentError, NotFoundError
from pipeline.export.outbox import Filing, record_change
from pipeline.index import audit
from pipeline.index.db import UNLINK_AFTER_COMMIT, Database
from pipeline.index.doctor import DoctorOptions, DoctorReport, run_doctor
from pipeline.index.files import (
    atomic_copy,
    atomic_write,
    ensure_dir,
    original_relpath,
    remove_quietly,
    searchable_relpath,
    sha256_file,
)
from pipeline.index.models import Document, Page, ReviewItem
from pipeline.index.parts import (
    SPLIT_ACTION,
    PartSpec,
    add_part_pages,
    fax_pdf,
    part_row,
    record_part,
    write_part_pdf,
)
from pipeline.index.search import SearchFilters, SearchHit, search
from pipeline.index.views import as_utc, document_detail, document_summary, iso, outcome_of
from pipeline.records import (
    Analysis,
    IngestedFile,
    MatchResult,
    Outcome,
    Routing,
    Status,
)

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DOCS, _PAGES, _REVIEW = (cast(Table, m.__table__) for m in (Document, Page, ReviewItem))
_INSERT_DOC = insert(_DOCS)
_READ_DOC = select(_DOCS).where(_DOCS.c.id == bindparam("doc_id"))
_UPDATE_DOC = update(_DOCS).where(_DOCS.c.id == bindparam("doc_id"))
_INSERT_PAGES = insert(_PAGES)
_CLEAR_REVIEW = delete(_REVIEW).where(_REVIEW.c.document_id == bindparam("doc_id"))
_INSERT_REVIEW = insert(_REVIEW)
# What `finish` writes back to a document's row.
_FINISHED = ("kind", "searchable_path", "searchable_sha256", "pages", "match_json", "identifiers_json", "match_score",
             "patient_mrn", "doc_type", "type_confidence", "reasons", "status", "filed_path", "updated_at", "version", "split_json")


def new_document_id() -> str:
    """A short random id a clerk can type (12 hex characters)."""
    return secrets.token_hex(6)


def match_to_json(match: MatchResult | None) -> str:
    """The matcher's result, candidates and per-field explanations included, as JSON text."""
    return json.dumps(asdict(match) if match else {}, default=str)


class Store:
    """Originals, searchable PDFs, filed copies, and the database rows that describe them."""

    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.root = ensure_dir(cfg.store_path)
        self.db = Database(cfg.effective_database_url)

    def close(self) -> None:
        """Release the database connections."""
        self.db.close()

    def path(self, relpath: str) -> Path:
        """Absolute path of a store-relative path."""
        return self.root / relpath

    # -- ingest bookkeeping -------------------------------------------------------------------------

    def previous(self, sha256: str) -> Document | None:
        """The earliest document with these bytes that reached a state other than failed/duplicate."""
        with self.db.read() as s:
            q = (
                select(Document)
                .where(Document.sha256 == sha256, Document.status.notin_([Status.failed, Status.duplicate]))
                .order_by(Document.received_at, Document.id)
            )
            return s.scalars(q.limit(1)).first()

    def begin(self, file: IngestedFile, user: str) -> str:
        """Keep the original bytes, then record the document as processing; returns its id."""
        rel = original_relpath(file.sha256, Path(file.source_name).suffix[:16])
        if not self.path(rel).exists():
            atomic_copy(Path(file.path), self.path(rel))
        doc_id = new_document_id()
        row = {"id": doc_id, "source_name": file.source_name, "sha256": file.sha256, "size": file.size,
               "received_at": file.received, "status": Status.processing.value, "original_path": rel,
               "pages": 0, "reasons": "[]", "match_json": "{}", "identifiers_json": "{}", "version": 1,
               "updated_at": now()}
        # Core statements on a plain connection: begin and finish run for every document, and the ORM's
        # unit of work costs more than the SQL itself.
        with self.db.engine.begin() as conn:
            conn.execute(_INSERT_DOC, row)
            audit.append(conn, audit.AuditAction.ingested, doc_id, user,
                         after={"source_name": file.source_name, "sha256": file.sha256})
        log.info("document %s ingested (%d bytes)", doc_id, file.size)
        return doc_id

    def resume(self, doc_id: str) -> None:
        """Forget a half-finished attempt (pages, review item) so the document can be processed again."""
        with self.db.session() as s:
            for page in s.scalars(select(Page).where(Page.document_id == doc_id)):
                s.delete(page)
            item = s.get(ReviewItem, doc_id)
            if item is not None:
                s.delete(item)

    def record_duplicate(self, file: IngestedFile, of: Document, user: str) -> Outcome:
        """Record a file whose bytes were already processed as a duplicate of the earlier document."""
        doc_id = new_document_id()
        with self.db.session() as s:
            doc = Document(
                id=doc_id, source_name=file.source_name, sha256=file.sha256, size=file.size,
                received_at=file.received, status=Status.duplicate.value, duplicate_of=of.id,
                original_path=of.original_path, patient_mrn=of.patient_mrn, doc_type=of.doc_type,
                pages=of.pages, reasons=json.dumps([f"same bytes as document {of.id}"]), updated_at=now(),
            )
            s.add(doc)
            audit.append(s, audit.AuditAction.duplicate, doc_id, user, after={"duplicate_of": of.id})
        log.info("document %s is a duplicate of %s", doc_id, of.id)
        return outcome_of(doc)

    def record_unreadable(
        self, source_name: str, error: str, user: str, received: datetime | None = None
    ) -> Outcome:
        """Record a file that could not even be read (no bytes to keep) as failed, with its reason.

        `received` is when it arrived (a claim's time, which identifies the arrival); default now.
        """
        doc_id = new_document_id()
        with self.db.session() as s:
            doc = Document(
                id=doc_id, source_name=source_name, sha256="", size=0, received_at=received or now(),
                status=Status.failed.value, error=error, error_stage="ingest", updated_at=now(),
            )
            s.add(doc)
            audit.append(s, audit.AuditAction.failed, doc_id, user, after={"status": doc.status, "error": error})
        log.warning("document %s could not be ingested: %s", doc_id, error)
        return outcome_of(doc)

    def fail(self, doc_id: str, error: str, stage: str, user: str) -> Outcome:
        """Record that a document failed, with its reason and stage."""
        with self.db.session() as s:
            doc = self._get(s, doc_id)
            before = {"status": doc.status}
            doc.status, doc.error, doc.error_stage, doc.updated_at = Status.failed.value, error, stage, now()
            audit.append(s, audit.AuditAction.failed, doc_id, user, before=before, after={"status": doc.status, "error": error})
        log.warning("document %s failed in %s: %s", doc_id, stage, error)
        return outcome_of(doc)

    # -- outcomes ----------------------------------------------------------------------------------

    def finish(self, doc_id: str, analysis: Analysis, match: MatchResult, routing: Routing, user: str,
               proposal: list[dict[str, Any]] | None = None) -> Outcome:
        """Record a read document: its pages, evidence, and filing or review (files first, then rows).

        `proposal`: the parts docintake sees in a fax it sends to review whole (`review list` shows them).
        """
        ocr = analysis.ocr
        searchable = self._keep_searchable(analysis.file.sha256, ocr.searchable_pdf if ocr else None)
        with self.db.engine.begin() as conn:
            found = conn.execute(_READ_DOC, {"doc_id": doc_id}).mappings().first()
            if found is None:
                raise NotFoundError(f"no document with id {doc_id}", hint="see `docintake documents list`")
            doc = Document(**found)  # a detached copy: the row is written back with one UPDATE below
            replaced = doc.filed_path
            _record_reading(doc, analysis, match, routing, searchable)
            doc.split_json = json.dumps(proposal or [])
            if ocr and ocr.pages:
                conn.execute(_INSERT_PAGES, [
                    {"document_id": doc_id, "number": p.number, "text": p.text, "source": p.source.value,
                     "mean_confidence": p.mean_confidence, "rotation": p.rotation} for p in ocr.pages])
            if routing.status is Status.filed:
                after = self._file(doc, match.mrn or "", doc.doc_type or "other")
                audit.append(conn, audit.AuditAction.filed, doc_id, user, before=_filing_state(found), after=after)
                record_change(conn, self.cfg, Filing.of(doc))  # its EHR deliveries, in the same transaction
            else:
                _send_to_review(conn, doc, routing, user)
            conn.execute(_UPDATE_DOC, {"doc_id": doc_id, **{c: getattr(doc, c) for c in _FINISHED}})
        if replaced and replaced != doc.filed_path:
            remove_quietly(self.path(replaced))  # committed: no row points to it any more
        return outcome_of(doc)

    def finish_split(self, doc_id: str, analysis: Analysis, match: MatchResult, parts: list[PartSpec],
                     proposal: list[dict[str, Any]], user: str) -> Outcome:
        """Record a fax of several documents: the fax `split` (its original kept), each part a document."""
        ocr = analysis.ocr
        if ocr is None or not ocr.pages:
            raise DocumentError("split_failed", "a fax without pages cannot be split", stage="index")
        searchable = self._keep_searchable(analysis.file.sha256, ocr.searchable_pdf)
        with self.db.engine.begin() as conn:
            found = conn.execute(_READ_DOC, {"doc_id": doc_id}).mappings().first()
            if found is None:
                raise NotFoundError(f"no document with id {doc_id}", hint="see `docintake documents list`")
            doc = Document(**found)
            pdf = fax_pdf(self.root, doc, ocr.searchable_pdf)
            if pdf is None:
                raise DocumentError("split_failed", "no PDF to cut the parts from", stage="index")
            _record_reading(doc, analysis, match, Routing(Status.split_fax, (f"split into {len(parts)} parts",)),
                            searchable)
            doc.status, doc.split_json, doc.updated_at = Status.split_fax.value, json.dumps(proposal), now()
            conn.execute(_INSERT_PAGES, [
                {"document_id": doc_id, "number": p.number, "text": p.text, "source": p.source.value,
                 "mean_confidence": p.mean_confidence, "rotation": p.rotation} for p in ocr.pages])
            made = self._record_parts(conn, doc, pdf, {p.number: p for p in ocr.pages}, parts, user)
            audit.append(conn, SPLIT_ACTION, doc_id, user, before={"status": found["status"]},
                         after={"status": doc.status, "parts": made})
            conn.execute(_UPDATE_DOC, {"doc_id": doc_id, **{c: getattr(doc, c) for c in _FINISHED}})
        return outcome_of(doc)

    def _record_parts(self, ex: Connection | Session, doc: Any, pdf: bytes, texts: dict[int, Any],
                      parts: list[PartSpec], user: str) -> list[dict[str, Any]]:
        """Each part's PDF, row, pages, audit and filing or review item; [{"id", "pages", "status"}]."""
        made = []
        for spec in parts:
            kept = write_part_pdf(self.root, pdf, spec.pages)
            part = part_row(doc, spec, kept, new_document_id(), now())
            record_part(ex, self, part, spec, user, now())
            add_part_pages(ex, part.id, texts, spec.pages)
            made.append({"id": part.id, "pages": spec.label, "status": part.status})
        return made

    def _keep_searchable(self, sha256: str, pdf: bytes | None) -> tuple[str, str] | None:
        """Write the searchable PDF (content-addressed by the original's hash); (relpath, its own sha256)."""
        if not pdf:
            return None
        rel = searchable_relpath(sha256)
        dest = self.path(rel)
        try:
            if dest.exists():  # same original read before: keep the copy already there
                return rel, sha256_file(dest)
            atomic_write(dest, pdf)
        except OSError as exc:
            raise DocumentError("store_write_failed", f"cannot write the searchable PDF: {exc.strerror}",
                                stage="index") from exc
        return rel, hashlib.sha256(pdf).hexdigest()

    def file_document(self, s: Session, doc: Document, mrn: str, doc_type: str, user: str, action: str) -> None:
        """File `doc` under `mrn` as `doc_type`: write the readable filed copy, then update the row and audit.

        The same code files automatic decisions and a clerk's review decisions. A filed copy it replaces
        (the document was filed before under another patient or type) is deleted only after the commit.
        """
        before = _filing_state(doc)
        after = self._file(doc, mrn, doc_type)
        if before["filed_path"] and before["filed_path"] != doc.filed_path:
            s.info.setdefault(UNLINK_AFTER_COMMIT, []).append(self.path(before["filed_path"]))
        audit.append(s, action, doc.id, user, before=before, after=after)
        record_change(s, self.cfg, Filing.of(doc))  # its EHR deliveries, in the same transaction

    def _file(self, doc: Document, mrn: str, doc_type: str) -> dict[str, Any]:
        """Write the filed copy (before any row names it) and set the row's filing fields; the audit 'after'."""
        rel = self.filed_relpath(doc, mrn, doc_type)
        source = self.path(doc.searchable_path or doc.original_path or "")
        try:
            atomic_copy(source, self.path(rel))
        except OSError as exc:
            raise DocumentError("store_write_failed", f"cannot write the filed copy: {exc.strerror}",
                                stage="index") from exc
        doc.status, doc.patient_mrn, doc.doc_type, doc.filed_path = Status.filed.value, mrn, doc_type, rel
        doc.updated_at, doc.version = now(), (doc.version or 0) + 1
        log.info("document %s filed as %s", doc.id, doc_type)
        return {"status": doc.status, "patient_mrn": mrn, "doc_type": doc_type, "filed_path": rel}

    def filed_relpath(self, doc: Document, mrn: str, doc_type: str) -> str:
        """The readable path of a filed copy, from the configured template."""
        received = as_utc(doc.received_at) or now()
        source_suffix = Path(doc.searchable_path or doc.original_path or ".pdf").suffix or ".pdf"
        rel = self.cfg.filed_path_template.format(
            mrn=_UNSAFE.sub("_", mrn).lstrip(".") or "_", year=received.year, doc_type=doc_type, received=received, id=doc.id,
        )
        if not doc.searchable_path and not rel.endswith(source_suffix):
            rel = str(Path(rel).with_suffix(source_suffix))
        return rel

    # -- queries -----------------------------------------------------------------------------------

    def _get(self, s: Session, doc_id: str) -> Document:
        doc = s.get(Document, doc_id)
        if doc is None:
            raise NotFoundError(f"no document with id {doc_id}", hint="see `docintake documents list`")
        return doc

    def list_documents(self, status: str | None = None, newest: int | None = None) -> list[dict[str, Any]]:
        """Every document (optionally only those in one status; only the `newest` ones), oldest first."""
        with self.db.read() as s:
            q = select(Document).order_by(Document.received_at.desc(), Document.id.desc())
            if status:
                q = q.where(Document.status == status)
            if newest is not None:
                q = q.limit(newest)
            return [document_summary(d) for d in reversed(s.scalars(q).all())]

    def count_documents(self, status: str | None = None) -> int:
        """How many documents there are (in one status)."""
        with self.db.read() as s:
            q = select(func.count()).select_from(Document)
            return int(s.scalar(q.where(Document.status == status) if status else q) or 0)

    def list_review(self) -> list[dict[str, Any]]:
        """Open review items, oldest first, with the best candidate and type guess."""
        with self.db.read() as s:
            q = (
                select(ReviewItem, Document)
                .join(Document, Document.id == ReviewItem.document_id)
                .where(ReviewItem.resolved_at.is_(None))
                .order_by(ReviewItem.created_at, Document.id)
            )
            return [_review_summary(item, doc) for item, doc in s.execute(q)]

    def show_document(self, doc_id: str, user: str) -> dict[str, Any]:
        """Everything about one document (pages, files, review, history); the look is audited as 'viewed'."""
        with self.db.session() as s:
            doc = self._get(s, doc_id)
            audit.append(s, audit.AuditAction.viewed, doc_id, user)
            pages = list(s.scalars(select(Page).where(Page.document_id == doc_id).order_by(Page.number)))
            history = audit.log_entries(s, document_id=doc_id)
            return document_detail(doc, pages, s.get(ReviewItem, doc_id), history, self.root)

    def search(self, query: str, filters: SearchFilters | None = None, limit: int = 20) -> list[SearchHit]:
        """Ranked full-text search over page text (see pipeline.index.query for the syntax)."""
        with self.db.read() as s:
            return search(s, self.db.dialect, query, filters, limit)

    def audit_log(self, document_id: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Audit rows, oldest first (optionally one document's, optionally the newest `limit`)."""
        with self.db.read() as s:
            return audit.log_entries(s, document_id, limit)

    def doctor(self, options: DoctorOptions | None = None) -> DoctorReport:
        """Check that rows and files agree (and with options.repair, fix what can be fixed safely)."""
        return run_doctor(self.root, self.db, options)

    def verify_audit(self) -> tuple[int, list[audit.ChainProblem]]:
        """(rows checked, breaks in the audit chain)."""
        with self.db.read() as s:
            return audit.verify_chain(s)


def _filing_state(doc: Any) -> dict[str, Any]:
    """The fields a filing changes, as they are now (the audit 'before'); `doc` is a row or a mapping."""
    get = doc.get if isinstance(doc, dict | RowMapping) else lambda k: getattr(doc, k)
    return {k: get(k) for k in ("status", "patient_mrn", "doc_type", "filed_path")}


def _send_to_review(conn: Connection, doc: Document, routing: Routing, user: str) -> None:
    """Queue a read document for a clerk (a fresh review item) and audit it."""
    reasons = list(routing.reasons)
    doc.status, doc.updated_at = Status.review.value, now()
    conn.execute(_CLEAR_REVIEW, {"doc_id": doc.id})
    conn.execute(_INSERT_REVIEW, {"document_id": doc.id, "reasons": json.dumps(reasons), "created_at": now()})
    audit.append(conn, audit.AuditAction.sent_to_review, doc.id, user, after={"status": doc.status, "reasons": reasons})
    log.info("document %s sent to review: %s", doc.id, "; ".join(reasons))


def _record_reading(doc: Document, analysis: Analysis, match: MatchResult, routing: Routing,
                    searchable: tuple[str, str] | None) -> None:
    """Copy what the stages learned about a document onto its row."""
    doc.kind = analysis.ocr.kind if analysis.ocr else None
    doc.searchable_path, doc.searchable_sha256 = searchable if searchable else (None, None)
    doc.pages = len(analysis.ocr.pages) if analysis.ocr else 0
    doc.match_json = match_to_json(match)
    doc.identifiers_json = json.dumps(_plain(analysis.identifiers), default=str)
    doc.match_score = round(match.score, 4)
    doc.patient_mrn = match.mrn
    if analysis.doc_type is not None:
        doc.doc_type = analysis.doc_type.doc_type.value
        doc.type_confidence = round(analysis.doc_type.confidence, 4)
    doc.reasons = json.dumps(list(routing.reasons))


def _review_summary(item: ReviewItem, doc: Document) -> dict[str, Any]:
    match = json.loads(doc.match_json or "{}")
    best = (match.get("candidates") or [None])[0]
    return {
        "id": doc.id,
        "received": iso(doc.received_at),
        "source_name": doc.source_name,
        "reasons": json.loads(item.reasons or "[]"),
        "candidate_mrn": best["mrn"] if best else None,
        "candidate_score": round(best["score"], 4) if best else None,
        "doc_type": doc.doc_type,
        "type_confidence": doc.type_confidence,
        "pages": doc.pages,
    }


def _plain(value: Any) -> Any:
    """Dataclasses to dicts for JSON; anything else unchanged."""
    from dataclasses import is_dataclass

    return asdict(value) if is_dataclass(value) and not isinstance(value, type) else (value or {})
