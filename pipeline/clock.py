"""The clock, and stored times in UTC (a module of its own: `review list` needs them without the store)."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def as_utc(value: datetime | None) -> datetime | None:
    """A stored time in UTC: SQLite hands back naive UTC times, PostgreSQL aware ones in the session's zone."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
