"""Merging roster records (ADT A40, FHIR Patient replaced-by): the retired MRN is never matched again, and
its documents, review items and aliases move to the surviving MRN, each move audited. A filed document is
filed again under the surviving MRN, which also withdraws and resends it at the EHR (the outbox)."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pipeline.errors import NotFoundError
from pipeline.index import audit
from pipeline.index.models import Document, Patient, PatientAlias
from pipeline.index.store import Store
from pipeline.match.roster_adt import Merge
from pipeline.records import Status

log = logging.getLogger(__name__)

MERGED = "merged"  # audit action of a document moved by a merge; the roster record's own row uses "retired"


@dataclass(frozen=True)
class MergeResult:
    """What one merge did."""

    retired: str
    surviving: str | None
    documents: int  # documents moved (filed ones re-filed)
    aliases: int

    def as_json(self) -> dict[str, Any]:
        """As JSON (`patients import --json`)."""
        return {"retired": self.retired, "surviving": self.surviving, "documents": self.documents,
                "aliases": self.aliases}


def _retire(s: Session, merge: Merge, user: str) -> None:
    row = s.get(Patient, merge.retired)
    if row is None:
        row = Patient(mrn=merge.retired, updated_at=datetime.now(UTC))
        s.add(row)
    row.active, row.replaced_by, row.updated_at = False, merge.surviving, datetime.now(UTC)
    audit.append(s, "retired", None, user, before={"mrn": merge.retired},
                 after={"active": False, "replaced_by": merge.surviving})


def _move_match(doc: Document, old: str, new: str) -> None:
    match = json.loads(doc.match_json or "{}")
    for cand in match.get("candidates") or []:
        if isinstance(cand, dict) and cand.get("mrn") == old:
            cand["mrn"] = new
    if match.get("mrn") == old:
        match["mrn"] = new
    doc.match_json = json.dumps(match, default=str)


def _move_documents(s: Session, store: Store, merge: Merge, user: str) -> int:
    assert merge.surviving is not None
    docs = list(s.scalars(select(Document).where(Document.patient_mrn == merge.retired).order_by(Document.received_at)))
    for doc in docs:
        _move_match(doc, merge.retired, merge.surviving)
        if doc.status == Status.filed.value:
            store.file_document(s, doc, merge.surviving, doc.doc_type or "other", user, action=MERGED)
            continue
        doc.patient_mrn, doc.version, doc.updated_at = merge.surviving, (doc.version or 1) + 1, datetime.now(UTC)
        audit.append(s, MERGED, doc.id, user, before={"patient_mrn": merge.retired},
                     after={"patient_mrn": merge.surviving})
    return len(docs)


def _move_aliases(s: Session, merge: Merge) -> int:
    moved = s.execute(update(PatientAlias).where(PatientAlias.mrn == merge.retired)
                      .values(mrn=merge.surviving).execution_options(synchronize_session=False))
    return int(getattr(moved, "rowcount", 0) or 0)


def apply_merge(store: Store, merge: Merge, user: str) -> MergeResult:
    """Retire `merge.retired` and move what it holds to `merge.surviving`, in one transaction."""
    with store.db.session() as s:
        if merge.surviving is not None and s.get(Patient, merge.surviving) is None:
            raise NotFoundError(f"merge of {merge.retired}: the surviving MRN {merge.surviving} is not in the roster; "
                                "nothing was changed", hint="import the surviving patient first (A04/A28)")
        _retire(s, merge, user)
        if merge.surviving is None:
            return MergeResult(merge.retired, None, 0, 0)
        documents = _move_documents(s, store, merge, user)
        aliases = _move_aliases(s, merge)
    log.info("roster merge: %d document(s) and %d alias(es) moved to the surviving record", documents, aliases)
    return MergeResult(merge.retired, merge.surviving, documents, aliases)


def apply_merges(store: Store, merges: Sequence[Merge], user: str) -> list[MergeResult]:
    """Apply merges in order (a chain A->B then B->C lands everything on C)."""
    return [apply_merge(store, m, user) for m in merges]
