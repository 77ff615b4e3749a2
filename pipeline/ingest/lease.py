"""Leases: exclusive, crash-released locks on a document's bytes, shared by every process using one store.

A process works on a given sha256 only while it holds that content's lease (an flock on
`<store>/leases/<sha256>.lock`). The kernel drops the lock when the process dies, however it dies, so a
document left `processing` whose lease is free belongs to nobody and may be taken up again; one whose lease
is held is being worked on right now by someone else and must be left alone.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


def try_lock(path: Path) -> int | None:
    """An fd holding an exclusive flock on `path` (created if missing), or None when someone holds it."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        try:
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)  # the file was removed while we waited for it: lock the one now at `path`


class Leases:
    """The leases this process holds, by key (a sha256)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._held: dict[str, int] = {}

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.lock"

    def acquire(self, key: str) -> bool:
        """Take the lease on `key` without waiting; False when this or another process holds it."""
        if key in self._held:
            return False
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = try_lock(self._path(key))
        if fd is None:
            return False
        self._held[key] = fd
        return True

    def holds(self, key: str) -> bool:
        """True while this process holds the lease on `key`."""
        return key in self._held

    def is_free(self, key: str) -> bool:
        """True when nobody holds the lease on `key` (a moment's answer: it may be taken right after)."""
        if key in self._held:
            return False
        if not self.acquire(key):
            return False
        self.release(key)
        return True

    def release(self, key: str) -> None:
        """Give the lease up (the lock file goes first, so nobody locks a file that is being removed)."""
        fd = self._held.pop(key, None)
        if fd is None:
            return
        self._path(key).unlink(missing_ok=True)
        os.close(fd)

    def release_all(self) -> None:
        """Give up every lease this process holds."""
        for key in list(self._held):
            self.release(key)

    def sweep(self) -> int:
        """Remove lock files left by processes that died; returns how many."""
        removed = 0
        for lock in self.folder.glob("*.lock") if self.folder.is_dir() else ():
            key = lock.stem
            if key not in self._held and self.acquire(key):
                self.release(key)
                removed += 1
        return removed
