"""What a clerk's decision teaches: confirmed name variants (aliases) and confirmed document types."""

from __future__ import annotations

import importlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.index.models import AuditEntry, Document, PatientAlias
from pipeline.index.roster import add_alias
from pipeline.match.normalize import name_key
from pipeline.records import PatientRecord
from pipeline.review.queue import DecisionAction, as_utc

log = logging.getLogger(__name__)

_CLASSIFIER_EXAMPLES = "pipeline.classify.examples"


def extracted_name(doc: Document) -> tuple[str, str] | None:
    """(first, last) of the best patient name found in the document, or None."""
    ids = json.loads(doc.identifiers_json or "{}")
    names = ids.get("names") or []
    if not names or not isinstance(names[0], dict):
        return None
    first, last = (names[0].get("first") or "").strip(), (names[0].get("last") or "").strip()
    return (first, last) if first and last else None


def _known_names(s: Session, patient: PatientRecord) -> set[tuple[str, str]]:
    rows = s.execute(select(PatientAlias.first_name, PatientAlias.last_name).where(PatientAlias.mrn == patient.mrn))
    names = [(patient.first_name, patient.last_name), *rows]
    return {(name_key(f), name_key(last)) for f, last in names}


def record_alias(s: Session, doc: Document, patient: PatientRecord) -> int | None:
    """Keep the document's name as a confirmed alias of `patient` when it is a new variant; the alias id."""
    name = extracted_name(doc)
    if name is None or (name_key(name[0]), name_key(name[1])) in _known_names(s, patient):
        return None
    if not add_alias(s, patient.mrn, name[0], name[1], doc.id):
        return None
    s.flush()
    alias_id = s.scalar(select(PatientAlias.id).where(
        PatientAlias.mrn == patient.mrn, PatientAlias.first_name == name[0], PatientAlias.last_name == name[1]))
    log.info("document %s: confirmed name variant recorded as alias %s", doc.id, alias_id)
    return alias_id


def forget_alias(s: Session, alias_id: int | None, document_id: str) -> bool:
    """Remove an alias a decision added (that decision is being undone)."""
    alias = s.get(PatientAlias, alias_id) if alias_id else None
    if alias is None or alias.source_document_id != document_id:
        return False
    s.delete(alias)
    return True


def _classifier_hook(name: str) -> Callable[..., Any] | None:
    """A function of the classifier's example store, when that module provides it."""
    try:
        module = importlib.import_module(_CLASSIFIER_EXAMPLES)
    except ImportError:
        return None
    hook = getattr(module, name, None)
    return hook if callable(hook) else None


def record_type(s: Session, document_id: str, doc_type: str, user: str) -> bool:
    """Hand a clerk-confirmed type to the classifier as a labelled example; False when it cannot take one.

    The decision's audit row records the confirmed type either way (see `confirmed_types`).
    """
    hook = _classifier_hook("add_example")
    if hook is None:
        return False
    hook(s, document_id, doc_type, user)
    return True


def forget_type(s: Session, document_id: str, user: str, undoing: int) -> bool:
    """A decision (audit id `undoing`) is undone: give the classifier back the type an earlier decision still
    standing confirmed, else withdraw the document's example (when the classifier keeps examples)."""
    earlier = confirmed_types(s, document_id, ignore=undoing)
    if earlier:
        return record_type(s, document_id, earlier[-1].doc_type, earlier[-1].user)
    hook = _classifier_hook("remove_example")
    if hook is None:
        return False
    hook(s, document_id, user)
    return True


@dataclass(frozen=True)
class ConfirmedType:
    """A document type a clerk set or confirmed in review: a labelled example for the classifier."""

    document_id: str
    doc_type: str
    user: str
    at: datetime


def undone_ids(s: Session) -> set[int]:
    """Audit ids of decisions that were undone."""
    rows = s.scalars(select(AuditEntry.after).where(AuditEntry.action == DecisionAction.undone.value))
    return {json.loads(a or "{}").get("undoes") for a in rows} - {None}


def confirmed_types(s: Session, document_id: str | None = None, ignore: int | None = None) -> list[ConfirmedType]:
    """The latest clerk-confirmed type of every document decided in review (or of one document); undone
    decisions, and the decision with audit id `ignore`, are left out."""
    undone = undone_ids(s) | ({ignore} if ignore is not None else set())
    q = select(AuditEntry).where(AuditEntry.action.in_([DecisionAction.assigned.value,
                                                         DecisionAction.retyped.value])).order_by(AuditEntry.id)
    if document_id is not None:
        q = q.where(AuditEntry.document_id == document_id)
    latest: dict[str, ConfirmedType] = {}
    for e in s.scalars(q):
        doc_type = json.loads(e.after or "{}").get("doc_type")
        if e.id not in undone and e.document_id and doc_type:
            latest[e.document_id] = ConfirmedType(e.document_id, doc_type, e.user, as_utc(e.at) or e.at)
    return list(latest.values())

