"""The outbox: deliveries recorded in the filing transaction, taken in filing order, each answer recorded.

Rules that make "once per destination and version" hold:
- a filing adds one `send` row per destination in the same transaction that files the document, so a
  crash can never leave a filed document without its deliveries, nor deliveries of an unfiled one;
- a later version supersedes an earlier `send` that never left, and withdraws (`cancel`) one that did;
- a row is claimed (`sending`) in its own committed transaction before the message leaves, and marked
  `sent` only after the destination's answer. A crash in between leaves it `sending`: after
  `stale_after` it is sent again, at most once more per crash, and `resent` counts it (MLLP cannot tell
  "not received" from "ACK lost"; the receiver de-duplicates on MSH-10 / the FHIR identifier).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Table, insert, select, update
from sqlalchemy.orm import Session

from pipeline.config import Config
from pipeline.export.models import OutboxAction, OutboxEntry, OutboxStatus
from pipeline.records import Status

log = logging.getLogger(__name__)

OUTBOX = cast(Table, OutboxEntry.__table__)
MAX_BACKOFF = timedelta(hours=1)

Executor = Session | Connection


def now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Filing:
    """A document's state as the outbox needs it."""

    document_id: str
    version: int
    status: str
    patient_mrn: str | None
    doc_type: str | None

    @classmethod
    def of(cls, doc: Any) -> Filing:
        """From a Document row (or anything with its fields)."""
        return cls(doc.id, doc.version or 1, doc.status, doc.patient_mrn, doc.doc_type)


def _rows(ex: Executor, doc_id: str, destination: str) -> list[Any]:
    q = (select(OUTBOX).where(OUTBOX.c.document_id == doc_id, OUTBOX.c.destination == destination)
         .order_by(OUTBOX.c.id))
    return list(ex.execute(q).mappings())


def _set(ex: Executor, row_id: int, **values: Any) -> None:
    ex.execute(update(OUTBOX).where(OUTBOX.c.id == row_id).values(**values))


def _add(ex: Executor, filing: Filing, destination: str, action: OutboxAction, number: str, mrn: str,
         doc_type: str, version: int) -> None:
    at = now()
    ex.execute(insert(OUTBOX).values(
        document_id=filing.document_id, doc_version=version, destination=destination, action=action.value,
        document_number=number, patient_mrn=mrn, doc_type=doc_type, status=OutboxStatus.pending.value,
        attempts=0, handed_over=0, created_at=at, next_attempt_at=at, resent=0))


def _may_have_left(row: Any) -> bool:
    """True when the EHR may hold this send: it was sent, is being sent, or an attempt may have arrived."""
    return row["status"] in (OutboxStatus.sending.value, OutboxStatus.sent.value) or bool(row["handed_over"])


def _withdraw(ex: Executor, filing: Filing, destination: str, rows: list[Any]) -> None:
    """Stop sends still waiting, and queue a cancel for every send that may have reached the EHR."""
    cancelled = {r["doc_version"] for r in rows if r["action"] == OutboxAction.cancel.value}
    for r in rows:
        if r["action"] != OutboxAction.send.value or r["status"] == OutboxStatus.superseded.value:
            continue
        if r["status"] == OutboxStatus.failed.value and r["handed_over"] <= 1:
            continue  # refused the only time it arrived: the EHR never took it
        if r["status"] in (OutboxStatus.pending.value, OutboxStatus.failed.value):
            _set(ex, r["id"], status=OutboxStatus.superseded.value, last_error="replaced by a later version")
        if _may_have_left(r) and r["doc_version"] not in cancelled:
            _add(ex, filing, destination, OutboxAction.cancel, r["document_number"], r["patient_mrn"],
                 r["doc_type"], r["doc_version"])


def _number(filing: Filing, rows: list[Any]) -> str:
    """The docintake id, unless the EHR may already know a document by it (then '<id>-<version>')."""
    used = {r["document_number"] for r in rows if r["action"] == OutboxAction.send.value and _may_have_left(r)}
    return filing.document_id if filing.document_id not in used else f"{filing.document_id}-{filing.version}"


def record_change(ex: Executor, cfg: Config, filing: Filing) -> int:
    """Queue what the EHR needs after a document changed (in the caller's transaction); rows added.

    Filed: withdraw an earlier version that may have left, then send this one. Not filed (an undo, a
    rejection): withdraw whatever may have left.
    """
    added = 0
    for destination in cfg.export_to:
        rows = _rows(ex, filing.document_id, destination)
        if any(r["doc_version"] == filing.version and r["action"] == OutboxAction.send.value for r in rows):
            continue  # this version is queued already (a re-run)
        before = len(rows)
        _withdraw(ex, filing, destination, rows)
        if filing.status == Status.filed.value and filing.patient_mrn:
            number = _number(filing, rows)
            _add(ex, filing, destination, OutboxAction.send, number, filing.patient_mrn,
                 filing.doc_type or "other", filing.version)
        added += len(_rows(ex, filing.document_id, destination)) - before
    if added:
        log.info("document %s: %d delivery(ies) queued", filing.document_id, added)
    return added


