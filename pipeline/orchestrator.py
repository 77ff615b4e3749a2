"""The one orchestrator: the ordered stages every document goes through, whoever found it.

    ingest -> [ocr -> identify -> classify] -> match -> route -> index

The bracketed part is `analyze`: pure, picklable, CPU-heavy; it runs in worker processes. Matching needs
the roster index and routing/indexing need the store, so they run in the process that owns those
(`Pipeline.complete`). The batch, the watcher and any future distributed worker all go through `Pipeline`.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.classify import classify_pages
from pipeline.config import Config
from pipeline.errors import DocumentError
from pipeline.index.roster import load_patients
from pipeline.index.store import Store
from pipeline.ingest.files import ingest_file, source_name, walk
from pipeline.match.extract import find_identifiers
from pipeline.match.matcher import MatchOptions, match_identifiers
from pipeline.match.roster import Roster
from pipeline.ocr import OcrOptions, read_document
from pipeline.records import Analysis, IngestedFile, Outcome, Status
from pipeline.route import route

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AnalyzeOptions:
    """What the worker-side stages need from the config (picklable)."""

    ocr: OcrOptions

    @classmethod
    def from_config(cls, cfg: Config) -> AnalyzeOptions:
        """Options for `analyze` from the effective config."""
        return cls(ocr=OcrOptions.from_config(cfg))


def analyze(file: IngestedFile, options: AnalyzeOptions) -> Analysis:
    """Read one file and learn what can be learned without the store: text, identifiers, type."""
    try:
        ocr = read_document(file.path, options.ocr)
        identifiers = find_identifiers(ocr.pages)
        doc_type = classify_pages(ocr.pages)
    except DocumentError as exc:
        return Analysis(file=file, error=str(exc), error_stage=exc.stage)
    except Exception as exc:  # noqa: BLE001 - a bug on one document must not stop the run
        log.exception("unexpected error analysing a document (sha256 %s)", file.sha256[:12])
        return Analysis(file=file, error=f"internal_error: {type(exc).__name__}: {exc}", error_stage="analyze")
    return Analysis(file=file, ocr=ocr, identifiers=identifiers, doc_type=doc_type)


def _worker_init() -> None:
    # Tesseract's OpenMP threads fight over the cores that the other workers use (measured: 8x slower).
    os.environ["OMP_THREAD_LIMIT"] = "1"


@dataclass(frozen=True)
class Job:
    """A file that was ingested and recorded, waiting for analysis."""

    document_id: str
    file: IngestedFile


class Pipeline:
    """Runs documents through the stages against one store and one roster."""

    def __init__(self, cfg: Config, store: Store, user: str) -> None:
        self.cfg = cfg
        self.store = store
        self.user = user
        self.options = AnalyzeOptions.from_config(cfg)
        self.match_options = MatchOptions.from_config(cfg)
        with store.db.session() as s:
            self.roster = Roster.from_records(load_patients(s))

    # -- ingest side -------------------------------------------------------------------------------

    def admit(self, path: Path, root: Path) -> Job | Outcome | None:
        """Ingest one file: a Job to analyse, an Outcome already final (duplicate, unreadable), or None
        when these bytes under this name were processed before (a re-run)."""
        try:
            file = ingest_file(path, root)
        except DocumentError as exc:
            return self.store.record_unreadable(source_name(path, root), str(exc), self.user)
        prev = self.store.previous(file.sha256)
        if prev is not None and prev.status == Status.processing.value:
            self.store.resume(prev.id)  # an earlier run stopped mid-way: take it up again
            return Job(prev.id, replace(file, path=str(self.store.path(prev.original_path or ""))))
        if prev is not None and prev.source_name == file.source_name:
            return None
        if prev is not None:
            return self.store.record_duplicate(file, prev, self.user)
        doc_id = self.store.begin(file, self.user)
        return Job(doc_id, file)

    # -- store side --------------------------------------------------------------------------------

    def complete(self, job: Job, analysis: Analysis) -> Outcome:
        """Match, route and record one analysed document."""
        if analysis.error or analysis.identifiers is None or analysis.doc_type is None:
            error = analysis.error or "internal_error: analysis returned no identifiers or type"
            return self.store.fail(job.document_id, error, analysis.error_stage or "analyze", self.user)
        try:
            match = match_identifiers(analysis.identifiers, self.roster, self.match_options)
            routing = route(match, analysis.doc_type, self.cfg.type_threshold)
            return self.store.finish(job.document_id, analysis, match, routing, self.user)
        except DocumentError as exc:
            return self.store.fail(job.document_id, str(exc), exc.stage, self.user)

    def run(self, jobs: Iterable[Job], workers: int) -> Iterator[Outcome]:
        """Analyse jobs (in `workers` processes, at most 2 per worker in flight) and record each result."""
        if workers <= 1:
            for job in jobs:
                yield self.complete(job, analyze(job.file, self.options))
            return
        yield from _run_pool(self, list(jobs), workers)


def _run_pool(pipe: Pipeline, jobs: list[Job], workers: int) -> Iterator[Outcome]:
    """A bounded window of work on a process pool; a crashed worker fails only its own document."""
    pending = list(reversed(jobs))
    crashed: set[str] = set()
    while pending:
        with ProcessPoolExecutor(workers, initializer=_worker_init) as pool:
            inflight: dict[Future[Analysis], Job] = {}
            try:
                while pending or inflight:
                    while pending and len(inflight) < 2 * workers:
                        job = pending.pop()
                        inflight[pool.submit(analyze, job.file, pipe.options)] = job
                    done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                    for fut in done:
                        job = inflight.pop(fut)
                        yield pipe.complete(job, fut.result())
            except BrokenProcessPool:
                yield from _after_crash(pipe, inflight, pending, crashed)


def _after_crash(pipe: Pipeline, inflight: dict, pending: list[Job], crashed: set[str]) -> Iterator[Outcome]:
    """A worker died (killed, out of memory, a crash in a library): retry each in-flight job once alone."""
    for job in inflight.values():
        if job.document_id in crashed:
            yield pipe.store.fail(job.document_id, "worker_crashed: the process reading this document died twice",
                                  "analyze", pipe.user)
        else:
            crashed.add(job.document_id)
            pending.append(job)
    inflight.clear()


@dataclass(frozen=True)
class BatchReport:
    """What a batch did: counts per state, time, and every outcome."""

    outcomes: tuple[Outcome, ...]
    skipped: int
    seconds: float

    def count(self, status: Status) -> int:
        """How many outcomes ended in `status`."""
        return sum(1 for o in self.outcomes if o.status is status)

    def as_json(self) -> dict:
        """The contract's summary JSON."""
        return {
            "processed": len(self.outcomes) + self.skipped,
            "filed": self.count(Status.filed),
            "review": self.count(Status.review),
            "failed": self.count(Status.failed),
            "duplicate": self.count(Status.duplicate) + self.skipped,
            "seconds": round(self.seconds, 3),
            "pages": sum(o.pages for o in self.outcomes if o.status is not Status.duplicate),
            "documents": [o.document_id for o in self.outcomes],
        }


def run_batch(
    cfg: Config, store: Store, folder: Path, user: str, workers: int | None = None,
    on_outcome: Callable[[Outcome | None], None] | None = None, on_total: Callable[[int], None] | None = None,
) -> BatchReport:
    """Process every file under `folder` once; the folder itself is left untouched."""
    start = time.monotonic()
    pipe = Pipeline(cfg, store, user)
    paths = walk(folder)
    if on_total:
        on_total(len(paths))
    outcomes: list[Outcome] = []
    jobs: list[Job] = []
    skipped = 0
    for path in paths:
        admitted = pipe.admit(path, folder)
        if admitted is None:
            skipped += 1
        elif isinstance(admitted, Outcome):
            outcomes.append(admitted)
        else:
            jobs.append(admitted)
        if on_outcome and not isinstance(admitted, Job):
            on_outcome(admitted)  # None: skipped as already processed
    for outcome in pipe.run(jobs, workers or cfg.effective_workers):
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return BatchReport(tuple(outcomes), skipped, time.monotonic() - start)

