"""The one orchestrator: the ordered stages every document goes through, whoever found it.

    ingest -> [ocr -> identify -> classify] -> match -> route -> index

The bracketed part is `analyze`: pure, picklable, CPU-heavy; it runs in worker processes. Matching needs
the roster index and routing/indexing need the store, so they run in the process that owns those
(`Pipeline.complete`). The drivers in pipeline/drivers/ (batch, watcher, `failed retry`) and any
distributed worker all go through `Pipeline` (admit -> analyze -> complete) and `Runner` (the bounded pool);
none re-implements a stage, and nothing here imports a driver.

Never twice, never lost: a process works on a document's bytes only while it holds their lease
(pipeline/ingest/lease.py); a file already recorded is recognised by name and sha256 (and, for files
claimed from an inbox, by the moment they were claimed), so running again after any crash takes up what
was left `processing` and records nothing a second time.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import time
from collections import Counter, deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.classify import ClassifierOptions, classify_pages
from pipeline.config import Config
from pipeline.errors import DocumentError, NotFoundError
from pipeline.export.deliver import deliver_after_filing
from pipeline.index.leases import leases_for
from pipeline.index.live_roster import LiveRoster
from pipeline.index.outage import DatabaseWait, is_store_full, reason
from pipeline.index.parts import SPLIT_FAILED, retire_parts
from pipeline.index.store import Store, outcome_of
from pipeline.index.weights import store_weights
from pipeline.ingest import ledger
from pipeline.ingest.files import ingest_file, source_name
from pipeline.match.assist import ZoneReader
from pipeline.match.extract import find_identifiers
from pipeline.match.matcher import MatchOptions, match_identifiers
from pipeline.match.roster import Roster
from pipeline.ocr import OcrOptions, read_document
from pipeline.records import (
    Analysis,
    IngestedFile,
    MatchResult,
    Outcome,
    PageSource,
    PageText,
    Routing,
    Status,
)
from pipeline.route import SEVERAL_DOCUMENTS, UNSURE_PAGES, route
from pipeline.split.plan import SplitPlan, part_specs, plan_split, resolve

log = logging.getLogger(__name__)

OnOutcome = Callable[[Outcome | None], None]  # None: a file skipped because it was recorded before


@dataclass(frozen=True)
class AnalyzeOptions:
    """What the worker-side stages need from the config (picklable)."""

    ocr: OcrOptions
    classify: ClassifierOptions = ClassifierOptions()  # default: the built-in model trained in-process

    @classmethod
    def from_config(cls, cfg: Config) -> AnalyzeOptions:
        """Options for `analyze` from the effective config (the store's current type model, made on first use)."""
        return cls(ocr=OcrOptions.from_config(cfg), classify=ClassifierOptions.from_config(cfg))


def analyze(file: IngestedFile, options: AnalyzeOptions) -> Analysis:
    """Read one file and learn what can be learned without the store: text, identifiers, type."""
    try:
        ocr = read_document(file.path, options.ocr)
        identifiers = find_identifiers(ocr.pages)
        doc_type = classify_pages(ocr.pages, options.classify)
    except DocumentError as exc:
        return Analysis(file=file, error=str(exc), error_stage=exc.stage)
    except Exception as exc:  # noqa: BLE001 - a bug on one document must not stop the run
        log.exception("unexpected error analysing a document (sha256 %s)", file.sha256[:12])
        return Analysis(file=file, error=f"internal_error: {type(exc).__name__}: {exc}", error_stage="analyze")
    return Analysis(file=file, ocr=ocr, identifiers=identifiers, doc_type=doc_type)


_PR_SET_PDEATHSIG = 1


def _worker_init(parent: int) -> None:
    # Tesseract's OpenMP threads fight over the cores that the other workers use (measured: 8x slower).
    os.environ["OMP_THREAD_LIMIT"] = "1"
    # Ctrl-C reaches the whole process group: the parent decides what stops, and when.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent killed with -9 must not leave workers behind holding its inherited locks (Linux only).
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)  # the parent died before prctl took effect


def _warm(options: AnalyzeOptions) -> None:
    """Load what every analysis needs (the type model) once here, before workers are forked from this
    process: they inherit it instead of each loading it again (measured: about 1 s of CPU per worker)."""
    classify_pages((PageText(1, "", PageSource.text_layer),), options.classify)


@dataclass(frozen=True)
class Job:
    """A file that was ingested and recorded, waiting for analysis."""

    document_id: str
    file: IngestedFile


@dataclass(frozen=True)
class Recorded:
    """A file whose arrival was recorded before (a re-run, or a claim recovered after a crash)."""

    outcome: Outcome