# -- taking rows in order --------------------------------------------------------------------------------

def stale_after(cfg: Config) -> timedelta:
    """How long a row may stay `sending` before it is taken to be left by a process that stopped."""
    return timedelta(seconds=2 * cfg.export_timeout + 30)


def next_row(s: Session, destination: str, cfg: Config) -> OutboxEntry | None:
    """The oldest row of `destination` still to deliver (pending, or sending and abandoned)."""
    cutoff = now() - stale_after(cfg)
    q = (select(OutboxEntry).where(OutboxEntry.destination == destination,
                                   OutboxEntry.status.in_([OutboxStatus.pending.value, OutboxStatus.sending.value]))
         .order_by(OutboxEntry.id))
    for row in s.scalars(q.limit(50)):
        if row.status == OutboxStatus.pending.value:
            return row
        since = row.sending_since
        if since is not None and (since if since.tzinfo else since.replace(tzinfo=UTC)) <= cutoff:
            return row
        return None  # another process is sending this one now: keep the order, wait for it
    return None


def claim(s: Session, row: OutboxEntry) -> bool:
    """Mark the row `sending` if nobody changed it since it was read (committed by the caller)."""
    again = row.status == OutboxStatus.sending.value
    moved = s.execute(
        update(OutboxEntry).where(OutboxEntry.id == row.id, OutboxEntry.status == row.status,
                                  OutboxEntry.attempts == row.attempts)
        .values(status=OutboxStatus.sending.value, sending_since=now(), attempts=row.attempts + 1,
                resent=row.resent + (1 if again else 0),
                handed_over=row.handed_over + (1 if again else 0))  # the crashed attempt may have arrived
        .execution_options(synchronize_session=False))
    return getattr(moved, "rowcount", 0) == 1


def backoff(cfg: Config, attempts: int) -> timedelta:
    """The wait before attempt `attempts + 1`: export_retry_seconds doubling, at most an hour."""
    seconds = cfg.export_retry_seconds * (2 ** max(0, min(attempts - 1, 20)))
    return min(MAX_BACKOFF, timedelta(seconds=seconds))


def _arrived(handed_over: bool) -> Any:
    return OUTBOX.c.handed_over + (1 if handed_over else 0)


def mark_sent(s: Session, row_id: int) -> None:
    """The destination accepted the row."""
    _set(s, row_id, status=OutboxStatus.sent.value, sent_at=now(), sending_since=None, last_error=None,
         handed_over=_arrived(True))


def mark_failed(s: Session, row_id: int, detail: str, handed_over: bool = True) -> None:
    """The destination refused the row: it waits for `export retry`."""
    _set(s, row_id, status=OutboxStatus.failed.value, sending_since=None, last_error=detail,
         handed_over=_arrived(handed_over))


def mark_retry(s: Session, row_id: int, attempts: int, detail: str, cfg: Config, handed_over: bool) -> None:
    """The destination could not be reached (or did not answer): try again after the backoff."""
    _set(s, row_id, status=OutboxStatus.pending.value, sending_since=None, last_error=detail,
         next_attempt_at=now() + backoff(cfg, attempts), handed_over=_arrived(handed_over))


def requeue(s: Session, ids: Sequence[str] | None) -> int:
    """`export retry`: failed rows (of these documents, or all) back to pending, due now; how many."""
    q = update(OutboxEntry).where(OutboxEntry.status == OutboxStatus.failed.value)
    if ids is not None:
        q = q.where(OutboxEntry.document_id.in_(list(ids)))
    done = s.execute(q.values(status=OutboxStatus.pending.value, next_attempt_at=now())
                     .execution_options(synchronize_session=False))
    return int(getattr(done, "rowcount", 0) or 0)


def make_due(s: Session) -> None:
    """Pending rows waiting out a backoff become due now (`export run` asks to deliver now)."""
    s.execute(update(OutboxEntry).where(OutboxEntry.status == OutboxStatus.pending.value)
              .values(next_attempt_at=now()).execution_options(synchronize_session=False))


def backfill(s: Session, cfg: Config, ids: Sequence[str] | None = None) -> int:
    """Queue filed documents (these, or all) for destinations that do not have their current version yet
    (a destination added after they were filed); rows added."""
    from pipeline.index.models import Document

    q = select(Document).where(Document.status == Status.filed.value).order_by(Document.updated_at, Document.id)
    if ids is not None:
        q = q.where(Document.id.in_(list(ids)))
    return sum(record_change(s, cfg, Filing.of(doc)) for doc in s.scalars(q))
