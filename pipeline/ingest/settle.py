"""Waiting until a file is completely written.

A file is handed out once (1) its size and mtime were unchanged for the settle time, (2) its structure
is complete (pipeline/ingest/complete.py: PDF trailer, TIFF directories, JPEG/PNG end markers) and
(3) no process has it open for writing (Linux /proc). A file failing (2) or (3) stays in the inbox and
is looked at again; only once it has stayed unchanged and incomplete for `incomplete_seconds` (minutes,
not seconds: fax servers and network shares pause; measured while watching and by its mtime) is it
handed out as overdue, to be failed as truncated with its bytes kept.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest.complete import incomplete_reason, open_for_writing

DEFAULT_INCOMPLETE_SECONDS = 600.0
RECHECK_SECONDS = 1.0  # how often an unchanged but incomplete file is examined again (a writer may close)

Examine = Callable[[list[Path]], dict[Path, str]]  # settled paths -> why each one that is not done is not


def examine(paths: list[Path]) -> dict[Path, str]:
    """Why each of `paths` is not completely written yet (paths that are done are absent)."""
    problems = {p: r for p in paths if (r := incomplete_reason(p)) is not None}
    return problems | examine_writers([p for p in paths if p not in problems])


def examine_writers(paths: list[Path]) -> dict[Path, str]:
    """Only the open-writer check (a one-pass run hands a damaged file to the stages, which say how)."""
    return {p: "another process still has it open for writing" for p in open_for_writing(paths)}


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    since: float  # when (monotonic) size and mtime were last seen to change
    problem: str | None = None  # why it is not done, when it was examined and found incomplete
    checked: float | None = None  # when it was last examined


class SettleTracker:
    """Candidate files and how long each has been unchanged; hands out those completely written.

    Only the main loop touches it (the observer thread hands paths over through a queue), so it needs no
    lock. Memory is one small entry per file waiting in the inbox.
    """

    def __init__(self, settle_seconds: float, clock: Callable[[], float] = time.monotonic,
                 incomplete_seconds: float = DEFAULT_INCOMPLETE_SECONDS, check: Examine = examine,
                 wall: Callable[[], float] = time.time) -> None:
        self.settle_seconds = settle_seconds
        self.wall = wall
        self.incomplete_seconds = incomplete_seconds
        self.clock = clock
        self.check = check
        self._seen: dict[Path, _Seen | None] = {}
        self._overdue: list[tuple[Path, str]] = []

    def __len__(self) -> int:
        return len(self._seen)

    def note(self, paths: Iterable[Path]) -> None:
        """Track these paths (again): a fresh event for a known path restarts nothing, stat decides."""
        for path in paths:
            self._seen.setdefault(path, None)

    def waiting(self) -> dict[Path, str]:
        """Files found incomplete and still waiting, with the reason (for logs and tests)."""
        return {p: s.problem for p, s in self._seen.items() if s is not None and s.problem}

    def ready(self, limit: int) -> list[Path]:
        """Up to `limit` paths completely written; they stop being tracked.

        Paths that vanished (renamed, claimed by another process) or are not files any more are dropped.
        Every tracked path is looked at, so a file still being written keeps its clock reset. Files
        incomplete for too long are set aside for `overdue`.
        """
        now = self.clock()
        settled = [p for p in list(self._seen) if self._settled(p, now)]
        due = [p for p in settled if self._due_for_check(p, now)]
        problems = self.check(due) if due else {}
        out: list[Path] = []
        for path in settled:
            seen = self._seen[path]
            assert seen is not None
            if path in due:
                seen.problem, seen.checked = problems.get(path), now
            if seen.problem is None:
                if len(out) < limit:
                    out.append(path)
                    del self._seen[path]
            elif self._unchanged_for(seen, now) >= self.incomplete_seconds:
                self._overdue.append((path, seen.problem))
                del self._seen[path]
        return out

    def overdue(self, limit: int) -> list[tuple[Path, str]]:
        """Up to `limit` files that stayed unchanged and incomplete for `incomplete_seconds`, with why."""
        out, self._overdue = self._overdue[:limit], self._overdue[limit:]
        return out

    def _unchanged_for(self, seen: _Seen, now: float) -> float:
        # Watched here, or (after a restart, or in a one-pass run) by its mtime: a writer's pause shows in both.
        return max(now - seen.since, self.wall() - seen.mtime_ns / 1e9)

    def _settled(self, path: Path, now: float) -> bool:
        current = _stat(path)
        if current is None:
            del self._seen[path]
            return False
        size, mtime_ns = current
        seen = self._seen[path]
        if seen is None or (seen.size, seen.mtime_ns) != (size, mtime_ns):
            self._seen[path] = seen = _Seen(size, mtime_ns, now)
        return now - seen.since >= self.settle_seconds

    def _due_for_check(self, path: Path, now: float) -> bool:
        seen = self._seen[path]
        if seen is None or seen.checked is None:
            return True
        return seen.problem is not None and now - seen.checked >= RECHECK_SECONDS


def _stat(path: Path) -> tuple[int, int] | None:
    """(size, mtime_ns) of a file, a symlink or a pipe; None when it is gone or is a folder."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISDIR(st.st_mode):
        return None
    return st.st_size, st.st_mtime_ns
