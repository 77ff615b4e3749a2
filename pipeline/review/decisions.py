"""A clerk's decisions on review items: assign, retype, reject, and undo of the last one.

Each decision is one transaction: hold the item (claims.take_for_decision), change the document (filing
goes through Store.file_document, the same code automatic filing uses), learn from it, and append one
audit row naming the clerk, the reason, and the state before and after. Undo reads that row back.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pipeline.errors import ConflictError, DatabaseError, DocintakeError, DocumentError, NotFoundError
from pipeline.export.deliver import deliver_after_filing
from pipeline.export.outbox import Filing, record_change
from pipeline.index import audit
from pipeline.index.models import AuditEntry, Document, ReviewItem
from pipeline.index.roster import get_patient, retired_note
from pipeline.index.store import Store, now
from pipeline.records import DocType, Status
from pipeline.review import learning
from pipeline.review.claims import DEFAULT_CLAIM, take_for_decision
from pipeline.review.queue import DECISIONS, DecisionAction, ReviewReason, active_claim, main_reasons

log = logging.getLogger(__name__)

_STATE_KEYS = ("status", "patient_mrn", "doc_type", "filed_path", "item_reasons")


@dataclass(frozen=True)
class Decision:
    """What one decision did to a review item."""

    document_id: str
    action: DecisionAction
    user: str
    status: str  # the document's status afterwards
    patient_mrn: str | None
    doc_type: str | None
    version: int  # the document's version afterwards
    audit_id: int
    resolved: bool  # False when the item is still open (retyped without a known patient, or undone)
    reason: str = ""  # the clerk's note or rejection reason
    alias_added: bool = False  # a new name variant was recorded for the patient
    undid: str | None = None  # for undo: the action that was reverted
    parts: tuple[str, ...] = ()  # for split: the ids of the parts made (for undo of a split: removed)

    def as_json(self) -> dict[str, Any]:
        """The decision as JSON (`review assign|retype|reject|undo --json`)."""
        return {
            "id": self.document_id, "action": self.action.value, "user": self.user, "status": self.status,
            "patient_mrn": self.patient_mrn, "doc_type": self.doc_type, "version": self.version,
            "audit_id": self.audit_id, "resolved": self.resolved, "reason": self.reason,
            "alias_added": self.alias_added, "undid": self.undid, "parts": list(self.parts),
        }


def claim_ttl(store: Store) -> timedelta:
    """How long a claim lasts, from the config (review_claim_minutes)."""
    minutes = getattr(store.cfg, "review_claim_minutes", None)
    return timedelta(minutes=minutes) if minutes else DEFAULT_CLAIM


def doc_type_of(value: str) -> DocType:
    """A document type from its name, or a usage error listing the vocabulary."""
    try:
        return DocType(value.strip().lower())
    except ValueError:
        raise DocintakeError(f"unknown document type {value!r}",
                             hint="one of: " + ", ".join(t.value for t in DocType)) from None


def _state(doc: Document, item: ReviewItem | None) -> dict[str, Any]:
    return {
        "status": doc.status, "patient_mrn": doc.patient_mrn, "doc_type": doc.doc_type,
        "filed_path": doc.filed_path, "item_reasons": json.loads(item.reasons or "[]") if item else [],
        "version": doc.version or 1,
    }


@contextmanager
def _filing(doc_id: str) -> Iterator[None]:
    """A filed copy that cannot be written fails the clerk's command (the transaction rolls back)."""
    try:
        yield
    except DocumentError as exc:
        raise DatabaseError(f"cannot file document {doc_id}: {exc.message}; nothing was changed",
                            hint="check the store folder's free space and permissions") from exc


def _resolve(item: ReviewItem, user: str, action: DecisionAction) -> None:
    item.resolved_at, item.resolved_by, item.decision = now(), user, action.value
    item.claimed_by, item.claim_expires = None, None


def _bump(doc: Document) -> None:
    doc.version, doc.updated_at = (doc.version or 1) + 1, now()


