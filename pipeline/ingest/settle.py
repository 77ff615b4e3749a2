"""Waiting until a file is completely written: its size and mtime unchanged for the settle time."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    since: float  # when (monotonic) size and mtime were last seen to change


class SettleTracker:
    """Candidate files and how long each has been unchanged; hands out those that have settled.

    Only the main loop touches it (the observer thread hands paths over through a queue), so it needs no
    lock. Memory is one small entry per file waiting in the inbox.
    """

    def __init__(self, settle_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.settle_seconds = settle_seconds
        self.clock = clock
        self._seen: dict[Path, _Seen | None] = {}

    def __len__(self) -> int:
        return len(self._seen)

    def note(self, paths: Iterable[Path]) -> None:
        """Track these paths (again): a fresh event for a known path restarts nothing, stat decides."""
        for path in paths:
            self._seen.setdefault(path, None)

    def ready(self, limit: int) -> list[Path]:
        """Up to `limit` paths whose size and mtime have not changed for the settle time; they stop being tracked.

        Paths that vanished (renamed, claimed by another process) or are not files any more are dropped.
        Every tracked path is looked at, so a file still being written keeps its clock reset.
        """
        now = self.clock()
        out: list[Path] = []
        for path in list(self._seen):
            current = _stat(path)
            if current is None:
                del self._seen[path]
                continue
            size, mtime_ns = current
            seen = self._seen[path]
            if seen is None or (seen.size, seen.mtime_ns) != (size, mtime_ns):
                self._seen[path] = seen = _Seen(size, mtime_ns, now)
            if len(out) < limit and now - seen.since >= self.settle_seconds:
                out.append(path)
                del self._seen[path]
        return out


def _stat(path: Path) -> tuple[int, int] | None:
    """(size, mtime_ns) of a file, a symlink or a pipe; None when it is gone or is a folder."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISDIR(st.st_mode):
        return None
    return st.st_size, st.st_mtime_ns