@dataclass(frozen=True)
class Busy:
    """Another job (in this process or another) is working on these bytes now: try again later."""

    sha256: str


@dataclass(frozen=True)
class Stalled:
    """The store cannot keep this file now (its disk is full): leave the file where it is, try again later."""

    reason: str


Admission = Job | Outcome | Recorded | Busy | Stalled
STORE_FULL = "store_full"  # the error of a processing outcome whose document could not be recorded yet


class Pipeline:
    """Runs documents through the stages against one store and one roster."""

    def __init__(self, cfg: Config, store: Store, user: str) -> None:
        self.cfg = cfg
        self.store = store
        self.user = user
        self.options = AnalyzeOptions.from_config(cfg)
        self.match_options = MatchOptions.from_config(cfg, weights=store_weights(store.db))
        self.leases = leases_for(store)  # advisory locks on PostgreSQL (hosts may share it), else flock
        self._jobs: dict[str, str] = {}  # document id -> sha256 whose lease this process holds for it
        self.db_wait = DatabaseWait(cfg.database_wait_seconds)  # a database outage is waited out, then exit 7
        self.live_roster = LiveRoster(store.db)  # follows the database's roster version (imports, ADT, aliases)
        self.roster: Roster = self.live_roster.roster

    def close(self) -> None:
        """Give up every lease (jobs not completed stay `processing`, to be taken up again)."""
        self.leases.release_all()
        self._jobs.clear()

    # -- ingest side -------------------------------------------------------------------------------

    def admit(self, path: Path, root: Path, received: datetime | None = None, *,
              exact: bool = False, retry_failed: bool = True) -> Admission:
        """Ingest one file: a Job to analyse, an Outcome already final (duplicate, unreadable), Recorded when
        this file was recorded before, or Busy when its bytes are being worked on right now.

        `exact`: the file is one arrival claimed at `received`, and only a row of that arrival counts as
        "recorded before" (a file claimed from an inbox); otherwise the same name and bytes do (a batch
        folder run again). `retry_failed`: a file recorded as failed is taken up again under its id.
        """
        name = source_name(path, root)
        try:
            file = ingest_file(path, root, received)
        except DocumentError as exc:
            error = str(exc)
            return self.db_wait.call("recording an unreadable file", lambda: self._unreadable(
                name, error, received if exact else None, retry_failed))
        if not self.db_wait.call("taking a lease", lambda: self.leases.acquire(file.sha256)):
            return Busy(file.sha256)
        try:
            got = self.db_wait.call("recording a file", lambda: self._admit_leased(file, exact, retry_failed))
        except Exception as exc:
            self.leases.release(file.sha256)
            if is_store_full(exc):
                log.error("the store is full (%s): the file stays where it is until space returns", reason(exc))
                return Stalled(reason(exc))
            raise
        except BaseException:
            self.leases.release(file.sha256)
            raise
        if not isinstance(got, Job):
            self.leases.release(file.sha256)
        return got

    def _admit_leased(self, file: IngestedFile, exact: bool, retry_failed: bool) -> Job | Outcome | Recorded:
        row = ledger.arrival(self.store, file.source_name, file.sha256, file.received if exact else None)
        if row is not None and row.status == Status.processing:
            return self._take_up(row.id, file, row.original_path)  # a run stopped mid-way; nobody holds it
        if row is not None and row.status == Status.failed and retry_failed:
            return self._retry_row(row.id, row.source_name, file)
        if row is not None:
            return Recorded(outcome_of(row))
        prev = self.store.previous(file.sha256)
        if prev is not None:
            return self.store.record_duplicate(file, prev, self.user)
        return self._job(self.store.begin(file, self.user), file)

    def _unreadable(self, name: str, error: str, received: datetime | None, retry_failed: bool) -> Outcome | Recorded:
        row = ledger.arrival(self.store, name, "", received)
        if row is None:
            return self.store.record_unreadable(name, error, self.user, received=received)
        if row.status == Status.failed and retry_failed:
            return self.store.fail(row.id, error, "ingest", self.user)
        return Recorded(outcome_of(row))

    def _take_up(self, doc_id: str, file: IngestedFile, original: str | None) -> Job:
        self.store.resume(doc_id)
        kept = self.store.path(original) if original else None
        return self._job(doc_id, replace(file, path=str(kept)) if kept and kept.is_file() else file)

    def _retry_row(self, doc_id: str, name: str, file: IngestedFile) -> Job | Outcome:
        prev = self.store.previous(file.sha256)
        if prev is not None and prev.id != doc_id:
            return ledger.mark_duplicate(self.store, doc_id, file, prev, self.user)
        return self._job(doc_id, ledger.restart(self.store, doc_id, replace(file, source_name=name), self.user))

    def _job(self, doc_id: str, file: IngestedFile) -> Job:
        self._jobs[doc_id] = file.sha256
        return Job(doc_id, file)

    def orphans(self) -> list[str]:
        """Ids of documents left `processing` by a process that is gone (their lease is free)."""
        def look() -> list[str]:
            rows = ledger.in_state(self.store, Status.processing)
            return [r.id for r in rows if r.id not in self._jobs and r.sha256 and self.leases.is_free(r.sha256)]

        return self.db_wait.call("looking for interrupted documents", look)

    def adopt(self, doc_id: str) -> Job | None:
        """Take up an orphaned `processing` document from its original in the store; None if not (any more)."""
        row = ledger.get(self.store, doc_id)
        sha = row.sha256 if row is not None else ""
        if not sha or not self.leases.acquire(sha):
            return None
        row = ledger.get(self.store, doc_id)  # read again under the lease
        kept = self.store.path(row.original_path) if row and row.original_path else None
        if row is None or row.status != Status.processing or kept is None or not kept.is_file():
            self.leases.release(sha)
            return None
        file = IngestedFile(str(kept), row.source_name, row.sha256, row.size, ledger.utc(row.received_at))
        log.info("document %s was left processing by a process that stopped: taking it up", doc_id)
        return self._take_up(doc_id, file, row.original_path)

    def retry(self, doc_id: str, kept: Path | None) -> Admission | None:
        """Take a failed document up again under its id, from its kept file or else its original in the store.

        None when no bytes of it were kept (it failed before they could be read).
        """
        row = ledger.get(self.store, doc_id)
        if row is None or row.status != Status.failed:
            raise NotFoundError(f"no failed document with id {doc_id}", hint="see `docintake failed list`")
        source = kept or (self.store.path(row.original_path) if row.original_path else None)
        if source is None or not source.is_file():
            return None
        return self._take_again(doc_id, row.source_name, source, ledger.utc(row.received_at))

    def retake(self, doc_id: str, path: Path) -> Admission:
        """Take a recorded document up again under its id from the bytes now at `path`, whatever its state:
        the file it was read from changed afterwards (its writer was still going), so one record holds
        the whole file instead of one record per burst."""
        row = ledger.get(self.store, doc_id)
        if row is None:
            raise NotFoundError(f"no document with id {doc_id}")
        log.warning("document %s: its file changed after it was read; taking it up again whole", doc_id)
        return self._take_again(doc_id, row.source_name, path, ledger.utc(row.received_at))

    def _take_again(self, doc_id: str, name: str, source: Path, received: datetime) -> Admission:
        try:
            file = ingest_file(source, source.parent, received)
        except DocumentError as exc:
            return self.store.fail(doc_id, str(exc), "ingest", self.user)
        if not self.leases.acquire(file.sha256):
            return Busy(file.sha256)
        got = self._retry_row(doc_id, name, file)
        if not isinstance(got, Job):
            self.leases.release(file.sha256)
        return got

    # -- store side --------------------------------------------------------------------------------

    def complete(self, job: Job, analysis: Analysis) -> Outcome:
        """Match, route and record one analysed document."""
        try:
            if analysis.error or analysis.identifiers is None or analysis.doc_type is None:
                error = analysis.error or "internal_error: analysis returned no identifiers or type"
                return self.fail(job, error, analysis.error_stage or "analyze")
            try:
                outcome = self.db_wait.call("filing a document", lambda: self._match_and_record(job, analysis))
                if outcome.status in (Status.filed, Status.split_fax):
                    deliver_after_filing(self.store)  # the outbox row was committed with the filing
                return outcome
            except Exception as exc:
                if is_store_full(exc):  # before DocumentError: a full disk is no fault of the document
                    log.error("document %s: the store is full (%s): left processing until space returns",
                              job.document_id, reason(exc))
                    return Outcome(job.document_id, job.file.source_name, job.file.sha256, Status.processing,
                                   error=f"{STORE_FULL}: {reason(exc)}")
                if isinstance(exc, DocumentError):
                    return self.fail(job, str(exc), exc.stage)
                raise
        finally:
            self._done(job)

    def _match_and_record(self, job: Job, analysis: Analysis) -> Outcome:
        assert analysis.identifiers is not None and analysis.doc_type is not None
        reader = ZoneReader(analysis.ocr.pages) if analysis.ocr is not None else None
        self.roster = self.live_roster.current()  # one query; patients changed since are reloaded
        match = match_identifiers(analysis.identifiers, self.roster, self.match_options, reader)
        routing = route(match, analysis.doc_type, self.cfg.type_threshold)
        plan = self._plan_split(job, analysis)
        what = resolve(plan, routing, match.mrn)
        if analysis.ocr is not None and len(analysis.ocr.pages) > 1:
            retire_parts(self.store, job.document_id, self.user)  # parts of an earlier reading of this fax
        if plan is None or what == "whole":
            return self.store.finish(job.document_id, analysis, match, routing, self.user)  # one document
        if what == "doubt":  # one document, but a page of it may be another patient's: a clerk files it
            reasons = (UNSURE_PAGES, *(r for r in routing.reasons if r != UNSURE_PAGES))
            return self.store.finish(job.document_id, analysis, match, Routing(Status.review, reasons), self.user)
        if what == "split":
            try:
                return self.store.finish_split(job.document_id, analysis, match, part_specs(plan), plan.proposal(),
                                               self.user)
            except DocumentError as exc:
                if exc.code != SPLIT_FAILED:
                    raise
                log.warning("document %s: %s; sent to review whole", job.document_id, exc.message)
        reasons = (SEVERAL_DOCUMENTS, *(r for r in routing.reasons if r != SEVERAL_DOCUMENTS))
        return self.store.finish(job.document_id, analysis, match, Routing(Status.review, reasons), self.user,
                                 proposal=plan.proposal())

    def _plan_split(self, job: Job, analysis: Analysis) -> SplitPlan | None:
        """The split of a fax of several documents (None: one document); a fault here never loses the fax."""
        if analysis.ocr is None or len(analysis.ocr.pages) < 2:
            return None

        def match_pages(pages: Sequence[PageText]) -> MatchResult:
            return match_identifiers(find_identifiers(pages), self.roster, self.match_options, ZoneReader(pages))

        try:
            return plan_split(analysis.ocr.pages, match_pages, lambda pages: classify_pages(pages, self.options.classify),
                              self.cfg.type_threshold, self.cfg.split_partial)
        except Exception:  # noqa: BLE001 - reading parts is extra: the fax is still routed whole
            log.exception("document %s: reading its parts failed; routed as one document", job.document_id)
            return None

    def fail(self, job: Job, error: str, stage: str) -> Outcome:
        """Record that a job failed outside the stages (its worker process died)."""
        try:
            return self.db_wait.call("recording a failure", lambda: self.store.fail(
                job.document_id, error, stage, self.user))
        finally:
            self._done(job)

    def hand_off(self, job: Job) -> None:
        """Give up this process's lease on a job that another process will run (a queue worker takes its own)."""
        self._done(job)

    def _done(self, job: Job) -> None:
        sha = self._jobs.pop(job.document_id, None)
        if sha is not None:
            self.leases.release(sha)


