"""Taking files from an inbox-like folder through the one pipeline, and putting them away afterwards.

claim (rename into the processing area) -> Pipeline.admit -> Runner (analyze, complete) -> put away:
the claimed file is removed once its state is durably recorded (filed, review, duplicate: its bytes are
in the store), or moved to <store>/failed/ with a `.error.json` when it failed. Used by `docintake watch`
and by `docintake batch --move`; the stages themselves are the orchestrator's.
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from pathlib import Path
from typing import Protocol

from pipeline.ingest import ledger
from pipeline.ingest.claim import Claim, ProcessingArea
from pipeline.ingest.failed import FailedArea
from pipeline.orchestrator import Busy, Job, Pipeline, Recorded, Stalled, Tally
from pipeline.records import Outcome, Status

log = logging.getLogger(__name__)

BUSY_RETRY_SECONDS = 0.5  # how often a claim whose bytes someone else is working on is tried again
STALL_RETRY_SECONDS = 5.0  # how often a claim the full store could not keep is tried again


class Executor(Protocol):
    """What runs admitted jobs: the local pool (`Runner`) or Celery workers (`pipeline.queue.executor`)."""

    @property
    def room(self) -> int:
        """How many more jobs may be submitted now."""

    @property
    def busy(self) -> bool:
        """True while some submitted job has not reached a final state."""

    def submit(self, job: Job) -> None:
        """Start running one admitted job."""

    def results(self, timeout: float | None = None) -> list[tuple[Job, Outcome]]:
        """Jobs that reached a final state, waiting up to `timeout` seconds (None: until one does)."""

    def close(self, kill: bool = False) -> None:
        """Stop running jobs (`kill`: at once)."""


class Intake:
    """Claims files from `folder` and runs them through `pipe` on `runner`, counting outcomes in `tally`."""

    def __init__(self, pipe: Pipeline, runner: Executor, folder: Path, tally: Tally) -> None:
        self.pipe = pipe
        self.runner = runner
        self.tally = tally
        self.area = ProcessingArea(folder)
        self.failed = FailedArea(pipe.store.root)
        self._claims: dict[str, Claim] = {}  # document id -> claim, for jobs in flight
        self._waiting: deque[Claim] = deque()  # claimed, not admitted yet (recovered, or bytes busy)
        self._orphans: deque[str] | None = None  # looked up once the recovered claims are all admitted
        self._retry_at = 0.0
        self._stalled: deque[Claim] = deque()  # claimed, but the store was full: tried again every few seconds
        self._stall_retry_at = 0.0

    def open(self) -> int:
        """Own a share of the processing area and take over claims left by processes that died."""
        self.area.open()
        self._waiting.extend(self.area.recover())
        if self._waiting:
            log.info("%d interrupted file(s) will be taken up again", len(self._waiting))
        return len(self._waiting)

    def reopen(self) -> None:
        """The inbox folder was replaced (a share remounted): own a share of its new processing area."""
        self.area.reopen()
        self._waiting.extend(self.area.recover())

    def close(self) -> None:
        """Give up the share of the processing area (claims still in it are taken up at the next start)."""
        self.area.close()

    @property
    def room(self) -> int:
        """How many new files may be claimed now (claims already waiting go first)."""
        return 0 if self._waiting or self._orphans or self._stalled else self.runner.room

    @property
    def busy(self) -> bool:
        """True while anything claimed is not yet put away."""
        return (self.runner.busy or bool(self._waiting) or bool(self._orphans) or self._orphans is None
                or bool(self._stalled))

    def take(self, paths: list[Path]) -> None:
        """Claim and admit settled files (at most `room` of them); files another process took are skipped."""
        for path in paths:
            claim = self.area.claim(path)
            if claim is not None:
                self._admit(claim)

    def take_truncated(self, overdue: list[tuple[Path, str]]) -> None:
        """Claim files that stayed incomplete too long and record each as failed (truncated), bytes kept."""
        for path, reason in overdue:
            claim = self.area.claim(path)
            if claim is None:
                continue
            got = self.pipe.admit(claim.path, claim.root, claim.received, exact=True, retry_failed=False)
            if isinstance(got, Busy):
                self._waiting.append(claim)
            elif isinstance(got, Job):
                log.warning("document %s: still incomplete after the wait (%s): failed as truncated",
                            got.document_id, reason)
                self._finish(claim, self.pipe.fail(got, f"truncated: {reason}", "ingest"))
            elif isinstance(got, Recorded):
                self._put_away(claim, got.outcome)
                self.tally.skip()
            elif isinstance(got, Stalled):
                self._stall(claim)
            else:
                self._finish(claim, got)

    def pump(self, timeout: float, admit: bool = True) -> None:
        """Admit what waits (unless stopping), then record what the workers finished within `timeout`."""
        if admit:
            self._admit_stalled()
            self._admit_waiting()
            self._adopt_orphans()
        for job, outcome in self.runner.results(timeout):
            claim = self._claims.pop(job.document_id, None)
            if outcome.status is Status.processing and claim is not None:
                self._stall(claim)  # the store was full: the document stays processing, the file claimed
                continue
            if claim is not None and claim.changed():
                self._retake(job.document_id, claim)  # recorded from part of the file: read it again whole
                continue
            self._finish(claim, outcome)

    def _finish(self, claim: Claim | None, outcome: Outcome) -> None:
        self._put_away(claim, outcome)
        self.tally.add(outcome)

    def _retake(self, doc_id: str, claim: Claim) -> None:
        claim = claim.restat()
        got = self.pipe.retake(doc_id, claim.path)
        if isinstance(got, Job):
            self._claims[got.document_id] = claim
            self.runner.submit(got)
        elif isinstance(got, Outcome):
            self._finish(claim, got)
        elif isinstance(got, Recorded):
            self._put_away(claim, got.outcome)
            self.tally.skip()
        elif isinstance(got, Stalled):
            self._stall(claim)
        else:  # its new bytes are being worked on elsewhere: the recorded state stands
            log.warning("document %s: its grown file is being processed elsewhere; left in the processing area",
                        doc_id)

    def _stall(self, claim: Claim) -> None:
        if not self._stalled:
            log.error("the store is full: claimed files wait in the processing area and are tried again "
                      "every %g s", STALL_RETRY_SECONDS)
        self._stalled.append(claim)
        self._stall_retry_at = time.monotonic() + STALL_RETRY_SECONDS

    def _admit_stalled(self) -> None:
        if not self._stalled or time.monotonic() < self._stall_retry_at:
            return
        stalled, self._stalled = self._stalled, deque()
        while stalled and self.runner.room and not self._stalled:
            self._admit(stalled.popleft())
        self._stalled.extend(stalled)
        if self._stalled:
            self._stall_retry_at = time.monotonic() + STALL_RETRY_SECONDS
        else:
            log.warning("the store has room again: claimed files are taken up")

    def _admit(self, claim: Claim) -> None:
        got = self.pipe.admit(claim.path, claim.root, claim.received, exact=True, retry_failed=False)
        if isinstance(got, Busy):
            self._waiting.append(claim)
        elif isinstance(got, Stalled):
            self._stall(claim)
        elif isinstance(got, Job):
            self._claims[got.document_id] = claim
            self.runner.submit(got)
        elif isinstance(got, Recorded):
            self._put_away(claim, got.outcome)  # recorded before a crash, not yet put away
            self.tally.skip()
        else:
            self._put_away(claim, got)
            self.tally.add(got)

    def _admit_waiting(self) -> None:
        if not self._waiting or time.monotonic() < self._retry_at:
            return
        for _ in range(len(self._waiting)):
            if not self.runner.room:
                break
            self._admit(self._waiting.popleft())
        if self._waiting:
            self._retry_at = time.monotonic() + BUSY_RETRY_SECONDS

    def _adopt_orphans(self) -> None:
        if self._waiting:
            return
        if self._orphans is None:
            self._orphans = deque(self.pipe.orphans())
        while self._orphans and self.runner.room:
            job = self.pipe.adopt(self._orphans.popleft())
            if job is not None:
                self.runner.submit(job)

    def _put_away(self, claim: Claim | None, outcome: Outcome) -> None:
        """Remove a recorded file from the processing area; a failed one goes to failed/ with its reason.

        Its state is already recorded, so a problem here (a full disk, permissions) must not stop the
        watcher: the claim stays in the processing area and is put away at the next start.
        """
        try:
            self._put_away_now(claim, outcome)
        except OSError as exc:
            log.error("document %s: recorded as %s, but its file could not be put away (%s); it stays in "
                      "the processing area until the next start", outcome.document_id, outcome.status.value,
                      exc.strerror)

    def _put_away_now(self, claim: Claim | None, outcome: Outcome) -> None:
        if outcome.status is Status.failed:
            self.failed.keep(claim.path if claim else None, outcome.document_id, outcome.source_name,
                             outcome.error or "", ledger.error_stage(self.pipe.store, outcome.document_id))
        if claim is None:
            return
        if outcome.status is Status.failed and os.path.lexists(claim.path):
            log.warning("document %s: the failed file could not be moved to failed/ and stays in %s",
                        outcome.document_id, claim.root.name)
            return
        self.area.release(claim)
