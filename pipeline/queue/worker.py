"""`docintake worker`: a Celery worker whose pool processes run documents through the one pipeline.

Signals: the first SIGTERM or SIGINT stops taking tasks and finishes the documents in flight (Celery's warm
shutdown); a second stops at once (Celery's cold shutdown: the unfinished documents' tasks go back to the
broker and are delivered again, and the documents stay `processing` until then).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from pipeline.classify import classify_pages
from pipeline.config import Config
from pipeline.errors import DocintakeError
from pipeline.index import queue_state
from pipeline.index.db import Database
from pipeline.orchestrator import Pipeline
from pipeline.queue import tasks
from pipeline.queue.app import make_app
from pipeline.queue.broker import Broker
from pipeline.records import PageSource, PageText

log = logging.getLogger(__name__)


def node_name(name: str | None = None) -> str:
    """The worker's Celery node name: `docintake-<pid>@<host>` unless given."""
    return name or f"docintake-{os.getpid()}@{socket.gethostname()}"


def _prepare(cfg: Config, user: str) -> Pipeline:
    """Build the pipeline and load the type model once here: the pool processes inherit both when forked."""
    pipe = tasks.configure(cfg, user)
    classify_pages((PageText(1, "", PageSource.text_layer),), pipe.options.classify)
    return pipe


class _Heartbeat:
    """Writes the worker's heartbeat row every few seconds from a thread of the main process."""

    def __init__(self, db: Database, info: queue_state.WorkerInfo) -> None:
        self.db = db
        self.info = info
        self.started = datetime.now(UTC).replace(microsecond=0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="docintake-heartbeat", daemon=True)

    def start(self) -> None:
        self._beat()
        self._thread.start()

    def _beat(self, stopped: bool = False) -> None:
        try:
            queue_state.heartbeat(self.db, self.info, self.started, stopped)
        except (SQLAlchemyError, DocintakeError) as exc:
            log.warning("worker %s: heartbeat not recorded (%s)", self.info.name, type(exc).__name__)

    def _run(self) -> None:
        while not self._stop.wait(queue_state.HEARTBEAT_SECONDS):
            self._beat()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._beat(stopped=True)


class _Stops:
    """First signal: Celery's warm shutdown; the second: its cold one."""

    def __init__(self) -> None:
        self.count = 0
        self.warm: Any = None

    def install(self, **_kwargs: Any) -> None:
        self.warm = signal.getsignal(signal.SIGTERM)
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self.handle)

    def handle(self, signum: int, frame: Any) -> None:
        self.count += 1
        if self.count == 1:
            log.warning("%s: finishing the documents in flight (again to stop at once)", signal.Signals(signum).name)
            if callable(self.warm):
                self.warm(signal.SIGTERM, frame)
            return
        log.warning("stopping now: unfinished documents go back to the queue")
        os.kill(os.getpid(), signal.SIGQUIT)


def run_worker(cfg: Config, user: str, concurrency: int, queues: list[str] | None = None,
               name: str | None = None, loglevel: str = "WARNING") -> int:
    """Run a worker until it is stopped; returns its exit status."""
    from celery.signals import worker_ready

    with Broker(cfg) as broker:
        broker.check()
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one Tesseract thread per pool process (inherited by each)
    pipe = _prepare(cfg, user)
    app = make_app(cfg, with_tasks=True)
    stops = _Stops()
    worker_ready.connect(stops.install, weak=False)
    worker = app.Worker(
        hostname=node_name(name), concurrency=concurrency, queues=queues or [cfg.queue_name], pool="prefork",
        loglevel=loglevel, optimization="fair", without_gossip=True, without_mingle=True, quiet=True,
    )
    log.info("worker %s: %d process(es) on %s", worker.hostname, concurrency, ", ".join(queues or [cfg.queue_name]))
    beat = _Heartbeat(pipe.store.db, queue_state.WorkerInfo(worker.hostname, socket.gethostname(), os.getpid(),
                                                            concurrency, tuple(queues or [cfg.queue_name])))
    beat.start()
    try:
        worker.start()
    finally:
        beat.stop()
    return int(worker.exitcode or 0)
