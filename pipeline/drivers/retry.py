"""`docintake failed retry`: failed documents through the one pipeline again, each under its own id."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Sequence

from pipeline.config import Config
from pipeline.errors import NotFoundError
from pipeline.index.store import Store, outcome_of
from pipeline.ingest import ledger
from pipeline.ingest.failed import FailedArea
from pipeline.orchestrator import BatchReport, Busy, Job, OnOutcome, Pipeline, Runner, Tally
from pipeline.records import Outcome, Status

log = logging.getLogger(__name__)


def retry_failed(
    cfg: Config, store: Store, user: str, ids: Sequence[str] | None, workers: int | None = None,
    on_outcome: OnOutcome | None = None,
) -> BatchReport:
    """Run failed documents (the given ids, or all when None) through the stages again.

    A document that now reaches another state leaves <store>/failed/; one that fails again gets its
    `.error.json` rewritten. A document none of whose bytes were kept stays failed (and is counted so).
    """
    start = time.monotonic()
    for doc_id in ids or ():
        row = ledger.get(store, doc_id)
        if row is None or row.status != Status.failed:
            raise NotFoundError(f"no failed document with id {doc_id}", hint="see `docintake failed list`")
    area = FailedArea(store.root)
    pipe = Pipeline(cfg, store, user)
    pending = deque(r.id for r in ledger.in_state(store, Status.failed)) if ids is None else deque(ids)
    tally = Tally(on_outcome)
    try:
        with Runner(pipe, workers or cfg.effective_workers) as runner:
            while pending or runner.busy:
                waiting = _feed(pipe, runner, area, pending, tally)
                for _job, outcome in runner.results(timeout=0.2 if waiting else None):
                    _put_away(area, store, outcome)
                    tally.add(outcome)
    finally:
        pipe.close()
    return tally.report(time.monotonic() - start)


def _feed(pipe: Pipeline, runner: Runner, area: FailedArea, pending: deque[str], tally: Tally) -> bool:
    """Take failed documents up while the pool has room; True when some wait for bytes being worked on."""
    busy: list[str] = []
    while pending and runner.room:
        doc_id = pending.popleft()
        got = pipe.retry(doc_id, area.kept_file(doc_id))
        if got is None:
            log.warning("document %s: none of its bytes were kept, it cannot be retried", doc_id)
            row = ledger.get(pipe.store, doc_id)
            if row is not None:
                tally.add(outcome_of(row))
        elif isinstance(got, Busy):
            busy.append(doc_id)
        elif isinstance(got, Job):
            runner.submit(got)
        elif isinstance(got, Outcome):
            _put_away(area, pipe.store, got)
            tally.add(got)
    pending.extend(busy)
    return bool(busy)


def _put_away(area: FailedArea, store: Store, outcome: Outcome) -> None:
    """A retried document that succeeded leaves failed/; one that failed again gets a fresh note."""
    if outcome.status is not Status.failed:
        area.forget(outcome.document_id)
        return
    note = area.note(outcome.document_id)
    if note is not None:
        kept = area.folder / note.kept if note.kept else None
        area.keep(kept, outcome.document_id, note.source_name, outcome.error or "",
                  ledger.error_stage(store, outcome.document_id))
