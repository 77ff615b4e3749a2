"""The outbox table: one row per (document, version, destination, action) to deliver to an EHR."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pipeline.index.models import Base


class OutboxStatus(StrEnum):
    """Where one delivery stands."""

    pending = "pending"  # waiting for its turn (or for its next attempt after a retryable failure)
    sending = "sending"  # handed to the destination, no answer recorded yet (a crash leaves it here)
    sent = "sent"  # the destination accepted it (ACK AA, HTTP 2xx, file renamed into place)
    failed = "failed"  # the destination refused it (ACK AE/AR, HTTP 4xx): waits for `export retry`
    superseded = "superseded"  # never sent, and replaced by a later version before its turn came


class OutboxAction(StrEnum):
    """What a delivery tells the EHR."""

    send = "send"  # the document (MDM^T02, DocumentReference current)
    cancel = "cancel"  # withdraw a document sent before (MDM^T11, DocumentReference entered-in-error)


class OutboxEntry(Base):
    """One delivery of one document version to one destination; the id gives the filing order."""

    __tablename__ = "export_outbox"
    __table_args__ = (
        UniqueConstraint("document_id", "doc_version", "destination", "action", name="uq_export_outbox_delivery"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(32), index=True)
    doc_version: Mapped[int] = mapped_column(Integer)
    destination: Mapped[str] = mapped_column(String(512))
    action: Mapped[str] = mapped_column(String(16))
    # The number the EHR knows the document by (TXA-12, DocumentReference.identifier): the docintake id for
    # the first filing, "<id>-<version>" for a re-filing after a correction (the old one was withdrawn).
    document_number: Mapped[str] = mapped_column(String(48))
    patient_mrn: Mapped[str] = mapped_column(String(64))  # as filed in this version (a cancel needs the old one)
    doc_type: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Attempts whose message reached the receiver (sent, whatever the answer): a row with none never left,
    # so a correction can drop it instead of withdrawing it from the EHR.
    handed_over: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sending_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    resent: Mapped[int] = mapped_column(Integer, default=0)  # sent again after a crash left it `sending`
