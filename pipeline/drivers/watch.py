"""`docintake watch`: the inbox watcher (and `batch --move`, which is one pass of it).

    events (watchdog: inotify, or polling for NFS/SMB) + periodic rescans
        -> SettleTracker (size and mtime unchanged for settle_seconds)
        -> Intake (claim by rename, the one pipeline on a bounded pool, put away)

At start-up it takes over claims left by a process that died and processes what already waits. A first
stop request (SIGINT/SIGTERM) stops taking new files and finishes those in flight; a second stops at once,
leaving claimed files in the processing area for the next start.
"""

from __future__ import annotations

import logging
import os
import queue
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from pipeline.config import Config
from pipeline.drivers.inbox import Executor, Intake
from pipeline.export.deliver import deliver_after_filing
from pipeline.index.store import Store
from pipeline.ingest.files import is_ignored_path, walk
from pipeline.ingest.settle import DEFAULT_INCOMPLETE_SECONDS, SettleTracker, examine, examine_writers
from pipeline.orchestrator import BatchReport, OnOutcome, Pipeline, Runner, Tally

log = logging.getLogger(__name__)

KEEP_OUTCOMES = 10_000  # a long-running watcher reports counts, and only its latest outcomes one by one


@dataclass(frozen=True)
class WatchOptions:
    """How the watcher finds work and how fast it looks."""

    settle_seconds: float = 2.0  # a file is taken once size and mtime were unchanged this long
    poll_seconds: float = 0.0  # 0: inotify events; otherwise poll the folder this often (network shares)
    rescan_seconds: float = 60.0  # full rescan, catching anything an event missed
    workers: int = 1
    once: bool = False  # stop when everything that was (or came) there is done
    tick: float = 0.2  # how often the loop looks at settling files and at the stop flags
    incomplete_seconds: float = DEFAULT_INCOMPLETE_SECONDS  # incomplete this long, unchanged: failed as truncated

    @classmethod
    def from_config(cls, cfg: Config, **overrides: Any) -> WatchOptions:
        """Options from the config's settle/poll/rescan/workers settings, then explicit overrides."""
        base = cls(cfg.settle_seconds, cfg.poll_seconds, cfg.rescan_seconds, cfg.effective_workers,
                   incomplete_seconds=cfg.incomplete_minutes * 60)
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})


class _Events(FileSystemEventHandler):
    """Hands every path an event names over to the main loop (the observer thread does nothing else)."""

    def __init__(self, folder: Path, sink: queue.SimpleQueue[Path]) -> None:
        self.folder = folder
        self.sink = sink

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("deleted", "opened", "closed_no_write"):
            return
        raw = event.dest_path if event.event_type == "moved" else event.src_path
        path = Path(os.fsdecode(raw))
        if not is_ignored_path(path, self.folder):
            self.sink.put(path)


def start_observer(folder: Path, poll_seconds: float, sink: queue.SimpleQueue[Path]) -> BaseObserver:
    """A running watchdog observer over `folder` (recursive): inotify, or polling every `poll_seconds`."""
    observer: BaseObserver = PollingObserver(timeout=poll_seconds) if poll_seconds > 0 else Observer()
    observer.schedule(_Events(folder, sink), str(folder), recursive=True)
    try:
        observer.start()
    except OSError as exc:  # e.g. the inotify watch limit: fall back to polling rather than not watching
        log.warning("inotify unavailable (%s); polling every 2 seconds instead", exc.strerror)
        observer = PollingObserver(timeout=2.0)
        observer.schedule(_Events(folder, sink), str(folder), recursive=True)
        observer.start()
    return observer


