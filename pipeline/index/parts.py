"""Parts of a split fax in the store: a PDF of just their pages, their own rows, pages, audit and export.

The fax itself keeps its original and its pages and gets the status `split`; each part is a document of
its own whose `parent_id` names the fax and `parent_pages` its pages ("1-2"). Files are written before
the rows that name them are committed (the store's ordering rule).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, is_dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pikepdf
from sqlalchemy import Connection, Table, insert
from sqlalchemy.orm import Session

from pipeline.errors import DocintakeError, DocumentError
from pipeline.export.outbox import Filing, record_change
from pipeline.index import audit
from pipeline.index.files import atomic_write, original_relpath
from pipeline.index.models import Document, Page, ReviewItem
from pipeline.records import MatchResult, Status, TypeResult

log = logging.getLogger(__name__)

SPLIT_ACTION = "split_automatically"  # the audit action of a fax docintake split (a clerk's split is "split")
PART_ACTION = "split_from"  # the audit action that starts a part's history
SPLIT_FAILED = "split_failed"  # a fax that cannot be cut into parts (it is then sent to review whole)
SUPERSEDED = "superseded: the fax was read again"
_DOCS, _PAGES, _REVIEW = (cast(Table, m.__table__) for m in (Document, Page, ReviewItem))


@dataclass(frozen=True)
class PartSpec:
    """One part to record: its pages of the fax and what is known about it."""

    pages: tuple[int, ...]
    label: str
    match: MatchResult | None
    doc_type: TypeResult | None
    reasons: tuple[str, ...]
    file: bool  # file it now (else it waits in review)
    identifiers: Any = None  # pipeline.match.extract.Identifiers found on the part's own pages


def page_range(pages: Sequence[int]) -> str:
    """'1-2' or '3' (consecutive pages)."""
    return f"{pages[0]}-{pages[-1]}" if len(pages) > 1 else str(pages[0])


def parse_pages(text: str, total: int) -> tuple[int, ...]:
    """'1-2' -> (1, 2), '3' -> (3,); a usage error names what is wrong."""
    try:
        first, _, last = text.strip().partition("-")
        a, b = int(first), int(last or first)
    except ValueError:
        raise DocintakeError(f"cannot read the pages {text!r}", hint="write a range like 1-2 or one page like 3") from None
    if not 1 <= a <= b <= total:
        raise DocintakeError(f"pages {text!r} are not within the document's 1-{total}")
    return tuple(range(a, b + 1))


def pages_pdf(source: bytes, numbers: Sequence[int]) -> bytes:
    """A PDF of some pages (1-based) of another PDF."""
    out = pikepdf.new()
    with pikepdf.open(io.BytesIO(source)) as src:
        for n in numbers:
            out.pages.append(src.pages[n - 1])
        buf = io.BytesIO()
        out.save(buf, deterministic_id=True)
    return buf.getvalue()


def fax_pdf(root: Path, doc: Any, searchable: bytes | None = None) -> bytes | None:
    """The PDF the parts are cut from: the searchable PDF, else an original that is a PDF; None if neither."""
    if searchable:
        return searchable
    for rel in (doc.searchable_path, doc.original_path):
        if rel and rel.lower().endswith(".pdf") and (root / rel).is_file():
            return (root / rel).read_bytes()
    if doc.original_path and (root / doc.original_path).is_file():
        data = (root / doc.original_path).read_bytes()
        return data if data[:5] == b"%PDF-" else None
    return None


def write_part_pdf(root: Path, pdf: bytes, numbers: Sequence[int]) -> tuple[str, str, int]:
    """Keep a part's PDF (content-addressed, before any row names it): (relpath, sha256, size)."""
    data = pages_pdf(pdf, numbers)
    sha = hashlib.sha256(data).hexdigest()
    rel = original_relpath(sha, ".pdf")
    try:
        if not (root / rel).exists():
            atomic_write(root / rel, data)
    except OSError as exc:
        raise DocumentError("store_write_failed", f"cannot write a part's PDF: {exc.strerror}", stage="index") from exc
    return rel, sha, len(data)


