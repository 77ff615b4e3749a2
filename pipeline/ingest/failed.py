"""`<store>/failed/`: files that failed, each with a `.error.json` beside it saying why.

    <store>/failed/<document id>-<name>              the file as it arrived
    <store>/failed/<document id>-<name>.error.json   {document_id, source_name, reason, stage, time, kept, note}

The document's row in the database stays the record of its state (failed, with the same reason); this
folder is where a clerk finds the bytes, and where `docintake failed retry` takes them from.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import stat
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.index.files import FILE_MODE, atomic_copy, atomic_write, ensure_dir

log = logging.getLogger(__name__)

FAILED_DIR = "failed"
ERROR_SUFFIX = ".error.json"
_MAX_NAME_BYTES = 180  # leaves room for the id and the suffix within the 255-byte name limit


@dataclass(frozen=True)
class FailureNote:
    """What `.error.json` says about one failed file."""

    document_id: str
    source_name: str  # the name it arrived under
    reason: str  # "code: message", as recorded on the document
    stage: str  # ingest, ocr, analyze, match, index
    time: str  # ISO 8601, UTC
    kept: str | None  # file name inside failed/, None when there were no bytes to keep
    note: str = ""  # what happened to the file when it could not be kept


def _short(name: str) -> str:
    """A file name cut to a safe length without splitting a UTF-8 character."""
    raw = name.encode("utf-8", "surrogateescape")
    if len(raw) <= _MAX_NAME_BYTES:
        return name
    return raw[:_MAX_NAME_BYTES].decode("utf-8", "ignore")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def move_file(src: Path, dest: Path) -> None:
    """Move a regular file durably: a rename on one filesystem, else copy, fsync, then remove the source."""
    try:
        os.replace(src, dest)
        _fsync_dir(dest.parent)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    atomic_copy(src, dest)
    src.unlink()


class FailedArea:
    """The failed/ folder of one store."""

    def __init__(self, store_root: Path) -> None:
        self.folder = store_root / FAILED_DIR

    def keep(self, path: Path | None, document_id: str, source_name: str, reason: str, stage: str) -> FailureNote:
        """Move a failed file (if any) here and write its `.error.json`; the note says what was kept."""
        ensure_dir(self.folder)
        name = f"{document_id}-{_short(Path(source_name).name)}"
        kept, note = self._take(path, self.folder / name) if path is not None else (False, "no file")
        record = FailureNote(document_id, source_name, reason, stage,
                             datetime.now(UTC).replace(microsecond=0).isoformat(), name if kept else None, note)
        atomic_write(self.folder / f"{name}{ERROR_SUFFIX}", json.dumps(asdict(record), indent=2).encode())
        log.info("document %s kept in failed/ (%s)", document_id, "file and reason" if kept else "reason only")
        return record

    def _take(self, path: Path, dest: Path) -> tuple[bool, str]:
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return (dest.exists(), "") if dest.exists() else (False, "the file was gone")
        if stat.S_ISLNK(mode):
            path.unlink()
            return False, "a symbolic link: removed from the inbox, what it points to was left alone"
        if not stat.S_ISREG(mode):
            path.unlink()
            return False, "not a regular file (a pipe, socket or device): removed from the inbox"
        try:
            move_file(path, dest)
        except OSError as exc:
            return False, f"could not be moved ({exc.strerror}); left at {path}"
        try:
            os.chmod(dest, FILE_MODE)  # store files are private, whatever mode the file arrived with
        except OSError as exc:  # someone else's file (EPERM): kept all the same, `doctor` reports the mode
            return True, f"kept, but its mode could not be made private ({exc.strerror})"
        return True, ""

    def notes(self) -> list[FailureNote]:
        """Every `.error.json`, oldest first."""
        out = []
        for path in sorted(self.folder.glob(f"*{ERROR_SUFFIX}")) if self.folder.is_dir() else ():
            note = _read(path)
            if note is not None:
                out.append(note)
        return sorted(out, key=lambda n: (n.time, n.document_id))

    def note(self, document_id: str) -> FailureNote | None:
        """The note about one document, if it has one."""
        for path in self.folder.glob(f"{document_id}-*{ERROR_SUFFIX}") if self.folder.is_dir() else ():
            note = _read(path)
            if note is not None and note.document_id == document_id:
                return note
        return None

    def kept_file(self, document_id: str) -> Path | None:
        """Where the failed file of a document is kept, if it is."""
        note = self.note(document_id)
        if note is None or note.kept is None or not (self.folder / note.kept).is_file():
            return None
        return self.folder / note.kept

    def forget(self, document_id: str) -> None:
        """Remove a document's file and note (it was retried and reached another state)."""
        note = self.note(document_id)
        if note is None:
            return
        base = note.kept or f"{document_id}-{_short(Path(note.source_name).name)}"
        (self.folder / f"{base}{ERROR_SUFFIX}").unlink(missing_ok=True)
        if note.kept:
            (self.folder / note.kept).unlink(missing_ok=True)


def _read(path: Path) -> FailureNote | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return FailureNote(**data)
    except (OSError, ValueError, TypeError):
        log.warning("unreadable failure note %s", path.name)
        return None
