"""`docintake queue status`: what waits in the broker, what the workers run, what the store says."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from pipeline.config import Config
from pipeline.index.models import Document
from pipeline.index.store import Store
from pipeline.queue.broker import Broker, broker_errors, safe_url
from pipeline.records import Status


def _counts(store: Store) -> dict[str, int]:
    with store.db.read() as s:
        rows = s.execute(select(Document.status, func.count()).where(
            Document.status.in_([Status.processing.value, Status.failed.value])).group_by(Document.status))
        found = {status: int(n) for status, n in rows}
    return {"processing": found.get(Status.processing.value, 0), "failed": found.get(Status.failed.value, 0)}


def _workers(broker: Broker, timeout: float) -> list[dict[str, Any]]:
    """Every worker that answered within `timeout`, with its pool and the documents it runs now."""
    inspect = broker.app.control.inspect(timeout=timeout)
    try:
        stats = inspect.stats() or {}
        active = inspect.active() or {}
    except broker_errors():
        stats, active = {}, {}
    seen = datetime.now(UTC).replace(microsecond=0).isoformat()
    workers = []
    for name in sorted(set(stats) | set(active)):
        info = stats.get(name, {})
        running = [str(t.get("args", ["?"])[0]) for t in active.get(name, [])]
        workers.append({"name": name, "host": name.partition("@")[2], "pid": info.get("pid"),
                        "processes": len((info.get("pool") or {}).get("processes") or []),
                        "active": running, "tasks_done": sum((info.get("total") or {}).values()),
                        "last_heartbeat": seen, "alive": True})
    return workers


def queue_status(cfg: Config, store: Store, timeout: float = 1.0) -> dict[str, Any]:
    """Pending tasks (broker), active ones (workers' answers), processing/failed documents (store)."""
    with Broker(cfg) as broker:
        pending = broker.pending()
        workers = _workers(broker, timeout)
    return {"broker": safe_url(cfg.broker_url), "queue": cfg.queue_name, "pending": pending,
            "active": sum(len(w["active"]) for w in workers), **_counts(store), "workers": workers}
