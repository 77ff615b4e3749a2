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
from typing import Any

from pipeline.classify import classify_pages
from pipeline.config import Config
from pipeline.queue import tasks
from pipeline.queue.app import make_app
from pipeline.queue.broker import Broker
from pipeline.records import PageSource, PageText

log = logging.getLogger(__name__)


def node_name(name: str | None = None) -> str:
    """The worker's Celery node name: `docintake-<pid>@<host>` unless given."""
    return name or f"docintake-{os.getpid()}@{socket.gethostname()}"


def _prepare(cfg: Config, user: str) -> None:
    """Build the pipeline and load the type model once here: the pool processes inherit both when forked."""
    pipe = tasks.configure(cfg, user)
    classify_pages((PageText(1, "", PageSource.text_layer),), pipe.options.classify)


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
    _prepare(cfg, user)
    app = make_app(cfg, with_tasks=True)
    stops = _Stops()
    worker_ready.connect(stops.install, weak=False)
    worker = app.Worker(
        hostname=node_name(name), concurrency=concurrency, queues=queues or [cfg.queue_name], pool="prefork",
        loglevel=loglevel, optimization="fair", without_gossip=True, without_mingle=True, quiet=True,
    )
    log.info("worker %s: %d process(es) on %s", worker.hostname, concurrency, ", ".join(queues or [cfg.queue_name]))
    worker.start()
    return int(worker.exitcode or 0)
