"""Atomic claims: a file is taken from the inbox by renaming it into this process's processing area.

Layout, inside the inbox so that it is always on the same filesystem (rename is atomic only there):

    <inbox>/.processing/<owner>.lock                 flock held by the live process <owner>
    <inbox>/.processing/<owner>/<claim>/<name>       a claimed file; <name> is its path relative to the inbox
                                                     and <claim> encodes the moment it was claimed

Two processes renaming the same file: exactly one rename succeeds, the other finds the file gone. A
process that dies leaves its claims behind; the next process to start sees that nobody holds the owner's
lock and adopts them (again by rename), so nothing claimed is ever forgotten or taken twice.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.ingest.lease import try_lock

log = logging.getLogger(__name__)

PROCESSING_DIR = ".processing"
_STAMP = "%Y%m%dT%H%M%S.%fZ"


@dataclass(frozen=True)
class Claim:
    """A file taken from the inbox, now inside a claim folder of the processing area."""

    path: Path  # where the file is now
    root: Path  # the claim folder: `path` relative to it is the name the file arrived under
    received: datetime  # when it was claimed; with name and bytes it identifies this arrival in the store
    stat: tuple[int, int] | None = None  # (size, mtime_ns) when claimed: a change means it is still written

    def changed(self) -> bool:
        """True when the claimed file's size or mtime changed since it was claimed (a writer kept going)."""
        if self.stat is None:
            return False
        try:
            st = os.stat(self.path)
        except OSError:
            return False
        return (st.st_size, st.st_mtime_ns) != self.stat

    def restat(self) -> Claim:
        """The same claim with the file's size and mtime as they are now."""
        try:
            st = os.stat(self.path)
        except OSError:
            return self
        return Claim(self.path, self.root, self.received, (st.st_size, st.st_mtime_ns))

    @property
    def source_name(self) -> str:
        """The name the file arrived under, relative to the inbox."""
        return str(self.path.relative_to(self.root))


def claim_folder_name(received: datetime) -> str:
    """A unique claim folder name that records the claim time (to the microsecond, UTC)."""
    return f"{received.astimezone(UTC).strftime(_STAMP)}-{secrets.token_hex(4)}"


def received_of(folder_name: str) -> datetime | None:
    """The claim time encoded in a claim folder name; None for a name docintake did not make."""
    try:
        return datetime.strptime(folder_name.split("-", 1)[0], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


class ProcessingArea:
    """This process's share of `<folder>/.processing/`: claims files, adopts those of dead processes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.base = folder / PROCESSING_DIR
        self.owner = f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"
        self.mine = self.base / self.owner
        self._lock_fd: int | None = None

    def open(self) -> None:
        """Take ownership of a fresh owner folder (its lock first, so nobody mistakes it for abandoned)."""
        self.base.mkdir(mode=0o700, exist_ok=True)
        fd = try_lock(self.base / f"{self.owner}.lock")
        if fd is None:  # cannot happen: the owner name is new
            raise RuntimeError("processing area owner name already in use")
        self._lock_fd = fd
        self.mine.mkdir(mode=0o700, exist_ok=True)  # exists when the same share came back (reopen)

    def reopen(self) -> None:
        """Own a fresh folder after the inbox was replaced (the old lock and folder went with the old one)."""
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
        self.open()

    def close(self) -> None:
        """Give up ownership; an owner folder still holding claims is left for the next process to adopt."""
        if self._lock_fd is None:
            return
        try:
            self.mine.rmdir()
            (self.base / f"{self.owner}.lock").unlink(missing_ok=True)
        except OSError:
            log.info("claims left in the processing area will be taken up at the next start")
        os.close(self._lock_fd)
        self._lock_fd = None

    def claim(self, path: Path) -> Claim | None:
        """Move `path` into a new claim folder; None when another process took it first (or it vanished)."""
        received = datetime.now(UTC)
        root = self.mine / claim_folder_name(received)
        dest = root / path.relative_to(self.folder)
        dest.parent.mkdir(parents=True, mode=0o700)
        try:
            os.rename(path, dest)
        except FileNotFoundError:
            shutil.rmtree(root, ignore_errors=True)
            return None
        except OSError:
            shutil.rmtree(root, ignore_errors=True)
            raise
        return Claim(dest, root, received).restat()

    def release(self, claim: Claim) -> None:
        """Forget a finished claim: its file (if still there) and its folder."""
        shutil.rmtree(claim.root, ignore_errors=True)

    def recover(self) -> list[Claim]:
        """Claims left by processes that died, moved into this owner's folder (and this owner's own)."""
        for other in sorted(self.base.iterdir()):
            if other.is_dir() and other != self.mine:
                self._adopt(other)
        self._sweep_locks()
        return self._claims_in(self.mine)

    def _adopt(self, other: Path) -> None:
        fd = try_lock(self.base / f"{other.name}.lock")
        if fd is None:
            return  # its owner is alive
        try:
            for claim_dir in sorted(other.iterdir()) if other.exists() else ():
                os.rename(claim_dir, self.mine / claim_dir.name)
                log.info("took over an interrupted claim from %s", other.name)
            if other.exists():
                other.rmdir()
            (self.base / f"{other.name}.lock").unlink(missing_ok=True)
        finally:
            os.close(fd)

    def _sweep_locks(self) -> None:
        """Remove lock files of owners that are gone and whose folder is gone too."""
        for lock in self.base.glob("*.lock"):
            if lock.with_suffix("").exists():
                continue
            fd = try_lock(lock)
            if fd is not None:
                lock.unlink(missing_ok=True)
                os.close(fd)

    def _claims_in(self, owner_dir: Path) -> list[Claim]:
        claims: list[Claim] = []
        for root in sorted(owner_dir.iterdir()):
            received = received_of(root.name)
            files = [Path(d) / f for d, _, fs in os.walk(root) for f in fs]
            if not files:
                shutil.rmtree(root, ignore_errors=True)  # released but not yet removed when a process died
                continue
            if received is None:
                log.warning("left alone: %s in the processing area was not made by docintake", root.name)
                continue
            claims.extend(Claim(f, root, received).restat() for f in files)
        return claims
