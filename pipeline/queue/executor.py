"""The queue as an executor: the same interface as the local `Runner`, with Celery workers doing the work.

`submit` hands a recorded job's lease over and sends its task; `results` reports jobs whose documents
reached a final state, read from the store (the one place outcomes are recorded, whoever recorded them).
A task the broker lost (a Redis restarted without persistence) is sent again: when the queue is empty, no
worker holds the document's lease and it was sent more than `queue_resend_seconds` ago. Tasks are
idempotent, so a task sent twice does the work once.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from pipeline.errors import BrokerError
from pipeline.index.models import Document
from pipeline.index.store import outcome_of
from pipeline.orchestrator import Job, Pipeline
from pipeline.queue.broker import Broker
from pipeline.records import Outcome, Status

log = logging.getLogger(__name__)

POLL_SECONDS = 0.25  # how often the store is asked which documents in flight are done
CHUNK = 500  # ids per query


@dataclass
class _Sent:
    job: Job
    version: int
    at: float


class QueueRunner:
    """Jobs sent to the broker and awaited in the store; `window` bounds how many are in flight (None: no bound)."""

    def __init__(self, pipe: Pipeline, broker: Broker, window: int | None = 1000,
                 resend_seconds: float | None = None) -> None:
        self.pipe = pipe
        self.broker = broker
        self.window = window
        self.resend_seconds = resend_seconds if resend_seconds is not None else pipe.cfg.queue_resend_seconds
        self._inflight: dict[str, _Sent] = {}
        self._next_check = time.monotonic() + self.resend_seconds
        self.sent = 0
        self.resent = 0

    def __enter__(self) -> QueueRunner:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def room(self) -> int:
        """How many more jobs may be submitted now."""
        if self.window is None:
            return 1 << 30
        return max(0, self.window - len(self._inflight))

    @property
    def busy(self) -> bool:
        """True while some submitted document has not reached a final state."""
        return bool(self._inflight)

    @property
    def inflight(self) -> list[str]:
        """Ids of the documents sent and not yet final."""
        return list(self._inflight)

    def submit(self, job: Job) -> None:
        """Hand the job's lease over and send its task (its row version makes the task idempotent)."""
        version = _version(self.pipe, job.document_id)
        self.pipe.hand_off(job)
        self._inflight[job.document_id] = _Sent(job, version, time.monotonic())
        self.broker.send(job.document_id, version)
        self.sent += 1

    def results(self, timeout: float | None = None) -> list[tuple[Job, Outcome]]:
        """Jobs whose documents reached a final state, waiting up to `timeout` (None: until one does)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            done = self._finished()
            if done or not self._inflight:
                return done
            self._maybe_resend()
            left = POLL_SECONDS if deadline is None else min(POLL_SECONDS, deadline - time.monotonic())
            if left <= 0:
                return []
            time.sleep(left)

    def _finished(self) -> list[tuple[Job, Outcome]]:
        ids = list(self._inflight)
        out: list[tuple[Job, Outcome]] = []
        with self.pipe.store.db.read() as s:
            for start in range(0, len(ids), CHUNK):
                q = select(Document).where(Document.id.in_(ids[start:start + CHUNK]),
                                           Document.status != Status.processing.value)
                for row in s.scalars(q):
                    out.append((self._inflight.pop(row.id).job, outcome_of(row)))
        return out

    def _maybe_resend(self) -> None:
        now = time.monotonic()
        if now < self._next_check:
            return
        self._next_check = now + min(self.resend_seconds, 10.0)
        stale = [s for s in self._inflight.values() if now - s.at >= self.resend_seconds]
        try:
            if not stale or self.broker.pending():
                return
            for sent in stale:
                if self.pipe.leases.is_free(sent.job.file.sha256):
                    log.warning("document %s: its task was lost or is late; sending it again", sent.job.document_id)
                    self.broker.send(sent.job.document_id, sent.version)
                    sent.at = now
                    self.resent += 1
        except BrokerError as exc:
            # The workers wait for the broker too; the documents are safe in the store meanwhile.
            log.warning("%s; waiting for the broker to come back", exc.message)

    def close(self, kill: bool = False) -> None:
        """Nothing to stop: tasks already sent stay queued for the workers."""


def _version(pipe: Pipeline, document_id: str) -> int:
    with pipe.store.db.read() as s:
        row = s.get(Document, document_id)
        return (row.version if row is not None else None) or 1
