"""The roster index kept in step with the database while a process runs for months.

Every change to `patients` or `patient_aliases` (imports, ADT updates and merges, clerk-learned aliases,
whoever makes it) bumps `roster_version` and names the MRN in `roster_changes`: database triggers
(migration 0006) do it, so no writer can forget. A process holding the index checks the version before
each document (one indexed query) and, when it moved, reloads only the patients that changed.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from pipeline.index.db import Database
from pipeline.index.models import Patient, PatientAlias
from pipeline.index.roster import _FIELDS, load_patients
from pipeline.match.roster import Roster
from pipeline.records import PatientRecord

log = logging.getLogger(__name__)

FULL_RELOAD_SHARE = 0.25  # more patients changed than this share of the roster: rebuild it all (faster)
_CHUNK = 5000


def roster_version(session: Session) -> int:
    """The database's roster version (0 before migration 0006 ran)."""
    return int(session.execute(text("SELECT version FROM roster_version WHERE id = 1")).scalar() or 0)


def changed_since(session: Session, version: int) -> tuple[int, set[str]]:
    """(the current version, MRNs changed after `version`), read in one snapshot."""
    now = roster_version(session)
    rows = session.execute(text("SELECT DISTINCT mrn FROM roster_changes WHERE version > :v AND version <= :now"),
                           {"v": version, "now": now})
    return now, {r[0] for r in rows}


def patients_by_mrn(session: Session, mrns: Iterable[str]) -> dict[str, PatientRecord]:
    """The active patients among `mrns`, with their aliases (a retired or deleted MRN is absent)."""
    wanted = sorted(set(mrns))
    out: dict[str, PatientRecord] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        aliases: dict[str, list[tuple[str, str]]] = defaultdict(list)
        q = select(PatientAlias.mrn, PatientAlias.first_name, PatientAlias.last_name).where(PatientAlias.mrn.in_(chunk))
        for mrn, first, last in session.execute(q):
            aliases[mrn].append((first, last))
        cols = [Patient.mrn, *(getattr(Patient, f) for f in _FIELDS)]
        for row in session.execute(select(*cols).where(Patient.mrn.in_(chunk), Patient.active.is_(True))):
            values = dict(zip(("mrn", *_FIELDS), row, strict=True))
            out[row[0]] = PatientRecord(**values, aliases=tuple(aliases.get(row[0], ())))
    return out


class LiveRoster:
    """A roster index and the roster version it reflects; `current()` brings it up to date."""

    def __init__(self, db: Database) -> None:
        self.db = db
        with db.read() as s:
            self.version = roster_version(s)
            self.roster = Roster.from_records(load_patients(s))

    def current(self) -> Roster:
        """The index, first updated with whatever changed in the database since it was last looked at."""
        with self.db.read() as s:
            if roster_version(s) == self.version:
                return self.roster
            version, mrns = changed_since(s, self.version)
            if len(mrns) > max(100, FULL_RELOAD_SHARE * len(self.roster)):
                self.roster, how = Roster.from_records(load_patients(s)), "rebuilt"
            else:
                self._apply(mrns, patients_by_mrn(s, mrns))
                how = "updated"
        log.info("roster version %d -> %d: %d patient(s) changed, index %s", self.version, version, len(mrns), how)
        self.version = version
        return self.roster

    def _apply(self, mrns: set[str], fresh: dict[str, PatientRecord]) -> None:
        for mrn in mrns:
            record = fresh.get(mrn)
            if record is None:
                self.roster.remove(mrn)
            else:
                self.roster.add(record)