def _finish(s: Session, doc: Document, item: ReviewItem, user: str, action: DecisionAction,
            before: dict[str, Any], **extra: Any) -> Decision:
    """Append the decision's audit row and describe it."""
    after = {**_state(doc, item), **extra}
    entry = audit.append(s, action.value, doc.id, user, before=before, after=after)
    log.info("review item %s: %s", doc.id, action.value)
    return Decision(
        document_id=doc.id, action=action, user=user, status=doc.status, patient_mrn=doc.patient_mrn,
        doc_type=doc.doc_type, version=doc.version or 1, audit_id=entry.id, resolved=item.resolved_at is not None,
        reason=str(extra.get("note") or extra.get("reason") or ""), alias_added=bool(extra.get("alias_id")),
        parts=tuple(p["id"] for p in extra.get("parts") or ()) + tuple(extra.get("removed_parts") or ()),
    )


def _delivers(decide: Callable[..., Decision]) -> Callable[..., Decision]:
    """After a decision's transaction commits, deliver what it queued for the EHR (filing or withdrawal)."""
    @functools.wraps(decide)
    def run(store: Store, *args: Any, **kwargs: Any) -> Decision:
        decision = decide(store, *args, **kwargs)
        deliver_after_filing(store)
        return decision
    return run


@_delivers
def assign(store: Store, doc_id: str, mrn: str, user: str, doc_type: str | None = None, note: str = "",
           expected_version: int | None = None) -> Decision:
    """File a review item under patient `mrn` (and type `doc_type`, default the guess) and resolve it.

    The document's name, when it is a new variant of the patient's, becomes a confirmed alias; the type it
    is filed as becomes a classifier example.
    """
    dtype = doc_type_of(doc_type).value if doc_type else None
    with store.db.session() as s:
        item, doc = take_for_decision(s, doc_id, user, claim_ttl(store), expected_version)
        patient = get_patient(s, mrn.strip())
        if patient is None:
            raise NotFoundError(f"no patient with MRN {mrn.strip()!r} in the roster; nothing was changed",
                                hint="find the patient with `docintake patients find --name ... --dob ...`")
        retired = retired_note(s, patient.mrn)
        if retired:
            raise NotFoundError(f"{retired}; nothing was changed", hint="assign the document to the surviving MRN")
        before = _state(doc, item)
        alias_id = learning.record_alias(s, doc, patient)
        filed_as = dtype or doc.doc_type or DocType.other.value
        with _filing(doc.id):
            store.file_document(s, doc, patient.mrn, filed_as, user, action="filed")
        _resolve(item, user, DecisionAction.assigned)
        example = learning.record_type(s, doc.id, filed_as, user)
        return _finish(s, doc, item, user, DecisionAction.assigned, before, note=note.strip(), alias_id=alias_id,
                       classifier_example=example)


@_delivers
def retype(store: Store, doc_id: str, doc_type: str, user: str, expected_version: int | None = None,
           keep_claim: bool = False) -> Decision:
    """Set a review item's type. When its patient is already known the document is filed and the item
    resolved; otherwise the item stays in the queue (without 'type uncertain') for a patient decision."""
    dtype = doc_type_of(doc_type).value
    with store.db.session() as s:
        item, doc = take_for_decision(s, doc_id, user, claim_ttl(store), expected_version)
        before = _state(doc, item)
        reasons = [r for r in json.loads(item.reasons or "[]") if r != ReviewReason.type_uncertain.value]
        item.reasons, doc.doc_type = json.dumps(reasons), dtype
        if doc.patient_mrn and not main_reasons(reasons):
            with _filing(doc.id):
                store.file_document(s, doc, doc.patient_mrn, dtype, user, action="filed")
            _resolve(item, user, DecisionAction.retyped)
        else:
            _bump(doc)
            if not keep_claim:
                item.claimed_by, item.claim_expires = None, None
        example = learning.record_type(s, doc.id, dtype, user)
        return _finish(s, doc, item, user, DecisionAction.retyped, before, classifier_example=example)


def reject(store: Store, doc_id: str, reason: str, user: str, expected_version: int | None = None) -> Decision:
    """Reject a review item (junk fax, not our patient, duplicate, ...): it is kept, never filed."""
    if not reason or not reason.strip():
        raise DocintakeError("a rejection needs a reason", hint="for example --reason 'junk fax'")
    with store.db.session() as s:
        item, doc = take_for_decision(s, doc_id, user, claim_ttl(store), expected_version)
        before = _state(doc, item)
        doc.status = Status.rejected.value
        _bump(doc)
        _resolve(item, user, DecisionAction.rejected)
        return _finish(s, doc, item, user, DecisionAction.rejected, before, reason=reason.strip())


# -- undo ------------------------------------------------------------------------------------------------

