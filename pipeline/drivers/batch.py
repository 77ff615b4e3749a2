"""`docintake batch DIR`: every file under a folder once, through the one pipeline (the nightly run)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from pipeline.config import Config
from pipeline.errors import StoreFullError
from pipeline.index.store import Store
from pipeline.ingest.files import walk
from pipeline.orchestrator import (
    STORE_FULL,
    BatchReport,
    Busy,
    Job,
    OnOutcome,
    Pipeline,
    Recorded,
    Runner,
    Stalled,
    Tally,
)
from pipeline.records import Status


def store_full(folder: Path, why: str) -> StoreFullError:
    """The error that stops a batch whose store has no room: nothing more can be recorded now."""
    return StoreFullError(f"the store is full ({why}); files not yet recorded stay in {folder.name}/",
                          hint="free space under the store, then run the batch again (it skips what was recorded)")


def _feed(pipe: Pipeline, runner: Runner, folder: Path, pending: deque[Path], tally: Tally) -> bool:
    """Admit files while the pool has room; True when some wait because their bytes are being worked on."""
    busy: list[Path] = []
    while pending and runner.room:
        path = pending.popleft()
        got = pipe.admit(path, folder)
        if isinstance(got, Busy):
            busy.append(path)
        elif isinstance(got, Job):
            runner.submit(got)
        elif isinstance(got, Recorded):
            tally.skip()
        elif isinstance(got, Stalled):
            raise store_full(folder, got.reason)
        else:
            tally.add(got)
    pending.extend(busy)
    return bool(busy)


def run_batch(
    cfg: Config, store: Store, folder: Path, user: str, workers: int | None = None,
    on_outcome: OnOutcome | None = None, on_total: Callable[[int], None] | None = None, move: bool = False,
) -> BatchReport:
    """Process every file under `folder` once; the folder is left untouched unless `move`.

    With `move` the folder is treated like the inbox (files are claimed, removed once recorded, failures
    moved to <store>/failed/): see pipeline.drivers.watch.drain. Files are admitted only as the pool has room,
    so memory stays bounded however many files the folder holds.
    """
    if move:
        from pipeline.drivers.watch import drain  # the watcher is the heavier driver: loaded only here

        return drain(cfg, store, folder, user, workers, on_outcome, on_total)
    start = time.monotonic()
    pipe = Pipeline(cfg, store, user)
    tally = Tally(on_outcome)
    pending = deque(walk(folder))
    if on_total:
        on_total(len(pending))
    try:
        with Runner(pipe, workers or cfg.effective_workers) as runner:
            while pending or runner.busy:
                waiting = _feed(pipe, runner, folder, pending, tally)
                for _job, outcome in runner.results(timeout=0.2 if waiting else None):
                    if outcome.status is Status.processing:  # the store was full when filing it
                        raise store_full(folder, outcome.error or STORE_FULL)
                    tally.add(outcome)
    finally:
        pipe.close()
    return tally.report(time.monotonic() - start)

