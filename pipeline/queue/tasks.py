"""The one task: run one recorded document through the pipeline, at most once to its end.

A task names a document id and the row version it was sent for. Idempotent: a document no longer
`processing` (or at another version) is left alone, so a task delivered twice, or again after its worker
died, does nothing the second time. Exclusive: the document is worked on only under its lease (an
advisory lock on PostgreSQL, shared by every host), taken by `Pipeline.adopt`; a task finding the lease
held is tried again later. Delivery: acknowledged late, so a worker killed mid-document has its task
delivered again (to it once restarted, or to another worker).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from pipeline.config import Config
from pipeline.errors import DatabaseError, DocintakeError
from pipeline.index import queue_state
from pipeline.index.leases import leases_for
from pipeline.index.store import Store
from pipeline.ingest import ledger
from pipeline.orchestrator import Pipeline, analyze
from pipeline.queue.names import TASK_NAME
from pipeline.records import Status

if TYPE_CHECKING:
    from celery import Celery

log = logging.getLogger(__name__)

BUSY_RETRY_SECONDS = 2.0  # another process holds the document's lease: look again this much later
FAULT_RETRY_SECONDS = 5.0  # the database or the store's disk failed: try again this much later


class TaskResult(StrEnum):
    """What a task did besides completing its document (then it returns the document's status)."""

    already_final = "already_final"  # done before (a redelivery or a duplicate task): nothing to do
    missing = "missing"  # no such document in this store


class LeaseBusy(Exception):
    """Another process works on the document now: the task must be tried again later."""


@dataclass(frozen=True)
class WorkerSetup:
    """What every pool process of a worker needs: set in the worker's main process, inherited by fork."""

    cfg: Config
    user: str


_SETUP: WorkerSetup | None = None


class _ProcessState:
    """A worker's pipeline: built once in its main process, inherited by every pool process it forks."""

    def __init__(self, setup: WorkerSetup) -> None:
        self.pid = os.getpid()
        self.store = Store(setup.cfg)
        self.pipe = Pipeline(setup.cfg, self.store, setup.user)
        self.store.db.engine.dispose()  # no connection open when the pool forks

    def adopt(self) -> _ProcessState:
        """Make the inherited state this process's own (a pool process, just forked)."""
        if self.pid != os.getpid():
            # Connections made before the fork belong to the parent: this process opens its own.
            self.store.db.engine.dispose(close=False)
            self.pipe.leases = leases_for(self.store)
            self.pid = os.getpid()
        return self


_STATE: _ProcessState | None = None


def configure(cfg: Config, user: str) -> Pipeline:
    """Build the worker's pipeline in its main process, before the pool forks (every pool process starts
    with the roster index and type model in memory); returns it."""
    global _SETUP, _STATE
    _SETUP = WorkerSetup(cfg, user)
    _STATE = _ProcessState(_SETUP)
    return _STATE.pipe


def process_pipeline() -> Pipeline:
    """This process's pipeline (its roster index follows the database's roster version by itself)."""
    global _STATE
    if _SETUP is None:
        raise RuntimeError("the queue worker was not configured (start it with `docintake worker`)")
    if _STATE is None:
        _STATE = _ProcessState(_SETUP)
    return _STATE.adopt().pipe


def run_document(document_id: str, version: int, worker: str = "") -> str:
    """Run one document to its final state; a TaskResult when there was nothing to do. LeaseBusy: later."""
    pipe = process_pipeline()
    row = ledger.get(pipe.store, document_id)
    if row is None:
        log.warning("document %s is not in this store: task dropped", document_id)
        return TaskResult.missing.value
    if row.status != Status.processing.value or (row.version or 1) != version:
        log.info("document %s is %s already: nothing to do", document_id, row.status)
        return TaskResult.already_final.value
    job = pipe.adopt(document_id)
    if job is None:
        return _not_adopted(pipe, document_id)
    try:
        crashes = queue_state.start(pipe.store.db, document_id, version, worker)
    except BaseException:
        pipe.hand_off(job)  # give the lease up: the task is tried again
        raise
    if crashes >= pipe.cfg.queue_max_attempts:
        log.warning("document %s: the process running it died %d times; failing it", document_id, crashes)
        outcome = pipe.fail(job, f"worker_crashed: the process running this document died {crashes} times",
                            "analyze")
    else:
        log.info("document %s: started", document_id)
        try:
            outcome = pipe.complete(job, analyze(job.file, pipe.options))
        except BaseException:
            queue_state.end(pipe.store.db, document_id)  # stopped by a fault, not a crash
            raise
    queue_state.forget(pipe.store.db, document_id)
    log.info("document %s: %s", document_id, outcome.status.value)
    return outcome.status.value


def _not_adopted(pipe: Pipeline, document_id: str) -> str:
    """Why `adopt` gave nothing: done meanwhile, someone else on it, or its original gone from the store."""
    row = ledger.get(pipe.store, document_id)
    if row is None or row.status != Status.processing.value:
        return TaskResult.already_final.value
    if row.sha256 and not pipe.leases.is_free(row.sha256):
        raise LeaseBusy(document_id)
    outcome = pipe.store.fail(document_id, "original_missing: the original kept in the store is gone "
                              "(see `docintake doctor`)", "ingest", pipe.user)
    return outcome.status.value


def _outside_faults() -> tuple[type[BaseException], ...]:
    return (SQLAlchemyError, DatabaseError, OSError)


def register(app: Celery) -> None:
    """Register the document task on `app` (workers only)."""

    @app.task(name=TASK_NAME, bind=True, max_retries=None, acks_late=True, reject_on_worker_lost=True)
    def process_document(task: Any, document_id: str, version: int) -> str:
        try:
            return run_document(str(document_id), int(version), str(task.request.hostname or ""))
        except LeaseBusy:
            raise task.retry(countdown=BUSY_RETRY_SECONDS) from None
        except _outside_faults() as exc:
            log.warning("document %s: %s; its task is tried again in %g s", document_id,
                        _reason(exc), FAULT_RETRY_SECONDS)
            raise task.retry(countdown=FAULT_RETRY_SECONDS) from None


def _reason(exc: BaseException) -> str:
    """An outside fault in one line, without bound values (they may be patient data)."""
    if isinstance(exc, DocintakeError):
        return exc.message
    if isinstance(exc, SQLAlchemyError):
        orig = getattr(exc, "orig", None)
        return f"database error: {type(orig or exc).__name__}"
    return f"{type(exc).__name__}: {getattr(exc, 'strerror', None) or exc}"