class Runner:
    """A bounded window of analyses on a process pool, each result recorded through the pipeline.

    At most two jobs per worker are in flight, so a burst of 500 files holds a handful of analyses in
    memory. A worker that dies (killed, out of memory, a crash in a library) fails only its own document:
    the jobs that were in flight are run again one at a time, and one whose process dies alone is failed.
    With one worker and `isolate` False the analysis runs in this process (no pool to start).
    """

    def __init__(self, pipe: Pipeline, workers: int, isolate: bool = False) -> None:
        self.pipe = pipe
        self.workers = max(1, workers)
        self.in_process = self.workers == 1 and not isolate
        self.window = 1 if self.in_process else 2 * self.workers
        self._pool: ProcessPoolExecutor | None = None
        self._inflight: dict[Future[Analysis], Job] = {}
        self._ready: deque[Job] = deque()  # accepted, not started
        self._suspects: deque[Job] = deque()  # were in flight when a worker died: rerun one at a time
        self._alone: Job | None = None

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close(kill=exc[0] is not None)

    @property
    def room(self) -> int:
        """How many more jobs may be submitted now."""
        if self._suspects or self._alone is not None:
            return 0
        return max(0, self.window - len(self._inflight) - len(self._ready))

    @property
    def busy(self) -> bool:
        """True while jobs are waiting or in flight."""
        return bool(self._inflight or self._ready or self._suspects)

    def submit(self, job: Job) -> None:
        """Accept one job (call only when `room` is positive)."""
        self._ready.append(job)
        self._start()

    def results(self, timeout: float | None = None) -> list[tuple[Job, Outcome]]:
        """Wait up to `timeout` seconds (None: until one finishes) and record what finished."""
        if self.in_process:
            if not self._ready:
                time.sleep(timeout or 0)
                return []
            job = self._ready.popleft()
            return [(job, self.pipe.complete(job, analyze(job.file, self.pipe.options)))]
        self._start()
        if not self._inflight:
            time.sleep(timeout or 0)
            return []
        done, _ = wait(self._inflight, timeout, FIRST_COMPLETED)
        out: list[tuple[Job, Outcome]] = []
        for fut in done:
            job = self._inflight.pop(fut)
            try:
                analysis = fut.result()
            except BrokenProcessPool:
                return out + self._crashed(job)
            if job is self._alone:
                self._alone = None
            out.append((job, self.pipe.complete(job, analysis)))
        return out

    def _start(self) -> None:
        if self.in_process:
            return
        try:
            if self._suspects or self._alone is not None:
                if not self._inflight and self._alone is None:
                    self._alone = self._suspects.popleft()
                    self._inflight[self._executor().submit(analyze, self._alone.file, self.pipe.options)] = self._alone
                return
            while self._ready and len(self._inflight) < self.window:
                job = self._ready[0]
                self._inflight[self._executor().submit(analyze, job.file, self.pipe.options)] = job
                self._ready.popleft()
        except BrokenProcessPool:
            self._suspects.extend(self._inflight.values())
            self._inflight.clear()
            self._drop_pool()

    def _crashed(self, job: Job) -> list[tuple[Job, Outcome]]:
        jobs = [job, *self._inflight.values()]
        self._inflight.clear()
        self._drop_pool()
        if self._alone is not None and jobs == [self._alone]:
            self._alone = None
            log.warning("document %s: its worker process died twice", job.document_id)
            return [(job, self.pipe.fail(job, "worker_crashed: the process reading this document died", "analyze"))]
        log.warning("a worker process died; %d document(s) in flight will be retried one at a time", len(jobs))
        self._alone = None
        self._suspects.extend(jobs)
        return []

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            _warm(self.pipe.options)
            self._pool = ProcessPoolExecutor(self.workers, initializer=_worker_init, initargs=(os.getpid(),))
        return self._pool

    def _drop_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self, kill: bool = False) -> None:
        """Shut the pool down; `kill` stops workers at once (their documents stay `processing`)."""
        if self._pool is None:
            return
        if kill:
            # The executor has no public way to stop running work; its worker processes are killed directly.
            for proc in list(getattr(self._pool, "_processes", {}).values()):
                proc.kill()
        self._pool.shutdown(wait=not kill, cancel_futures=True)
        self._pool = None


