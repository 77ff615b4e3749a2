"""`docintake queue status`: what waits in the broker, what the workers run, which workers were heard of."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from pipeline.config import Config
from pipeline.index import queue_state
from pipeline.index.models import Document
from pipeline.index.store import Store
from pipeline.queue.broker import Broker, safe_url
from pipeline.records import Status


def _counts(store: Store) -> dict[str, int]:
    with store.db.read() as s:
        rows = s.execute(select(Document.status, func.count()).where(
            Document.status.in_([Status.processing.value, Status.failed.value])).group_by(Document.status))
        found = {status: int(n) for status, n in rows}
    return {"processing": found.get(Status.processing.value, 0), "failed": found.get(Status.failed.value, 0)}


def queue_status(cfg: Config, store: Store) -> dict[str, Any]:
    """Pending tasks (the broker), active ones and the workers seen (the store), processing and failed
    documents (the store)."""
    with Broker(cfg) as broker:
        pending = broker.pending()
    workers = queue_state.workers_seen(store.db, queue_state.ALIVE_WITHIN)
    return {"broker": safe_url(cfg.broker_url), "queue": cfg.queue_name, "pending": pending,
            "active": sum(len(w["active"]) for w in workers), **_counts(store), "workers": workers}
