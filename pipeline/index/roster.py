"""The patient roster in the database: bulk upsert by MRN, and loading for the matcher."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from pipeline.index.models import Patient, PatientAlias
from pipeline.records import PatientRecord

_FIELDS = ("first_name", "last_name", "dob", "sex", "phone", "address", "city", "state", "postal_code")
_CHUNK = 5000


@dataclass(frozen=True)
class ImportCounts:
    """What an import changed."""

    inserted: int
    updated: int
    unchanged: int


def _row(rec: PatientRecord, now: datetime) -> dict:
    return {"mrn": rec.mrn, **{f: getattr(rec, f) for f in _FIELDS}, "updated_at": now}


def _same(existing: tuple, rec: PatientRecord) -> bool:
    return tuple(existing) == tuple(getattr(rec, f) for f in _FIELDS)


def upsert_patients(session: Session, records: Sequence[PatientRecord]) -> ImportCounts:
    """Insert new MRNs and update changed ones, in chunks (100,000 rows take seconds)."""
    now = datetime.now(UTC)
    inserted = updated = unchanged = 0
    for start in range(0, len(records), _CHUNK):
        chunk = records[start : start + _CHUNK]
        cols = [Patient.mrn, *(getattr(Patient, f) for f in _FIELDS)]
        found = {r[0]: r[1:] for r in session.execute(select(*cols).where(Patient.mrn.in_([c.mrn for c in chunk])))}
        new = [_row(r, now) for r in chunk if r.mrn not in found]
        changed = [_row(r, now) for r in chunk if r.mrn in found and not _same(found[r.mrn], r)]
        if new:
            session.execute(insert(Patient), new)
        if changed:
            session.execute(update(Patient), changed)
        inserted += len(new)
        updated += len(changed)
        unchanged += len(chunk) - len(new) - len(changed)
    return ImportCounts(inserted, updated, unchanged)


def load_patients(session: Session) -> list[PatientRecord]:
    """Every roster patient with its confirmed aliases, for building the matcher's index."""
    aliases: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for mrn, first, last in session.execute(select(PatientAlias.mrn, PatientAlias.first_name, PatientAlias.last_name)):
        aliases[mrn].append((first, last))
    cols = [Patient.mrn, *(getattr(Patient, f) for f in _FIELDS)]
    out = []
    for row in session.execute(select(*cols).where(Patient.active.is_(True))):  # a retired record never matches
        values = dict(zip(("mrn", *_FIELDS), row, strict=True))
        out.append(PatientRecord(**values, aliases=tuple(aliases.get(row[0], ()))))
    return out


def get_patient(session: Session, mrn: str) -> PatientRecord | None:
    """One patient by MRN, or None."""
    p = session.get(Patient, mrn)
    if p is None:
        return None
    return PatientRecord(mrn=p.mrn, **{f: getattr(p, f) for f in _FIELDS})


def retired_note(session: Session, mrn: str) -> str | None:
    """Why `mrn` may not receive documents: a message naming its successor when it was retired, else None."""
    p = session.get(Patient, mrn)
    if p is None or p.active is not False:
        return None
    return f"MRN {mrn} is a retired record" + (f", merged into {p.replaced_by}" if p.replaced_by else "")


def count_patients(session: Session) -> int:
    """How many patients the roster holds."""
    return session.scalar(select(func.count()).select_from(Patient)) or 0


def add_alias(session: Session, mrn: str, first: str, last: str, document_id: str | None) -> bool:
    """Record a confirmed name variant; False when the patient already has it."""
    existing = session.scalar(
        select(func.count()).select_from(PatientAlias).where(
            PatientAlias.mrn == mrn, PatientAlias.first_name == first, PatientAlias.last_name == last
        )
    )
    if existing:
        return False
    session.add(PatientAlias(mrn=mrn, first_name=first, last_name=last, source_document_id=document_id,
                             created_at=datetime.now(UTC)))
    return True