@dataclass(frozen=True)
class BatchReport:
    """What a run did: counts per state, pages, time, and the outcomes (the latest ones for a long watch)."""

    outcomes: tuple[Outcome, ...]
    skipped: int
    seconds: float
    counts: dict[Status, int] = field(default_factory=dict)
    pages: int = 0
    interrupted: bool = False

    def count(self, status: Status) -> int:
        """How many outcomes ended in `status`."""
        return self.counts.get(status, 0)

    def as_json(self) -> dict:
        """The contract's summary JSON."""
        return {
            "processed": sum(self.counts.values()) + self.skipped,
            "filed": self.count(Status.filed),
            "review": self.count(Status.review),
            "failed": self.count(Status.failed),
            "duplicate": self.count(Status.duplicate) + self.skipped,
            "split": self.count(Status.split_fax),
            "skipped": self.skipped,
            "seconds": round(self.seconds, 3),
            "pages": self.pages,
            "pages_per_minute": round(60 * self.pages / self.seconds, 1) if self.seconds else 0.0,
            "documents": [o.document_id for o in self.outcomes],
        }


class Tally:
    """Counts outcomes as they come; keeps every outcome, or the latest `keep` of them."""

    def __init__(self, on_outcome: OnOutcome | None = None, keep: int | None = None) -> None:
        self.on_outcome = on_outcome
        self.counts: Counter[Status] = Counter()
        self.outcomes: deque[Outcome] = deque(maxlen=keep)
        self.pages = 0
        self.skipped = 0

    def add(self, outcome: Outcome) -> None:
        """Count one outcome reached in this run."""
        self.counts[outcome.status] += 1
        self.outcomes.append(outcome)
        self.pages += outcome.pages if outcome.status is not Status.duplicate else 0
        if self.on_outcome:
            self.on_outcome(outcome)

    def skip(self) -> None:
        """Count one file that was recorded before this run."""
        self.skipped += 1
        if self.on_outcome:
            self.on_outcome(None)

    def report(self, seconds: float, interrupted: bool = False) -> BatchReport:
        """The report so far."""
        return BatchReport(tuple(self.outcomes), self.skipped, seconds, dict(self.counts), self.pages, interrupted)