class Watcher:
    """Watches one folder and runs every complete file in it through the pipeline, exactly once."""

    def __init__(self, cfg: Config, store: Store, user: str, folder: Path | None = None,
                 options: WatchOptions | None = None, on_outcome: OnOutcome | None = None,
                 on_total: Callable[[int], None] | None = None,
                 executor: Callable[[Pipeline], Executor] | None = None) -> None:
        self.cfg = cfg
        self.executor = executor  # None: the local pool; else e.g. the queue (`watch --queue`)
        self.store = store
        self.user = user
        self.folder = (folder or cfg.inbox_path).absolute()
        self.options = options or WatchOptions.from_config(cfg)
        self.on_outcome = on_outcome
        self.on_total = on_total
        self._stops = 0
        self._events: queue.SimpleQueue[Path] = queue.SimpleQueue()
        self.started = threading.Event()  # set once the start-up scan is done (tests wait for it)
        self._inbox: tuple[int, int] | None = None  # the inbox folder's (device, inode) while it is there
        self._observer: BaseObserver | None = None

    def request_stop(self) -> int:
        """First call: take no new files, finish those in flight. Second: stop at once. Returns the count."""
        self._stops += 1
        return self._stops

    def run(self) -> BatchReport:
        """Watch until asked to stop (or, with `once`, until idle); the report says what was done."""
        start = time.monotonic()
        self.folder.mkdir(parents=True, exist_ok=True)
        opts = self.options
        pipe = Pipeline(self.cfg, self.store, self.user)
        tally = Tally(self.on_outcome, keep=None if opts.once else KEEP_OUTCOMES)
        runner = self.executor(pipe) if self.executor else Runner(pipe, opts.workers, isolate=not opts.once)
        intake = Intake(pipe, runner, self.folder, tally)
        try:
            recovered = intake.open()
            self._inbox = _identity(self.folder)
            self._observer = None if opts.once else start_observer(self.folder, opts.poll_seconds, self._events)
            self._loop(intake, runner, recovered)
        finally:
            observer, self._observer = self._observer, None
            if observer is not None:
                observer.stop()
            runner.close(kill=self._stops > 1 or runner.busy)
            intake.close()
            pipe.close()
            if observer is not None:
                observer.join(timeout=5)
        return tally.report(time.monotonic() - start, interrupted=self._stops > 1)

    def _inbox_present(self, intake: Intake, tracker: SettleTracker) -> bool:
        """False while the inbox folder is gone (a share unmounted); when it is back, watch it afresh."""
        now = _identity(self.folder)
        if now == self._inbox:
            return now is not None
        if now is None:
            log.warning("the inbox %s is gone (a network share unmounted?): waiting for it to come back",
                        self.folder.name)
            self._inbox = None
            return False
        log.warning("the inbox %s is %s: watching it again", self.folder.name,
                    "back" if self._inbox is None else "a new folder")
        self._inbox = now
        intake.reopen()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = start_observer(self.folder, self.options.poll_seconds, self._events)
        tracker.note(self._scan())
        return True

    def _loop(self, intake: Intake, runner: Executor, recovered: int) -> None:
        opts = self.options
        # A one-pass run (`--once`, `batch --move`) cannot wait minutes for a structure to complete: it
        # waits only for open writers and hands a damaged file to the stages, which fail it with its reason.
        check = examine_writers if opts.once else examine
        tracker = SettleTracker(opts.settle_seconds, incomplete_seconds=opts.incomplete_seconds, check=check)
        tracker.note(self._scan())
        log.info("watching %s: %d file(s) waiting, %d taken over", self.folder.name, len(tracker), recovered)
        if self.on_total:
            self.on_total(len(tracker) + recovered)
        self.started.set()
        next_rescan = time.monotonic() + opts.rescan_seconds
        while self._stops < 2:
            if self._stops == 1:
                if not runner.busy:
                    return
                intake.pump(opts.tick, admit=False)
                continue
            tracker.note(self._drain_events())
            if not self._inbox_present(intake, tracker):
                intake.pump(opts.tick, admit=False)  # files in flight finish; nothing new can arrive
                continue
            if time.monotonic() >= next_rescan:
                tracker.note(self._scan())
                # deliveries waiting out a backoff go once due, even when nothing new is being filed
                deliver_after_filing(self.store)
                next_rescan = time.monotonic() + opts.rescan_seconds
            intake.take(tracker.ready(intake.room))
            intake.take_truncated(tracker.overdue(intake.room))
            intake.pump(opts.tick)
            if opts.once and self._only_incomplete_left(tracker) and not intake.busy and self._events.empty():
                return

    def _only_incomplete_left(self, tracker: SettleTracker) -> bool:
        """Once: done when nothing is tracked but files found incomplete (they stay for the next run)."""
        waiting = tracker.waiting()
        if len(tracker) != len(waiting):
            return False
        if waiting:
            log.warning("%d incomplete file(s) left in %s for the next run (failed as truncated once "
                        "unchanged for %g minutes)", len(waiting), self.folder.name,
                        self.options.incomplete_seconds / 60)
        return True

    def _scan(self) -> list[Path]:
        return [p for p in walk(self.folder) if not is_ignored_path(p, self.folder)]

    def _drain_events(self) -> Iterator[Path]:
        while True:
            try:
                path = self._events.get_nowait()
            except queue.Empty:
                return
            if path.is_dir():  # a folder moved in or made: events for what is inside may never come
                yield from (p for p in walk(path) if not is_ignored_path(p, self.folder))
            else:
                yield path


def _identity(folder: Path) -> tuple[int, int] | None:
    """(device, inode) of a folder, or None when it is not there (or not a folder)."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISDIR(st.st_mode) else None


@contextmanager
def stop_on_signals(watcher: Watcher) -> Iterator[None]:
    """While inside, SIGINT and SIGTERM ask `watcher` to stop (gracefully first, at once the second time)."""

    def handler(signum: int, _frame: Any) -> None:
        count = watcher.request_stop()
        name = signal.Signals(signum).name
        log.warning("%s: %s", name, "finishing files in flight (again to stop at once)" if count == 1
                    else "stopping now; unfinished files are taken up at the next start")

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def drain(cfg: Config, store: Store, folder: Path, user: str, workers: int | None = None,
          on_outcome: OnOutcome | None = None, on_total: Callable[[int], None] | None = None) -> BatchReport:
    """One pass over `folder` treated like the inbox (`batch --move`): claim, process, put away, then return."""
    options = WatchOptions.from_config(cfg, workers=workers, once=True)
    return Watcher(cfg, store, user, folder, options, on_outcome, on_total).run()
