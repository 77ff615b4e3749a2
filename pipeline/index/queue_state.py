"""What the queue executor keeps in the store: workers with their heartbeat, and deliveries per document.

Workers write a heartbeat row while they run, so `queue status` lists the workers seen, dead ones too,
with when each was last heard of. A document's task records each start and each clean end: a start
that finds the previous one never ended means the process running it died (killed, out of memory, a
crash in a library), and a document whose process dies `queue_max_attempts` times is failed with
`worker_crashed`, as the local pool fails one whose worker dies alone, rather than delivered forever.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from pipeline.index.db import Database
from pipeline.index.models import Base
from pipeline.index.views import as_utc, iso

HEARTBEAT_SECONDS = 10.0  # how often a worker writes its heartbeat
ALIVE_WITHIN = 3 * HEARTBEAT_SECONDS  # a worker not heard of for longer is shown as not alive


class QueueWorker(Base):
    """One worker seen by the store, and when it was last heard of."""

    __tablename__ = "queue_workers"

    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    processes: Mapped[int] = mapped_column(Integer)
    queues: Mapped[str] = mapped_column(Text)  # comma-separated
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class QueueAttempt(Base):
    """The deliveries of one document's task at one row version."""

    __tablename__ = "queue_attempts"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    starts: Mapped[int] = mapped_column(Integer, default=0)
    crashes: Mapped[int] = mapped_column(Integer, default=0)  # starts whose process died before the end
    running: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    worker: Mapped[str] = mapped_column(String(255))  # the worker of the latest start
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class WorkerInfo:
    """Who a worker is, for its heartbeat row."""

    name: str
    host: str
    pid: int
    processes: int
    queues: tuple[str, ...]


def heartbeat(db: Database, worker: WorkerInfo, started: datetime, stopped: bool = False) -> None:
    """Record that `worker` is alive now (or, with `stopped`, that it stopped cleanly)."""
    with db.session() as s:
        row = s.get(QueueWorker, worker.name)
        if row is None:
            row = QueueWorker(name=worker.name, started_at=started)
            s.add(row)
        row.host, row.pid, row.processes = worker.host, worker.pid, worker.processes
        row.queues, row.heartbeat_at = ",".join(worker.queues), _now()
        row.stopped_at = _now() if stopped else None


def start(db: Database, document_id: str, version: int, worker: str) -> int:
    """Record a start of the document's task (its lease held); returns how many starts crashed so far."""
    with db.session() as s:
        row = s.get(QueueAttempt, document_id)
        if row is None or row.version != version:
            if row is not None:
                s.delete(row)
                s.flush()
            row = QueueAttempt(document_id=document_id, version=version, starts=0, crashes=0, running=False)
            s.add(row)
        if row.running:
            row.crashes += 1  # the previous start never ended: its process died
        row.starts, row.running, row.worker, row.updated_at = row.starts + 1, True, worker, _now()
        return row.crashes


def end(db: Database, document_id: str) -> None:
    """Record a clean end of the document's task (done, or stopped by an outside fault)."""
    with db.session() as s:
        row = s.get(QueueAttempt, document_id)
        if row is not None:
            row.running, row.updated_at = False, _now()


def forget(db: Database, document_id: str) -> None:
    """Drop a document's deliveries (it reached a final state)."""
    with db.session() as s:
        s.execute(delete(QueueAttempt).where(QueueAttempt.document_id == document_id))


def workers_seen(db: Database, alive_within: float) -> list[dict[str, Any]]:
    """Every worker the store has heard of, newest heartbeat first, with the documents it was running."""
    with db.read() as s:
        running: dict[str, list[str]] = {}
        for doc_id, name in s.execute(select(QueueAttempt.document_id, QueueAttempt.worker)
                                      .where(QueueAttempt.running.is_(True))):
            running.setdefault(name, []).append(doc_id)
        rows = list(s.scalars(select(QueueWorker).order_by(QueueWorker.heartbeat_at.desc(), QueueWorker.name)))
    now = datetime.now(UTC)
    return [{"name": w.name, "host": w.host, "pid": w.pid, "processes": w.processes,
             "queues": w.queues.split(",") if w.queues else [], "started": iso(w.started_at),
             "last_heartbeat": iso(w.heartbeat_at), "stopped": iso(w.stopped_at) if w.stopped_at else None,
             "alive": w.stopped_at is None and (now - (as_utc(w.heartbeat_at) or now)).total_seconds() <= alive_within,
             "active": sorted(running.get(w.name, []))} for w in rows]
