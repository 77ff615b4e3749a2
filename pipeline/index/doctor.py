"""`doctor`: check that the store's rows and files agree, and repair what can be repaired without guessing.

Checked: every row's original, searchable PDF and filed copy exist and hash right; no files the database
does not know; no documents stuck in 'processing'; private modes; the audit chain; the search index.
Repaired: missing or altered copies re-made from a copy whose hash proves it right, stale temporary files
and provably redundant copies removed, modes fixed, the SQLite search index rebuilt. Never deleted: an
original no row points to (it may be the only copy of a document).
Files younger than `grace` are left alone: a running batch may be about to commit the row for them.
"""

from __future__ import annotations

import logging
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, or_, select, text

from pipeline.index import audit
from pipeline.index.db import Database
from pipeline.index.files import (
    DIR_MODE,
    FILE_MODE,
    TEMP_PREFIX,
    atomic_copy,
    remove_quietly,
    sha256_file,
)
from pipeline.index.limits import DEFAULT_GRACE, DEFAULT_STUCK
from pipeline.index.models import Document
from pipeline.index.views import as_utc
from pipeline.records import Status

log = logging.getLogger(__name__)

# Other tables whose column names a store file (relative to the store): the classifier's model versions.
OTHER_FILE_COLUMNS = (("classifier_models", "path"),)
CONTENT_DIRS = ("originals", "searchable")
# Kept by ingest, not content the rows point to: failed files with their notes, and lock files.
INGEST_AREAS = ("failed", "leases")


class FindingKind(StrEnum):
    """What kind of problem `doctor` found."""

    missing_file = "missing_file"
    hash_mismatch = "hash_mismatch"
    orphan_original = "orphan_original"
    orphan_file = "orphan_file"
    unknown_file = "unknown_file"
    temp_file = "temp_file"
    stuck_processing = "stuck_processing"
    bad_mode = "bad_mode"
    audit_chain = "audit_chain"
    search_index = "search_index"


@dataclass(frozen=True)
class Finding:
    """One problem, and what was done about it (`repaired`, `action`) or what a person should do (`hint`)."""

    kind: FindingKind
    message: str
    path: str | None = None  # relative to the store
    document_id: str | None = None
    repaired: bool = False
    action: str | None = None
    hint: str | None = None


@dataclass
class DoctorReport:
    """Every finding of one run, and how much was checked."""

    documents: int = 0
    files: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def remaining(self) -> list[Finding]:
        """Findings that were not repaired."""
        return [f for f in self.findings if not f.repaired]

    @property
    def ok(self) -> bool:
        """True when nothing is left to fix."""
        return not self.remaining

    def as_json(self) -> dict[str, Any]:
        """The JSON of `doctor --json`."""
        return {"ok": self.ok, "documents": self.documents, "files": self.files,
                "repaired": sum(f.repaired for f in self.findings), "remaining": len(self.remaining),
                "findings": [asdict(f) for f in self.findings]}


@dataclass(frozen=True)
class DoctorOptions:
    """How `doctor` runs."""

    repair: bool = False
    stuck_after: timedelta = DEFAULT_STUCK
    grace: timedelta = DEFAULT_GRACE
    user: str = "doctor"


class _Hashes:
    """sha256 of store files, each read once (duplicates share their original)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._seen: dict[str, str | None] = {}

    def of(self, rel: str) -> str | None:
        """The file's sha256, or None when it is missing."""
        if rel not in self._seen:
            path = self.root / rel
            self._seen[rel] = sha256_file(path) if path.is_file() else None
        return self._seen[rel]

    def forget(self, rel: str) -> None:
        """Drop a cached hash after the file was re-made."""
        self._seen.pop(rel, None)