def part_row(parent: Any, spec: PartSpec, kept: tuple[str, str, int], doc_id: str, at: Any) -> Document:
    """A part's document row (not yet added): the fax's arrival, its own pages, match and type."""
    rel, sha, size = kept
    m, t = spec.match, spec.doc_type
    return Document(
        id=doc_id, source_name=f"{parent.source_name} [pages {spec.label}]", sha256=sha, size=size,
        received_at=parent.received_at, status=Status.processing.value, kind="pdf", original_path=rel,
        pages=len(spec.pages), reasons=json.dumps(list(spec.reasons)), match_json=_as_json(m),
        identifiers_json=_as_json(spec.identifiers), match_score=round(m.score, 4) if m else None, patient_mrn=m.mrn if m else None,
        doc_type=t.doc_type.value if t else "other", type_confidence=round(t.confidence, 4) if t else None,
        parent_id=parent.id, parent_pages=spec.label, split_json="[]", version=1, updated_at=at,
    )


def _as_json(value: Any) -> str:
    """A stage result (a dataclass) as JSON text, as the store keeps a whole document's ("{}" for None)."""
    return json.dumps(asdict(value) if is_dataclass(value) and not isinstance(value, type) else {}, default=str)


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def add_part_pages(ex: Connection | Session, part_id: str, texts: dict[int, Any], numbers: Sequence[int]) -> None:
    """The part's pages (renumbered from 1), which also makes them searchable."""
    rows = [{"document_id": part_id, "number": i, "text": texts[n].text, "source": _source(texts[n]),
             "mean_confidence": texts[n].mean_confidence, "rotation": texts[n].rotation}
            for i, n in enumerate(numbers, start=1)]
    ex.execute(insert(_PAGES), rows)


def _source(page: Any) -> str:
    src = page.source
    return src.value if hasattr(src, "value") else str(src)


def record_part(ex: Connection | Session, store: Any, doc: Document, spec: PartSpec, user: str, at: Any) -> None:
    """Insert one part: filed (its filed copy written first, export queued) or waiting in review."""
    ingested = {"split_from": doc.parent_id, "pages": spec.label}
    if spec.file and doc.patient_mrn:
        after = store._file(doc, doc.patient_mrn, doc.doc_type or "other")
    else:
        doc.status = Status.review.value
    ex.execute(insert(_DOCS), [{c.name: getattr(doc, c.name) for c in _DOCS.columns}])
    audit.append(ex, PART_ACTION, doc.id, user, after=ingested)
    if doc.status == Status.filed.value:
        audit.append(ex, audit.AuditAction.filed, doc.id, user, after=after)
        record_change(ex, store.cfg, Filing.of(doc))
    else:
        reasons = list(spec.reasons)
        ex.execute(insert(_REVIEW), [{"document_id": doc.id, "reasons": json.dumps(reasons),
                                                   "created_at": at}])
        audit.append(ex, audit.AuditAction.sent_to_review, doc.id, user, after={"status": doc.status,
                                                                              "reasons": reasons})
    log.info("document %s: part %s of fax %s is %s", doc.id, spec.label, doc.parent_id, doc.status)


def retire_parts(store: Any, doc_id: str, user: str) -> list[str]:
    """A fax read again (its file grew after it was split): its earlier parts are rejected as superseded,
    their review items resolved and whatever of them left for the EHR withdrawn; their ids."""
    from sqlalchemy import select

    live = (Document.parent_id == doc_id, Document.status != Status.rejected.value)
    with store.db.read() as s:  # almost always none: no write transaction for them
        if s.scalar(select(Document.id).where(*live).limit(1)) is None:
            return []
    with store.db.session() as s:
        parts = list(s.scalars(select(Document).where(*live)))
        for part in parts:
            before = {"status": part.status, "patient_mrn": part.patient_mrn}
            part.status, part.version, part.updated_at = Status.rejected.value, (part.version or 1) + 1, _utc_now()
            part.reasons = json.dumps([SUPERSEDED])
            item = s.get(ReviewItem, part.id)
            if item is not None and item.resolved_at is None:
                item.resolved_at, item.resolved_by, item.decision = _utc_now(), user, "rejected"
            record_change(s, store.cfg, Filing.of(part))  # withdraws a filing that may have left
            audit.append(s, audit.AuditAction.rejected, part.id, user, before=before,
                         after={"status": part.status, "reason": SUPERSEDED})
    if parts:
        log.warning("document %s was read again: %d earlier part(s) superseded", doc_id, len(parts))
    return [p.id for p in parts]
