"""`docintake batch DIR --queue`: record every file under a folder, one task per document, then wait.

Ingest is the local batch's (hash, the same skip/take-up/retry rules, the original kept in the store
before the task is sent); only the analysis and completion move to the workers. Without waiting, the
report counts what reached a final state at admission (duplicates, unreadable files, files recorded
before) and lists the documents queued.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config import Config
from pipeline.drivers.batch import store_full
from pipeline.index.store import Store
from pipeline.ingest.files import walk
from pipeline.orchestrator import BatchReport, Busy, Job, OnOutcome, Pipeline, Recorded, Stalled, Tally
from pipeline.queue.broker import Broker
from pipeline.queue.executor import QueueRunner

WINDOW = 1000  # documents in flight at once while waiting (a bound on the ids polled in the store)


@dataclass(frozen=True)
class QueueReport:
    """A batch run through the queue: the usual report, and what was still queued when it returned."""

    report: BatchReport
    queued: tuple[str, ...]  # ids of documents sent to the workers and not final yet (only without waiting)
    sent: int  # tasks sent
    resent: int  # tasks sent again because the broker had lost them

    def as_json(self) -> dict[str, Any]:
        """The batch summary JSON, with the queue's own counts added."""
        return {**self.report.as_json(), "queued": len(self.queued), "queued_documents": list(self.queued),
                "tasks_sent": self.sent, "tasks_resent": self.resent}


def _feed(pipe: Pipeline, runner: QueueRunner, folder: Path, pending: deque[Path], tally: Tally) -> bool:
    """Admit files while there is room; True when some wait because their bytes are being worked on."""
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


def queue_batch(cfg: Config, store: Store, folder: Path, user: str, on_outcome: OnOutcome | None = None,
                on_total: Callable[[int], None] | None = None, wait: bool = True) -> QueueReport:
    """Every file under `folder` once, through the workers; with `wait`, until all are final."""
    start = time.monotonic()
    pipe = Pipeline(cfg, store, user)
    tally = Tally(on_outcome)
    pending = deque(walk(folder))
    if on_total:
        on_total(len(pending))
    try:
        with Broker(cfg) as broker:
            broker.check()
            runner = QueueRunner(pipe, broker, window=WINDOW if wait else None)
            while pending or (wait and runner.busy):
                waiting = _feed(pipe, runner, folder, pending, tally)
                if wait or waiting:
                    for _job, outcome in runner.results(timeout=0.2 if waiting or pending else None):
                        tally.add(outcome)
            for _job, outcome in runner.results(timeout=0):
                tally.add(outcome)
    finally:
        pipe.close()
    report = tally.report(time.monotonic() - start)
    return QueueReport(report, tuple(runner.inflight), runner.sent, runner.resent)