class Doctor:
    """One check (and maybe repair) of a store: its root folder and its database."""

    def __init__(self, root: Path, db: Database, options: DoctorOptions) -> None:
        self.root = root
        self.db = db
        self.opts = options
        self.hashes = _Hashes(root)
        self.report = DoctorReport()

    def run(self) -> DoctorReport:
        """Run every check; repairs are made (and audited) only with options.repair."""
        referenced = self._check_rows()
        self._check_files(referenced)
        self._check_modes()
        self._check_audit()
        self._check_search_index()
        return self.report

    # -- findings ------------------------------------------------------------------------------------

    def _found(self, finding: Finding) -> None:
        self.report.findings.append(finding)
        if finding.repaired:
            log.info("doctor repaired %s: %s", finding.kind, finding.action)
            with self.db.session() as s:
                audit.append(s, audit.AuditAction.repaired, finding.document_id, self.opts.user,
                             before={"problem": finding.kind.value, "path": finding.path},
                             after={"action": finding.action})

    # -- rows -> files -------------------------------------------------------------------------------

    def _documents(self) -> Iterator[Document]:
        with self.db.read() as s:
            yield from s.scalars(select(Document).order_by(Document.id).execution_options(yield_per=1000))

    def _check_rows(self) -> set[str]:
        """Check each document's files; returns every store-relative path some row points to."""
        referenced: set[str] = set()
        stuck_before = datetime.now(UTC) - self.opts.stuck_after
        for doc in self._documents():
            self.report.documents += 1
            referenced.update(p for p in (doc.original_path, doc.searchable_path, doc.filed_path) if p)
            if doc.status == Status.processing.value and (as_utc(doc.updated_at) or stuck_before) < stuck_before:
                self._found(Finding(
                    FindingKind.stuck_processing, f"document {doc.id} has been processing since "
                    f"{as_utc(doc.updated_at)}", document_id=doc.id,
                    hint="run the batch (or watcher) again over the folder it came from; it resumes the document"))
            self._check_document(doc)
        return referenced | self._other_files()

    def _other_files(self) -> set[str]:
        """Store files other tables point to; each must exist (it cannot be re-made here)."""
        tables = set(inspect(self.db.engine).get_table_names())
        found: set[str] = set()
        with self.db.read() as s:
            for table, column in OTHER_FILE_COLUMNS:
                if table in tables:
                    found.update(r[0] for r in s.execute(text(f"SELECT {column} FROM {table}")) if r[0])
        for rel in sorted(found):
            if not (self.root / rel).is_file():
                self._found(Finding(FindingKind.missing_file, f"{rel} (named in the database) is missing", rel,
                                    hint="re-create it with the command that made it (e.g. `classifier train`)"))
        return found

    def _check_document(self, doc: Document) -> None:
        if doc.original_path:
            self._check_copy(doc, doc.original_path, doc.sha256, "original")
        if doc.searchable_path:
            self._check_copy(doc, doc.searchable_path, doc.searchable_sha256, "searchable PDF")
        if doc.filed_path:
            source = doc.searchable_path or doc.original_path
            expected = doc.searchable_sha256 if doc.searchable_path else doc.sha256
            self._check_copy(doc, doc.filed_path, expected, "filed copy", source)

    def _check_copy(self, doc: Document, rel: str, expected: str | None, what: str, source: str | None = None) -> None:
        actual = self.hashes.of(rel)
        if actual is not None and (expected is None or actual == expected):
            return
        kind = FindingKind.missing_file if actual is None else FindingKind.hash_mismatch
        problem = "is missing" if actual is None else "does not match its recorded sha256"
        donor = self._donor(doc, rel, expected, source)
        message = f"document {doc.id}: {what} {rel} {problem}"
        if donor is None or not self.opts.repair:
            hint = f"re-made from {donor} by `doctor --repair`" if donor else "no intact copy to re-make it from"
            self._found(Finding(kind, message, rel, doc.id, hint=hint))
            return
        atomic_copy(self.root / donor, self.root / rel)
        self.hashes.forget(rel)
        self._found(Finding(kind, message, rel, doc.id, repaired=True, action=f"re-made {rel} from {donor}"))

    def _donor(self, doc: Document, rel: str, expected: str | None, source: str | None) -> str | None:
        """Another of the document's files whose hash proves it holds exactly the bytes `rel` should."""
        if expected is None:  # a row from before hashes of searchable PDFs were kept: trust its source
            return source if source and self.hashes.of(source) is not None else None
        for other in (source, doc.filed_path, doc.searchable_path, doc.original_path):
            if other and other != rel and self.hashes.of(other) == expected:
                return other
        return None

    # -- files -> rows -------------------------------------------------------------------------------

    def _store_files(self) -> Iterator[Path]:
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not (folder == str(self.root) and d in INGEST_AREAS))
            for name in sorted(files):
                path = Path(folder) / name
                if path.parent == self.root and name.startswith("index.db"):
                    continue  # the SQLite database and its -wal/-shm files
                yield path

    def _check_files(self, referenced: set[str]) -> None:
        known = self._known_hashes()
        young = time.time() - self.opts.grace.total_seconds()
        for path in self._store_files():
            self.report.files += 1
            rel = path.relative_to(self.root).as_posix()
            if rel in referenced or path.stat().st_mtime > young:
                continue  # in use, or perhaps about to be (a row not yet committed)
            if path.name.startswith(TEMP_PREFIX):
                self._remove(FindingKind.temp_file, rel, f"{rel} is a temporary file left by an interrupted write")
            elif rel.startswith("originals/"):
                self._found(Finding(FindingKind.orphan_original, f"{rel} is an original no document points to",
                                    rel, hint="it may be the only copy of a file: process it again with "
                                              "`docintake batch`, then run doctor again; it is never deleted"))
            elif rel.startswith("searchable/"):
                self._remove(FindingKind.orphan_file, rel, f"{rel} is a searchable PDF no document points to")
            elif self.hashes.of(rel) in known:
                self._remove(FindingKind.orphan_file, rel, f"{rel} is a stale filed copy no document points to")
            else:
                self._found(Finding(FindingKind.unknown_file, f"{rel} is not a file docintake wrote", rel,
                                    hint="move it out of the store if it does not belong there"))

    def _known_hashes(self) -> set[str]:
        """The hash of every original and searchable PDF a row records: a copy with one of them is redundant."""
        with self.db.read() as s:
            rows = s.execute(select(Document.sha256, Document.searchable_sha256))
            return {h for row in rows for h in row if h}

    def _still_unreferenced(self, rel: str) -> bool:
        with self.db.read() as s:
            q = select(Document.id).where(or_(Document.original_path == rel, Document.searchable_path == rel,
                                              Document.filed_path == rel)).limit(1)
            return s.scalars(q).first() is None

    def _remove(self, kind: FindingKind, rel: str, message: str) -> None:
        if not self.opts.repair:
            self._found(Finding(kind, message, rel, hint="removed by `doctor --repair`"))
        elif self._still_unreferenced(rel):
            remove_quietly(self.root / rel)
            self._found(Finding(kind, message, rel, repaired=True, action=f"removed {rel}"))

    # -- modes, audit, search index ------------------------------------------------------------------

    def _check_modes(self) -> None:
        self._check_mode(self.root, DIR_MODE)
        for folder, dirs, files in os.walk(self.root):
            for name in dirs:
                self._check_mode(Path(folder) / name, DIR_MODE)
            for name in files:
                self._check_mode(Path(folder) / name, FILE_MODE)

    def _check_mode(self, path: Path, want: int) -> None:
        try:
            mode = stat.S_IMODE(path.lstat().st_mode)
        except FileNotFoundError:
            return
        if mode & ~want == 0:
            return
        rel = path.relative_to(self.root).as_posix() if path != self.root else "."
        message = f"{rel} has mode {mode:o}; store files must be private ({want:o})"
        if not self.opts.repair:
            self._found(Finding(FindingKind.bad_mode, message, rel, hint="fixed by `doctor --repair`"))
            return
        os.chmod(path, want)
        self._found(Finding(FindingKind.bad_mode, message, rel, repaired=True, action=f"chmod {want:o} {rel}"))

    def _check_audit(self) -> None:
        with self.db.read() as s:
            _count, problems = audit.verify_chain(s)
        for p in problems:
            self._found(Finding(FindingKind.audit_chain, p.message,
                                hint="the audit log was changed outside docintake; it cannot be repaired"))

    def _check_search_index(self) -> None:
        if self.db.dialect != "sqlite":
            return  # PostgreSQL's tsvector column is generated from the text: it cannot drift
        problem = _fts_problem(self.db)
        if problem is None:
            return
        message = f"the full-text search index disagrees with the page text ({problem})"
        if not self.opts.repair:
            self._found(Finding(FindingKind.search_index, message, hint="rebuilt by `doctor --repair`"))
            return
        with self.db.session() as s:
            s.execute(text("INSERT INTO pages_fts(pages_fts) VALUES ('rebuild')"))
        self._found(Finding(FindingKind.search_index, message, repaired=True, action="rebuilt the search index"))


def _fts_problem(db: Database) -> str | None:
    """None when FTS5's own integrity check (against the pages table) passes, else its message."""
    try:
        with db.session() as s:
            s.execute(text("INSERT INTO pages_fts(pages_fts, rank) VALUES ('integrity-check', 1)"))
    except Exception as exc:  # noqa: BLE001 - any failure of the check is the finding
        return str(getattr(exc, "orig", exc))
    return None


def run_doctor(root: Path, db: Database, options: DoctorOptions | None = None) -> DoctorReport:
    """Check (and with options.repair, repair) the store at `root` with database `db`."""
    return Doctor(root, db, options or DoctorOptions()).run()

