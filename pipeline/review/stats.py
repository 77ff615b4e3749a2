"""`review stats`: the queue by reason and age, decisions per clerk, and the automatic-filing rate by day."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.index.models import AuditEntry, Document, ReviewItem
from pipeline.index.store import Store, now
from pipeline.records import Status
from pipeline.review.queue import DecisionAction, ReviewReason, as_utc, main_reasons, open_items

AGE_BUCKETS: tuple[tuple[str, timedelta], ...] = (
    ("under 1 hour", timedelta(hours=1)),
    ("1 hour to 1 day", timedelta(days=1)),
    ("1 to 7 days", timedelta(days=7)),
    ("over 7 days", timedelta.max),
)
_DECIDED = (Status.filed.value, Status.review.value, Status.rejected.value)


@dataclass(frozen=True)
class DayRate:
    """One day's documents (by received date): how many were filed automatically, how many went to review."""

    day: date
    documents: int
    auto_filed: int
    reviewed: int

    @property
    def rate(self) -> float | None:
        """Share filed automatically, None on a day without documents."""
        return round(self.auto_filed / self.documents, 4) if self.documents else None


@dataclass(frozen=True)
class ReviewStats:
    """The queue now, what clerks decided, and how much docintake filed on its own."""

    open_items: int
    by_reason: dict[str, int]  # an item with two reasons counts under both
    by_age: dict[str, int]
    by_reason_age: dict[str, dict[str, int]]  # reason -> age bucket -> items
    oldest_seconds: int | None
    decisions: dict[str, dict[str, int]]  # clerk -> action -> count
    days: tuple[DayRate, ...]  # oldest first

    @property
    def auto_filed_rate(self) -> float | None:
        """Share of the period's documents filed automatically."""
        total = sum(d.documents for d in self.days)
        return round(sum(d.auto_filed for d in self.days) / total, 4) if total else None

    def as_json(self) -> dict[str, Any]:
        """The JSON object of `review stats --json`."""
        return {
            "queue": {"open": self.open_items, "by_reason": self.by_reason, "by_age": self.by_age,
                      "by_reason_and_age": self.by_reason_age, "oldest_seconds": self.oldest_seconds},
            "decisions": self.decisions,
            "auto_filing": {
                "rate": self.auto_filed_rate,
                "days": [{"day": d.day.isoformat(), "documents": d.documents, "auto_filed": d.auto_filed,
                          "reviewed": d.reviewed, "rate": d.rate} for d in self.days],
            },
        }


def age_bucket(age: timedelta) -> str:
    """The AGE_BUCKETS label an age falls in."""
    return next(label for label, limit in AGE_BUCKETS if age < limit)


@dataclass(frozen=True)
class _Queue:
    count: int
    by_reason: dict[str, int]
    by_age: dict[str, int]
    by_reason_age: dict[str, dict[str, int]]
    oldest_seconds: int | None


def _queue(s: Session, at: datetime) -> _Queue:
    rows = open_items(s)
    buckets = [label for label, _ in AGE_BUCKETS]
    matrix = {r.value: dict.fromkeys(buckets, 0) for r in ReviewReason}
    ages: Counter[str] = Counter(dict.fromkeys(buckets, 0))
    oldest: timedelta | None = None
    for item, doc in rows:
        age = at - (as_utc(doc.received_at) or at)
        bucket = age_bucket(age)
        ages[bucket] += 1
        for reason in main_reasons(json.loads(item.reasons or "[]")):
            matrix[reason][bucket] += 1
        oldest = age if oldest is None or age > oldest else oldest
    return _Queue(len(rows), {r: sum(m.values()) for r, m in matrix.items()}, dict(ages), matrix,
                  int(oldest.total_seconds()) if oldest is not None else None)


def _decisions(s: Session) -> dict[str, dict[str, int]]:
    actions = [a.value for a in DecisionAction]
    q = (select(AuditEntry.user, AuditEntry.action, func.count())
         .where(AuditEntry.action.in_(actions)).group_by(AuditEntry.user, AuditEntry.action))
    out: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(actions, 0))
    for user, action, count in s.execute(q):
        out[user][action] = count
    return dict(sorted(out.items()))


def _days(s: Session, at: datetime, days: int) -> tuple[DayRate, ...]:
    first = (at - timedelta(days=days - 1)).date()
    start = datetime(first.year, first.month, first.day, tzinfo=at.tzinfo)
    q = (select(Document.received_at, Document.status, ReviewItem.document_id)
         .outerjoin(ReviewItem, ReviewItem.document_id == Document.id)
         .where(Document.received_at >= start, Document.status.in_(_DECIDED)))
    counts: dict[date, list[int]] = {first + timedelta(days=i): [0, 0, 0] for i in range(days)}
    for received, status, item_id in s.execute(q):
        row = counts.get((as_utc(received) or at).date())
        if row is None:
            continue
        row[0] += 1
        row[1] += int(status == Status.filed.value and item_id is None)
        row[2] += int(item_id is not None)
    return tuple(DayRate(day, *row) for day, row in sorted(counts.items()))


def review_stats(store: Store, days: int = 14, at: datetime | None = None) -> ReviewStats:
    """Queue size by reason and age, decisions per clerk (all time), auto-filing rate for the last `days` days."""
    at = at or now()
    with store.db.session() as s:
        q = _queue(s, at)
        return ReviewStats(q.count, q.by_reason, q.by_age, q.by_reason_age, q.oldest_seconds, _decisions(s),
                           _days(s, at, max(days, 1)))