def last_decision(s: Session, user: str, doc_id: str | None = None) -> AuditEntry | None:
    """The newest decision by `user` (optionally on one document) that was not undone."""
    undone = learning.undone_ids(s)
    q = select(AuditEntry).where(AuditEntry.user == user, AuditEntry.action.in_([a.value for a in DECISIONS]))
    if doc_id is not None:
        q = q.where(AuditEntry.document_id == doc_id)
    for entry in s.scalars(q.order_by(AuditEntry.id.desc())):
        if entry.id not in undone:
            return entry
    return None


def _same_state(current: dict[str, Any], recorded: dict[str, Any]) -> bool:
    return all(current.get(k) == recorded.get(k) for k in _STATE_KEYS)


def _check_undoable(s: Session, doc: Document, item: ReviewItem, after: dict[str, Any], user: str) -> None:
    """Undo only what nobody changed since: the document must still be as the decision left it."""
    holder, _ = active_claim(item, now())
    if item.resolved_at is None and holder not in (None, user):
        raise ConflictError(f"review item {doc.id} is being worked on by {holder}; nothing was undone")
    if not _same_state(_state(doc, item), after):
        raise ConflictError(f"document {doc.id} changed after your decision; nothing was undone",
                            hint=f"see `docintake review show {doc.id}` and decide it again")
    version = doc.version or 1
    moved = s.execute(update(Document).where(Document.id == doc.id, Document.version == version)
                      .values(version=version + 1, updated_at=now()).execution_options(synchronize_session=False))
    if getattr(moved, "rowcount", 0) != 1:
        raise ConflictError(f"document {doc.id} changed while undoing; nothing was undone")
    s.refresh(doc)


def _restore(store: Store, doc: Document, item: ReviewItem, before: dict[str, Any], user: str,
             keep_claim: bool) -> None:
    doc.status, doc.patient_mrn = before["status"], before["patient_mrn"]
    doc.doc_type, doc.filed_path = before["doc_type"], before["filed_path"]
    item.reasons = json.dumps(before.get("item_reasons") or [])
    item.resolved_at, item.resolved_by, item.decision = None, None, None
    item.claimed_by, item.claim_expires = (user, now() + claim_ttl(store)) if keep_claim else (None, None)


@_delivers
def undo(store: Store, user: str, doc_id: str | None = None, keep_claim: bool = False) -> Decision:
    """Revert `user`'s last decision (optionally their last on one document); the item is open again
    (claimed by them with `keep_claim`). Aliases and classifier examples that decision added are withdrawn."""
    with store.db.session() as s:
        entry = last_decision(s, user, doc_id)
        if entry is None or entry.document_id is None:
            where = f" on document {doc_id}" if doc_id else ""
            raise NotFoundError(f"no decision by {user}{where} to undo")
        doc, item = s.get(Document, entry.document_id), s.get(ReviewItem, entry.document_id)
        if doc is None or item is None:
            raise NotFoundError(f"document {entry.document_id} is no longer in the store; nothing was undone")
        before, after = json.loads(entry.before or "{}"), json.loads(entry.after or "{}")
        _check_undoable(s, doc, item, after, user)
        removed = _undo_parts(store, s, doc, entry.action, after, user)
        current = _state(doc, item)
        _restore(store, doc, item, before, user, keep_claim)
        record_change(s, store.cfg, Filing.of(doc))  # withdraw from the EHR what the decision had filed
        learning.forget_alias(s, after.get("alias_id"), doc.id)
        if after.get("classifier_example"):
            learning.forget_type(s, doc.id, user, undoing=entry.id)
        decision = _finish(s, doc, item, user, DecisionAction.undone, current, undoes=entry.id,
                           undid=entry.action, **({"removed_parts": removed} if removed else {}))
    stale = after.get("filed_path")
    if stale and stale != before.get("filed_path"):
        _remove_quietly(store.path(stale))  # only once no committed row points to it
    return replace(decision, undid=entry.action)


def _undo_parts(store: Store, s: Session, doc: Document, action: str, after: dict[str, Any], user: str) -> list[str]:
    """Undoing a split removes its parts first (pipeline.review.splitting); other decisions made none."""
    if action != DecisionAction.split_up.value:
        return []
    from pipeline.review.unsplit import undo_split

    return undo_split(store, s, doc, after, user)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not remove a replaced filed copy: %s", exc.strerror)
